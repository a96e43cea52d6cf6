"""The questionnaire pages and the report query the database as often with little and much data."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.evaluation.questionnaires import selectors, services
from netvaerk.evaluation.questionnaires.models import Questionnaire
from netvaerk.organisation.models import Person

from .helpers import ELDERLY, answer_all, answer_url, network, open_questionnaire, url


def _count(client: Client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _paths(results: Questionnaire) -> dict[str, str]:
    pending = results.invitations.filter(finished=False).order_by("pk").first()
    assert pending is not None
    return {
        "list": reverse("questionnaires:list", args=[network(ELDERLY).pk]),
        "detail": url("questionnaires:detail", results),
        "answer": answer_url(pending),
    }


def _counts(clients: list[Client], results: Questionnaire) -> list[dict[str, int]]:
    return [
        {name: _count(client, path) for name, path in _paths(results).items()} for client in clients
    ]


def _grow(results: Questionnaire, people: int, questionnaires: int) -> None:
    """More participants who answer, and more questionnaires in the list."""
    from netvaerk.networks import services as network_services

    elderly = network(ELDERLY)
    taken = set(elderly.participations.values_list("person_id", flat=True))
    for newcomer in Person.objects.exclude(pk__in=taken).order_by("pk")[:people]:
        network_services.participation_add(network=elderly, person=newcomer, by=None)
        results.invitations.create(person=newcomer)
    answer_all(results, results.invitations.filter(finished=False).count() - 1)
    for n in range(questionnaires):
        services.questionnaire_create(
            network=elderly, title=f"Skema {n}", starter="learning", by=None
        )


def test_query_counts_stay_flat_as_answers_and_questionnaires_grow(client_as) -> None:
    results = open_questionnaire(ELDERLY)
    _grow(results, 0, 1)
    clients = [client_as("netvaerksleder"), client_as("borger")]
    small = _counts(clients, results)
    _grow(results, 15, 30)  # more than a page of questionnaires (PAGE_SIZE is 25)
    large = _counts(clients, results)
    assert small == large
    assert max(small[0].values()) <= 20, small


def test_the_network_report_takes_a_fixed_number_of_queries(
    demo, django_assert_num_queries
) -> None:
    for _n in range(3):
        answer_all(open_questionnaire(ELDERLY), 6)
    elderly = network(ELDERLY)
    with django_assert_num_queries(3):
        reports = selectors.network_report(elderly)
    assert len(reports) == 4 and sum(r.shown for r in reports) == 3
