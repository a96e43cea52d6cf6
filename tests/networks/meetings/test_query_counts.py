"""The meeting pages and the feed ask the database as often with 3 meetings as with 300."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.networks.meetings.models import AgendaItem, Meeting, WorkshopDesign

from .helpers import ELDERLY, kickoff, list_url, local, network


def _grow(n: int, prefix: str = "") -> None:
    elderly = network(ELDERLY)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                network=elderly,
                title=f"Vækstmøde {prefix}{i}",
                starts_at=local(i - n // 2),
                ends_at=local(i - n // 2, 12),
                location="Sted",
                minutes="Referat " * 20,
            )
            for i in range(n)
        ]
    )
    workshop = kickoff(ELDERLY)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=m, position=p, title=f"Punkt {p}", duration_minutes=10)
            for m in [*meetings, workshop]
            for p in range(1, 4 + n // 10)
        ]
    )
    WorkshopDesign.objects.bulk_create(
        [WorkshopDesign(title=f"Skabelon {prefix}{i}", agenda="10 | Velkommen") for i in range(n)]
    )


def _counts(client_as) -> dict[str, int]:
    leader = client_as("netvaerksleder")
    paths = {
        "list(leader)": (leader, list_url(network(ELDERLY))),
        "list(guest)": (client_as("borger"), list_url(network(ELDERLY))),
        "detail(leader)": (leader, kickoff(ELDERLY).get_absolute_url()),
        "detail(participant)": (client_as("medarbejder"), kickoff(ELDERLY).get_absolute_url()),
        "ics": (leader, reverse("meetings:ics", args=[network(ELDERLY).pk, kickoff(ELDERLY).pk])),
        "designs": (client_as("konsulent"), reverse("meetings:designs")),
        "calendar": (leader, reverse("meetings:calendar")),
    }
    feed = leader.get(reverse("meetings:calendar")).context["feed"]
    paths["feed"] = (Client(), reverse("meetings:feed", args=[feed.token]))
    counts = {}
    for name, (client, path) in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_query_counts_stay_flat_as_meetings_grow(client_as) -> None:
    _grow(4, "a")  # a few meetings on both lists and in the feed
    small = _counts(client_as)
    _grow(300, "b")
    feed_size = Meeting.objects.filter(network__title=ELDERLY, starts_at__gte=local(-90)).count()
    assert feed_size > 200
    large = _counts(client_as)
    assert large == small
    assert max(small.values()) <= 15, small
