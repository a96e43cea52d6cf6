"""The dashboard's and the resources' analytics: pure functions over plain data.

Nothing here touches the database. `selectors.py` reads the rows (a fixed number of queries)
and hands them over as the dataclasses below; the status report calls the same functions.

Periods are closed date intervals; `None` at either end means "open". Half-years are written
"2013-1" (January–June) and "2013-2" (July–December).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# Hours per week of one full-time employee (FTE).
FULL_TIME_HOURS = Decimal(37)

ZERO = Decimal(0)

# --- periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A closed date interval; an open end is None. `Period()` is all time."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def contains(self, day: datetime.date | None) -> bool:
        if day is None:
            return False
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end

    def overlaps(self, start: datetime.date | None, end: datetime.date | None) -> bool:
        """Whether [start, end] (None: open) meets this period."""
        if self.end is not None and start is not None and start > self.end:
            return False
        return not (self.start is not None and end is not None and end < self.start)

    @property
    def is_all_time(self) -> bool:
        return self.start is None and self.end is None


# All time: no period chosen.
ALL_TIME = Period()


def half_year_of(day: datetime.date) -> str:
    """ "2013-1" for January–June 2013, "2013-2" for July–December."""
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def half_year_period(label: str) -> Period:
    """The dates of a half-year ("2013-2") or of a whole year ("2013")."""
    year, _, half = label.partition("-")
    number = int(year)
    if not half:
        return Period(datetime.date(number, 1, 1), datetime.date(number, 12, 31))
    if half == "1":
        return Period(datetime.date(number, 1, 1), datetime.date(number, 6, 30))
    return Period(datetime.date(number, 7, 1), datetime.date(number, 12, 31))


def half_years_between(first: datetime.date, last: datetime.date) -> list[str]:
    """Every half-year from the one holding `first` to the one holding `last`, in order."""
    labels: list[str] = []
    year, half = first.year, 1 if first.month <= 6 else 2
    end = (last.year, 1 if last.month <= 6 else 2)
    while (year, half) <= end:
        labels.append(f"{year}-{half}")
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return labels


# --- networks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkFact:
    """One network: its type and phase now, the day it started and (if closed) the day it
    closed."""

    kind: str
    phase: str
    started: datetime.date
    closed: datetime.date | None = None


@dataclass(frozen=True)
class CrossTable:
    """A two-way count table: rows × columns, with totals. `cells[r][c]` is a count."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.cells)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(row[c] for row in self.cells) for c in range(len(self.columns)))

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    @property
    def largest(self) -> int:
        return max((value for row in self.cells for value in row), default=0)


def active_in(network: NetworkFact, period: Period) -> bool:
    """The network ran at some time in the period (started before its end, not closed before
    its start)."""
    return period.overlaps(network.started, network.closed)


def networks_by_type_and_phase(
    networks: Iterable[NetworkFact],
    *,
    kinds: Sequence[str],
    phases: Sequence[str],
    period: Period = ALL_TIME,
) -> CrossTable:
    """The networks that ran in the period, counted by type (rows) and current phase
    (columns), in the given orders. Types or phases not listed are left out."""
    counts = Counter(
        (network.kind, network.phase) for network in networks if active_in(network, period)
    )
    cells = tuple(tuple(counts[(kind, phase)] for phase in phases) for kind in kinds)
    return CrossTable(rows=tuple(kinds), columns=tuple(phases), cells=cells)


def started_by_type(
    networks: Iterable[NetworkFact], *, kinds: Sequence[str], period: Period = ALL_TIME
) -> dict[str, int]:
    """How many networks of each type started in the period (every listed type, maybe 0)."""
    counts = Counter(n.kind for n in networks if period.contains(n.started))
    return {kind: counts[kind] for kind in kinds}


@dataclass(frozen=True)
class HalfYearFlow:
    half_year: str
    started: int
    closed: int

    @property
    def net(self) -> int:
        return self.started - self.closed


def starts_and_closures(
    networks: Iterable[NetworkFact], *, period: Period = ALL_TIME
) -> list[HalfYearFlow]:
    """Networks started and closed per half-year, for every half-year from the first to the
    last event inside the period (so quiet half-years show as zeros)."""
    started: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    days: list[datetime.date] = []
    for network in networks:
        if period.contains(network.started):
            started[half_year_of(network.started)] += 1
            days.append(network.started)
        if network.closed is not None and period.contains(network.closed):
            closed[half_year_of(network.closed)] += 1
            days.append(network.closed)
    if not days:
        return []
    first = period.start or min(days)
    last = period.end or max(days)
    return [
        HalfYearFlow(label, started[label], closed[label])
        for label in half_years_between(min(first, min(days)), max(last, max(days)))
    ]


# --- ideas --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundFact:
    """A selection round (pk None: ideas submitted outside any round)."""

    pk: int | None
    title: str
    deadline: datetime.date | None


@dataclass(frozen=True)
class IdeaCount:
    """How many ideas of a round are in one state (aggregated in the database)."""

    round_id: int | None
    state: str
    count: int


# The outcomes of a decision; every other state (submitted, screening, ...) is "undecided".
OUTCOMES = ("selected", "parked", "rejected", "merged")
UNDECIDED = "undecided"


@dataclass(frozen=True)
class RoundOutcome:
    round: RoundFact
    counts: dict[str, int]  # outcome (OUTCOMES and UNDECIDED) → number of ideas

    @property
    def received(self) -> int:
        return sum(self.counts.values())

    def count(self, outcome: str) -> int:
        return self.counts.get(outcome, 0)


def idea_outcomes(
    rounds: Iterable[RoundFact], counts: Iterable[IdeaCount], *, period: Period = ALL_TIME
) -> list[RoundOutcome]:
    """Ideas received per round and their outcome, oldest round first.

    Drafts were never sent and are not counted. A round belongs to the period when its
    deadline does; ideas outside rounds (pk None) are shown only when they are given a
    `RoundFact` with pk None and have ideas. Rounds with no ideas are kept (zeros).
    """
    per_round: dict[int | None, Counter[str]] = {}
    for row in counts:
        if row.state == "draft":
            continue
        outcome = row.state if row.state in OUTCOMES else UNDECIDED
        per_round.setdefault(row.round_id, Counter())[outcome] += row.count
    result = []
    for found in rounds:
        if found.pk is not None and not period.contains(found.deadline):
            continue
        tally = per_round.get(found.pk, Counter())
        if found.pk is None and not tally:
            continue
        result.append(
            RoundOutcome(found, {outcome: tally[outcome] for outcome in (*OUTCOMES, UNDECIDED)})
        )
    result.sort(key=lambda r: (r.round.pk is None, r.round.deadline or datetime.date.max))
    return result


# --- participation and hours --------------------------------------------------------------------


@dataclass(frozen=True)
class UnitHours:
    """Participation aggregated for one unit (unit_id None: people without a unit)."""

    unit_id: int | None
    path: str
    people: int
    participations: int
    hours: Decimal
    approved: Decimal


@dataclass(frozen=True)
class AreaHours:
    area_id: int | None
    name: str
    people: int
    participations: int
    hours: Decimal
    approved: Decimal

    @property
    def difference(self) -> Decimal:
        """Hours committed beyond (positive) or short of (negative) the approved hours."""
        return self.hours - self.approved


def area_of(path: str, area_ids: Iterable[int]) -> int | None:
    """The director area a unit with this path ("/1/4/17/") lies in, or None."""
    wanted = set(area_ids)
    for part in path.strip("/").split("/"):
        if part.isdigit() and int(part) in wanted:
            return int(part)
    return None


def hours_by_area(
    units: Iterable[UnitHours], areas: Mapping[int, str], *, outside: str
) -> list[AreaHours]:
    """Participants and hours per week summed per director area (areas in name order), and a
    last row named `outside` for people in no area, if any. Each person has one unit, so
    people add up across units."""
    sums: dict[int | None, list] = {}
    for row in units:
        area = area_of(row.path, areas)
        acc = sums.setdefault(area, [0, 0, ZERO, ZERO])
        acc[0] += row.people
        acc[1] += row.participations
        acc[2] += row.hours
        acc[3] += row.approved
    ordered = sorted(areas.items(), key=lambda item: item[1])
    result = [AreaHours(pk, name, *sums.get(pk, [0, 0, ZERO, ZERO])) for pk, name in ordered]
    if None in sums:
        result.append(AreaHours(None, outside, *sums[None]))
    return result


# --- the secretariat's staffing -----------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentFact:
    role: str
    person: str
    hours_per_week: Decimal
    starts_on: datetime.date
    ends_on: datetime.date | None = None


@dataclass(frozen=True)
class Staffing:
    """The assignments in a period and the hours and full-time equivalents on `on`."""

    assignments: tuple[AssignmentFact, ...]
    on: datetime.date
    hours: Decimal
    by_role: dict[str, Decimal] = field(default_factory=dict)

    @property
    def fte(self) -> Decimal:
        return (self.hours / FULL_TIME_HOURS).quantize(Decimal("0.01"))


def staffing(
    assignments: Iterable[AssignmentFact], *, on: datetime.date, period: Period = ALL_TIME
) -> Staffing:
    """The secretariat's staffing: the assignments that overlap the period (by start date),
    and the hours per week (in total and per role) of those running on the day `on`."""
    rows = tuple(
        sorted(
            (a for a in assignments if period.overlaps(a.starts_on, a.ends_on)),
            key=lambda a: (a.starts_on, a.person),
        )
    )
    running = [a for a in rows if Period(a.starts_on, a.ends_on).contains(on)]
    by_role: dict[str, Decimal] = {}
    for a in running:
        by_role[a.role] = by_role.get(a.role, ZERO) + a.hours_per_week
    return Staffing(rows, on, sum((a.hours_per_week for a in running), ZERO), by_role)


# --- the dashboard's summary --------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    started: int
    started_by_type: dict[str, int]
    closed: int
    ideas_received: int
    ideas_selected: int
    people: int
    hours: Decimal


def summarise(
    networks: Sequence[NetworkFact],
    outcomes: Sequence[RoundOutcome],
    areas: Sequence[AreaHours],
    *,
    kinds: Sequence[str],
    period: Period = ALL_TIME,
) -> Summary:
    """The figures of the text on top of the dashboard."""
    by_type = started_by_type(networks, kinds=kinds, period=period)
    return Summary(
        started=sum(by_type.values()),
        started_by_type=by_type,
        closed=sum(1 for n in networks if n.closed is not None and period.contains(n.closed)),
        ideas_received=sum(o.received for o in outcomes),
        ideas_selected=sum(o.count("selected") for o in outcomes),
        people=sum(a.people for a in areas),
        hours=sum((a.hours for a in areas), ZERO),
    )
