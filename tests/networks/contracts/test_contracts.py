"""The network contract as its users meet it: created from a template, edited in versions with
a readable diff, protected against two editors at once, approved by the sponsor, its hours
approved by each participant's manager, and downloaded as PDF and DOCX."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.html import escape

from netvaerk.core.models import AuditEntry
from netvaerk.networks import services as network_services
from netvaerk.networks.contracts import services
from netvaerk.networks.contracts.models import Contract, ContractTemplate, ContractVersion
from netvaerk.networks.models import Network, NetworkType, Participation

from .helpers import CAMPUS, ELDERLY, contract, edit_data, network, participation, person, url, user

pytestmark = pytest.mark.django_db


# --- the demo ------------------------------------------------------------------------------------


def test_the_demo_has_a_contract_per_network_with_approvals_as_described(demo) -> None:
    assert Contract.objects.count() == Network.objects.count() == 6
    assert ContractTemplate.objects.count() == 3
    elderly = contract(ELDERLY)
    assert elderly.version == 2 and elderly.versions.count() == 2
    assert not elderly.is_approved
    assert contract(CAMPUS).is_approved
    assert Contract.objects.filter(network__kind=NetworkType.LEARNING).count() == 2
    assert all(c.is_approved for c in Contract.objects.filter(network__kind=NetworkType.LEARNING))
    waiting = [
        p for p in Participation.objects.filter(hours_per_week__gt=0) if not p.hours_approved
    ]
    assert waiting == [participation("medarbejder")]


# --- creation from the template ------------------------------------------------------------------


def _bare_network(**fields) -> Network:
    fields = {"title": "Nyt velfærdsnetværk", "kind": NetworkType.WELFARE, **fields}
    created = network_services.network_create(by=None, **fields)
    network_services.participation_add(
        network=created,
        person=person("netvaerksleder"),
        role=Participation.Role.LEADER,
        hours_per_week=3,
        by=None,
    )
    return created


def test_the_leader_creates_the_contract_from_the_template_of_the_network_type(
    client_as,
) -> None:
    new = _bare_network(purpose="Netværkets eget formål", problem="Netværkets eget problem")
    page = client_as("netvaerksleder").get(f"/netvaerk/{new.pk}/kontrakt/")
    assert b"/kontrakt/opret/" in page.content
    assert (
        b"/kontrakt/opret/"
        not in client_as("medarbejder").get(f"/netvaerk/{new.pk}/kontrakt/").content
    )

    response = client_as("netvaerksleder").post(f"/netvaerk/{new.pk}/kontrakt/opret/")
    assert response.status_code == 302
    made = Contract.objects.get(network=new)
    template = ContractTemplate.objects.get(kind=NetworkType.WELFARE)
    assert made.template == template
    assert made.meeting_rhythm == template.meeting_rhythm
    assert made.success_criteria == template.success_criteria
    # The demo templates leave purpose and problem open: the network's own text is used.
    assert made.purpose == "Netværkets eget formål"
    assert made.problem == "Netværkets eget problem"
    assert made.version == 1 and made.versions.get().number == 1
    # A double click creates no second contract.
    client_as("netvaerksleder").post(f"/netvaerk/{new.pk}/kontrakt/opret/")
    assert Contract.objects.filter(network=new).count() == 1


def test_the_template_s_own_purpose_wins_over_the_network_s(demo) -> None:
    template = ContractTemplate.objects.get(kind=NetworkType.WELFARE)
    services.contract_template_update(template=template, purpose="Skabelonens formål", by=None)
    made = services.contract_create(network=_bare_network(purpose="Eget"), by=None)
    assert made.purpose == "Skabelonens formål"


def test_the_secretariat_edits_a_template(client_as) -> None:
    template = ContractTemplate.objects.get(kind=NetworkType.LEARNING)
    path = f"/netvaerk/kontraktskabeloner/{template.pk}/"
    data = {"title": "Ny titel", "meeting_rhythm": "Hver 14. dag"}
    assert client_as("chef").post(path, data).status_code == 403
    assert client_as("konsulent").post(path, data).status_code == 302
    template.refresh_from_db()
    assert (template.title, template.meeting_rhythm, template.scope) == (
        "Ny titel",
        "Hver 14. dag",
        "",
    )
    bad = client_as("konsulent").post(path, {"title": "", "scope": "Beholdes"})
    assert bad.status_code == 400
    assert "Beholdes" in bad.content.decode()


# --- versions and the diff -----------------------------------------------------------------------


def test_every_saved_change_is_a_new_version_with_a_readable_diff(client_as) -> None:
    current = contract()
    leader = client_as("netvaerksleder")
    data = edit_data(
        current,
        budget="30.000 kr. til workshops",
        anchoring_owner=person("chef").email,
        **{
            "milepael-TOTAL_FORMS": "4",
            "milepael-3-title": "Slutseminar",
            "milepael-3-due_on": "2014-09-15",
        },
    )
    response = leader.post(url("contracts:edit"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    current.refresh_from_db()
    assert current.version == 3
    assert current.anchoring_owner == person("chef")
    assert network().milestones.filter(title="Slutseminar").exists()
    snapshot = ContractVersion.objects.get(contract=current, number=3).data
    assert snapshot["budget"] == "30.000 kr. til workshops"
    assert any(m["title"] == "Slutseminar" for m in snapshot["milestones"])
    assert any(p["name"] == person("medarbejder").name for p in snapshot["participants"])

    page = leader.get(url("contracts:version", ELDERLY, 3)).content.decode()
    assert "30.000 kr. til workshops" in page
    assert "Slutseminar" in page
    assert person("chef").name in page
    # Unchanged fields are not in the diff.
    assert escape(current.meeting_rhythm) not in page
    assert leader.get(url("contracts:version", ELDERLY, 9)).status_code == 404

    # Saving without a change makes no version.
    assert leader.post(url("contracts:edit"), edit_data(current)).status_code == 302
    current.refresh_from_db()
    assert current.version == 3


def test_a_long_text_s_diff_marks_what_was_removed_and_added(client_as) -> None:
    current = contract()
    words = " ".join(f"ord{n}" for n in range(40))
    client_as("direktor").post(url("contracts:edit"), edit_data(current, scope=words))
    current.refresh_from_db()
    changed = words.replace("ord20", "nytord")
    client_as("direktor").post(url("contracts:edit"), edit_data(current, scope=changed))
    page = client_as("direktor").get(url("contracts:version", ELDERLY, 4)).content.decode()
    assert "<del>" in page and "ord20" in page
    assert "<ins>" in page and "nytord" in page


def test_bad_input_is_refused_with_400_and_keeps_what_was_typed(client_as) -> None:
    current = contract()
    data = edit_data(
        current,
        purpose="Mit nye formål",
        starts_on="2014-05-01",
        ends_on="2014-01-01",
        anchoring_owner="ingen@findes.ikke",
        **{"milepael-0-due_on": ""},
    )
    response = client_as("netvaerksleder").post(url("contracts:edit"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mit nye formål" in page
    assert "ingen@findes.ikke" in page
    current.refresh_from_db()
    assert current.version == 2


# --- two editors at once ------------------------------------------------------------------------


def test_a_save_from_an_older_version_is_refused_with_409_showing_both_texts(client_as) -> None:
    loaded = contract()
    first = edit_data(loaded, purpose="Formål skrevet af lederen")
    second = edit_data(loaded, purpose="Formål skrevet af konsulenten", budget="Mit budget")
    assert client_as("netvaerksleder").post(url("contracts:edit"), first).status_code == 302

    response = client_as("konsulent").post(url("contracts:edit"), second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Formål skrevet af lederen" in page  # what the other person changed
    assert "Formål skrevet af konsulenten" in page  # what this user typed, kept
    assert "Mit budget" in page
    assert contract().purpose == "Formål skrevet af lederen"
    # Saving again from the page (it now carries the latest version) replaces the text.
    again = {**second, "version": str(contract().version)}
    assert client_as("konsulent").post(url("contracts:edit"), again).status_code == 302
    assert contract().purpose == "Formål skrevet af konsulenten"


def test_the_service_refuses_a_stale_version(demo) -> None:
    current = contract()
    with pytest.raises(services.StaleContract):
        services.contract_update(contract=current, version=1, purpose="x", by=user("direktor"))


# --- the sponsor's approval ----------------------------------------------------------------------


def test_only_the_sponsor_approves_and_a_later_change_reopens_approval(client_as) -> None:
    current = contract()
    for role in ("netvaerksleder", "direktor", "leder"):
        response = client_as(role).post(url("contracts:approve"), {"version": current.version})
        assert response.status_code == 403, role
    with pytest.raises(PermissionDenied):
        services.contract_approve(contract=current, version=2, by=user("netvaerksleder"))

    response = client_as("chef").post(url("contracts:approve"), {"version": current.version})
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.is_approved
    assert current.approved_version == 2 and current.approved_by == person("chef")
    assert current.approved_at is not None
    assert b"Approve version" not in client_as("chef").get(url("contracts:detail")).content

    client_as("netvaerksleder").post(
        url("contracts:edit"), edit_data(current, meeting_rhythm="Hver mandag kl. 9")
    )
    current.refresh_from_db()
    assert not current.is_approved
    page = client_as("chef").get(url("contracts:detail")).content.decode()
    assert "Hver mandag kl. 9" in page  # what changed since the approved version
    assert "Godkend version 3" in page


def test_approving_a_version_the_sponsor_has_not_seen_is_refused(client_as) -> None:
    current = contract()
    client_as("netvaerksleder").post(url("contracts:edit"), edit_data(current, scope="Nyt"))
    client_as("chef").post(url("contracts:approve"), {"version": "2"})
    assert not contract().is_approved


def test_the_phase_gate_opens_when_the_contract_is_approved(demo) -> None:
    elderly = network()
    with pytest.raises(Exception):  # noqa: B017 - the gate's ValidationError
        network_services.network_move_phase(network=elderly, target="opstart", by=None)
    services.contract_approve(contract=contract(), version=2, by=user("chef"))
    moved = network_services.network_move_phase(network=network(), target="opstart", by=None)
    assert moved.phase == "opstart"


# --- hours ---------------------------------------------------------------------------------------


def test_the_participant_s_manager_approves_their_hours_and_no_one_else(client_as) -> None:
    hours = participation("medarbejder")
    path = f"/godkendelser/timer/{hours.pk}/"
    for role in ("chef", "netvaerksleder", "direktor", "medarbejder"):
        assert client_as(role).post(path, {"hours": "2.0"}).status_code == 403, role
    assert client_as("leder").post(path, {"hours": "2.0"}).status_code == 302
    hours.refresh_from_db()
    assert hours.hours_approved
    assert hours.approved_by == person("leder")
    assert hours.approved_hours == Decimal("2.0")
    assert AuditEntry.objects.filter(
        action="contracts.participation.approve_hours",
        subject=person("medarbejder"),
        actor=user("leder"),
    ).exists()


def test_changed_hours_need_a_new_approval(client_as) -> None:
    hours = participation("medarbejder")
    services.participation_approve_hours(participation=hours, by=user("leder"))
    network_services.participation_update(participation=hours, hours_per_week=4, by=None)
    hours.refresh_from_db()
    assert not hours.hours_approved
    assert "4,0 timer om ugen" in client_as("leder").get("/").content.decode()


def test_hours_that_changed_after_the_manager_saw_them_are_not_approved(client_as) -> None:
    hours = participation("medarbejder")
    network_services.participation_update(participation=hours, hours_per_week=5, by=None)
    client_as("leder").post(f"/godkendelser/timer/{hours.pk}/", {"hours": "2.0"})
    hours.refresh_from_db()
    assert not hours.hours_approved


# --- what waits on the overview page -------------------------------------------------------------


def test_the_overview_lists_what_waits_for_the_signed_in_person(client_as) -> None:
    chef = client_as("chef").get("/").content.decode()
    assert "Venter på din godkendelse" in chef
    assert f"/netvaerk/{network().pk}/kontrakt/godkend/" in chef
    leder = client_as("leder").get("/").content.decode()
    assert f"/godkendelser/timer/{participation('medarbejder').pk}/" in leder
    assert "/kontrakt/godkend/" not in leder
    assert "Venter på din godkendelse" not in client_as("medarbejder").get("/").content.decode()

    # Approving from the overview goes back to it, and the item is gone.
    response = client_as("chef").post(url("contracts:approve"), {"version": "2", "next": "/"})
    assert response["Location"] == "/"
    assert "/kontrakt/godkend/" not in client_as("chef").get("/").content.decode()


def test_a_foreign_next_address_is_not_followed(client_as) -> None:
    response = client_as("chef").post(
        url("contracts:approve"), {"version": "2", "next": "https://evil.example/"}
    )
    assert response["Location"] == url("contracts:detail")


def test_the_overview_caps_the_list_and_links_to_all_approvals(client_as) -> None:
    medarbejder = person("medarbejder")
    for n in range(7):
        extra = _bare_network(title=f"Ekstra {n}")
        network_services.participation_add(
            network=extra, person=medarbejder, hours_per_week=1, by=None
        )
    page = client_as("leder").get("/").content.decode()
    assert page.count("/godkendelser/timer/") == 5
    assert 'href="/godkendelser/"' in page
    full = client_as("leder").get("/godkendelser/").content.decode()
    assert full.count("/godkendelser/timer/") == 8


# --- downloads -----------------------------------------------------------------------------------


def test_the_contract_downloads_as_pdf_and_docx(client_as) -> None:
    from docx import Document

    client = client_as("medarbejder")
    pdf = client.get(url("contracts:detail") + "?format=pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content.startswith(b"%PDF")

    docx = client.get(url("contracts:detail") + "?format=docx")
    assert docx.status_code == 200
    assert docx["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ELDERLY in text
    assert "Opstartsworkshop" in text
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert person("medarbejder").name in cells


def test_any_other_format_is_a_400(client_as) -> None:
    client = client_as("medarbejder")
    for fmt in ("html", "", "PDF", "../etc"):
        assert client.get(url("contracts:detail"), {"format": fmt}).status_code == 400
    assert client_as("politiker").get(url("contracts:detail") + "?format=pdf").status_code == 404


# --- hostile input ------------------------------------------------------------------------------


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>\x07'


def test_hostile_text_is_escaped_on_every_page_and_in_the_documents(client_as) -> None:
    from docx import Document

    current = contract()
    data = edit_data(current, purpose=HOSTILE, **{"milepael-0-title": HOSTILE[:190]})
    data["purpose"] = HOSTILE.replace("\x07", "")
    assert client_as("direktor").post(url("contracts:edit"), data).status_code == 302
    services.contract_update(
        contract=contract(), version=contract().version, scope=HOSTILE, by=None
    )
    for path in (url("contracts:detail"), url("contracts:version", ELDERLY, 3), "/"):
        page = client_as("chef").get(path).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, path
    assert "&lt;script&gt;" in client_as("chef").get(url("contracts:detail")).content.decode()
    pdf = client_as("chef").get(url("contracts:detail") + "?format=pdf")
    assert pdf.content.startswith(b"%PDF")
    docx = client_as("chef").get(url("contracts:detail") + "?format=docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "<script>" in text  # kept as plain text, without the control character
    assert "\x07" not in text


def test_a_milestone_is_removed_with_its_delete_box(client_as) -> None:
    current = contract()
    first = network().milestones.order_by("due_on").first()
    assert first is not None
    data = edit_data(current, **{"milepael-0-DELETE": "on"})
    assert client_as("netvaerksleder").post(url("contracts:edit"), data).status_code == 302
    assert not network().milestones.filter(pk=first.pk).exists()
    page = client_as("netvaerksleder").get(url("contracts:version", ELDERLY, 3)).content.decode()
    assert "<del>" in page and first.title in page
