"""The pure analytics on small hand-made data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from netvaerk.insights import analytics as a
from netvaerk.insights.analytics import (
    AssignmentFact,
    IdeaCount,
    NetworkFact,
    Period,
    RoundFact,
    UnitHours,
)

D = datetime.date
YEAR_2013 = Period(D(2013, 1, 1), D(2013, 12, 31))

NETWORKS = [
    NetworkFact("welfare", "introduktion", D(2013, 12, 10)),
    NetworkFact("welfare", "introduktion", D(2013, 12, 10)),
    NetworkFact("innovation", "design", D(2013, 8, 1)),
    NetworkFact("learning", "design", D(2013, 3, 1)),
    NetworkFact("learning", "closed", D(2012, 2, 1), closed=D(2013, 5, 1)),
    NetworkFact("learning", "closed", D(2011, 2, 1), closed=D(2012, 5, 1)),
    NetworkFact("welfare", "opstart", D(2014, 2, 1)),
]


def test_half_years() -> None:
    assert a.half_year_of(D(2013, 6, 30)) == "2013-1"
    assert a.half_year_of(D(2013, 7, 1)) == "2013-2"
    assert a.half_years_between(D(2012, 8, 1), D(2014, 1, 1)) == [
        "2012-2",
        "2013-1",
        "2013-2",
        "2014-1",
    ]
    assert a.half_year_period("2013-2") == Period(D(2013, 7, 1), D(2013, 12, 31))
    assert a.half_year_period("2013-1") == Period(D(2013, 1, 1), D(2013, 6, 30))
    assert a.half_year_period("2013") == YEAR_2013


def test_period_overlap() -> None:
    assert YEAR_2013.overlaps(D(2012, 1, 1), None)
    assert YEAR_2013.overlaps(D(2012, 1, 1), D(2013, 1, 1))
    assert not YEAR_2013.overlaps(D(2012, 1, 1), D(2012, 12, 31))
    assert not YEAR_2013.overlaps(D(2014, 1, 1), None)
    assert a.ALL_TIME.overlaps(D(1990, 1, 1), D(1990, 1, 2))
    assert Period(end=D(2013, 1, 1)).contains(D(2012, 1, 1))
    assert not Period(start=D(2013, 1, 1)).contains(None)


def test_networks_by_type_and_phase_counts_those_that_ran_in_the_period() -> None:
    table = a.networks_by_type_and_phase(
        NETWORKS,
        kinds=["welfare", "innovation", "learning"],
        phases=["introduktion", "opstart", "design", "closed"],
        period=YEAR_2013,
    )
    assert table.cells == ((2, 0, 0, 0), (0, 0, 1, 0), (0, 0, 1, 1))
    assert table.row_totals == (2, 1, 2)
    assert table.column_totals == (2, 0, 2, 1)
    assert table.total == 5
    assert table.largest == 2
    everything = a.networks_by_type_and_phase(
        NETWORKS, kinds=["welfare", "learning"], phases=["introduktion", "opstart", "closed"]
    )
    assert everything.cells == ((2, 1, 0), (0, 0, 2))


def test_started_by_type() -> None:
    assert a.started_by_type(
        NETWORKS, kinds=["welfare", "innovation", "learning"], period=YEAR_2013
    ) == {"welfare": 2, "innovation": 1, "learning": 1}
    assert a.started_by_type([], kinds=["welfare"]) == {"welfare": 0}


def test_starts_and_closures_fill_quiet_half_years() -> None:
    flows = a.starts_and_closures(NETWORKS, period=YEAR_2013)
    assert [(f.half_year, f.started, f.closed, f.net) for f in flows] == [
        ("2013-1", 1, 1, 0),
        ("2013-2", 3, 0, 3),
    ]
    every = a.starts_and_closures(NETWORKS)
    assert [f.half_year for f in every][:3] == ["2011-1", "2011-2", "2012-1"]
    assert every[-1].half_year == "2014-1"
    assert sum(f.started for f in every) == 7
    assert sum(f.closed for f in every) == 2
    assert a.starts_and_closures([], period=YEAR_2013) == []


def test_idea_outcomes() -> None:
    rounds = [
        RoundFact(2, "Forår 2014", D(2014, 4, 1)),
        RoundFact(1, "Efterår 2013", D(2013, 11, 15)),
        RoundFact(3, "Tom runde", D(2013, 6, 1)),
        RoundFact(None, "Uden runde", None),
    ]
    counts = [
        IdeaCount(1, "selected", 3),
        IdeaCount(1, "parked", 1),
        IdeaCount(1, "rejected", 1),
        IdeaCount(1, "draft", 4),
        IdeaCount(2, "submitted", 2),
        IdeaCount(2, "screening", 1),
        IdeaCount(None, "on_agenda", 1),
    ]
    in_2013 = a.idea_outcomes(rounds, counts, period=YEAR_2013)
    assert [o.round.title for o in in_2013] == ["Tom runde", "Efterår 2013", "Uden runde"]
    autumn = in_2013[1]
    assert autumn.received == 5  # drafts are not received
    assert (autumn.count("selected"), autumn.count("parked"), autumn.count("rejected")) == (3, 1, 1)
    assert in_2013[0].received == 0
    every = a.idea_outcomes(rounds, counts)
    assert [o.round.pk for o in every] == [3, 1, 2, None]
    assert every[2].count(a.UNDECIDED) == 3
    # Ideas outside rounds are shown only when there are some.
    assert [o.round.pk for o in a.idea_outcomes(rounds, counts[:3])] == [3, 1, 2]


def test_hours_by_area_sums_units_under_each_area() -> None:
    areas = {2: "By", 3: "Borger"}
    units = [
        UnitHours(5, "/1/3/5/", 2, 3, Decimal("6"), Decimal("4")),
        UnitHours(6, "/1/3/5/6/", 1, 1, Decimal("2"), Decimal("2")),
        UnitHours(7, "/1/2/7/", 1, 2, Decimal("3.5"), Decimal("3.5")),
        UnitHours(8, "/1/8/", 1, 1, Decimal("1"), Decimal("0")),
        UnitHours(None, "", 1, 1, Decimal("0"), Decimal("0")),
    ]
    rows = a.hours_by_area(units, areas, outside="Udenfor")
    assert [(r.name, r.people, r.participations, r.hours, r.approved) for r in rows] == [
        ("Borger", 3, 4, Decimal("8"), Decimal("6")),
        ("By", 1, 2, Decimal("3.5"), Decimal("3.5")),
        ("Udenfor", 2, 2, Decimal("1"), Decimal("0")),
    ]
    assert rows[0].difference == Decimal("2")
    assert a.area_of("/1/3/5/", [2, 3]) == 3
    assert a.area_of("/1/8/", [2, 3]) is None
    # An area with nobody is still listed, with zeros; no "outside" row when nobody is outside.
    assert [r.people for r in a.hours_by_area(units[2:3], areas, outside="x")] == [0, 1]


def test_staffing_as_in_the_2013_status_report() -> None:
    assignments = [
        AssignmentFact("director", "Hanne", Decimal(37), D(2013, 1, 1)),
        AssignmentFact("consultant", "Jonas", Decimal(15), D(2013, 5, 1)),
        AssignmentFact("consultant", "Bodil", Decimal(9), D(2013, 5, 1)),
        AssignmentFact("administration", "Line", Decimal(20), D(2013, 12, 1)),
        AssignmentFact("consultant", "Gammel", Decimal(10), D(2011, 1, 1), D(2012, 6, 30)),
    ]
    result = a.staffing(assignments, on=D(2013, 12, 31), period=YEAR_2013)
    assert [x.person for x in result.assignments] == ["Hanne", "Bodil", "Jonas", "Line"]
    assert result.hours == Decimal(81)
    assert result.fte == Decimal("2.19")
    assert result.by_role == {
        "director": Decimal(37),
        "consultant": Decimal(24),
        "administration": Decimal(20),
    }
    before = a.staffing(assignments, on=D(2013, 6, 1))
    assert before.hours == Decimal(61)
    assert len(before.assignments) == 5


def test_summary() -> None:
    rounds = [RoundFact(1, "R", D(2013, 11, 15))]
    outcomes = a.idea_outcomes(rounds, [IdeaCount(1, "selected", 3), IdeaCount(1, "parked", 2)])
    areas = a.hours_by_area(
        [UnitHours(5, "/1/3/5/", 4, 5, Decimal("9"), Decimal("9"))], {3: "A"}, outside="-"
    )
    summary = a.summarise(
        NETWORKS, outcomes, areas, kinds=["welfare", "innovation", "learning"], period=YEAR_2013
    )
    assert (summary.started, summary.closed) == (4, 1)
    assert summary.started_by_type == {"welfare": 2, "innovation": 1, "learning": 1}
    assert (summary.ideas_received, summary.ideas_selected) == (5, 3)
    assert (summary.people, summary.hours) == (4, Decimal("9"))
