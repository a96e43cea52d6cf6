"""Reading tie surveys: their results per wave, comparisons, and what a person has to answer.

Everything handed out is built from `scoring.Result`, which holds no group below the anonymity
threshold; `names` carries only the shown groups' names. Counts of invited and finished are per
wave, never per person.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netvaerk.evaluation.tokens import min_group_size
from netvaerk.networks.models import Network, Participation
from netvaerk.organisation.models import Person

from . import charts, scoring
from .charts import fmt
from .models import Instrument, TieGroup, TieInvitation, TieMember, TieSurvey, TieWave
from .services import wave_is_open, wave_ratings

MEASURE_LABELS = {
    "index": gettext_lazy("Relational coordination index"),
    "communication": gettext_lazy("Communication"),
    "relationship": gettext_lazy("Relationships"),
}


def wave_label(wave: TieWave) -> str:
    opened = timezone.localtime(wave.opened_at).date()
    return f"{wave.get_kind_display()} ({formats.date_format(opened, 'YEAR_MONTH_FORMAT')})"


@dataclass(frozen=True)
class TieRow:
    source: str
    target: str
    respondents: int
    score: float
    communication: float | None
    relationship: float | None
    css: str
    band: str

    @property
    def texts(self) -> tuple[str, str, str]:
        return fmt(self.score), fmt(self.communication), fmt(self.relationship)


@dataclass(frozen=True)
class WaveReport:
    wave: TieWave
    label: str
    invited: int
    finished: int
    result: scoring.Result
    names: dict[int, str]  # group id -> name, shown groups only

    @property
    def is_open(self) -> bool:
        return wave_is_open(self.wave)

    @property
    def min_group_size(self) -> int:
        return min_group_size()

    @cached_property
    def heat_map(self) -> list[charts.Row]:
        return charts.heat_map(self.result, self.names)

    @cached_property
    def diagram(self) -> charts.Diagram:
        return charts.diagram(self.result, self.names)

    @cached_property
    def measures(self) -> list[tuple[str, str]]:
        return [
            (str(MEASURE_LABELS[measure]), fmt(getattr(self.result, measure)))
            for measure in scoring.MEASURES
        ]

    @cached_property
    def ties(self) -> list[TieRow]:
        names: Mapping[Any, str] = self.names
        rows = []
        for source in self.result.groups:
            for target in self.result.groups:
                tie = self.result.tie(source, target)
                if tie is None:
                    continue
                rows.append(
                    TieRow(
                        names[source],
                        names[target],
                        tie.respondents,
                        tie.score,
                        tie.communication,
                        tie.relationship,
                        charts.band(tie.score),
                        charts.band_label(tie.score),
                    )
                )
        return rows

    @property
    def bands(self) -> list[tuple[str, str]]:
        return [(css, str(label)) for _lowest, css, label in charts.BANDS]


@dataclass(frozen=True)
class SurveyReport:
    survey: TieSurvey
    waves: list[WaveReport]
    comparison: dict[str, scoring.Difference] | None  # first vs last wave, per measure


def reading(difference: scoring.Difference) -> str:
    """A plain-language reading of a difference and its 95 % interval."""
    if difference.difference is None:
        return _("Not shown in both waves.")
    if difference.low is None or difference.high is None:
        return _("Too few answers for an interval.")
    if difference.low <= 0 <= difference.high:
        return _("The interval includes 0: no clear change.")
    if difference.low > 0:
        return _("The whole interval is above 0: a clear improvement.")
    return _("The whole interval is below 0: a clear decline.")


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    before: str
    after: str
    difference: str
    low: str
    high: str
    reading: str


@dataclass(frozen=True)
class Comparison:
    before: WaveReport
    after: WaveReport
    measures: list[ComparisonRow]
    ties: list[ComparisonRow]


def _row(label: str, difference: scoring.Difference) -> ComparisonRow:
    signed = fmt(difference.difference)
    if difference.difference is not None and difference.difference > 0:
        signed = "+" + signed
    return ComparisonRow(
        label,
        fmt(difference.before),
        fmt(difference.after),
        signed,
        fmt(difference.low),
        fmt(difference.high),
        reading(difference),
    )


def compare_measures(
    before: scoring.Result, after: scoring.Result
) -> dict[str, scoring.Difference]:
    return {
        measure: scoring.compare(before, after, measure=measure) for measure in scoring.MEASURES
    }


def comparison(before: WaveReport, after: WaveReport) -> Comparison:
    """Before, after, difference and 95 % interval of the measures and of each tie."""
    measures = [
        _row(str(MEASURE_LABELS[measure]), difference)
        for measure, difference in compare_measures(before.result, after.result).items()
    ]
    ties = []
    tie_differences = scoring.compare_ties(before.result, after.result)
    for source in after.result.groups:
        for target in after.result.groups:
            difference = tie_differences.get((source, target))
            if difference is None:
                continue
            names: Mapping[Any, str] = after.names
            ties.append(_row(f"{names[source]} → {names[target]}", difference))
    return Comparison(before, after, measures, ties)


# --- building reports --------------------------------------------------------------------------


def _counts(wave_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    rows = (
        TieInvitation.objects.filter(wave_id__in=list(wave_ids))
        .order_by()
        .values("wave_id")
        .annotate(invited=Count("pk"), finished=Count("pk", filter=Q(finished=True)))
    )
    return {row["wave_id"]: (row["invited"], row["finished"]) for row in rows}


def wave_reports(waves: Sequence[TieWave], groups: Iterable[TieGroup]) -> list[WaveReport]:
    """The reports of waves (of one or more surveys) in three queries at most.

    `groups` are the groups of the waves' surveys, in their order.
    """
    waves = list(waves)
    if not waves:
        return []
    wave_ids = [wave.pk for wave in waves]
    ratings = wave_ratings(wave_ids)
    counts = _counts(wave_ids)
    by_survey: dict[int, list[TieGroup]] = {}
    for group in groups:
        by_survey.setdefault(group.survey_id, []).append(group)
    threshold = min_group_size()
    reports = []
    for wave in waves:
        survey_groups = by_survey.get(wave.survey_id, [])
        result = scoring.score(
            ratings[wave.pk],
            groups=[group.pk for group in survey_groups],
            min_group_size=threshold,
        )
        shown = set(result.groups)
        invited, finished = counts.get(wave.pk, (0, 0))
        reports.append(
            WaveReport(
                wave=wave,
                label=wave_label(wave),
                invited=invited,
                finished=finished,
                result=result,
                names={group.pk: group.name for group in survey_groups if group.pk in shown},
            )
        )
    return reports


def network_report(network: Network) -> list[SurveyReport]:
    """Every tie survey of the network with its waves' results; five queries, any size."""
    surveys = list(TieSurvey.objects.filter(network=network).select_related("instrument"))
    if not surveys:
        return []
    groups = list(TieGroup.objects.filter(survey__in=surveys).order_by("survey_id", "order", "pk"))
    waves = list(TieWave.objects.filter(survey__in=surveys).order_by("opened_at", "pk"))
    reports = wave_reports(waves, groups)
    by_survey: dict[int, list[WaveReport]] = {survey.pk: [] for survey in surveys}
    for report in reports:
        by_survey[report.wave.survey_id].append(report)
    result = []
    for survey in surveys:
        survey_waves = by_survey[survey.pk]
        compared = (
            compare_measures(survey_waves[0].result, survey_waves[-1].result)
            if len(survey_waves) >= 2
            else None
        )
        result.append(SurveyReport(survey, survey_waves, compared))
    return result


@dataclass(frozen=True)
class LatestIndex:
    network_id: int
    survey_title: str
    wave_label: str
    closed_on: datetime.date
    respondents: int
    index: Decimal | None
    previous_index: Decimal | None  # the previous closed wave of the same survey


def latest_indices(network_ids: Iterable[int]) -> dict[int, LatestIndex]:
    """Each network's latest closed wave, from the stored scores; one query."""
    rows = (
        TieWave.objects.filter(survey__network_id__in=list(network_ids), closed_at__isnull=False)
        .order_by("survey_id", "opened_at", "pk")
        .values_list(
            "survey__network_id",
            "survey_id",
            "survey__title",
            "kind",
            "closed_at",
            "respondents",
            "index",
        )
    )
    kinds = dict(TieWave.Kind.choices)
    previous_of_survey: dict[int, Decimal | None] = {}
    latest: dict[int, tuple[datetime.datetime, LatestIndex]] = {}
    for network_id, survey_id, title, kind, closed_at, respondents, index in rows:
        if closed_at is None:
            continue
        entry = LatestIndex(
            network_id=network_id,
            survey_title=title,
            wave_label=str(kinds.get(kind, kind)),
            closed_on=timezone.localtime(closed_at).date(),
            respondents=respondents,
            index=index,
            previous_index=previous_of_survey.get(survey_id),
        )
        previous_of_survey[survey_id] = index
        current = latest.get(network_id)
        if current is None or closed_at >= current[0]:
            latest[network_id] = (closed_at, entry)
    return {network_id: entry for network_id, (_at, entry) in latest.items()}


def pending_invitations(person: Person | None) -> list[TieInvitation]:
    """The person's unfinished invitations in open waves, soonest closing first."""
    if person is None:
        return []
    return list(
        TieInvitation.objects.filter(
            person=person,
            finished=False,
            wave__closed_at__isnull=True,
            wave__closes_on__gte=timezone.localdate(),
        )
        .select_related("wave__survey__network")
        .order_by("wave__closes_on", "pk")
    )


# --- pages -------------------------------------------------------------------------------------


def survey_list(network: Network) -> QuerySet[TieSurvey]:
    return (
        TieSurvey.objects.filter(network=network)
        .select_related("instrument")
        .annotate(
            group_count=Count("groups", distinct=True), wave_count=Count("waves", distinct=True)
        )
        .order_by("-created_at", "-pk")
    )


def survey_in_network(network: Network, pk: int) -> TieSurvey | None:
    return (
        TieSurvey.objects.filter(network=network, pk=pk)
        .select_related("instrument", "network")
        .first()
    )


def participants(network: Network) -> QuerySet[Participation]:
    """The network's current participants, guests included, by name."""
    return (
        Participation.objects.filter(network=network, left_on__isnull=True)
        .select_related("person")
        .order_by("person__name", "pk")
    )


def member_groups(survey: TieSurvey, person_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        TieMember.objects.filter(survey=survey, person_id__in=list(person_ids)).values_list(
            "person_id", "group_id"
        )
    )


def group_member_counts(survey: TieSurvey) -> dict[int, int]:
    """How many current participants are placed in each group."""
    rows = (
        TieMember.objects.filter(
            survey=survey,
            person__participations__network_id=survey.network_id,
            person__participations__left_on__isnull=True,
        )
        .order_by()
        .values("group_id")
        .annotate(count=Count("pk"))
    )
    return {row["group_id"]: row["count"] for row in rows}


def instruments() -> list[Instrument]:
    return list(Instrument.objects.prefetch_related("items").order_by("-is_default", "name"))


def default_instrument() -> Instrument | None:
    return Instrument.objects.filter(is_default=True).first()


def item_texts(instrument: Instrument, language: str) -> dict[int, tuple[str, str, str]]:
    """dimension -> (text, low, high) in `language`, else Danish, else any language."""
    chosen: dict[int, tuple[int, tuple[str, str, str]]] = {}
    base = (language or "da").split("-")[0].lower()
    for item in instrument.items.all():
        rank = 0 if item.language.lower() == base else 1 if item.language.lower() == "da" else 2
        current = chosen.get(item.dimension)
        if current is None or rank < current[0]:
            chosen[item.dimension] = (rank, (item.text, item.low_label, item.high_label))
    return {dimension: text for dimension, (_rank, text) in chosen.items()}
