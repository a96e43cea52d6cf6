"""The tie matrix as a heat map and as a network diagram, laid out on the server.

Both read only a `scoring.Result` (which holds no hidden group) and the names of its groups.
The heat map's colour band is extra: every cell prints its number, and the legend names the
bands. The diagram is inline SVG (no script), so it also works in the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from . import scoring

# (lowest score in the band, css class, label); scores run from 1 to 5.
BANDS = [
    (4.0, "tie-strong", _("Strong (4.00 or more)")),
    (3.5, "tie-moderate", _("Moderate (3.50 to 3.99)")),
    (3.0, "tie-weak", _("Weak (3.00 to 3.49)")),
    (0.0, "tie-very-weak", _("Very weak (below 3.00)")),
]


def fmt(value: float | Decimal | None) -> str:
    """A score as it is shown: two decimals in the language's format, or a dash."""
    if value is None:
        return "–"
    return formats.number_format(Decimal(str(value)).quantize(Decimal("0.01")), 2)


def band(value: float | None) -> str:
    if value is None:
        return "tie-none"
    for lowest, css, _label in BANDS:
        if round(value, 2) >= lowest:  # as the two decimals shown
            return css
    return "tie-very-weak"


def band_label(value: float | None) -> str:
    css = band(value)
    for _lowest, band_css, label in BANDS:
        if band_css == css:
            return str(label)
    return str(_("No answers"))


@dataclass(frozen=True)
class Cell:
    target: str
    value: float | None
    text: str
    css: str
    label: str
    own: bool


@dataclass(frozen=True)
class Row:
    source: str
    cells: list[Cell]


def heat_map(result: scoring.Result, names: Mapping[Any, str]) -> list[Row]:
    rows = []
    for source in result.groups:
        cells = []
        for target in result.groups:
            tie = result.tie(source, target)
            value = tie.score if tie else None
            cells.append(
                Cell(
                    names[target],
                    value,
                    fmt(value),
                    band(value),
                    band_label(value),
                    source == target,
                )
            )
        rows.append(Row(names[source], cells))
    return rows


@dataclass(frozen=True)
class Node:
    number: int
    name: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    own: str  # the group's rating of itself, formatted ("" if none)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    value: float
    text: str
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float
    width: float
    css: str


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    node_radius: int
    nodes: list[Node]
    edges: list[Edge]


WIDTH, HEIGHT = 760, 560
RADIUS = 170
NODE_RADIUS = 22


def diagram(result: scoring.Result, names: Mapping[Any, str]) -> Diagram:
    """Groups on a circle; an arrow A→B per tie, wider the stronger, with its value."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    count = len(result.groups)
    position: dict[Hashable, tuple[float, float]] = {}
    nodes = []
    for number, group in enumerate(result.groups):
        angle = -math.pi / 2 + 2 * math.pi * number / max(count, 1)
        x, y = cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle)
        position[group] = (x, y)
        lx = cx + (RADIUS + NODE_RADIUS + 14) * math.cos(angle)
        ly = cy + (RADIUS + NODE_RADIUS + 14) * math.sin(angle) + 5
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        if anchor == "middle":
            ly += 10 if math.sin(angle) > 0 else -6
        own = result.tie(group, group)
        nodes.append(
            Node(
                number + 1,
                names[group],
                round(x, 1),
                round(y, 1),
                round(lx, 1),
                round(ly, 1),
                anchor,
                fmt(own.score) if own else "",
            )
        )
    edges = []
    for source in result.groups:
        for target in result.groups:
            tie = result.tie(source, target)
            if source == target or tie is None:
                continue
            (x1, y1), (x2, y2) = position[source], position[target]
            length = math.hypot(x2 - x1, y2 - y1) or 1
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            # Offset to the right of the direction, so A→B and B→A are two arrows.
            ox, oy = -uy * 7, ux * 7
            start = NODE_RADIUS + 2
            end = NODE_RADIUS + 6
            sx, sy = x1 + ux * start + ox, y1 + uy * start + oy
            ex, ey = x2 - ux * end + ox, y2 - uy * end + oy
            lx = x1 + (x2 - x1) * 0.33 + ox * 2.6
            ly = y1 + (y2 - y1) * 0.33 + oy * 2.6 + 4
            edges.append(
                Edge(
                    names[source],
                    names[target],
                    tie.score,
                    fmt(tie.score),
                    round(sx, 1),
                    round(sy, 1),
                    round(ex, 1),
                    round(ey, 1),
                    round(lx, 1),
                    round(ly, 1),
                    round(1 + (tie.score - 1) * 1.5, 1),
                    band(tie.score),
                )
            )
    return Diagram(WIDTH, HEIGHT, NODE_RADIUS, nodes, edges)
