"""This app's part of the first-run demo.

- The neutral instrument is the default.
- Campus Albertslund gets phase participants and a tie survey with three groups; a baseline
  wave (August–September 2013) and a follow-up (December 2013), both closed, answered through
  the answering service by token as respondents would. "Erhverv og uddannelse" has only four
  respondents, so it is never shown (the suppression shows).
- The network for the elderly has a survey with an open wave: medarbejder and borger have
  unanswered invitations (their links work at /svar/<token>/ and appear on the home page).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from netvaerk.networks import services as network_services
from netvaerk.networks.contracts.demo import manager_of
from netvaerk.networks.contracts.services import participation_approve_hours
from netvaerk.networks.demo import CAMPUS, ELDERLY
from netvaerk.networks.models import Network, Participation, Phase
from netvaerk.organisation.models import Person

from . import services
from .instrument import ensure_default_instrument
from .models import TieGroup, TieInvitation, TieSurvey, TieWave

CAMPUS_SURVEY = "Samarbejdet på Campus Albertslund"
ELDERLY_SURVEY = "Samarbejdet om forløb efter udskrivning"

# group → the people in it (external ids); the first two groups reach five respondents.
CAMPUS_GROUPS: list[tuple[str, list[str]]] = [
    (
        "Skoler og dagtilbud",
        ["demo-p09", "demo-p08", "demo-p20", "demo-p21", "demo-p19", "demo-p18"],
    ),
    ("Kultur, fritid og byrum", ["demo-p27", "demo-p23", "demo-p11", "demo-p26", "demo-p22"]),
    ("Erhverv og uddannelse", ["demo-p24", "demo-p28", "demo-p10", "demo-p12"]),
]
# Phase participants added to Campus for the survey (the others take part already).
CAMPUS_PHASE = [
    "demo-p08",
    "demo-p20",
    "demo-p21",
    "demo-p19",
    "demo-p18",
    "demo-p23",
    "demo-p11",
    "demo-p28",
    "demo-p12",
]

ELDERLY_GROUPS: list[tuple[str, list[str]]] = [
    ("Hjemmepleje og sygepleje", ["demo-p14", "demo-p25"]),
    ("Træning og hjælpemidler", ["demo-p15", "demo-p16", "demo-p22"]),
    ("Borgere og pårørende", ["borger"]),
]

# The mean a group gives another (source index, target index) at baseline; the follow-up adds
# LIFT. Own group rated highest; culture and schools were far apart at the start.
BASE = {
    (0, 0): 4.1,
    (0, 1): 2.6,
    (0, 2): 2.8,
    (1, 0): 2.9,
    (1, 1): 4.0,
    (1, 2): 3.0,
    (2, 0): 3.1,
    (2, 1): 3.2,
    (2, 2): 4.2,
}
LIFT = {(0, 1): 0.9, (1, 0): 0.8, (0, 0): 0.1, (1, 1): 0.2, (0, 2): 0.3, (1, 2): 0.2}


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _person(key: str) -> Person:
    if key.startswith("demo-"):
        return Person.objects.get(external_id=key)
    return Person.objects.get(user__username=key)


def _survey(network: Network, title: str, groups: list[tuple[str, list[str]]]) -> TieSurvey:
    survey = services.survey_create(
        network=network,
        title=title,
        instrument=ensure_default_instrument(),
        groups=[name for name, _people in groups],
        by=None,
    )
    ids = {group.name: group.pk for group in TieGroup.objects.filter(survey=survey)}
    services.members_assign(
        survey=survey,
        assignments={_person(key).pk: ids[name] for name, people in groups for key in people},
        by=None,
    )
    return survey


def _answer(
    wave: TieWave,
    rng: random.Random,
    *,
    lift: bool,
    skip: set[int],
    draft: set[int] | None = None,
) -> None:
    """Answer the wave's invitations by token, as respondents would."""
    groups = list(TieGroup.objects.filter(survey=wave.survey).order_by("order", "pk"))
    position = {group.pk: number for number, group in enumerate(groups)}
    invitations = TieInvitation.objects.filter(wave=wave).select_related("wave").order_by("pk")
    for number, invitation in enumerate(invitations):
        if number in skip:
            continue
        source = position[invitation.group_id]
        answers: dict[tuple[int, int], int | None] = {}
        for target in groups:
            mean = BASE[source, position[target.pk]]
            if lift:
                mean += LIFT.get((source, position[target.pk]), 0.0)
            for dimension in range(1, 8):
                if rng.random() < 0.04:
                    answers[target.pk, dimension] = None  # don't know
                else:
                    value = round(rng.gauss(mean, 0.7))
                    answers[target.pk, dimension] = min(5, max(1, value))
        if draft and number in draft:
            # Saved half-way, never finished.
            half = dict(list(answers.items())[: len(answers) // 2])
            services.response_save(invitation=invitation, answers=half, finish=False)
        else:
            services.response_save(invitation=invitation, answers=answers, finish=True)


def _campus() -> None:
    campus = Network.objects.get(title=CAMPUS)
    for key in CAMPUS_PHASE:
        added = network_services.participation_add(
            network=campus,
            person=_person(key),
            kind=Participation.Kind.PHASE,
            phases=Phase.DESIGN,
            hours_per_week=Decimal("1"),
            expected_contribution="Deltager i designfasen og i relationsmålingen.",
            joined_on=datetime.date(2013, 8, 1),
            by=None,
        )
        # Their managers approved the hour, as for everyone else in the demo.
        participation_approve_hours(participation=added, approver=manager_of(added.person), by=None)
    survey = _survey(campus, CAMPUS_SURVEY, CAMPUS_GROUPS)
    rng = random.Random(2013)  # noqa: S311 (demo data, not secrets)
    later = timezone.localdate() + datetime.timedelta(days=30)

    baseline = services.wave_launch(
        survey=survey, kind=TieWave.Kind.BASELINE, closes_on=later, by=None
    )
    # Invitation 5 (in the schools group) never finishes: its link shows the closed page.
    _answer(baseline, rng, lift=False, skip=set(), draft={5})
    services.wave_close(wave=baseline, by=None)
    TieWave.objects.filter(pk=baseline.pk).update(
        opened_at=_at(2013, 8, 19),
        closes_on=datetime.date(2013, 9, 13),
        closed_at=_at(2013, 9, 14, 8),
    )

    follow_up = services.wave_launch(
        survey=survey, kind=TieWave.Kind.FOLLOW_UP, closes_on=later, by=None
    )
    _answer(follow_up, rng, lift=True, skip={14})
    services.wave_close(wave=follow_up, by=None)
    TieWave.objects.filter(pk=follow_up.pk).update(
        opened_at=_at(2013, 12, 2),
        closes_on=datetime.date(2013, 12, 13),
        closed_at=_at(2013, 12, 16, 8),
    )
    TieSurvey.objects.filter(pk=survey.pk).update(created_at=_at(2013, 8, 15))


def _elderly() -> None:
    elderly = Network.objects.get(title=ELDERLY)
    survey = _survey(elderly, ELDERLY_SURVEY, ELDERLY_GROUPS)
    wave = services.wave_launch(
        survey=survey,
        kind=TieWave.Kind.BASELINE,
        closes_on=timezone.localdate() + datetime.timedelta(days=60),
        by=None,
    )
    # Kasper Holt has answered; medarbejder, borger and the others have not.
    kasper = TieInvitation.objects.select_related("wave").get(
        wave=wave, person__external_id="demo-p22"
    )
    groups = TieGroup.objects.filter(survey=survey)
    services.response_save(
        invitation=kasper,
        answers={(group.pk, dimension): 4 for group in groups for dimension in range(1, 8)},
        finish=True,
    )


def load() -> None:
    ensure_default_instrument()
    _campus()
    _elderly()
