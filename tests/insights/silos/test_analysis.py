"""The silo analysis on small hand-made organisations; expected values worked out by hand."""

from __future__ import annotations

import datetime
import random

import networkx as nx
import numpy as np
import pytest

from netvaerk.insights.silos import analysis
from netvaerk.insights.silos.analysis import (
    HOURS,
    PEOPLE,
    Area,
    HalfYear,
    Presence,
    SiloData,
    UnitInfo,
)

D = datetime.date
START = D(2013, 1, 1)
END = D(2013, 12, 31)
A, B = 1, 2
A1, A2, LONE, B1, B2, IDLE = 11, 12, 13, 21, 22, 23


def _data(presences: list[Presence]) -> SiloData:
    return SiloData(
        areas=(Area(A, "Område A"), Area(B, "Område B")),
        units=(
            UnitInfo(A1, "a1", A),
            UnitInfo(A2, "a2", A),
            UnitInfo(LONE, "alene", A),
            UnitInfo(B1, "b1", B),
            UnitInfo(B2, "b2", B),
            UnitInfo(IDLE, "uden netværk", B),
        ),
        presences=tuple(presences),
    )


def _p(network: int, unit: int, people: int, hours: float, joined=START, left=None) -> Presence:
    return Presence(network, unit, people, hours, joined, left)


# a1 – a2 – b1 – b2 as a path: N1 inside A, N2 across (a2 is the bridge into B), N3 inside B;
# "alene" is alone in N4; "uden netværk" is in none.
PATH = _data(
    [
        _p(1, A1, 2, 4),
        _p(1, A2, 1, 3),
        _p(2, A2, 1, 2),
        _p(2, B1, 3, 6),
        _p(3, B1, 1, 1),
        _p(3, B2, 2, 5),
        _p(4, LONE, 1, 2),
        _p(5, 999, 4, 4),  # a unit outside the areas: left out
    ]
)


def test_summary_of_two_areas_with_a_bridge():
    summary = analysis.summary(PATH, start=START, end=END)
    assert summary.networks == 4
    assert summary.spanning_networks == 1
    assert summary.all_area_networks == 1
    assert summary.share_spanning == 0.25
    assert summary.share_all_areas == 0.25
    assert summary.units == 6
    assert summary.units_taking_part == 5
    assert summary.units_without_cross_tie == 3  # a1, b2 and the lone unit
    assert summary.units_in_no_network == 1
    assert summary.ties == 3
    assert summary.cross_area_ties == 1


def test_weights_people_and_hours():
    people = analysis.build_graph(PATH, start=START, end=END, weight=PEOPLE)
    assert people[A1][A2]["weight"] == 1  # min(2 people, 1 person)
    assert people[A2][B1]["weight"] == 1
    assert people[B1][B2]["weight"] == 1
    hours = analysis.build_graph(PATH, start=START, end=END, weight=HOURS)
    assert hours[A1][A2]["weight"] == 3  # min(4 h, 3 h)
    assert hours[A2][B1]["weight"] == 2
    assert hours[B1][B2]["weight"] == 1
    assert hours.nodes[A2]["area"] == A and hours.nodes[B1]["area"] == B
    assert LONE in hours and IDLE not in hours and 999 not in hours


def test_ties_add_up_over_shared_networks():
    data = _data([_p(1, A1, 2, 1), _p(1, B1, 3, 1), _p(2, A1, 1, 1), _p(2, B1, 1, 1)])
    graph = analysis.build_graph(data, start=START, end=END)
    assert graph[A1][B1]["weight"] == 3  # 2 + 1
    assert graph[A1][B1]["networks"] == 2


def test_bridges_are_the_middle_of_the_path():
    table = analysis.tie_table(PATH, start=START, end=END)
    scores, samples = analysis.betweenness(table)
    assert samples is None
    by_id = {u.id: scores[i] for i, u in enumerate(table.units)}
    # Five units take part (n = 5); a2 and b1 each lie on two of the six pairs' paths:
    # 2 / ((n - 1)(n - 2) / 2) = 1/3.
    assert by_id[A2] == pytest.approx(1 / 3)
    assert by_id[B1] == pytest.approx(1 / 3)
    assert by_id[A1] == by_id[B2] == by_id[LONE] == 0
    result = analysis.analyse(PATH, start=START, end=END)
    assert [row.name for row in result.bridges] == ["a2", "b1"]
    assert [row.name for row in result.isolated] == ["a1", "alene", "b2"]
    assert [unit.name for unit in result.absent] == ["uden netværk"]


def test_hours_change_the_shortest_paths():
    # x, y, z in one area: x–y and y–z strong, x–z weak in hours but one person each.
    x, y, z = A1, A2, LONE
    data = _data(
        [
            _p(1, x, 1, 2),
            _p(1, y, 1, 2),
            _p(2, y, 1, 2),
            _p(2, z, 1, 2),
            _p(3, x, 1, 0.2),
            _p(3, z, 1, 0.2),
        ]
    )
    position = {u.id: i for i, u in enumerate(data.units)}
    people, _ = analysis.betweenness(analysis.tie_table(data, start=START, end=END))
    hours, _ = analysis.betweenness(analysis.tie_table(data, start=START, end=END, weight=HOURS))
    assert people[position[y]] == 0  # x–z is as short as x–y
    assert hours[position[y]] == 1  # x–z is 5 long, x–y–z only 1: every path goes through y


def test_a_network_within_one_area_does_not_span():
    data = _data([_p(1, A1, 1, 1), _p(1, A2, 1, 1), _p(2, B1, 1, 1), _p(2, A1, 1, 1)])
    summary = analysis.summary(data, start=START, end=END)
    assert (summary.networks, summary.spanning_networks, summary.all_area_networks) == (2, 1, 1)


def test_the_period_decides_who_counts():
    data = _data(
        [
            _p(1, A1, 1, 1, joined=D(2013, 1, 1), left=D(2013, 3, 1)),
            _p(1, B1, 1, 1, joined=D(2013, 1, 1)),
            _p(2, A2, 1, 1, joined=D(2014, 1, 1)),
        ]
    )
    assert analysis.summary(data, start=D(2013, 2, 1), end=D(2013, 2, 1)).spanning_networks == 1
    later = analysis.summary(data, start=D(2013, 3, 2), end=D(2013, 12, 31))
    assert (later.networks, later.spanning_networks, later.units_taking_part) == (1, 0, 1)


def test_half_years():
    data = _data(
        [
            _p(1, A1, 1, 1, joined=D(2013, 3, 1), left=D(2013, 8, 15)),
            _p(1, A2, 1, 1, joined=D(2013, 3, 1), left=D(2013, 8, 15)),
            _p(2, A2, 1, 1, joined=D(2013, 9, 1)),
            _p(2, B1, 1, 1, joined=D(2013, 9, 1)),
        ]
    )
    rows = analysis.half_years(data, until=D(2014, 1, 10))
    assert [
        (r.half_year.code, r.networks, r.spanning_networks, r.cross_area_ties) for r in rows
    ] == [
        ("2013-1", 1, 0, 0),
        ("2013-2", 2, 1, 1),
        ("2014-1", 1, 1, 1),
    ]
    assert rows[1].share_spanning == 0.5
    assert rows[1].units_taking_part == 3


def test_half_year_codes():
    assert HalfYear.parse("2013-2") == HalfYear(2013, 2)
    assert HalfYear(2013, 2).start == D(2013, 7, 1) and HalfYear(2013, 1).end == D(2013, 6, 30)
    assert HalfYear.of(D(2013, 6, 30)) == HalfYear(2013, 1)
    for bad in ("2013", "2013-3", "13-1", "x-1", ""):
        with pytest.raises(ValueError):
            HalfYear.parse(bad)


def test_matrices():
    result = analysis.analyse(PATH, start=START, end=END, weight=HOURS)
    assert result.area_matrix.labels == ("Område A", "Område B")
    assert result.area_matrix.cells == ((3.0, 2.0), (2.0, 1.0))
    units = result.unit_matrix
    # By weighted degree: a2 (3 + 2), b1 (2 + 1), a1 (3), b2 (1), alene (0).
    assert units.labels == ("a2", "a1", "b1", "b2", "alene")
    assert units.cells[0] == (0.0, 3.0, 2.0, 0.0, 0.0)


def test_figure_draws_the_strongest_units_grouped_by_area():
    result = analysis.analyse(PATH, start=START, end=END)
    assert result.figure.shown == result.figure.of == 5
    assert [n.area_index for n in result.figure.nodes] == [0, 0, 0, 1, 1]
    assert len(result.figure.edges) == 3
    assert sum(edge.cross_area for edge in result.figure.edges) == 1
    small = analysis.figure(analysis.tie_table(PATH, start=START, end=END), PATH.areas, top=2)
    assert small.shown == 2 and small.of == 5


def test_sampled_betweenness_equals_networkx_with_every_source():
    # Each pair shares at most one network and weighs a power of two, so path lengths are
    # exact in floating point and networkx's exact comparisons find the same shortest paths.
    rng = random.Random(4)
    units = tuple(UnitInfo(n, f"u{n}", 1 + n % 3) for n in range(40))
    pairs = rng.sample([(a, b) for a in range(40) for b in range(a + 1, 40)], 90)
    presences = tuple(
        Presence(net, unit, size, size / 2, START)
        for net, pair in enumerate(pairs)
        for unit, size in zip(pair, (rng.choice((1, 2, 4)),) * 2, strict=True)
    )
    data = SiloData((Area(1, "a"), Area(2, "b"), Area(3, "c")), units, presences)
    for weight in (PEOPLE, HOURS):
        table = analysis.tie_table(data, start=START, end=END, weight=weight)
        nodes = table.taking_part()
        ours = analysis.sampled_betweenness(table, nodes, list(range(len(nodes))))
        exact, _ = analysis.betweenness(table)
        assert np.allclose(ours, exact[nodes])
        graph = analysis.graph_of(table)
        reference = nx.betweenness_centrality(graph, weight="distance")
        assert np.allclose(exact[nodes], [reference[table.units[i].id] for i in nodes])
        estimate, k = analysis.betweenness(table, exact_limit=10, samples=12)
        assert k == 12 and estimate.shape == exact.shape


def test_empty_data():
    data = SiloData((Area(A, "A"),), (UnitInfo(A1, "a1", A),), ())
    result = analysis.analyse(data, start=START, end=END)
    assert result.summary.networks == 0 and result.summary.share_spanning is None
    assert result.summary.units_in_no_network == 1
    assert result.half_years == () and result.bridges == ()
