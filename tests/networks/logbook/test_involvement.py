"""The involvement log: adding, editing, deleting, the summary, validation and hostile text."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.networks.logbook import selectors, services
from netvaerk.networks.logbook.models import Involvement

from .helpers import ELDERLY, danish, involvement_post, network, person


def _url(name: str = "logbook:involvement", *args: int) -> str:
    return reverse(name, args=[network(ELDERLY).pk, *args])


def test_a_participant_adds_an_entry_that_shows_in_the_table_and_summary(client_as) -> None:
    client = client_as("medarbejder")
    response = client.post(_url(), involvement_post(group="relatives", method="panel"))
    assert response.status_code == 302
    entry = Involvement.objects.get(who="Borgere i eget hjem")
    assert entry.created_by == person("medarbejder")
    assert entry.people_count == 4 and entry.happened_on == datetime.date(2013, 12, 20)
    audit = AuditEntry.objects.get(action="logbook.involvement.create", object_id=str(entry.pk))
    assert audit.changes["what_changed"] == [None, "Vi ændrede udskrivningsbrevet."]

    html = client.get(_url()).content.decode()
    assert "Borgere i eget hjem" in html and "Vi ændrede udskrivningsbrevet." in html
    # The demo has one workshop with relatives; this adds a second entry with relatives.
    assert f"{danish('Relatives')}: 2" in html
    assert f"{danish('Panel')}: 1" in html


def test_the_summary_counts_per_group_and_method_in_one_query(
    demo, django_assert_num_queries
) -> None:
    elderly = network(ELDERLY)
    for method in ("workshop", "workshop", "survey"):
        services.involvement_create(
            network=elderly,
            group="partners",
            method=method,
            happened_on=datetime.date(2013, 12, 1),
            what_changed="x",
            by=None,
        )
    with django_assert_num_queries(1):
        summary = selectors.involvement_summary(elderly)
    assert summary.total == 6
    # The demo's three: citizens/interview, relatives/workshop, employees/observation.
    assert [(str(label), n) for label, n in summary.by_group] == [
        (str(Involvement.Group.CITIZENS.label), 1),
        (str(Involvement.Group.RELATIVES.label), 1),
        (str(Involvement.Group.PARTNERS.label), 3),
        (str(Involvement.Group.EMPLOYEES.label), 1),
    ]
    assert dict((str(label), n) for label, n in summary.by_method) == {
        str(Involvement.Method.INTERVIEW.label): 1,
        str(Involvement.Method.WORKSHOP.label): 3,
        str(Involvement.Method.SURVEY.label): 1,
        str(Involvement.Method.OBSERVATION.label): 1,
    }


def test_missing_and_invalid_fields_are_a_400_in_danish_and_nothing_is_saved(client_as) -> None:
    client = client_as("netvaerksleder")
    before = Involvement.objects.count()
    response = client.post(_url(), involvement_post(group="", what_changed="  "))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert 'value="Borgere i eget hjem"' in html  # what was typed is kept

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(_url(), involvement_post(happened_on=tomorrow))
    assert response.status_code == 400
    assert danish("The date cannot be in the future.") in response.content.decode()

    for bad in (
        involvement_post(people_count="0"),
        involvement_post(method="telepathy"),
        involvement_post(what_changed="a\x00b"),
        involvement_post(what_changed="x" * 5001),
        involvement_post(happened_on="31-12-2013x"),
    ):
        assert client.post(_url(), bad).status_code == 400
    assert Involvement.objects.count() == before


def test_the_author_edits_their_entry_and_a_stale_edit_is_a_409(client_as) -> None:
    entry = Involvement.objects.filter(created_by=person("netvaerksleder")).first()
    assert entry is not None
    url = _url("logbook:involvement_edit", entry.pk)
    client = client_as("netvaerksleder")
    page = client.get(url)
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    response = client.post(url, involvement_post(version="1", who="Første rettelse"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.who == "Første rettelse" and entry.version == 2

    # The secretariat edits from the version it loaded before that save.
    response = client_as("konsulent").post(url, involvement_post(version="1", who="Anden"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Første rettelse" in html and 'value="Anden"' in html
    assert 'name="version" value="2"' in html
    entry.refresh_from_db()
    assert entry.who == "Første rettelse"


def test_others_get_no_edit_links_and_the_guest_gets_no_form(client_as) -> None:
    html = client_as("medarbejder").get(_url()).content.decode()
    assert "/rediger/" in html  # medarbejder's own entry from the demo
    entry = Involvement.objects.filter(created_by=person("netvaerksleder")).first()
    assert entry is not None
    assert _url("logbook:involvement_edit", entry.pk) not in html
    guest = client_as("borger").get(_url())
    assert guest.status_code == 200
    assert "Ældre borgere (78-91 år)" in guest.content.decode()  # the guest reads the log
    assert 'name="what_changed"' not in guest.content.decode()
    assert "/rediger/" not in guest.content.decode()


def test_an_entry_of_another_network_is_a_404(client_as) -> None:
    from .helpers import CAMPUS

    campus_entry = Involvement.objects.filter(network__title=CAMPUS).first()
    assert campus_entry is not None
    client = client_as("konsulent")
    assert client.get(_url("logbook:involvement_edit", campus_entry.pk)).status_code == 404
    assert client.post(_url("logbook:involvement_delete", campus_entry.pk)).status_code == 404
    assert Involvement.objects.filter(pk=campus_entry.pk).exists()
    assert client.get(_url() + "?side=99").status_code == 404


def test_hostile_text_is_escaped(client_as) -> None:
    client = client_as("medarbejder")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert (
        client.post(_url(), involvement_post(who=hostile, what_changed=hostile)).status_code == 302
    )
    html = client.get(_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
