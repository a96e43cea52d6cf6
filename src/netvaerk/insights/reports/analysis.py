"""The status report's own analytics: pure functions over plain data (no ORM).

`selectors.py` reads the rows and hands them over as the dataclasses below; the dashboard's
`insights.analytics` supplies the periods, idea outcomes and staffing.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.insights.analytics import Period

# More events than this and the timeline counts network starts and phase changes per month.
TIMELINE_LIMIT = 40
# More names than this in a list and the rest is counted ("and 12 more").
NAME_LIMIT = 25
EVALUATION_LIMIT = 30


@dataclass(frozen=True)
class NetworkRef:
    """A network as the report names it; `title` None: private and hidden from this reader."""

    pk: int
    title: str | None
    kind: str
    private: bool = False

    @property
    def masked(self) -> bool:
        return self.title is None

    @property
    def name(self) -> str:
        return _("a private network") if self.title is None else self.title


def dates(period: Period) -> tuple[datetime.date, datetime.date]:
    """A report's period always has both ends."""
    assert period.start is not None and period.end is not None
    return period.start, period.end


def period_label(period: Period) -> str:
    assert period.start is not None and period.end is not None
    whole_year = (period.start.month, period.start.day, period.end.month, period.end.day) == (
        1,
        1,
        12,
        31,
    )
    if whole_year and period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


# --- the timeline ------------------------------------------------------------------------------

SECRETARIAT, NETWORK_START, PHASE, ROUND_DEADLINE, ROUND_DECISION = (
    "secretariat",
    "network_start",
    "phase",
    "round_deadline",
    "round_decision",
)
GROUPABLE = (NETWORK_START, PHASE)


@dataclass(frozen=True)
class Event:
    """Something that happened on a day. `label` is a role, phase, type or round title as the
    event needs; `count` is a number of ideas, or of networks for a grouped (monthly) event."""

    day: datetime.date
    code: str
    network: NetworkRef | None = None
    person: str = ""
    label: str = ""
    count: int = 0
    hours: Decimal | None = None
    grouped: bool = False

    @property
    def text(self) -> str:
        if self.grouped and self.code == NETWORK_START:
            return ngettext(
                "%(count)d network started this month",
                "%(count)d networks started this month",
                self.count,
            ) % {"count": self.count}
        if self.grouped:
            return ngettext(
                "%(count)d network moved to a new phase this month",
                "%(count)d networks moved to a new phase this month",
                self.count,
            ) % {"count": self.count}
        network = self.network.name if self.network else ""
        if self.code == SECRETARIAT:
            return _("%(person)s starts in the secretariat as %(role)s, %(hours)s hours a week") % {
                "person": self.person,
                "role": self.label.lower(),
                "hours": _hours(self.hours),
            }
        if self.code == NETWORK_START:
            return _("%(network)s starts (%(kind)s)") % {
                "network": network,
                "kind": self.label.lower(),
            }
        if self.code == PHASE:
            return _("%(network)s moves to the phase %(phase)s") % {
                "network": network,
                "phase": self.label.lower(),
            }
        if self.code == ROUND_DEADLINE:
            return ngettext(
                "Deadline of the round “%(round)s”: %(count)d idea received",
                "Deadline of the round “%(round)s”: %(count)d ideas received",
                self.count,
            ) % {"round": self.label, "count": self.count}
        return ngettext(
            "The forum decides on the round “%(round)s”: %(count)d idea selected",
            "The forum decides on the round “%(round)s”: %(count)d ideas selected",
            self.count,
        ) % {"round": self.label, "count": self.count}


def _hours(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def timeline(events: Iterable[Event], *, limit: int = TIMELINE_LIMIT) -> list[Event]:
    """The events in date order. With more than `limit`, network starts and phase changes are
    counted per month (one event on the month's first day) and the rest kept as they are."""
    ordered = sorted(events, key=lambda e: (e.day, e.code, e.network.pk if e.network else 0))
    if len(ordered) <= limit:
        return ordered
    kept = [e for e in ordered if e.code not in GROUPABLE]
    months: Counter[tuple[datetime.date, str]] = Counter(
        (e.day.replace(day=1), e.code) for e in ordered if e.code in GROUPABLE
    )
    grouped = [
        Event(day=month, code=code, count=count, grouped=True)
        for (month, code), count in months.items()
    ]
    return sorted([*kept, *grouped], key=lambda e: (e.day, e.code))


# --- networks started, and the evaluation --------------------------------------------------------


@dataclass(frozen=True)
class StartedNetwork:
    network: NetworkRef
    started: datetime.date
    phase: str


@dataclass(frozen=True)
class TypeGroup:
    """The networks of one type that started in the period (the first NAME_LIMIT named)."""

    kind: str
    label: str
    count: int
    shown: tuple[StartedNetwork, ...]

    @property
    def more(self) -> int:
        return self.count - len(self.shown)


def started_per_type(
    started: Iterable[StartedNetwork], kinds: Sequence[tuple[str, str]], *, limit: int = NAME_LIMIT
) -> list[TypeGroup]:
    """Every type (in the given order) with its count and the first `limit` networks by date."""
    by_kind: dict[str, list[StartedNetwork]] = {kind: [] for kind, _label in kinds}
    for row in started:
        by_kind.setdefault(row.network.kind, []).append(row)
    groups = []
    for kind, label in kinds:
        rows = sorted(by_kind[kind], key=lambda r: (r.started, r.network.pk))
        groups.append(TypeGroup(kind, label, len(rows), tuple(rows[:limit])))
    return groups


@dataclass(frozen=True)
class Note:
    written_on: datetime.date
    text: str


@dataclass(frozen=True)
class EvaluationRow:
    """One network's evaluation: the latest tie-survey index, indicators by status, notes."""

    network: NetworkRef
    index: Decimal | None
    index_change: Decimal | None
    survey: str
    indicators: int
    reached: int
    progressing: int
    not_progressing: int
    no_data: int
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class EvaluationSummary:
    active: int  # networks running in the period
    with_index: int
    mean_index: Decimal | None
    indicators: dict[str, int]  # status code → count over all networks
    rows: tuple[EvaluationRow, ...]  # those with any evaluation data, the first EVALUATION_LIMIT
    with_data: int

    @property
    def more(self) -> int:
        return self.with_data - len(self.rows)


def evaluation_summary(
    rows: Sequence[EvaluationRow], *, active: int, limit: int = EVALUATION_LIMIT
) -> EvaluationSummary:
    """The networks with an index, indicators or notes (those with notes first, then by name),
    and the totals over all of them."""
    with_data = [r for r in rows if r.index is not None or r.indicators or r.notes]
    indices = [r.index for r in rows if r.index is not None]
    mean = (sum(indices, Decimal(0)) / len(indices)).quantize(Decimal("0.01")) if indices else None
    totals = {
        "reached": sum(r.reached for r in rows),
        "progressing": sum(r.progressing for r in rows),
        "not_progressing": sum(r.not_progressing for r in rows),
        "no_data": sum(r.no_data for r in rows),
    }
    with_data.sort(key=lambda r: (not r.notes, r.network.title or "", r.network.pk))
    return EvaluationSummary(
        active=active,
        with_index=len(indices),
        mean_index=mean,
        indicators=totals,
        rows=tuple(with_data[:limit]),
        with_data=len(with_data),
    )


# --- the text the secretariat writes ------------------------------------------------------------

_BULLET = re.compile(r"^\s*[-*•]\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` empty) or a bullet list (`items`) of a narrative text."""

    text: str = ""
    items: tuple[str, ...] = field(default=())


def blocks(text: str) -> list[Block]:
    """Narrative text as paragraphs (split on blank lines) and bullet lists (lines starting
    with "- "), the same on screen, in the PDF and in the DOCX."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            result.append(Block(items=tuple(_BULLET.sub("", line).strip() for line in lines)))
            continue
        paragraph: list[str] = []
        for line in lines:
            if _BULLET.match(line):
                if paragraph:
                    result.append(Block(text=" ".join(paragraph)))
                    paragraph = []
                if result and result[-1].items and not result[-1].text:
                    last = result.pop()
                    result.append(Block(items=(*last.items, _BULLET.sub("", line).strip())))
                else:
                    result.append(Block(items=(_BULLET.sub("", line).strip(),)))
            else:
                paragraph.append(line.strip())
        if paragraph:
            result.append(Block(text=" ".join(paragraph)))
    return result


# --- masking private networks -------------------------------------------------------------------


def mask(value: Any, hidden: set[int]) -> Any:
    """`value` (a report part) with the titles of the networks in `hidden` taken out."""
    if not hidden:
        return value
    if isinstance(value, NetworkRef):
        return replace(value, title=None) if value.pk in hidden else value
    if isinstance(value, list | tuple):
        return type(value)(mask(item, hidden) for item in value)
    if isinstance(value, dict):
        return {key: mask(item, hidden) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        changes = {
            name: mask(getattr(value, name), hidden)
            for name in value.__dataclass_fields__
            if isinstance(getattr(value, name), NetworkRef | list | tuple | dict)
            or hasattr(getattr(value, name), "__dataclass_fields__")
        }
        return replace(value, **changes) if changes else value
    return value
