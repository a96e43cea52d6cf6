"""A horizontal bar chart, drawn as inline SVG by `includes/bar_chart.html`.

The geometry is computed here from plain (label, value) rows, so the template only places
numbers. The chart is readable without colour (each bar has its value printed at its end) and
the include always puts a data table with the same numbers under it, for screen readers and
for those who would rather read than look. Coordinates are strings with a dot, whatever the
page's language, because SVG wants them so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 220
PLOT_WIDTH = 340
VALUE_WIDTH = 80


def _svg(number: float) -> str:
    return f"{number:.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    top: float
    length: float

    @property
    def y(self) -> str:
        return _svg(self.top)

    @property
    def text_y(self) -> str:
        return _svg(self.top + BAR_HEIGHT / 2)

    @property
    def width(self) -> str:
        return _svg(self.length)

    @property
    def value_x(self) -> str:
        return _svg(LABEL_WIDTH + self.length + 6)


@dataclass(frozen=True)
class BarChart:
    title: str
    label_header: str
    value_header: str
    bars: tuple[Bar, ...]
    # How many decimals the values are shown with (0 for counts).
    decimals: int = 0

    @property
    def width(self) -> int:
        return LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP) + GAP

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8

    @property
    def plot_x(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def total(self) -> float:
        return sum(bar.value for bar in self.bars)


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    label_header: str,
    value_header: str,
    decimals: int = 0,
    max_value: float | None = None,
) -> BarChart:
    """A bar per (label, value) row, in the given order, scaled to the largest value."""
    largest = max_value if max_value is not None else max((v for _, v in rows), default=0)
    scale = PLOT_WIDTH / largest if largest > 0 else 0.0
    bars = tuple(
        Bar(
            label=str(label),
            value=float(value),
            top=GAP + n * (BAR_HEIGHT + GAP),
            length=max(0.0, float(value) * scale),
        )
        for n, (label, value) in enumerate(rows)
    )
    return BarChart(
        title=str(title),
        label_header=str(label_header),
        value_header=str(value_header),
        bars=bars,
        decimals=decimals,
    )
