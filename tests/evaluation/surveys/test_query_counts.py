"""The tie survey pages ask the database the same number of times with few and many
surveys, participants, waves and answers."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netvaerk.evaluation.surveys import services
from netvaerk.evaluation.surveys.instrument import ensure_default_instrument
from netvaerk.evaluation.surveys.models import TieGroup, TieInvitation, TieWave
from netvaerk.networks import services as network_services
from netvaerk.organisation.services import person_create

from .helpers import CAMPUS, network, survey


def _paths() -> dict[str, str]:
    found = survey(CAMPUS)
    waves = list(TieWave.objects.filter(survey=found).order_by("opened_at", "pk"))
    detail = reverse("surveys:detail", args=[found.network_id, found.pk])
    return {
        "list": reverse("surveys:list", args=[found.network_id]),
        "detail": detail,
        "compare": detail + f"?sammenlign={waves[0].pk}&med={waves[1].pk}",
        "export": reverse("surveys:export", args=[found.network_id, found.pk, waves[0].pk, "csv"]),
    }


def _counts(client) -> dict[str, int]:
    counts = {}
    for name, path in _paths().items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries)
    return counts


def _grow(count: int, start: int) -> None:
    """`count` more participants in groups, a new answered wave, and `count` more surveys."""
    campus = network(CAMPUS)
    found = survey(CAMPUS)
    groups = list(TieGroup.objects.filter(survey=found).order_by("order"))
    assignments = {}
    for n in range(start, start + count):
        person = person_create(name=f"Deltager {n}", email=f"d{n}@demo.invalid", by=None)
        network_services.participation_add(network=campus, person=person, by=None)
        assignments[person.pk] = groups[n % len(groups)].pk
    services.members_assign(survey=found, assignments=assignments, by=None)
    for wave in TieWave.objects.filter(survey=found, closed_at__isnull=True):
        services.wave_close(wave=wave, by=None)
    wave = services.wave_launch(
        survey=found,
        kind=TieWave.Kind.MIDWAY,
        closes_on=timezone.localdate() + datetime.timedelta(days=5),
        by=None,
    )
    for number, invitation in enumerate(
        TieInvitation.objects.filter(wave=wave).select_related("wave")
    ):
        answers = {
            (group.pk, dimension): (number + dimension) % 5 + 1
            for group in groups
            for dimension in range(1, 8)
        }
        services.response_save(invitation=invitation, answers=answers, finish=True)
    for n in range(count):
        services.survey_create(
            network=campus,
            title=f"Måling {start + n}",
            instrument=ensure_default_instrument(),
            groups=["A", "B"],
            by=None,
        )


def test_query_counts_stay_flat_as_surveys_grow(client_as) -> None:
    # One who runs surveys (sees the participants and their groups) and a reader.
    _grow(2, 0)
    runner, reader = client_as("konsulent"), client_as("politiker")
    small = (_counts(runner), _counts(reader))
    _grow(30, 100)  # more than one page of participants and surveys (PAGE_SIZE is 25)
    large = (_counts(runner), _counts(reader))
    assert small == large
    assert max(small[0].values()) <= 25, small
