"""Reads for the evaluation pages; each costs a fixed number of queries however much data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from netvaerk.networks.models import Network
from netvaerk.networks.selectors import network_list
from netvaerk.organisation.models import Person, Unit

from . import indicators
from .models import EvaluationPlan, EvaluationTemplate, Indicator, Level, Measurement

# The chart shows this many of the latest measurements; the table below it pages through all.
CHART_POINTS = 60


def plan_for_page(network: Network) -> EvaluationPlan | None:
    return (
        EvaluationPlan.objects.select_related(
            "responsible", "decision_meeting__forum", "updated_by"
        )
        .filter(network=network)
        .first()
    )


def _with_status(indicator: Indicator) -> Indicator:
    indicator.status = indicators.status(  # type: ignore[attr-defined]
        baseline=indicator.baseline,
        target=indicator.target,
        latest=indicator.latest_value,
        higher_is_better=indicator.direction == Indicator.Direction.UP,
    )
    return indicator


def indicator_list(plan: EvaluationPlan) -> list[Indicator]:
    """The plan's indicators, each with its `status`, in one query."""
    return [_with_status(i) for i in plan.indicators.select_related("responsible")]


@dataclass(frozen=True)
class Suggestion:
    level: str
    name: str
    unit: str
    data_source: str


def template_suggestions(network: Network) -> list[Suggestion]:
    """The indicators the evaluation guide suggests for the network's type.

    The template holds one per line: "level | name | unit | data source"; a line that does not
    parse is skipped (the guide is prose written by people).
    """
    template = EvaluationTemplate.objects.filter(kind=network.kind).only("indicators").first()
    if template is None:
        return []
    levels = {value: str(label) for value, label in Level.choices}
    suggestions = []
    for line in template.indicators.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 4 and parts[0] in levels and parts[1]:
            suggestions.append(Suggestion(levels[parts[0]], *parts[1:]))
    return suggestions


def indicator_in_network(network: Network, pk: int) -> Indicator | None:
    indicator = (
        Indicator.objects.select_related("plan__network", "responsible")
        .filter(plan__network=network, pk=pk)
        .first()
    )
    return _with_status(indicator) if indicator else None


def measurement_list(indicator: Indicator) -> QuerySet[Measurement]:
    return indicator.measurements.select_related("recorded_by").order_by("-measured_on", "-id")


def indicator_chart(indicator: Indicator) -> indicators.Chart:
    latest = list(
        indicator.measurements.order_by("-measured_on", "-id").values_list("measured_on", "value")[
            :CHART_POINTS
        ]
    )
    return indicators.chart(
        baseline=indicator.baseline, target=indicator.target, measurements=latest[::-1]
    )


def charts_for(items: list[Indicator]) -> dict[int, indicators.Chart]:
    """Each indicator's chart from one query (the report shows them all)."""
    points: dict[int, list[Any]] = {i.pk: [] for i in items}
    rows = Measurement.objects.filter(indicator__in=items).order_by("measured_on", "id")
    for indicator_id, on, value in rows.values_list("indicator_id", "measured_on", "value"):
        points[indicator_id].append((on, value))
    return {
        i.pk: indicators.chart(
            baseline=i.baseline, target=i.target, measurements=points[i.pk][-CHART_POINTS:]
        )
        for i in items
    }


# --- the secretariat's portfolio --------------------------------------------------------------


@dataclass
class PortfolioRow:
    network: Network
    latest: Any  # surveys.selectors.LatestIndex | None
    counts: dict[str, int]  # indicator status code -> number of indicators
    indicators: int

    @property
    def change(self) -> Any:
        """The latest index minus the one before it in the same survey, or None."""
        latest = self.latest
        if latest is None or latest.index is None or latest.previous_index is None:
            return None
        return latest.index - latest.previous_index


def portfolio(*, kind: str = "", area: Unit | None = None) -> QuerySet[Network]:
    """Every network, filterable by type and director area (the networks list's own query)."""
    return network_list(kind=kind, area=area)


def portfolio_rows(networks: list[Network]) -> list[PortfolioRow]:
    """The page's rows: latest tie-survey index and indicator status (two more queries)."""
    from .surveys.selectors import latest_indices

    ids = [n.pk for n in networks]
    latest = latest_indices(ids)
    by_network: dict[int, list[Indicator]] = {pk: [] for pk in ids}
    found = (
        Indicator.objects.filter(plan__network_id__in=ids)
        .only("plan_id", "baseline", "target", "latest_value", "direction")
        .annotate(network_id=F("plan__network_id"))
    )
    for found_item in found:
        by_network[found_item.network_id].append(_with_status(found_item))
    rows = []
    for network in networks:
        counts = {status.code: 0 for status in indicators.Status}
        for item in by_network[network.pk]:
            counts[item.status.code] += 1  # type: ignore[attr-defined]
        rows.append(
            PortfolioRow(network, latest.get(network.pk), counts, len(by_network[network.pk]))
        )
    return rows


# --- personal data ------------------------------------------------------------------------------


def person_invitations(person: Person) -> list[dict[str, Any]]:
    """The surveys the person was invited to, for their data export: never their answers."""
    from .questionnaires.models import QuestionnaireInvitation
    from .surveys.models import TieInvitation

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    ties = TieInvitation.objects.filter(person=person).select_related("wave__survey__network")
    questionnaires = QuestionnaireInvitation.objects.filter(person=person).select_related(
        "questionnaire__network"
    )
    return [
        {
            "kind": "tie_survey",
            "title": invitation.wave.survey.title,
            "wave": invitation.wave.kind,
            "network": invitation.wave.survey.network.title,
            "sent_at": iso(invitation.sent_at),
            "reminders": invitation.reminders,
            "finished": invitation.finished,
        }
        for invitation in ties
    ] + [
        {
            "kind": "questionnaire",
            "title": invitation.questionnaire.title,
            "network": invitation.questionnaire.network.title,
            "sent_at": iso(invitation.sent_at),
            "reminders": invitation.reminders,
            "finished": invitation.finished,
        }
        for invitation in questionnaires
    ]
