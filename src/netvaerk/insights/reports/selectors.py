"""The rows the status report needs, read in a fixed number of queries however much data exists.

The dashboard's selectors (`insights.selectors`) give the ideas per round and the staffing; the
evaluation's give the latest tie-survey index and the indicators' status. What the report alone
needs (the timeline, the names of the networks, the marked learning notes of every network in one
query) is read here and handed to the pure functions of `analysis.py`. The whole result is
cached per period and language until the next audited change (`insights.cache`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netvaerk.core.models import AuditEntry
from netvaerk.ideas.models import Idea, Round
from netvaerk.insights import analytics as dashboard
from netvaerk.insights import selectors as insights
from netvaerk.insights.analytics import CrossTable, Period, RoundOutcome, Staffing
from netvaerk.insights.cache import cached
from netvaerk.insights.silos.analysis import SiloSummary
from netvaerk.networks.models import Network, NetworkType, Phase
from netvaerk.organisation.models import Person, SecretariatAssignment, Training

from . import analysis
from .analysis import (
    NAME_LIMIT,
    EvaluationRow,
    EvaluationSummary,
    Event,
    NetworkRef,
    Note,
    StartedNetwork,
    TypeGroup,
)
from .models import StatusReport


def latest_year() -> int:
    """The latest year with data (networks started, ideas sent, secretariat staffed), not
    later than this year. Three queries."""
    today = timezone.localdate()
    found = [
        Network.objects.filter(created_at__lte=timezone.now()).aggregate(m=Max("created_at"))["m"],
        Idea.objects.filter(submitted_at__lte=timezone.now()).aggregate(m=Max("submitted_at"))["m"],
    ]
    years = [timezone.localtime(moment).year for moment in found if moment is not None]
    started = SecretariatAssignment.objects.filter(starts_on__lte=today).aggregate(
        m=Max("starts_on")
    )["m"]
    if started is not None:
        years.append(started.year)
    return max(years, default=today.year)


def narrative(period: Period) -> StatusReport | None:
    start, end = analysis.dates(period)
    return StatusReport.objects.filter(starts_on=start, ends_on=end).first()


def _bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as [start, end) moments in the local time zone."""
    assert period.start is not None and period.end is not None
    start = datetime.datetime.combine(period.start, datetime.time.min)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


@dataclass(frozen=True)
class Innovators:
    count: int
    names: tuple[str, ...]
    trainings: tuple[str, ...]  # the titles of the innovator training they are on

    @property
    def more(self) -> int:
        return self.count - len(self.names)


@dataclass(frozen=True)
class Selected:
    """An idea selected in one of the period's rounds, and the network it became."""

    round: str
    idea: str
    network: NetworkRef | None

    @property
    def text(self) -> str:
        if self.network is None or self.network.title == self.idea:
            return _("“%(idea)s” (%(round)s)") % {"idea": self.idea, "round": self.round}
        if self.network.masked:
            return _("“%(idea)s” (%(round)s), now a private network") % {
                "idea": self.idea,
                "round": self.round,
            }
        return _("“%(idea)s” (%(round)s), now the network %(network)s") % {
            "idea": self.idea,
            "round": self.round,
            "network": self.network.name,
        }


@dataclass(frozen=True)
class Generated:
    """The generated sections of a status report (plain data; cached)."""

    label: str
    timeline: tuple[Event, ...]
    phases: CrossTable
    kind_labels: tuple[str, ...]
    phase_labels: tuple[str, ...]
    started: tuple[TypeGroup, ...]
    evaluation: EvaluationSummary
    ideas: tuple[RoundOutcome, ...]
    selected: tuple[Selected, ...]
    selected_count: int
    staffing: Staffing
    role_labels: dict[str, str]
    innovators: Innovators
    private_ids: frozenset[int]
    # The silo analysis's headline for the period (None for an open-ended period).
    silos: SiloSummary | None = None

    @property
    def spanning_text(self) -> str:
        """ "N of M networks … spanned both director areas (P %)", or "" without networks."""
        silos = self.silos
        if silos is None or not silos.networks or silos.share_spanning is None:
            return ""
        return _(
            "%(spanning)s of the %(networks)s networks active in the period had participants "
            "from more than one director area (%(share)s %%)."
        ) % {
            "spanning": silos.spanning_networks,
            "networks": silos.networks,
            "share": round(100 * silos.share_spanning),
        }

    @property
    def started_total(self) -> int:
        return sum(group.count for group in self.started)

    @property
    def ideas_received(self) -> int:
        return sum(outcome.received for outcome in self.ideas)

    @property
    def staffing_rows(self) -> list[tuple[Any, str]]:
        return [(a, self.role_labels.get(a.role, a.role)) for a in self.staffing.assignments]


def _ref(pk: int, title: str, kind: str, private: bool) -> NetworkRef:
    return NetworkRef(pk=pk, title=title, kind=kind, private=private)


def generated(period: Period) -> Generated:
    """The generated sections for the period, from the cache while nothing has changed."""
    params = {"start": period.start, "end": period.end, "lang": translation.get_language()}
    return cached("reports.status", params, lambda: compute(period))


def compute(period: Period) -> Generated:
    """Every generated section of the report; about fifteen queries, however much data."""
    start, end = _bounds(period)
    kinds = dict(NetworkType.choices)
    phases = dict(Phase.choices)
    roles = {k: str(v) for k, v in SecretariatAssignment.Role.choices}
    refs: dict[int, NetworkRef] = {}
    events: list[Event] = []

    # Networks started in the period (one query).
    started = []
    for pk, title, kind, private, phase, created_at in (
        Network.objects.filter(created_at__gte=start, created_at__lt=end)
        .order_by()
        .values_list("pk", "title", "kind", "is_private", "phase", "created_at")
    ):
        ref = refs[pk] = _ref(pk, title, kind, private)
        day = timezone.localdate(created_at)
        started.append(StartedNetwork(ref, day, str(phases.get(phase, phase))))
        events.append(
            Event(day=day, code=analysis.NETWORK_START, network=ref, label=str(kinds[kind]))
        )

    # Phase changes: the audited moves, and each network's latest change (networks whose history
    # predates the platform carry only that). Three queries.
    moves: set[tuple[int, str]] = set()
    audited = []
    for object_id, changes, created_at in AuditEntry.objects.filter(
        action="networks.network.move_phase", created_at__gte=start, created_at__lt=end
    ).values_list("object_id", "changes", "created_at"):
        target = (changes or {}).get("phase", [None, None])[1]
        if object_id.isdigit() and target:
            audited.append((int(object_id), str(target), timezone.localdate(created_at)))
    latest = (
        Network.objects.filter(phase_changed_at__gte=start, phase_changed_at__lt=end)
        .exclude(phase=Phase.INTRO)
        .order_by()
        .values_list("pk", "title", "kind", "is_private", "phase", "phase_changed_at")
    )
    for pk, title, kind, private, phase, changed_at in latest:
        refs.setdefault(pk, _ref(pk, title, kind, private))
        audited.append((pk, phase, timezone.localdate(changed_at)))
    missing = {pk for pk, _phase, _day in audited if pk not in refs}
    for pk, title, kind, private in Network.objects.filter(pk__in=missing).values_list(
        "pk", "title", "kind", "is_private"
    ):
        refs[pk] = _ref(pk, title, kind, private)
    for pk, phase, day in audited:
        if (pk, phase) in moves or pk not in refs:
            continue
        moves.add((pk, phase))
        events.append(
            Event(day=day, code=analysis.PHASE, network=refs[pk], label=str(phases.get(phase)))
        )

    # The phase table over every network that ran in the period (one query).
    phase_table = dashboard.networks_by_type_and_phase(
        insights.network_facts(), kinds=insights.KINDS, phases=insights.PHASES, period=period
    )

    evaluation = _evaluation(period, start, end, refs)

    # Ideas: per round and outcome (two queries), the selected ones (one), the decisions (one).
    outcomes = insights.ideas_per_round(period)
    round_ids = [o.round.pk for o in outcomes if o.round.pk is not None]
    for outcome in outcomes:
        if outcome.round.pk is not None and outcome.round.deadline is not None:
            events.append(
                Event(
                    day=outcome.round.deadline,
                    code=analysis.ROUND_DEADLINE,
                    label=outcome.round.title,
                    count=outcome.received,
                )
            )
    selected_rows = list(
        Idea.objects.filter(round_id__in=round_ids, state=Idea.State.SELECTED)
        .order_by("round__deadline", "title", "pk")
        .values_list(
            "round__title",
            "title",
            "network_id",
            "network__title",
            "network__kind",
            "network__is_private",
        )[: NAME_LIMIT * 2]
    )
    selected = []
    for round_title, idea_title, network_id, title, kind, private in selected_rows:
        became = (
            refs.setdefault(network_id, _ref(network_id, title, kind, private))
            if network_id is not None
            else None
        )
        selected.append(Selected(round_title, idea_title, became))
    for title, starts_at, count in (
        Round.objects.filter(
            decision_meeting__starts_at__gte=start, decision_meeting__starts_at__lt=end
        )
        .annotate(chosen=Count("ideas", filter=Q(ideas__state=Idea.State.SELECTED)))
        .values_list("title", "decision_meeting__starts_at", "chosen")
    ):
        events.append(
            Event(
                day=timezone.localdate(starts_at),
                code=analysis.ROUND_DECISION,
                label=title,
                count=count,
            )
        )

    # Staffing (one query) and the innovators (two).
    staffing = insights.secretariat_staffing(period)
    for assignment in staffing.assignments:
        if period.contains(assignment.starts_on):
            events.append(
                Event(
                    day=assignment.starts_on,
                    code=analysis.SECRETARIAT,
                    person=assignment.person,
                    label=roles.get(assignment.role, assignment.role),
                    hours=assignment.hours_per_week,
                )
            )
    innovators = Person.objects.filter(is_innovator=True, is_active=True)
    names = list(innovators.order_by("name", "pk").values_list("name", flat=True))
    trainings = (
        Training.objects.filter(person__in=innovators, kind=Training.Kind.INNOVATOR)
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()
    )

    private_ids = frozenset(pk for pk, ref in refs.items() if ref.private)
    return Generated(
        label=analysis.period_label(period),
        timeline=tuple(analysis.timeline(events)),
        phases=phase_table,
        kind_labels=tuple(str(kinds[k]) for k in phase_table.rows),
        phase_labels=tuple(str(phases[p]) for p in phase_table.columns),
        started=tuple(
            analysis.started_per_type(started, [(k, str(v)) for k, v in NetworkType.choices])
        ),
        evaluation=evaluation,
        ideas=tuple(outcomes),
        selected=tuple(selected[:NAME_LIMIT]),
        selected_count=sum(o.count("selected") for o in outcomes),
        staffing=staffing,
        role_labels=roles,
        innovators=Innovators(len(names), tuple(names[:NAME_LIMIT]), tuple(trainings)),
        private_ids=private_ids,
        silos=_silos(period),
    )


def _silos(period: Period) -> SiloSummary | None:
    from netvaerk.insights.silos import analysis as silo_analysis
    from netvaerk.insights.silos.selectors import silo_data

    if period.start is None or period.end is None:
        return None
    return silo_analysis.summary(silo_data(), start=period.start, end=period.end)


def _evaluation(
    period: Period,
    start: datetime.datetime,
    end: datetime.datetime,
    refs: dict[int, NetworkRef],
) -> EvaluationSummary:
    """The networks that ran in the period with their latest index, indicator status and the
    learning notes marked for the status report. Four queries, whatever the number of networks."""
    from netvaerk.evaluation.selectors import portfolio_rows
    from netvaerk.networks.logbook.models import LearningNote

    networks = list(
        Network.objects.filter(created_at__lt=end)
        .exclude(phase=Phase.CLOSED, phase_changed_at__lt=start)
        .order_by("title", "pk")
        .only("pk", "title", "kind", "is_private")
    )
    ids = [network.pk for network in networks]
    # The same notes as `notes_for_status_report(network)`, for every network in one query.
    notes: dict[int, list[Note]] = {}
    for network_id, written_on, text in (
        LearningNote.objects.filter(
            network_id__in=ids,
            for_status_report=True,
            written_on__gte=period.start,
            written_on__lte=period.end,
        )
        .order_by("written_on", "id")
        .values_list("network_id", "written_on", "text")
    ):
        notes.setdefault(network_id, []).append(Note(written_on, text))
    rows = []
    for row in portfolio_rows(networks):
        network = row.network
        ref = refs.setdefault(
            network.pk, _ref(network.pk, network.title, network.kind, network.is_private)
        )
        latest = row.latest
        rows.append(
            EvaluationRow(
                network=ref,
                index=latest.index if latest else None,
                index_change=row.change,
                survey=f"{latest.survey_title}, {latest.wave_label}" if latest else "",
                indicators=row.indicators,
                reached=row.counts.get("reached", 0),
                progressing=row.counts.get("progressing", 0),
                not_progressing=row.counts.get("not_progressing", 0),
                no_data=row.counts.get("no_data", 0),
                notes=tuple(notes.get(network.pk, ())),
            )
        )
    return analysis.evaluation_summary(rows, active=len(networks))


def hidden_networks(user: Any, report: Generated) -> set[int]:
    """The private networks of the report that `user` may not see (at most one query)."""
    from netvaerk.networks.rules import visible_networks
    from netvaerk.organisation.rules import is_secretariat

    if not report.private_ids or is_secretariat(user):
        return set()
    visible = visible_networks(user, Network.objects.filter(pk__in=report.private_ids))
    return set(report.private_ids) - set(visible.values_list("pk", flat=True))
