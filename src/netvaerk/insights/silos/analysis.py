"""The silo analysis: which units of the line organisation meet in networks, across which areas.

Pure functions over plain data (no ORM; `selectors.silo_data` feeds them). Definitions:

- A unit's *director area* is its ancestor (or itself) at level AREA. Units outside every area
  (the organisation itself, the network secretariat placed directly under it) are left out:
  silos are about the line organisation's areas.
- A *presence* is the people of one unit in one network, who joined on the same day and left on
  the same day (rows grouped in the database). It is *active in a period* [start, end] when it
  joined on or before `end` and did not leave before `start`.
- Two units are *tied* when people from both take part in the same network in the period. The
  tie's weight is summed over the networks they share; per network it is
  - `people`: the smaller of the two units' numbers of people in the network,
  - `hours`: the smaller of the two units' hours per week committed to the network,
  so a tie is never stronger than its weaker side (one person from A among ten from B is a tie
  of weight 1). With `hours`, a tie through people who committed no hours weighs 0; it is still
  a tie (it counts in every number below) but carries no shortest path.
- A network *spans areas* when its participating units belong to more than one director area,
  and *spans all areas* when they belong to every area there is.
- A unit *has no tie outside its area* when it takes part in the period but all its ties (if
  any) are with units of its own area; units that take part in no network are counted apart.
- *Bridging* is betweenness centrality with distance = 1 / weight (networkx treats the weight
  as a length, so a strong tie is a short step). Up to EXACT_LIMIT units it is exact
  (`nx.betweenness_centrality`); above that it is estimated from SAMPLES source units drawn
  with a fixed seed (the same estimator as networkx's `k=`, computed with scipy's Dijkstra so
  that 3,000 units take a fraction of a second): as many sources as fit SAMPLE_BUDGET edge
  visits, between MIN_SAMPLES and MAX_SAMPLES (eight at 3,000 units and 190,000 ties).
  The result, and the page, say how many sources were used.
- Half-years run January–June and July–December.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

PEOPLE = "people"
HOURS = "hours"
WEIGHTS = (PEOPLE, HOURS)

EXACT_LIMIT = 400  # units in the tie graph up to which betweenness is exact
# Above it, the estimate uses as many sources as fit SAMPLE_BUDGET edge visits (each source
# walks every tie in both directions), at least MIN_SAMPLES and at most MAX_SAMPLES.
SAMPLE_BUDGET = 3_000_000
MIN_SAMPLES = 8
MAX_SAMPLES = 200
SEED = 2013
TOP_BRIDGES = 10
TOP_MATRIX = 12  # units in the unit × unit heat map
TOP_FIGURE = 40  # units drawn in the figure


# --- input ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    id: int
    name: str


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    area_id: int


class Presence(NamedTuple):
    """`people` people of one unit in one network with `hours` hours per week between them."""

    network_id: int
    unit_id: int
    people: int
    hours: float
    joined_on: datetime.date
    left_on: datetime.date | None = None

    def active(self, start: datetime.date, end: datetime.date) -> bool:
        return self.joined_on <= end and (self.left_on is None or self.left_on >= start)


@dataclass(frozen=True)
class SiloData:
    areas: tuple[Area, ...]
    units: tuple[UnitInfo, ...]  # the units in a director area
    presences: tuple[Presence, ...]


# --- output -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiloSummary:
    """The headline numbers for a period (what the status report quotes)."""

    start: datetime.date
    end: datetime.date
    weight: str
    areas: int
    networks: int  # networks with people from at least one director area in the period
    spanning_networks: int  # ... of which with people from more than one area
    all_area_networks: int  # ... of which with people from every area
    units: int  # units in a director area
    units_taking_part: int
    units_without_cross_tie: int  # taking part, but tied only within their own area
    units_in_no_network: int
    ties: int  # pairs of units tied
    cross_area_ties: int  # ... of which across two areas

    @property
    def share_spanning(self) -> float | None:
        """Share (0–1) of the networks that span more than one area; None without networks."""
        return self.spanning_networks / self.networks if self.networks else None

    @property
    def share_all_areas(self) -> float | None:
        """Share (0–1) of the networks that span every director area; None without networks."""
        return self.all_area_networks / self.networks if self.networks else None


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    area: str
    networks: int
    ties: int
    cross_area_ties: int
    strength: float  # weighted degree: the sum of its ties' weights
    betweenness: float = 0.0


@dataclass(frozen=True)
class Matrix:
    """A square table: `cells[i][j]` is the weight between labels i and j (diagonal: within)."""

    labels: tuple[str, ...]
    cells: tuple[tuple[float, ...], ...]

    @property
    def largest(self) -> float:
        return max((v for row in self.cells for v in row), default=0.0)


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1 or 2

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    @property
    def code(self) -> str:
        return f"{self.year}-{self.half}"

    @classmethod
    def of(cls, day: datetime.date) -> HalfYear:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, code: str) -> HalfYear:
        """'2013-2' → the second half of 2013; ValueError on anything else."""
        year, _dash, half = code.partition("-")
        if not (year.isdigit() and len(year) == 4 and half in ("1", "2")):
            raise ValueError(code)
        return cls(int(year), int(half))

    def next(self) -> HalfYear:
        return HalfYear(self.year, 2) if self.half == 1 else HalfYear(self.year + 1, 1)


@dataclass(frozen=True)
class HalfYearRow:
    half_year: HalfYear
    networks: int
    spanning_networks: int
    all_area_networks: int
    units_taking_part: int
    cross_area_ties: int

    @property
    def share_spanning(self) -> float | None:
        return self.spanning_networks / self.networks if self.networks else None


@dataclass(frozen=True)
class FigureNode:
    id: int
    name: str
    area_index: int
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str  # "start" or "end": labels run away from the circle


@dataclass(frozen=True)
class FigureEdge:
    x1: str
    y1: str
    x2: str
    y2: str
    width: str
    cross_area: bool


@dataclass(frozen=True)
class FigureArea:
    name: str
    index: int
    x: str
    y: str
    anchor: str


@dataclass(frozen=True)
class Figure:
    size: int
    nodes: tuple[FigureNode, ...]
    edges: tuple[FigureEdge, ...]
    areas: tuple[FigureArea, ...]
    shown: int  # units drawn
    of: int  # units taking part


@dataclass(frozen=True)
class SiloAnalysis:
    summary: SiloSummary
    bridges: tuple[UnitRow, ...]
    betweenness_samples: int | None  # None: exact
    isolated: tuple[UnitRow, ...]  # taking part, no tie outside their area
    absent: tuple[UnitInfo, ...]  # in no network
    area_names: dict[int, str]
    area_matrix: Matrix
    unit_matrix: Matrix
    half_years: tuple[HalfYearRow, ...]
    figure: Figure


# --- the tie table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TieTable:
    """The units and ties of a period as arrays (units by their position in `data.units`).

    `a`, `b` (a < b), `weight` and `networks` describe one tie each; `net_count[i]` is the
    number of networks unit i takes part in (0: none).
    """

    units: tuple[UnitInfo, ...]
    area: np.ndarray  # area position of each unit
    net_count: np.ndarray
    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    networks: np.ndarray
    network_total: int
    spanning_networks: int
    all_area_networks: int

    @property
    def cross(self) -> np.ndarray:
        """Per tie: does it join two areas?"""
        return self.area[self.a] != self.area[self.b]

    def taking_part(self) -> np.ndarray:
        return np.flatnonzero(self.net_count > 0)

    def per_unit(self, values: np.ndarray) -> np.ndarray:
        """A per-tie value summed over each unit's ties."""
        n = len(self.units)
        return np.bincount(self.a, values, n) + np.bincount(self.b, values, n)


def _presence_arrays(
    data: SiloData,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """network, unit position, people, hours, joined and left (as day ordinals) per presence."""
    position = {u.id: i for i, u in enumerate(data.units)}
    rows = [p for p in data.presences if p.unit_id in position]
    never = datetime.date.max.toordinal()
    return (
        np.fromiter((p.network_id for p in rows), np.int64, len(rows)),
        np.fromiter((position[p.unit_id] for p in rows), np.int64, len(rows)),
        np.fromiter((p.people for p in rows), float, len(rows)),
        np.fromiter((p.hours for p in rows), float, len(rows)),
        np.fromiter((p.joined_on.toordinal() for p in rows), np.int64, len(rows)),
        np.fromiter(
            (p.left_on.toordinal() if p.left_on else never for p in rows), np.int64, len(rows)
        ),
    )


def _pairs(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j), i < j, of every two elements with the same value in sorted `group`."""
    m = len(group)
    if m < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], m]
    end_of = np.repeat(ends, ends - starts)
    counts = end_of - np.arange(m) - 1
    left = np.repeat(np.arange(m), counts)
    offsets = np.cumsum(counts) - counts
    right = left + 1 + (np.arange(len(left)) - np.repeat(offsets, counts))
    return left, right


def _tie_table(
    data: SiloData,
    arrays: tuple[np.ndarray, ...],
    mask: np.ndarray,
    weight: str,
) -> TieTable:
    network, unit, people, hours, _joined, _left = arrays
    n = len(data.units)
    area_position = {a.id: i for i, a in enumerate(data.areas)}
    area = np.fromiter((area_position[u.area_id] for u in data.units), np.int64, n)
    # One row per (network, unit): people and hours summed.
    keys, inverse = np.unique(network[mask] * n + unit[mask], return_inverse=True)
    value = np.bincount(inverse, (people if weight == PEOPLE else hours)[mask], len(keys))
    nets, members = keys // n, keys % n
    left, right = _pairs(nets)
    pair_keys, pair_inverse = np.unique(members[left] * n + members[right], return_inverse=True)
    tie_weight = np.bincount(pair_inverse, np.minimum(value[left], value[right]), len(pair_keys))
    tie_networks = np.bincount(pair_inverse, minlength=len(pair_keys))
    # Areas per network.
    net_areas = np.unique(nets * len(area_position) + area[members]) // max(1, len(area_position))
    _ids, area_counts = np.unique(net_areas, return_counts=True)
    return TieTable(
        units=data.units,
        area=area,
        net_count=np.bincount(members, minlength=n),
        a=pair_keys // n,
        b=pair_keys % n,
        weight=tie_weight.astype(float),
        networks=tie_networks,
        network_total=len(area_counts),
        spanning_networks=int((area_counts > 1).sum()),
        all_area_networks=int((area_counts == len(data.areas)).sum()) if data.areas else 0,
    )


def tie_table(
    data: SiloData, *, start: datetime.date, end: datetime.date, weight: str = PEOPLE
) -> TieTable:
    """The units and ties of the period [start, end] (both days included)."""
    if weight not in WEIGHTS:
        raise ValueError(weight)
    arrays = _presence_arrays(data)
    _network, _unit, _people, _hours, joined, left = arrays
    mask = (joined <= end.toordinal()) & (left >= start.toordinal())
    return _tie_table(data, arrays, mask, weight)


def graph_of(table: TieTable) -> nx.Graph:
    """The tie table as a networkx graph of unit ids; nodes carry name, area id and networks."""
    graph = nx.Graph()
    for i in table.taking_part():
        unit = table.units[i]
        graph.add_node(unit.id, name=unit.name, area=unit.area_id, networks=int(table.net_count[i]))
    graph.add_edges_from(
        (
            table.units[a].id,
            table.units[b].id,
            {"weight": float(w), "networks": int(k), "distance": 1 / w if w > 0 else math.inf},
        )
        for a, b, w, k in zip(table.a, table.b, table.weight, table.networks, strict=True)
    )
    return graph


def build_graph(
    data: SiloData, *, start: datetime.date, end: datetime.date, weight: str = PEOPLE
) -> nx.Graph:
    """Units taking part in the period, tied by shared networks (see the module's definitions)."""
    return graph_of(tie_table(data, start=start, end=end, weight=weight))


def _summary(
    data: SiloData, table: TieTable, *, start: datetime.date, end: datetime.date, weight: str
) -> SiloSummary:
    cross = table.cross
    taking_part = int((table.net_count > 0).sum())
    with_cross = int(((table.per_unit(cross.astype(float)) > 0) & (table.net_count > 0)).sum())
    return SiloSummary(
        start=start,
        end=end,
        weight=weight,
        areas=len(data.areas),
        networks=table.network_total,
        spanning_networks=table.spanning_networks,
        all_area_networks=table.all_area_networks,
        units=len(data.units),
        units_taking_part=taking_part,
        units_without_cross_tie=taking_part - with_cross,
        units_in_no_network=len(data.units) - taking_part,
        ties=len(table.a),
        cross_area_ties=int(cross.sum()),
    )


def summary(
    data: SiloData, *, start: datetime.date, end: datetime.date, weight: str = PEOPLE
) -> SiloSummary:
    """The headline numbers for the period [start, end] (both days included)."""
    table = tie_table(data, start=start, end=end, weight=weight)
    return _summary(data, table, start=start, end=end, weight=weight)


# --- betweenness ------------------------------------------------------------------------------


def betweenness(
    table: TieTable, *, exact_limit: int = EXACT_LIMIT, samples: int | None = None, seed: int = SEED
) -> tuple[np.ndarray, int | None]:
    """Normalised betweenness per unit position (distance = 1/weight), and the sources used.

    Only the units taking part count as nodes; ties of weight 0 carry no paths. Up to
    `exact_limit` units networkx computes it exactly (sources: None); above, it is estimated
    from `samples` sources (default: by SAMPLE_BUDGET) drawn with `seed`, scaled as networkx
    scales its `k=` estimate.
    """
    nodes = table.taking_part()
    result = np.zeros(len(table.units))
    n = len(nodes)
    if n <= exact_limit:
        graph = nx.Graph()
        graph.add_nodes_from(int(i) for i in nodes)
        graph.add_edges_from(
            (int(a), int(b), {"distance": 1 / w})
            for a, b, w in zip(table.a, table.b, table.weight, strict=True)
            if w > 0
        )
        for node, score in nx.betweenness_centrality(
            graph, weight="distance", normalized=True
        ).items():
            result[node] = score
        return result, None
    if samples is None:
        samples = min(MAX_SAMPLES, max(MIN_SAMPLES, SAMPLE_BUDGET // max(1, 2 * len(table.a))))
    k = min(samples, n)
    sources = sorted(random.Random(seed).sample(range(n), k))  # noqa: S311 - a fixed sample
    local = sampled_betweenness(table, nodes, sources)
    result[nodes] = local
    return result, k


def sampled_betweenness(table: TieTable, nodes: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """Brandes' accumulation from the given sources (positions in `nodes`) with scipy's Dijkstra.

    Equals `nx.betweenness_centrality(weight="distance", normalized=True)` when the sources
    are all nodes (the tests check this), and its `k=` estimate otherwise.
    """
    n = len(nodes)
    local = np.full(len(table.units), -1, np.int64)
    local[nodes] = np.arange(n)
    usable = table.weight > 0
    a, b = local[table.a[usable]], local[table.b[usable]]
    length = 1 / table.weight[usable]
    u, v, length = np.r_[a, b], np.r_[b, a], np.r_[length, length]
    score = np.zeros(n)
    if n <= 2:
        return score
    if len(u):
        matrix = csr_matrix((length, (u, v)), shape=(n, n))
        distances = dijkstra(matrix, directed=True, indices=list(sources))
        for row, source in enumerate(sources):
            d = distances[row]
            du, dv = d[u], d[v]
            reach = np.isfinite(du)
            on_path = np.zeros(len(u), bool)
            on_path[reach] = np.abs(du[reach] + length[reach] - dv[reach]) <= 1e-9 * np.maximum(
                1.0, dv[reach]
            )
            pu, pv = u[on_path], v[on_path]
            heads = dv[on_path]
            order = np.argsort(heads, kind="stable")
            pu, pv, heads = pu[order], pv[order], heads[order]
            # A head's predecessors are nearer the source: group the path edges by the head's
            # distance and count paths outwards, dependencies inwards.
            cuts = np.flatnonzero(np.diff(heads) > 0) + 1
            bounds = list(zip(np.r_[0, cuts], np.r_[cuts, len(pv)], strict=True))
            sigma = np.zeros(n)
            sigma[source] = 1.0
            for lo, hi in bounds:
                np.add.at(sigma, pv[lo:hi], sigma[pu[lo:hi]])
            delta = np.zeros(n)
            for lo, hi in reversed(bounds):
                gu, gv = pu[lo:hi], pv[lo:hi]
                np.add.at(delta, gu, sigma[gu] / sigma[gv] * (1.0 + delta[gv]))
            delta[source] = 0.0
            score += delta
    k = len(sources)
    if k == n:
        return score / ((n - 1) * (n - 2))
    scale = np.full(n, 1 / (k * (n - 2)))
    scale[list(sources)] = 1 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    return score * scale


# --- tables -----------------------------------------------------------------------------------


def unit_rows(
    table: TieTable, positions: Iterable[int], area_names: dict[int, str], scores: np.ndarray
) -> tuple[UnitRow, ...]:
    ties = table.per_unit(np.ones(len(table.a)))
    cross = table.per_unit(table.cross.astype(float))
    strength = table.per_unit(table.weight)
    return tuple(
        UnitRow(
            id=table.units[i].id,
            name=table.units[i].name,
            area=area_names[table.units[i].area_id],
            networks=int(table.net_count[i]),
            ties=int(ties[i]),
            cross_area_ties=int(cross[i]),
            strength=float(strength[i]),
            betweenness=float(scores[i]),
        )
        for i in positions
    )


def top_units(table: TieTable, count: int) -> list[int]:
    """Positions of the `count` units with the largest weighted degree (then by name, id)."""
    strength = table.per_unit(table.weight)
    present = table.taking_part()
    return sorted(
        (int(i) for i in present),
        key=lambda i: (-strength[i], table.units[i].name, table.units[i].id),
    )[:count]


def area_matrix(table: TieTable, areas: Sequence[Area]) -> Matrix:
    """The summed tie weights between (and, on the diagonal, within) the director areas."""
    k = len(areas)
    i, j = table.area[table.a], table.area[table.b]
    counted = np.bincount(i * k + j, table.weight, k * k).reshape(k, k)
    cells = counted + counted.T - np.diag(np.diag(counted))
    return Matrix(
        tuple(a.name for a in areas), tuple(tuple(float(v) for v in row) for row in cells)
    )


def unit_matrix(table: TieTable, positions: Sequence[int]) -> Matrix:
    wanted = set(positions)
    weights: dict[tuple[int, int], float] = {}
    for a, b, w in zip(table.a, table.b, table.weight, strict=True):
        if a in wanted and b in wanted:
            weights[(int(a), int(b))] = weights[(int(b), int(a))] = float(w)
    cells = tuple(tuple(weights.get((a, b), 0.0) for b in positions) for a in positions)
    return Matrix(tuple(table.units[i].name for i in positions), cells)


def half_years(data: SiloData, *, until: datetime.date) -> list[HalfYearRow]:
    """The headline numbers per half-year, from the first presence's to `until`'s."""
    if not data.presences:
        return []
    arrays = _presence_arrays(data)
    joined, left = arrays[4], arrays[5]
    if not len(joined):
        return []
    current = HalfYear.of(datetime.date.fromordinal(int(joined.min())))
    last = HalfYear.of(until)
    rows = []
    while (current.year, current.half) <= (last.year, last.half):
        mask = (joined <= current.end.toordinal()) & (left >= current.start.toordinal())
        table = _tie_table(data, arrays, mask, PEOPLE)
        rows.append(
            HalfYearRow(
                current,
                table.network_total,
                table.spanning_networks,
                table.all_area_networks,
                int((table.net_count > 0).sum()),
                int(table.cross.sum()),
            )
        )
        current = current.next()
    return rows


# --- the figure -------------------------------------------------------------------------------

FIGURE_SIZE = 760
RADIUS = 220
MAX_STROKE = 8.0


def _svg(number: float) -> str:
    return f"{number:.1f}"


def figure(table: TieTable, areas: Sequence[Area], *, top: int = TOP_FIGURE) -> Figure:
    """The `top` strongest units on a circle, in a sector per area; ties as chords, wider when
    stronger (relative to the strongest tie drawn)."""
    shown = top_units(table, top)
    ordered = sorted(shown, key=lambda i: (table.area[i], table.units[i].name, table.units[i].id))
    centre = FIGURE_SIZE / 2
    # A gap of one place after each area, so the sectors read as groups.
    slots: list[int | None] = []
    for _area, group in itertools.groupby(ordered, key=lambda i: int(table.area[i])):
        slots.extend(group)
        slots.append(None)
    count = max(1, len(slots))
    place: dict[int, tuple[float, float, float]] = {}
    for position, unit in enumerate(slots):
        if unit is not None:
            angle = 2 * math.pi * position / count - math.pi / 2
            place[unit] = (
                angle,
                centre + RADIUS * math.cos(angle),
                centre + RADIUS * math.sin(angle),
            )
    nodes = tuple(
        FigureNode(
            id=table.units[i].id,
            name=table.units[i].name,
            area_index=int(table.area[i]),
            x=_svg(place[i][1]),
            y=_svg(place[i][2]),
            label_x=_svg(centre + (RADIUS + 12) * math.cos(place[i][0])),
            label_y=_svg(centre + (RADIUS + 12) * math.sin(place[i][0])),
            anchor="start" if math.cos(place[i][0]) >= -1e-9 else "end",
        )
        for i in ordered
    )
    wanted = set(shown)
    drawn = [
        (int(a), int(b), float(w))
        for a, b, w in zip(table.a, table.b, table.weight, strict=True)
        if a in wanted and b in wanted
    ]
    strongest = max((w for _a, _b, w in drawn), default=0.0)
    edges = tuple(
        FigureEdge(
            x1=_svg(place[a][1]),
            y1=_svg(place[a][2]),
            x2=_svg(place[b][1]),
            y2=_svg(place[b][2]),
            width=_svg(1 + (MAX_STROKE - 1) * w / strongest if strongest else 1),
            cross_area=bool(table.area[a] != table.area[b]),
        )
        for a, b, w in sorted(drawn, key=lambda e: e[2])
    )
    labels = []
    for index, area in enumerate(areas):
        angles = [place[i][0] for i in ordered if table.area[i] == index]
        if angles:
            angle = math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles)))
            labels.append(
                FigureArea(
                    name=area.name,
                    index=index,
                    x=_svg(centre + RADIUS * 0.7 * math.cos(angle)),
                    y=_svg(centre + RADIUS * 0.7 * math.sin(angle)),
                    anchor="middle",
                )
            )
    return Figure(
        size=FIGURE_SIZE,
        nodes=nodes,
        edges=edges,
        areas=tuple(labels),
        shown=len(ordered),
        of=int((table.net_count > 0).sum()),
    )


# --- everything the page shows ----------------------------------------------------------------


def analyse(
    data: SiloData,
    *,
    start: datetime.date,
    end: datetime.date,
    weight: str = PEOPLE,
    trend_until: datetime.date | None = None,
) -> SiloAnalysis:
    """The whole analysis for the period, in plain values (cacheable)."""
    table = tie_table(data, start=start, end=end, weight=weight)
    area_names = {a.id: a.name for a in data.areas}
    scores, samples = betweenness(table)
    present = table.taking_part()
    ranked = sorted(
        (int(i) for i in present if scores[i] > 0),
        key=lambda i: (-scores[i], table.units[i].name, table.units[i].id),
    )
    crossing = table.per_unit(table.cross.astype(float))
    isolated = [int(i) for i in present if crossing[i] == 0]
    by_place = lambda i: (table.area[i], table.units[i].name, table.units[i].id)  # noqa: E731
    absent = tuple(
        table.units[i] for i in sorted(np.flatnonzero(table.net_count == 0), key=by_place)
    )
    return SiloAnalysis(
        summary=_summary(data, table, start=start, end=end, weight=weight),
        bridges=unit_rows(table, ranked[:TOP_BRIDGES], area_names, scores),
        betweenness_samples=samples,
        isolated=unit_rows(table, sorted(isolated, key=by_place), area_names, scores),
        absent=absent,
        area_names=area_names,
        area_matrix=area_matrix(table, data.areas),
        unit_matrix=unit_matrix(table, top_units(table, TOP_MATRIX)),
        half_years=tuple(half_years(data, until=trend_until or end)),
        figure=figure(table, data.areas),
    )
