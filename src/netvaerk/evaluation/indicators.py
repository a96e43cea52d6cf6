"""Pure functions over an indicator's numbers: its status, and the geometry of its chart.

The chart is drawn by the template as inline SVG from `chart()`'s plain coordinates. It is
readable without colour: the baseline is a dashed line and the target a dotted one, each
labelled in words with its value; every measurement is a marked point with its value printed
beside it. The page also shows the same numbers as a table for screen readers.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


class Status(enum.Enum):
    NO_DATA = "no_data", _("Not measured yet")
    REACHED = "reached", _("Target reached")
    PROGRESSING = "progressing", _("Moving towards the target")
    NOT_PROGRESSING = "not_progressing", _("Not moving towards the target")

    def __init__(self, code: str, label: object) -> None:
        self.code = code
        self.label = label


def status(
    *, baseline: Decimal | None, target: Decimal, latest: Decimal | None, higher_is_better: bool
) -> Status:
    """Where the latest measurement stands against the target (and the baseline, if any)."""
    if latest is None:
        return Status.NO_DATA
    sign = 1 if higher_is_better else -1
    if sign * (latest - target) >= 0:
        return Status.REACHED
    if baseline is not None and sign * (latest - baseline) > 0:
        return Status.PROGRESSING
    return Status.NOT_PROGRESSING


def _svg(number: float) -> str:
    """A coordinate as SVG wants it, whatever the page's locale (a dot, no grouping)."""
    return f"{number:.1f}"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    on: datetime.date
    value: Decimal

    @property
    def sx(self) -> str:
        return _svg(self.x)

    @property
    def sy(self) -> str:
        return _svg(self.y)

    @property
    def label_y(self) -> str:
        return _svg(self.y - 10)


@dataclass(frozen=True)
class Line:
    y: float
    value: Decimal

    @property
    def sy(self) -> str:
        return _svg(self.y)


@dataclass(frozen=True)
class Tick:
    y: float
    value: float

    @property
    def sy(self) -> str:
        return _svg(self.y)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: tuple[Point, ...]
    baseline: Line | None
    target: Line
    ticks: tuple[Tick, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.sx},{p.sy}" for p in self.points)

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def label_x(self) -> int:
        return self.right + 6

    @property
    def date_y(self) -> int:
        return self.bottom + 20


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about five ticks over `span`."""
    raw = span / 5
    power = 10.0 ** math.floor(math.log10(raw))
    return next(factor * power for factor in (1, 2, 5, 10) if raw <= factor * power)


def chart(
    *,
    baseline: Decimal | None,
    target: Decimal,
    measurements: Sequence[tuple[datetime.date, Decimal]],
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Coordinates for the chart of an indicator: time left to right, value bottom to top."""
    left, right, top, bottom = 56, width - 120, 16, height - 36
    values = [float(v) for _, v in measurements] + [float(target)]
    if baseline is not None:
        values.append(float(baseline))
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    low = step * (low // step)
    high = step * -(-high // step)

    def y_of(value: float | Decimal) -> float:
        return bottom - (float(value) - low) / (high - low) * (bottom - top)

    days = [on.toordinal() for on, _ in measurements]
    first, last = (min(days), max(days)) if days else (0, 0)

    def x_of(on: datetime.date) -> float:
        if last == first:
            return (left + right) / 2
        return left + (on.toordinal() - first) / (last - first) * (right - left)

    points = tuple(
        Point(x=x_of(on), y=y_of(value), on=on, value=value) for on, value in sorted(measurements)
    )
    ticks = []
    tick = low
    while tick <= high + step / 1000:
        ticks.append(Tick(y=y_of(tick), value=round(tick, 10)))
        tick += step
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=points,
        baseline=Line(y=y_of(baseline), value=baseline) if baseline is not None else None,
        target=Line(y=y_of(target), value=target),
        ticks=tuple(ticks),
    )
