"""The rows the analytics need, read in a fixed number of queries however much data exists.

Each function returns the plain dataclasses of `analytics.py` (or a values() queryset for the
paginated tables), so the pure functions there never touch the ORM. Counting and summing is
done in the database (values() + Count/Sum) where that is simpler than in Python.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.ideas.models import Idea, Round
from netvaerk.networks.models import Network, NetworkType, Participation, Phase
from netvaerk.organisation.models import Person, SecretariatAssignment, Unit

from . import analytics
from .analytics import (
    ALL_TIME,
    AreaHours,
    AssignmentFact,
    CrossTable,
    HalfYearFlow,
    IdeaCount,
    NetworkFact,
    Period,
    RoundFact,
    RoundOutcome,
    Staffing,
    Summary,
    UnitHours,
)

HOURS: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=1)
KINDS = tuple(NetworkType.values)
PHASES = tuple(Phase.values)


def _date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


# --- networks -----------------------------------------------------------------------------------


def _in_area(area: Unit) -> Exists:
    """The outer network has (or had) a participant from the area."""
    return Exists(
        Participation.objects.filter(
            network_id=OuterRef("pk"), person__unit__path__startswith=area.path
        )
    )


def network_facts(*, area: Unit | None = None) -> list[NetworkFact]:
    """Every network (or those with a participant from `area`) as a NetworkFact. One query.

    A network starts when it is created (a selected idea becomes a network then) and closes
    when it enters the phase "closed" (its phase_changed_at)."""
    networks = Network.objects.order_by()
    if area is not None:
        networks = networks.filter(_in_area(area))
    return [
        NetworkFact(
            kind=kind,
            phase=phase,
            started=_date(created_at),
            closed=_date(changed_at) if phase == Phase.CLOSED else None,
        )
        for kind, phase, created_at, changed_at in networks.values_list(
            "kind", "phase", "created_at", "phase_changed_at"
        )
    ]


def networks_started_per_type(
    period: Period = ALL_TIME, *, area: Unit | None = None
) -> dict[str, int]:
    """How many networks of each type (welfare, innovation, learning) started in the period.
    One query. For the status report's "networks started per type"."""
    return analytics.started_by_type(network_facts(area=area), kinds=KINDS, period=period)


# --- ideas --------------------------------------------------------------------------------------


def round_facts() -> list[RoundFact]:
    """Every selection round, plus the pseudo-round (pk None) of ideas sent outside rounds.
    One query."""
    rounds = [
        RoundFact(pk, title, _date(deadline))
        for pk, title, deadline in Round.objects.order_by().values_list("pk", "title", "deadline")
    ]
    return [*rounds, RoundFact(None, _("Outside a round"), None)]


def idea_counts(period: Period = ALL_TIME, *, area: Unit | None = None) -> list[IdeaCount]:
    """Ideas counted per round and state in the database. One query.

    Ideas in a round are all counted (the round's deadline places them in a period); ideas
    outside rounds only when they were sent in the period. `area`: ideas naming a unit there.
    """
    ideas = Idea.objects.order_by().exclude(state=Idea.State.DRAFT)
    loose = Q(round=None)
    if period.start is not None:
        loose &= Q(submitted_at__date__gte=period.start)
    if period.end is not None:
        loose &= Q(submitted_at__date__lte=period.end)
    ideas = ideas.filter(Q(round__isnull=False) | loose)
    if area is not None:
        through = Idea.units.through
        ideas = ideas.filter(
            Exists(
                through._default_manager.filter(
                    idea_id=OuterRef("pk"), unit__path__startswith=area.path
                )
            )
        )
    return [
        IdeaCount(row["round_id"], row["state"], row["n"])
        for row in ideas.values("round_id", "state").annotate(n=Count("pk"))
    ]


def ideas_per_round(period: Period = ALL_TIME, *, area: Unit | None = None) -> list[RoundOutcome]:
    """Ideas received per round in the period and their outcome. Two queries. For the status
    report's "ideas received"."""
    return analytics.idea_outcomes(round_facts(), idea_counts(period, area=area), period=period)


# --- participation ------------------------------------------------------------------------------


def _participations(period: Period) -> QuerySet[Participation]:
    """Participations that ran in the period; with no period, those running today (not left,
    network not closed). Guests (citizens, partners) commit no working hours: left out."""
    found = Participation.objects.order_by().exclude(person__kind=Person.Kind.GUEST)
    if period.is_all_time:
        return found.filter(left_on=None).exclude(network__phase=Phase.CLOSED)
    if period.end is not None:
        found = found.filter(joined_on__lte=period.end)
    if period.start is not None:
        found = found.filter(Q(left_on=None) | Q(left_on__gte=period.start)).exclude(
            network__phase=Phase.CLOSED, network__phase_changed_at__date__lt=period.start
        )
    return found


def _hour_sums() -> dict[str, Any]:
    return {
        "people": Count("person", distinct=True),
        "participations": Count("pk"),
        "hours": Coalesce(Sum("hours_per_week"), Value(Decimal(0)), output_field=HOURS),
        "approved": Coalesce(Sum("approved_hours"), Value(Decimal(0)), output_field=HOURS),
    }


def unit_hours(period: Period = ALL_TIME, *, area: Unit | None = None) -> list[UnitHours]:
    """Participants and hours per week per unit, summed in the database. One query."""
    found = _participations(period)
    if area is not None:
        found = found.filter(person__unit__path__startswith=area.path)
    rows = found.values("person__unit_id", "person__unit__path").annotate(**_hour_sums())
    return [
        UnitHours(
            unit_id=row["person__unit_id"],
            path=row["person__unit__path"] or "",
            people=row["people"],
            participations=row["participations"],
            hours=Decimal(row["hours"]),
            approved=Decimal(row["approved"]),
        )
        for row in rows
    ]


def area_names() -> dict[int, str]:
    """Director areas, id → name. One query."""
    return dict(Unit.objects.filter(level=Unit.Level.AREA).values_list("pk", "name"))


def hours_per_area(period: Period = ALL_TIME, *, area: Unit | None = None) -> list[AreaHours]:
    """Participants and hours per week per director area. Two queries."""
    areas = area_names()
    if area is not None:
        areas = {pk: name for pk, name in areas.items() if pk == area.pk}
    return analytics.hours_by_area(
        unit_hours(period, area=area), areas, outside=_("Outside the director areas")
    )


# --- the dashboard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, computed once per filter and cached."""

    period: Period
    types: CrossTable
    flows: list[HalfYearFlow]
    outcomes: list[RoundOutcome]
    areas: list[AreaHours]
    summary: Summary


def dashboard(period: Period = ALL_TIME, *, area: Unit | None = None) -> Dashboard:
    """The dashboard's figures in six queries, whatever the amount of data."""
    networks = network_facts(area=area)
    outcomes = ideas_per_round(period, area=area)
    areas = hours_per_area(period, area=area)
    return Dashboard(
        period=period,
        types=analytics.networks_by_type_and_phase(
            networks, kinds=KINDS, phases=PHASES, period=period
        ),
        flows=analytics.starts_and_closures(networks, period=period),
        outcomes=outcomes,
        areas=areas,
        summary=analytics.summarise(networks, outcomes, areas, kinds=KINDS, period=period),
    )


# --- resources ----------------------------------------------------------------------------------


def unit_table() -> QuerySet[Any]:
    """Hours per week committed today, per unit (values rows, most hours first), for paging."""
    return (
        _participations(ALL_TIME)
        .values("person__unit_id", "person__unit__name", "person__unit__path")
        .annotate(**_hour_sums())
        .order_by("-hours", "person__unit__name", "person__unit_id")
    )


PERSON_SORTS = {
    "name": ("person__name", "person_id"),
    "hours": ("hours", "person__name", "person_id"),
    "-hours": ("-hours", "person__name", "person_id"),
}


def person_table(
    *, within: Unit | None = None, unit: Unit | None = None, sort: str = "name"
) -> QuerySet[Any]:
    """Hours per week committed today, per person (values rows), for paging.

    `within`: only people in that unit or below it (a manager's view); `unit`: the user's
    filter (a director area or any other unit, with the units below it)."""
    found = _participations(ALL_TIME)
    for scope in (within, unit):
        if scope is not None:
            found = found.filter(person__unit__path__startswith=scope.path)
    return (
        found.values("person_id", "person__name", "person__unit__name", "person__unit__path")
        .annotate(**_hour_sums())
        .order_by(*PERSON_SORTS[sort])
    )


@dataclass(frozen=True)
class HoursRow:
    """A row of the resources tables (a unit or a person)."""

    pk: int | None
    name: str
    unit: str
    area: str
    people: int
    participations: int
    hours: Decimal
    approved: Decimal

    @property
    def difference(self) -> Decimal:
        return self.hours - self.approved


def hours_rows(rows: Any, areas: dict[int, str], *, persons: bool) -> list[HoursRow]:
    """Rows of `unit_table()` or `person_table()` with their director area's name."""
    result = []
    for row in rows:
        path = row["person__unit__path"] or ""
        area = analytics.area_of(path, areas)
        result.append(
            HoursRow(
                pk=row["person_id"] if persons else row["person__unit_id"],
                name=row["person__name"] if persons else (row["person__unit__name"] or ""),
                unit=row["person__unit__name"] or "",
                area=areas.get(area, "") if area is not None else "",
                people=row["people"],
                participations=row["participations"],
                hours=Decimal(row["hours"]),
                approved=Decimal(row["approved"]),
            )
        )
    return result


def assignment_facts() -> list[AssignmentFact]:
    """Every secretariat assignment (role code, person's name, hours, dates). One query."""
    return [
        AssignmentFact(role, person, Decimal(hours), starts_on, ends_on)
        for role, person, hours, starts_on, ends_on in SecretariatAssignment.objects.order_by(
            "starts_on", "pk"
        ).values_list("role", "person__name", "hours_per_week", "starts_on", "ends_on")
    ]


def secretariat_staffing(period: Period = ALL_TIME, *, on: datetime.date | None = None) -> Staffing:
    """The secretariat's staffing in the period, with the hours and FTE running on `on`
    (default: the period's end, or today). One query. For the status report's "staffing"."""
    day = on or period.end or timezone.localdate()
    return analytics.staffing(assignment_facts(), on=day, period=period)


def managed_unit(person: Person | None) -> Unit | None:
    """The unit a manager leads (their own unit), or None for anyone else."""
    if person is None or not person.is_manager or person.unit_id is None:
        return None
    return Unit.objects.filter(pk=person.unit_id).first()


def units_for_filter(within: Unit | None) -> QuerySet[Unit]:
    """The units offered in the per-person filter: areas and centres for everyone who sees all,
    or the manager's unit and the units below it."""
    units = Unit.objects.filter(is_active=True).order_by("path")
    if within is not None:
        return units.filter(path__startswith=within.path)
    return units.filter(level__in=[Unit.Level.AREA, Unit.Level.CENTRE])
