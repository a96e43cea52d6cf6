"""The status report asks the database the same number of times with few and many networks."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.networks.logbook.models import LearningNote
from netvaerk.networks.models import Network, NetworkType, Phase

pytestmark = pytest.mark.django_db

URL = reverse("reports:status") + "?year=2013"


def _queries(client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def _grow(count: int) -> None:
    moment = timezone.make_aware(datetime.datetime(2013, 10, 1, 9))
    for n in range(count):
        network = Network.objects.create(
            title=f"Vækst {n}",
            kind=NetworkType.LEARNING,
            phase=Phase.STARTUP,
            is_private=n % 2 == 0,
            created_at=moment,
            phase_changed_at=moment,
        )
        LearningNote.objects.create(
            network=network,
            text=f"Note {n}",
            written_on=datetime.date(2013, 11, 1),
            for_status_report=True,
        )


@pytest.mark.parametrize("role", ["direktor", "medarbejder"])
def test_the_status_report_queries_stay_flat(client_as, role: str) -> None:
    client = client_as(role)
    client.get(URL)
    before = _queries(client, URL)
    _grow(45)  # more than the timeline shows one by one
    assert _queries(client, URL) == before


def test_a_cached_report_asks_only_for_the_page_and_the_masking(client_as) -> None:
    client = client_as("medarbejder")
    full = _queries(client, URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    assert len(queries) < full - 10
