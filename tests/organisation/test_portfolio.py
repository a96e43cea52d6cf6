"""The career portfolio on the person page: networks with role, period and hours (private
networks masked for those who cannot see them), trainings, adding and removing them, and the PDF."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from netvaerk.core.models import AuditEntry
from netvaerk.networks.demo import CAMPUS, ELDERLY, YOUNG
from netvaerk.networks.models import Network, NetworkType, Participation
from netvaerk.organisation.models import Person, Training

pytestmark = pytest.mark.django_db

MASK = "A private network"


def _da(text: str) -> str:
    with translation.override("da"):
        return str(translation.gettext(text))


def _person(external_id: str) -> Person:
    return Person.objects.get(external_id=external_id)


def _page(client, person: Person) -> str:
    response = client.get(reverse("organisation:person", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _portfolio(page: str) -> str:
    start = page.index('id="portefolje"')
    return page[start : page.index('id="uddannelse"')]


def test_the_portfolio_lists_networks_with_role_period_and_hours(client_as) -> None:
    # demo-p22 is in ELDERLY (participant, 1 h) and CAMPUS (facilitator, 2 h), and an innovator.
    page = _page(client_as("direktor"), _person("demo-p22"))
    portfolio = _portfolio(page)
    assert ELDERLY in portfolio and CAMPUS in portfolio
    assert _da("Facilitator") in portfolio
    assert "1. aug 2013" in portfolio
    assert "Innovatøruddannelse (KL og KTO)" in page
    assert reverse("organisation:portfolio_pdf", args=[_person("demo-p22").pk]) in page


def test_a_private_network_is_masked_for_a_reader_who_cannot_see_it(client_as) -> None:
    # demo-p24 takes part in YOUNG (private), CAMPUS and PROJECT.
    person = _person("demo-p24")
    hidden = _portfolio(_page(client_as("medarbejder"), person))
    assert YOUNG not in hidden
    assert _da(MASK) in hidden
    young = Network.objects.get(title=YOUNG)
    assert reverse("networks:detail", args=[young.pk]) not in hidden
    assert CAMPUS in hidden
    # The secretariat sees every network.
    assert YOUNG in _portfolio(_page(client_as("direktor"), person))


def test_the_person_sees_their_own_private_networks(client_as) -> None:
    person = Person.objects.get(user__username="medarbejder")
    young = Network.objects.get(title=YOUNG)
    Participation.objects.create(network=young, person=person, left_on="2013-12-20")
    page = _portfolio(_page(client_as("medarbejder"), person))
    assert YOUNG in page
    # Someone else, not in the network, does not.
    assert YOUNG not in _portfolio(_page(client_as("leder"), person))


def test_the_portfolio_pdf_for_the_person_and_the_secretariat_only(client_as) -> None:
    from pypdf import PdfReader

    person = Person.objects.get(user__username="netvaerksleder")
    url = reverse("organisation:portfolio_pdf", args=[person.pk])
    for role in ("netvaerksleder", "direktor", "konsulent"):
        response = client_as(role).get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert person.name in text
    assert ELDERLY.split()[0] in text
    assert "Netværksledelse i den offentlige opgaveløsning" in text
    assert _da("Training and courses") in text
    for role in ("medarbejder", "chef", "leder", "politiker", "borger"):
        assert client_as(role).get(url).status_code == 403, role
    assert client_as("anonymous").get(url).status_code == 302


def test_the_secretariat_adds_and_removes_any_training(client_as) -> None:
    client = client_as("konsulent")
    person = _person("demo-p14")
    response = client.post(
        reverse("organisation:training_add", args=[person.pk]),
        {
            "kind": "facilitator",
            "title": "Facilitering af netværksmøder",
            "provider": "Netværkssekretariatet",
            "started_on": "2014-01-10",
            "completed_on": "2014-01-11",
            "hours": "14",
        },
    )
    assert response.status_code == 302
    training = Training.objects.get(person=person, kind="facilitator")
    assert AuditEntry.objects.filter(action="organisation.training.add", subject=person).exists()
    response = client.post(reverse("organisation:training_remove", args=[person.pk, training.pk]))
    assert response.status_code == 302
    assert not Training.objects.filter(pk=training.pk).exists()
    assert AuditEntry.objects.filter(action="organisation.training.remove").exists()


def test_a_person_adds_their_own_course_but_not_the_structures_programmes(client_as) -> None:
    client = client_as("medarbejder")
    person = Person.objects.get(user__username="medarbejder")
    url = reverse("organisation:training_add", args=[person.pk])
    data = {"kind": "course", "title": "Excel for øvede", "started_on": "2013-10-01"}
    assert client.post(url, data).status_code == 302
    own = Training.objects.get(person=person, title="Excel for øvede")
    assert client.post(url, {**data, "kind": "innovator"}).status_code == 400
    assert client.post(url, {**data, "completed_on": "2013-01-01"}).status_code == 400
    # Not someone else's portfolio; and removing their own course is allowed.
    other = _person("demo-p24")
    assert (
        client.post(reverse("organisation:training_add", args=[other.pk]), data).status_code == 403
    )
    remove = reverse("organisation:training_remove", args=[person.pk, own.pk])
    assert client.post(remove).status_code == 302
    # A training the secretariat recorded stays: the person cannot remove it.
    innovator = _person("demo-p17")
    training = Training.objects.get(person=innovator, kind="innovator")
    wrong = reverse("organisation:training_remove", args=[person.pk, training.pk])
    assert client.post(wrong).status_code == 404


def test_the_add_form_is_shown_to_the_secretariat_and_the_person_only(client_as) -> None:
    person = Person.objects.get(user__username="medarbejder")
    form = 'id="tilfoej-uddannelse"'
    assert form in _page(client_as("direktor"), person)
    own = _page(client_as("medarbejder"), person)
    assert form in own
    assert 'value="innovator"' not in own
    assert form not in _page(client_as("leder"), person)


def test_the_demo_portfolios(demo) -> None:
    innovators = Training.objects.filter(kind="innovator", title="Innovatøruddannelse (KL og KTO)")
    assert innovators.count() == 5
    assert set(innovators.values_list("person__is_innovator", flat=True)) == {True}
    leaders = Participation.objects.filter(role="leader").values_list("person_id", flat=True)
    assert set(leaders) <= set(
        Training.objects.filter(kind="facilitator").values_list("person_id", flat=True)
    )
    diploma = Training.objects.filter(kind="diploma")
    assert diploma.count() >= 2
    assert {t.started_on.isoformat()[:7] for t in diploma} == {"2014-03"}


def test_the_person_page_asks_the_same_number_of_queries_with_more_networks(client_as) -> None:
    client = client_as("medarbejder")
    person = _person("demo-p24")
    url = reverse("organisation:person", args=[person.pk])

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(8):
        network = Network.objects.create(
            title=f"Privat {n}", kind=NetworkType.WELFARE, is_private=n % 2 == 0
        )
        Participation.objects.create(network=network, person=person, hours_per_week=1)
        Training.objects.create(
            person=person, kind="course", title=f"Kursus {n}", started_on="2013-01-01"
        )
    assert count() == before
