"""The dashboard and the resources ask the database the same number of times with few and
much data (the cache is cleared before each request, so the figures are computed each time)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.ideas.models import Idea, Round
from netvaerk.networks.models import Network, NetworkType, Participation, Phase
from netvaerk.organisation.models import Person, Unit


def _queries(client, path: str) -> int:
    cache.clear()
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def _grow(count: int) -> None:
    """`count` more networks (some closed), units, people, participations, rounds and ideas."""
    start = Network.objects.filter(title__startswith="Vækst").count()
    area = Unit.objects.get(external_id="demo-a1")
    proposer = Person.objects.get(user__username="medarbejder")
    moment = timezone.make_aware(datetime.datetime(2013, 3, 1, 9))
    for n in range(start, start + count):
        unit = Unit.objects.create(name=f"Vækstenhed {n}", level=Unit.Level.CENTRE, parent=area)
        Unit.objects.filter(pk=unit.pk).update(path=f"{area.path}{unit.pk}/")
        network = Network.objects.create(
            title=f"Vækst {n}",
            kind=NetworkType.LEARNING,
            phase=Phase.CLOSED if n % 2 else Phase.DESIGN,
            created_at=moment - datetime.timedelta(days=200 * (n % 5)),
            phase_changed_at=moment,
        )
        for m in range(3):
            person = Person.objects.create(name=f"Vækst {n}-{m}", unit=unit, is_manager=m == 0)
            Participation.objects.create(
                network=network,
                person=person,
                hours_per_week=Decimal(m + 1),
                approved_hours=Decimal(m) if m else None,
                joined_on=datetime.date(2013, 1, 1),
            )
        found = Round.objects.create(title=f"Vækstrunde {n}", deadline=moment)
        for state in ("submitted", "selected", "rejected"):
            Idea.objects.create(title=f"Idé {n}", state=state, round=found, proposer=proposer)


def test_insights_pages_make_as_many_queries_with_more_data(client_as) -> None:
    area = Unit.objects.get(external_id="demo-a1")
    paths = {
        "dashboard": reverse("insights:dashboard"),
        "dashboard?2013": reverse("insights:dashboard") + "?period=2013",
        "dashboard?area": reverse("insights:dashboard") + f"?start=2012-01-01&area={area.pk}",
        "resources": reverse("insights:resources"),
        "resources?unit": reverse("insights:resources") + f"?unit={area.pk}&sort=-hours",
    }
    secretariat = client_as("direktor")
    manager = client_as("chef")
    _grow(1)
    before = {name: _queries(secretariat, path) for name, path in paths.items()}
    before["resources(manager)"] = _queries(manager, paths["resources"])
    _grow(30)  # more than a page of units and people (PAGE_SIZE is 25)
    after = {name: _queries(secretariat, path) for name, path in paths.items()}
    after["resources(manager)"] = _queries(manager, paths["resources"])
    assert before == after
    assert max(before.values()) <= 20, before


def test_a_cached_dashboard_asks_little(client_as) -> None:
    client = client_as("konsulent")
    path = reverse("insights:dashboard") + "?period=2013"
    cache.clear()
    client.get(path)
    with CaptureQueriesContext(connection) as computed_again:
        cache.clear()
        client.get(path)
    with CaptureQueriesContext(connection) as cached:
        client.get(path)
    assert len(cached) < len(computed_again)
