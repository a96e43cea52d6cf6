"""Networks: who sees which, the list's filters and columns, editing, phase gates,
participants, composition and guest invitations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netvaerk.core.models import AuditEntry, User
from netvaerk.networks import services
from netvaerk.networks.models import (
    Invitation,
    Milestone,
    Network,
    NetworkType,
    Participation,
    Phase,
)
from netvaerk.organisation.models import Person, Unit

ELDERLY = "Sammenhængende forløb for ældre efter udskrivning"
YOUNG = "Unge på vej mod uddannelse og job"
CAMPUS = "Campus Albertslund"
PROCESS = "Læringsnetværk om procesledelse"

pytestmark = pytest.mark.django_db


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def user(username: str) -> User:
    return User.objects.get(username=username)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def titles(response) -> set[str]:
    return {n.title for n in response.context["networks"]}


# --- who sees what ---------------------------------------------------------------------------


def test_an_employee_sees_every_public_network_but_not_a_private_one(client_as) -> None:
    response = client_as("medarbejder").get("/netvaerk/")
    assert response.status_code == 200
    assert ELDERLY in titles(response) and CAMPUS in titles(response)
    assert YOUNG not in titles(response)
    assert client_as("medarbejder").get(f"/netvaerk/{network(YOUNG).pk}/").status_code == 404


def test_the_secretariat_and_the_participants_see_a_private_network(client_as) -> None:
    young = network(YOUNG)
    assert client_as("konsulent").get(young.get_absolute_url()).status_code == 200
    services.participation_add(network=young, person=person("leder"), by=None)
    assert client_as("leder").get(young.get_absolute_url()).status_code == 200
    assert YOUNG in titles(client_as("leder").get("/netvaerk/"))


def test_a_guest_sees_only_the_network_they_were_invited_into(client_as) -> None:
    guest = client_as("borger")
    assert titles(guest.get("/netvaerk/")) == {ELDERLY}
    assert guest.get(network(ELDERLY).get_absolute_url()).status_code == 200
    assert guest.get(network(CAMPUS).get_absolute_url()).status_code == 404


def test_a_politician_sees_only_their_committees_networks_read_only(client_as) -> None:
    politician = client_as("politiker")
    assert titles(politician.get("/netvaerk/")) == {CAMPUS}
    campus = network(CAMPUS)
    assert politician.get(campus.get_absolute_url()).status_code == 200
    assert politician.get(f"/netvaerk/{campus.pk}/rediger/").status_code == 403
    assert politician.post(f"/netvaerk/{campus.pk}/fase/", {"target": "closed"}).status_code == 403
    assert politician.get(network(ELDERLY).get_absolute_url()).status_code == 404


# --- the list ------------------------------------------------------------------------------------


def test_the_list_shows_leader_sponsor_participants_units_and_next_milestone(client_as) -> None:
    elderly = network(ELDERLY)
    Milestone.objects.create(
        network=elderly,
        title="Første afprøvning",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    Milestone.objects.create(
        network=elderly, title="Overstået", due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    response = client_as("medarbejder").get("/netvaerk/?kind=welfare")
    row = next(n for n in response.context["networks"] if n.title == ELDERLY)
    assert row.leader_name == "Lars Dahl"
    assert row.sponsor_name == "Karin Holm"
    assert row.participant_count == elderly.participations.filter(left_on=None).count() == 7
    assert row.unit_count == 4  # training, the centre, home care, building; the guest has none
    assert row.next_milestone == "Første afprøvning"
    assert "Første afprøvning" in response.content.decode()


def test_filters_by_type_phase_area_unit_and_mine(client_as) -> None:
    client = client_as("medarbejder")
    assert titles(client.get("/netvaerk/?kind=learning")) == {
        PROCESS,
        "Læringsnetværk om projektledelse",
    }
    assert CAMPUS in titles(client.get("/netvaerk/?phase=design"))
    assert ELDERLY not in titles(client.get("/netvaerk/?phase=design"))
    only_area_one = services.network_create(title="Kun område 1", kind="learning", by=None)
    services.participation_add(
        network=only_area_one, person=person("leder"), role="leader", by=None
    )
    area_one = Unit.objects.get(external_id="demo-a1")  # Borger og Velfærd
    area_two = Unit.objects.get(external_id="demo-a2")  # By og Fællesskab
    assert "Kun område 1" in titles(client.get(f"/netvaerk/?area={area_one.pk}"))
    by_area_two = titles(client.get(f"/netvaerk/?area={area_two.pk}"))
    assert CAMPUS in by_area_two and ELDERLY in by_area_two  # Kasper Holt works in Byggesag
    assert "Kun område 1" not in by_area_two
    centre = Unit.objects.get(external_id="demo-c-born")
    assert "Tidlig indsats for familier med små børn" in titles(
        client.get(f"/netvaerk/?unit={centre.pk}")
    )
    assert titles(client.get("/netvaerk/?mine=on")) == {ELDERLY}


@pytest.mark.parametrize("query", ["kind=bogus", "phase=x", "area=99999", "unit=abc"])
def test_bad_filters_are_400(client_as, query: str) -> None:
    assert client_as("medarbejder").get(f"/netvaerk/?{query}").status_code == 400


def test_a_bad_page_number_is_404(client_as) -> None:
    assert client_as("medarbejder").get("/netvaerk/?side=99").status_code == 404


# --- editing and type rules ---------------------------------------------------------------------


def _edit_data(target: Network, **changes: object) -> dict[str, object]:
    data = {
        "title": target.title,
        "kind": target.kind,
        "purpose": target.purpose,
        "problem": target.problem,
        "citizen_service": target.citizen_service,
        "political_vision": target.political_vision,
        "committee": target.committee_id or "",
        "test_plan": target.test_plan,
        "evaluation_result": target.evaluation_result,
        "closing_summary": target.closing_summary,
        "version": target.version,
    }
    if target.is_private:
        data["is_private"] = "on"
    data.update(changes)
    return data


def test_a_welfare_network_must_name_its_citizen_service(client_as) -> None:
    elderly = network(ELDERLY)
    response = client_as("netvaerksleder").post(
        f"/netvaerk/{elderly.pk}/rediger/", _edit_data(elderly, citizen_service="  ")
    )
    assert response.status_code == 400
    assert "borgerrettede" in response.content.decode() or "citizen" in response.content.decode()
    assert network(ELDERLY).citizen_service == elderly.citizen_service


def test_an_innovation_network_must_name_its_political_vision(client_as) -> None:
    campus = network(CAMPUS)
    response = client_as("konsulent").post(
        f"/netvaerk/{campus.pk}/rediger/", _edit_data(campus, political_vision="")
    )
    assert response.status_code == 400
    assert network(CAMPUS).political_vision


def test_the_leader_edits_and_the_change_is_audited(client_as) -> None:
    elderly = network(ELDERLY)
    response = client_as("netvaerksleder").post(
        f"/netvaerk/{elderly.pk}/rediger/", _edit_data(elderly, test_plan="Afprøv i to distrikter.")
    )
    assert response.status_code == 302
    assert network(ELDERLY).test_plan == "Afprøv i to distrikter."
    entry = AuditEntry.objects.filter(action="networks.network.update").latest("created_at")
    assert entry.changes["test_plan"] == ["", "Afprøv i to distrikter."]


def test_two_editors_at_once_the_second_is_refused_and_keeps_their_text(client_as) -> None:
    elderly = network(ELDERLY)
    first = _edit_data(elderly, purpose="Den første tekst")
    second = _edit_data(elderly, purpose="Den anden tekst")
    assert (
        client_as("netvaerksleder").post(f"/netvaerk/{elderly.pk}/rediger/", first).status_code
        == 302
    )
    response = client_as("chef").post(f"/netvaerk/{elderly.pk}/rediger/", second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Den første tekst" in page and "Den anden tekst" in page
    assert network(ELDERLY).purpose == "Den første tekst"


def test_an_employee_who_does_not_run_the_network_may_not_edit(client_as) -> None:
    elderly = network(ELDERLY)
    response = client_as("medarbejder").post(
        f"/netvaerk/{elderly.pk}/rediger/", _edit_data(elderly)
    )
    assert response.status_code == 403


# --- phase gates ---------------------------------------------------------------------------------


def _approve_contract(target: Network) -> None:
    from netvaerk.networks.contracts.models import Contract

    Contract.objects.update_or_create(
        network=target, defaults={"version": 1, "approved_version": 1}
    )


def test_startup_needs_an_approved_contract(client_as) -> None:
    elderly = network(ELDERLY)
    from netvaerk.networks.contracts.models import Contract

    Contract.objects.update_or_create(
        network=elderly, defaults={"version": 2, "approved_version": 1}
    )
    leader = client_as("netvaerksleder")
    page = leader.get(elderly.get_absolute_url()).content.decode()
    assert "godkendt kontrakt" in page or "approved contract" in page
    response = leader.post(f"/netvaerk/{elderly.pk}/fase/", {"target": Phase.STARTUP})
    assert response.status_code == 400
    assert network(ELDERLY).phase == Phase.INTRO
    _approve_contract(elderly)
    assert (
        leader.post(f"/netvaerk/{elderly.pk}/fase/", {"target": Phase.STARTUP}).status_code == 302
    )
    assert network(ELDERLY).phase == Phase.STARTUP
    assert AuditEntry.objects.filter(action="networks.network.move_phase").exists()


def test_each_gate_checks_its_own_precondition(demo) -> None:
    from netvaerk.networks.contracts.models import Contract
    from netvaerk.networks.meetings.models import Meeting

    target = network(ELDERLY)
    Meeting.objects.filter(network=target).delete()  # the demo's start-up workshop
    _approve_contract(target)
    services.network_move_phase(network=target, target=Phase.STARTUP, by=None)
    with pytest.raises(ValidationError):
        services.network_move_phase(network=target, target=Phase.DESIGN, by=None)
    start = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.create(
        network=target, kind="kickoff", title="Opstart", starts_at=start, ends_at=start
    )
    services.network_move_phase(network=target, target=Phase.DESIGN, by=None)
    with pytest.raises(ValidationError):
        services.network_move_phase(network=target, target=Phase.TESTING, by=None)
    Network.objects.filter(pk=target.pk).update(test_plan="Plan")
    services.network_move_phase(network=target, target=Phase.TESTING, by=None)
    Network.objects.filter(pk=target.pk).update(evaluation_result="Færre genindlæggelser")
    with pytest.raises(ValidationError):  # no anchoring owner yet
        services.network_move_phase(network=target, target=Phase.ANCHORING, by=None)
    Contract.objects.filter(network=target).update(anchoring_owner=person("chef"))
    services.network_move_phase(network=target, target=Phase.ANCHORING, by=None)
    with pytest.raises(ValidationError):
        services.network_move_phase(network=target, target=Phase.CLOSED, by=None)
    Network.objects.filter(pk=target.pk).update(closing_summary="Forankret i hjemmeplejen.")
    assert services.network_move_phase(network=target, target=Phase.CLOSED, by=None).phase == (
        Phase.CLOSED
    )


def test_skipping_a_phase_is_refused(client_as) -> None:
    elderly = network(ELDERLY)
    _approve_contract(elderly)
    response = client_as("netvaerksleder").post(
        f"/netvaerk/{elderly.pk}/fase/", {"target": Phase.TESTING}
    )
    assert response.status_code == 400
    assert network(ELDERLY).phase == Phase.INTRO


def test_a_network_can_close_early_with_a_summary(client_as) -> None:
    families = network("Tidlig indsats for familier med små børn")
    Network.objects.filter(pk=families.pk).update(closing_summary="Lagt sammen med et andet net.")
    response = client_as("direktor").post(
        f"/netvaerk/{families.pk}/fase/", {"target": Phase.CLOSED}
    )
    assert response.status_code == 302
    assert network(families.title).phase == Phase.CLOSED


def test_a_participant_may_not_move_the_phase(client_as) -> None:
    elderly = network(ELDERLY)
    _approve_contract(elderly)
    response = client_as("medarbejder").post(f"/netvaerk/{elderly.pk}/fase/", {"target": "opstart"})
    assert response.status_code == 403
    assert network(ELDERLY).phase == Phase.INTRO


# --- participants --------------------------------------------------------------------------------


def test_add_a_participant_from_another_area_by_e_mail(client_as) -> None:
    elderly = network(ELDERLY)
    newcomer = Person.objects.get(external_id="demo-p23")  # a librarian, the other area
    response = client_as("netvaerksleder").post(
        f"/netvaerk/{elderly.pk}/deltagere/",
        {
            "email": "",
            "person": newcomer.email,
            "role": "participant",
            "kind": "core",
            "hours_per_week": "1.5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    participation = Participation.objects.get(network=elderly, person=newcomer)
    assert participation.hours_per_week == Decimal("1.5")
    assert not participation.hours_approved


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"person": "ingen@demo.invalid"}, "person"),
        ({"hours_per_week": "40"}, "hours_per_week"),
        ({"person": "medarbejder@demo.invalid"}, "person"),  # takes part already
        ({"kind": "phase", "phases": ""}, "phases"),
    ],
)
def test_bad_participants_are_refused_with_a_message(client_as, data, field) -> None:
    elderly = network(ELDERLY)
    newcomer = Person.objects.get(external_id="demo-p23")
    post = {"person": newcomer.email, "role": "participant", "kind": "core", "hours_per_week": "1"}
    post.update(data)
    before = Participation.objects.count()
    response = client_as("netvaerksleder").post(f"/netvaerk/{elderly.pk}/deltagere/", post)
    assert response.status_code == 400
    assert (
        response.context["add_form"].errors.get(field)
        or response.context["add_form"].non_field_errors()
    )
    assert Participation.objects.count() == before


def test_learning_participants_state_how_they_will_apply_the_learning(client_as) -> None:
    process = network(PROCESS)
    newcomer = Person.objects.get(external_id="demo-p23")
    post = {"person": newcomer.email, "role": "participant", "kind": "core", "hours_per_week": "2"}
    response = client_as("konsulent").post(f"/netvaerk/{process.pk}/deltagere/", post)
    assert response.status_code == 400
    post["application_plan"] = "Bruger det i bibliotekets projekter."
    assert (
        client_as("konsulent").post(f"/netvaerk/{process.pk}/deltagere/", post).status_code == 302
    )


def test_changing_hours_reopens_their_approval(client_as) -> None:
    participation = Participation.objects.get(
        network__title=ELDERLY, person__user__username="medarbejder"
    )
    Participation.objects.filter(pk=participation.pk).update(
        approved_hours=participation.hours_per_week, approved_by=person("leder")
    )
    participation.refresh_from_db()
    assert participation.hours_approved
    services.participation_update(participation=participation, hours_per_week=Decimal("3"), by=None)
    participation.refresh_from_db()
    assert not participation.hours_approved


def test_a_participant_leaves_and_no_longer_counts(client_as) -> None:
    participation = Participation.objects.get(
        network__title=ELDERLY, person__user__username="medarbejder"
    )
    response = client_as("netvaerksleder").post(
        f"/netvaerk/{participation.network_id}/deltagere/{participation.pk}/", {"action": "end"}
    )
    assert response.status_code == 302
    assert ELDERLY not in titles(client_as("medarbejder").get("/netvaerk/?mine=on"))


def test_composition_warns_when_the_network_sits_in_one_silo(client_as) -> None:
    families = network("Tidlig indsats for familier med små børn")
    page = client_as("medarbejder").get(f"/netvaerk/{families.pk}/sammensaetning/")
    assert "samme direktørområde" not in page.content.decode()  # the library is in area 2
    Participation.objects.filter(network=families, person__external_id="demo-p23").delete()
    page = client_as("medarbejder").get(f"/netvaerk/{families.pk}/sammensaetning/")
    assert page.context["composition"].in_one_silo
    assert "samme direktørområde" in page.content.decode()


# --- guests ------------------------------------------------------------------------------------


def test_an_invited_guest_makes_an_account_and_sees_only_that_network(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    elderly = network(ELDERLY)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("netvaerksleder").post(
            f"/netvaerk/{elderly.pk}/deltagere/",
            {"action": "invite", "name": "Else Borger", "email": "else@example.org"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="else@example.org")
    sent = [m for m in mail.outbox if m.to == ["else@example.org"]]
    assert len(sent) == 1 and invitation.token in sent[0].body
    guest = client_as("anonymous")
    page = guest.get(invitation.get_absolute_url())
    assert page.status_code == 200
    response = guest.post(
        invitation.get_absolute_url(),
        {
            "username": "else",
            "password": "en-lang-sikker-kode-42",
            "password_again": "en-lang-sikker-kode-42",
        },
    )
    assert response.status_code == 302
    assert guest.get("/netvaerk/").context["networks"].paginator.count == 1
    assert guest.get(network(CAMPUS).get_absolute_url()).status_code == 404
    assert guest.get("/organisation/").status_code == 403
    assert Participation.objects.get(network=elderly, person__name="Else Borger").role == "guest"
    # The link works once.
    assert client_as("anonymous").get(invitation.get_absolute_url()).status_code == 410


def test_an_expired_invitation_cannot_be_used(client_as) -> None:
    invitation = Invitation.objects.filter(accepted_at=None).first()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    response = client_as("anonymous").post(
        invitation.get_absolute_url(),
        {
            "username": "jens",
            "password": "en-lang-sikker-kode-42",
            "password_again": "en-lang-sikker-kode-42",
        },
    )
    assert response.status_code == 410
    assert not User.objects.filter(username="jens").exists()


def test_a_taken_user_name_or_weak_password_is_a_400(client_as) -> None:
    invitation = Invitation.objects.filter(accepted_at=None).first()
    url = invitation.get_absolute_url()
    taken = {
        "username": "medarbejder",
        "password": "en-lang-sikker-kode-42",
        "password_again": "en-lang-sikker-kode-42",
    }
    assert client_as("anonymous").post(url, taken).status_code == 400
    weak = {"username": "jens", "password": "123", "password_again": "123"}
    assert client_as("anonymous").post(url, weak).status_code == 400
    assert client_as("anonymous").get("/invitation/findes-ikke/").status_code == 404


def test_hostile_text_is_shown_escaped(client_as) -> None:
    elderly = network(ELDERLY)
    Network.objects.filter(pk=elderly.pk).update(purpose="<script>alert(1)</script>")
    page = client_as("medarbejder").get(elderly.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- query counts --------------------------------------------------------------------------------


def _grow(count: int) -> None:
    people = list(Person.objects.filter(kind=Person.Kind.EMPLOYEE)[:20])
    for n in range(count):
        extra = Network.objects.create(title=f"Vækst {n}", kind=NetworkType.WELFARE)
        Participation.objects.bulk_create(
            [Participation(network=extra, person=p, role="participant") for p in people]
        )
        Milestone.objects.create(network=extra, title="M", due_on=timezone.localdate())
    elderly = network(ELDERLY)
    Participation.objects.bulk_create(
        [Participation(network=elderly, person=p) for p in people], ignore_conflicts=True
    )


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_network_pages_make_as_many_queries_with_more_data(client_as) -> None:
    client = client_as("medarbejder")
    elderly = network(ELDERLY)
    paths = [
        "/netvaerk/",
        "/netvaerk/?mine=on&kind=welfare",
        elderly.get_absolute_url(),
        f"/netvaerk/{elderly.pk}/deltagere/",
        f"/netvaerk/{elderly.pk}/sammensaetning/",
    ]
    before = {path: _queries(client, path) for path in paths}
    _grow(30)
    after = {path: _queries(client, path) for path in paths}
    assert before == after
