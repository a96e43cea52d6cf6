"""The API's list endpoints ask the database as many times with few and with much data."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from netvaerk.ideas.models import Idea
from netvaerk.networks.demo import ELDERLY
from netvaerk.networks.meetings.models import Meeting
from netvaerk.networks.models import Network, NetworkType, Participation
from netvaerk.organisation.models import Person, Unit

LISTS = [
    "/api/ideas",
    "/api/networks",
    "/api/units",
    "/api/people",
    "/api/networks/{elderly}/participants",
    "/api/networks/{elderly}/meetings",
    "/api/networks/{elderly}/evaluation",
]


def _counts(client, elderly: int) -> dict[str, int]:
    counts = {}
    for template in LISTS:
        path = template.format(elderly=elderly)
        client.get(path)  # the token's "last used" is written once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[template] = len(queries)
    return counts


def _grow(count: int) -> None:
    elderly = Network.objects.get(title=ELDERLY)
    unit = Unit.objects.order_by("pk").first()
    people = Person.objects.bulk_create(Person(name=f"Ekstra {n}", unit=unit) for n in range(count))
    Unit.objects.bulk_create(Unit(name=f"Enhed {n}", level=unit.level) for n in range(count))
    proposer = people[0]
    Idea.objects.bulk_create(
        Idea(title=f"Idé {n}", proposer=proposer, state=Idea.State.SUBMITTED) for n in range(count)
    )
    networks = Network.objects.bulk_create(
        Network(title=f"Netværk {n}", kind=NetworkType.LEARNING) for n in range(count)
    )
    Participation.objects.bulk_create(
        Participation(network=network, person=person)
        for network in networks
        for person in people[:3]
    )
    Participation.objects.bulk_create(Participation(network=elderly, person=p) for p in people)
    start = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            network=elderly,
            title=f"Møde {n}",
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=2),
        )
        for n in range(count)
    )


def test_list_endpoints_make_as_many_queries_with_more_data(api_as) -> None:
    cache.clear()
    client = api_as("konsulent", "read")
    elderly = Network.objects.get(title=ELDERLY).pk
    few = _counts(client, elderly)
    _grow(60)
    cache.clear()
    many = _counts(client, elderly)
    assert many == few
    assert max(few.values()) <= 12, few
