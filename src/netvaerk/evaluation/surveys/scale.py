"""Tie surveys at scale, for `generate_scale_data`: the phase after the networks.

Generated networks (proposed by generated people) that have been in design long enough get a
tie survey with 3–5 groups drawn from their active participants, a closed baseline wave and,
for most of those that went on to testing, a closed follow-up wave; every member is invited,
most answer (some leave a draft, some nothing), and some answers are "don't know". Networks are
taken until about `answers` answer rows are planned. Some groups end up with fewer respondents
than the anonymity threshold, so the pages have groups to hide.

Like the other phases: one random generator of its own (the same seed gives the same answers),
everything written with `bulk_create` in one transaction, one audit entry summing it up, and
nothing added when the generated networks already have surveys. Each closed wave keeps the
scores `scoring.score` computes, as closing it through the service would.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from netvaerk.core.audit import audit_record
from netvaerk.evaluation.tokens import min_group_size, response_key
from netvaerk.networks.models import Network, Participation, Phase
from netvaerk.organisation.management.commands.generate_scale_data import (
    PREFIX,
    Command,
    NetworkRow,
    Phases,
)

from . import scoring
from .instrument import ensure_default_instrument
from .models import (
    TieAnswer,
    TieGroup,
    TieInvitation,
    TieMember,
    TieResponse,
    TieSurvey,
    TieWave,
)

SURVEY_ACTION = "surveys.scale.generate"
TITLE = "Relationel koordinering"
GROUP_NAMES = [
    "Ledelse og styregruppe",
    "Sygeplejersker",
    "Terapeuter",
    "Social- og sundhedsassistenter",
    "Pædagoger",
    "Lærere",
    "Socialrådgivere",
    "Jobkonsulenter",
    "Administration",
    "Visitationen",
    "Hjemmeplejen",
    "Myndighed",
    "Udførende enheder",
    "Frivillige og pårørende",
    "Digitalisering",
    "Sundhedsplejen",
]
MIN_MEMBERS = 12  # fewer active participants are too few for three groups
FULL_SIZE = 15  # from here on three groups can each reach the threshold of five
MEMBERS_PER_GROUP = 6
SMALL_GROUP_SHARE = 0.25  # of the surveys: one group of 3–4, below the threshold
WAVE_DAYS = 21  # a wave is open three weeks
FOLLOW_UP_SHARE = 0.9  # of the networks that reached testing
MIDWAY_SHARE = 0.9  # of those with five months or more between baseline and follow-up
DRAFT_SHARE = 0.04  # of those invited: started, not finished
DONT_KNOW = (0.02, 0.07)  # the share of "don't know" about their own group, about another


def _two_places(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class PlannedResponse:
    group: int  # the respondent's group, an index into the survey's groups
    finished: bool
    answers: list[tuple[int, tuple[int | None, ...]]]  # (target index, the seven values)


@dataclass
class PlannedWave:
    kind: str
    opened_at: datetime.datetime
    closes_on: datetime.date
    # (person, group index, finished, reminders), one per member
    invitations: list[tuple[int, int, bool, int]] = field(default_factory=list)
    responses: list[PlannedResponse] = field(default_factory=list)
    result: scoring.Result | None = None


@dataclass
class PlannedSurvey:
    network: int
    leader: int | None
    created_at: datetime.datetime
    names: list[str]
    members: list[tuple[int, int]]  # (person, group index)
    waves: list[PlannedWave]


class SurveyGenerator(Phases):
    """Tie surveys with groups, members, closed waves, invitations, responses and answers."""

    def __init__(self, command: Command, *, answers: int, seed: int) -> None:
        self.command = command
        self.answers, self.seed = answers, seed
        self.now = timezone.now()
        self.added: dict[str, int] = {}
        self.generated = Network.objects.filter(proposer__external_id__startswith=PREFIX)

    def run(self) -> None:
        if not self.answers:
            return
        if TieSurvey.objects.filter(network__in=self.generated).exists():
            self._say("Tie surveys: already there; none added.")
            return
        started = time.perf_counter()
        surveys = self._plan()
        if not surveys:
            self._say("Tie surveys: no generated network has been in design long enough.")
            return
        instrument = ensure_default_instrument()
        with transaction.atomic():
            self._write(surveys, instrument.pk)
            first = TieSurvey.objects.filter(network__in=self.generated).order_by("pk").first()
            if first is not None:
                audit_record(
                    actor=None,
                    action=SURVEY_ACTION,
                    target=first,
                    after={**self.added, "seed": self.seed},
                )
        results = [wave.result for survey in surveys for wave in survey.waves if wave.result]
        shown = sum(len(result.groups) for result in results)
        hidden = sum(result.hidden for result in results)
        self._say(
            f"Tie surveys: {self.added['surveys']} with {self.added['waves']} closed waves, "
            f"{self.added['responses']} responses and {self.added['answers']} answers "
            f"({hidden} of {shown + hidden} groups below the threshold) "
            f"in {self._timed(started)}."
        )

    # --- planning, in memory

    def _plan(self) -> list[PlannedSurvey]:
        rng = random.Random(f"{self.seed}:surveys")  # noqa: S311 - fictional data, not secrets
        rows = [
            NetworkRow.of(values)
            for values in self.generated.order_by("pk").values(
                "pk",
                "kind",
                "phase",
                "created_at",
                "phase_changed_at",
                "proposer_id",
                "test_plan",
                "evaluation_result",
            )
        ]
        members: dict[int, list[tuple[int, str]]] = {}
        for network, person, role in (
            Participation.objects.filter(network__in=self.generated, left_on=None)
            .order_by("network_id", "pk")
            .values_list("network_id", "person_id", "role")
        ):
            members.setdefault(network, []).append((person, role))
        # Those that reached testing first, so that most surveys have a follow-up to compare;
        # the networks too small for three groups of five only when the answers need them.
        later, design, small = [], [], []
        for row in rows:
            if len(members.get(row.pk, [])) < FULL_SIZE:
                small.append(row)
            elif Phase.TESTING in row.path:
                later.append(row)
            else:
                design.append(row)
        for part in (later, design, small):
            rng.shuffle(part)
        threshold = min_group_size()
        surveys: list[PlannedSurvey] = []
        planned = 0
        for row in [*later, *design, *small]:
            if planned >= self.answers:
                break
            people = members.get(row.pk, [])
            survey = self._survey(rng, row, people, threshold)
            if survey is None:
                continue
            surveys.append(survey)
            planned += sum(
                len(response.answers) * len(scoring.DIMENSIONS)
                for wave in survey.waves
                for response in wave.responses
            )
        return surveys

    def _survey(
        self,
        rng: random.Random,
        row: NetworkRow,
        people: Sequence[tuple[int, str]],
        threshold: int,
    ) -> PlannedSurvey | None:
        design = row.start(Phase.DESIGN)
        if design is None or len(people) < MIN_MEMBERS:
            return None
        last = row.end or self.now
        baseline = _on_day(design + datetime.timedelta(days=rng.randint(7, 30)))
        if _at(baseline + datetime.timedelta(days=WAVE_DAYS), 16) >= last:
            return None
        total = len(people)
        count = rng.randint(3, max(3, min(5, total // MEMBERS_PER_GROUP)))
        names = rng.sample(GROUP_NAMES, count)
        if rng.random() < SMALL_GROUP_SHARE:
            small = rng.randint(3, 4)  # a steering group, say
            sizes = [*_split(total - small, count - 1), small]
        else:
            sizes = _split(total, count)
        persons = [person for person, _role in people]
        rng.shuffle(persons)
        groups = [group for group, size in enumerate(sizes) for _n in range(size)]
        membership = list(zip(persons, groups, strict=True))
        days = [baseline]
        testing = row.start(Phase.TESTING)
        if testing is not None and rng.random() < FOLLOW_UP_SHARE:
            latest = timezone.localtime(last).date() - datetime.timedelta(days=WAVE_DAYS + 1)
            earliest = max(
                baseline + datetime.timedelta(days=75),
                timezone.localtime(testing).date() + datetime.timedelta(days=14),
            )
            if earliest <= latest:
                day = earliest + datetime.timedelta(
                    days=rng.randint(0, min(240, (latest - earliest).days))
                )
                while day.weekday() >= 5:  # the Friday before, so it still closes in time
                    day -= datetime.timedelta(days=1)
                if (day - baseline).days >= 150 and rng.random() < MIDWAY_SHARE:
                    days.append(_on_day(_at(baseline + (day - baseline) / 2, 9)))
                days.append(day)
        # How well this network coordinates, and how much better it gets.
        level = rng.uniform(2.7, 3.7)
        relationship = rng.gauss(0.1, 0.2)
        target_effect = [rng.gauss(0, 0.35) for _group in range(count)]
        tie_effect = {
            (a, b): rng.gauss(0, 0.25) + (0.5 if a == b else 0)
            for a in range(count)
            for b in range(count)
        }
        change = rng.gauss(0.25, 0.25)
        response_rate = rng.uniform(0.88, 1.0)
        kinds = [TieWave.Kind.BASELINE, TieWave.Kind.MIDWAY, TieWave.Kind.FOLLOW_UP]
        waves = []
        for number, day in enumerate(days):
            # baseline, follow-up; or baseline, midway, follow-up
            progress = number / (len(days) - 1) if number else 0.0
            wave = PlannedWave(
                kind=kinds[round(progress * 2)],
                opened_at=_at(day, 9),
                closes_on=day + datetime.timedelta(days=WAVE_DAYS),
            )
            for person, group in membership:
                draw = rng.random()
                finished = draw < response_rate
                draft = not finished and draw < response_rate + DRAFT_SHARE
                reminders = 0 if finished and rng.random() < 0.7 else rng.randint(1, 2)
                wave.invitations.append((person, group, finished, reminders))
                if not (finished or draft):
                    continue
                own = rng.gauss(0, 0.35)
                targets = range(count) if finished else range(rng.randint(1, count - 1))
                answers = []
                for target in targets:
                    mean = level + target_effect[target] + tie_effect[group, target] + own
                    mean += change * progress
                    dont_know = DONT_KNOW[0] if target == group else DONT_KNOW[1]
                    values = tuple(
                        None
                        if rng.random() < dont_know
                        else min(
                            5,
                            max(
                                1,
                                round(
                                    mean
                                    + (relationship if dimension >= 5 else 0)
                                    + rng.gauss(0, 0.6)
                                ),
                            ),
                        )
                        for dimension in scoring.DIMENSIONS
                    )
                    answers.append((target, values))
                wave.responses.append(PlannedResponse(group, finished, answers))
            wave.result = scoring.score(
                (
                    scoring.Rating(
                        respondent,
                        response.group,
                        target,
                        dict(zip(scoring.DIMENSIONS, values, strict=True)),
                    )
                    for respondent, response in enumerate(wave.responses)
                    if response.finished
                    for target, values in response.answers
                ),
                groups=range(count),
                min_group_size=threshold,
            )
            waves.append(wave)
        leader = next(
            (person for person, role in people if role == Participation.Role.LEADER), None
        )
        return PlannedSurvey(
            network=row.pk,
            leader=leader,
            created_at=_at(baseline - datetime.timedelta(days=rng.randint(3, 14)), 10),
            names=names,
            members=membership,
            waves=waves,
        )

    # --- writing

    def _write(self, surveys: list[PlannedSurvey], instrument: int) -> None:
        survey_rows = [
            TieSurvey(
                network_id=survey.network,
                title=TITLE,
                instrument_id=instrument,
                created_by_id=survey.leader,
                created_at=survey.created_at,
            )
            for survey in surveys
        ]
        self._bulk(TieSurvey, survey_rows, total=len(survey_rows), desc="Tie surveys")
        group_rows = [
            [
                TieGroup(survey_id=row.pk, name=name, order=order)
                for order, name in enumerate(survey.names)
            ]
            for survey, row in zip(surveys, survey_rows, strict=True)
        ]
        self._bulk(
            TieGroup,
            [group for groups in group_rows for group in groups],
            total=sum(len(groups) for groups in group_rows),
            desc="Tie groups",
        )
        members = [
            TieMember(survey_id=row.pk, person_id=person, group_id=groups[group].pk)
            for survey, row, groups in zip(surveys, survey_rows, group_rows, strict=True)
            for person, group in survey.members
        ]
        self._bulk(TieMember, members, total=len(members), desc="Tie members")
        # (wave row, its plan, the survey's groups)
        waves = [
            (
                TieWave(
                    survey_id=row.pk,
                    kind=wave.kind,
                    opened_at=wave.opened_at,
                    closes_on=wave.closes_on,
                    closed_at=_at(wave.closes_on, 16),
                    created_by_id=survey.leader,
                    respondents=wave.result.respondents if wave.result else 0,
                    index=_two_places(wave.result.index if wave.result else None),
                    communication=_two_places(wave.result.communication if wave.result else None),
                    relationship=_two_places(wave.result.relationship if wave.result else None),
                ),
                wave,
                groups,
            )
            for survey, row, groups in zip(surveys, survey_rows, group_rows, strict=True)
            for wave in survey.waves
        ]
        self._bulk(TieWave, [row for row, _w, _g in waves], total=len(waves), desc="Tie waves")

        invitations: list[TieInvitation] = []
        responses: list[TieResponse] = []
        for row, wave, groups in waves:
            sent = wave.opened_at + datetime.timedelta(minutes=5)
            wave_invitations = [
                TieInvitation(
                    wave_id=row.pk,
                    group_id=groups[group].pk,
                    person_id=person,
                    sent_at=sent,
                    reminded_at=(
                        sent + datetime.timedelta(days=7 * reminders) if reminders else None
                    ),
                    reminders=reminders,
                    finished=finished,
                )
                for person, group, finished, reminders in wave.invitations
            ]
            invitations += wave_invitations
            # The responses' keys come from the invitations of the same group and state, in no
            # order that ties one to the other.
            tokens: dict[tuple[int, bool], list[str]] = {}
            for invitation, (_person, group, _finished, _reminders) in zip(
                wave_invitations, wave.invitations, strict=True
            ):
                tokens.setdefault((group, invitation.finished), []).append(invitation.token)
            last_day = min(wave.closes_on, timezone.localdate(self.now))
            for response in wave.responses:
                token = tokens[response.group, response.finished].pop()
                responses.append(
                    TieResponse(
                        wave_id=row.pk,
                        group_id=groups[response.group].pk,
                        key=response_key(token),
                        finished=response.finished,
                        updated_on=last_day,
                    )
                )
        self._bulk(TieInvitation, invitations, total=len(invitations), desc="Tie invitations")
        self._bulk(TieResponse, responses, total=len(responses), desc="Tie responses")

        planned = [
            (response_row.pk, groups, response)
            for response_row, (_row, response, groups) in zip(
                responses, _each_response(waves), strict=True
            )
        ]
        total = sum(len(response.answers) for _pk, _g, response in planned) * len(
            scoring.DIMENSIONS
        )

        def answers() -> Iterator[TieAnswer]:
            for pk, groups, response in planned:
                for target, values in response.answers:
                    for dimension, value in zip(scoring.DIMENSIONS, values, strict=True):
                        yield TieAnswer(
                            response_id=pk,
                            target_id=groups[target].pk,
                            dimension=dimension,
                            value=value,
                        )

        self._bulk(TieAnswer, answers(), total=total, desc="Tie answers")
        self.added = {
            "surveys": len(survey_rows),
            "groups": sum(len(groups) for groups in group_rows),
            "members": len(members),
            "waves": len(waves),
            "invitations": len(invitations),
            "responses": len(responses),
            "answers": total,
        }


def _each_response(
    waves: Sequence[tuple[TieWave, PlannedWave, list[TieGroup]]],
) -> Iterator[tuple[TieWave, PlannedResponse, list[TieGroup]]]:
    """The planned responses in the order their rows were made."""
    for row, wave, groups in waves:
        for response in wave.responses:
            yield row, response, groups


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` as equal as can be."""
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def _on_day(moment: datetime.datetime) -> datetime.date:
    """`moment`'s day, or the Monday after on a weekend."""
    day = timezone.localtime(moment).date()
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    return day
