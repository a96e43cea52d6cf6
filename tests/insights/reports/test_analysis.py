"""The status report's pure functions, on small hand-made inputs (no database)."""

from __future__ import annotations

import datetime

from netvaerk.insights.reports import analysis
from netvaerk.insights.reports.analysis import Block, Event, NetworkRef, StartedNetwork

D = datetime.date


def test_the_timeline_is_in_date_order_and_groups_many_network_events_per_month() -> None:
    ref = NetworkRef(1, "A", "welfare")
    events = [
        Event(D(2013, 12, 10), analysis.NETWORK_START, network=ref),
        Event(D(2013, 5, 1), analysis.SECRETARIAT, person="P", label="Director"),
    ]
    assert [e.day for e in analysis.timeline(events)] == [D(2013, 5, 1), D(2013, 12, 10)]
    many = [
        Event(D(2013, 10, n), analysis.NETWORK_START, network=NetworkRef(n, f"N{n}", "learning"))
        for n in range(1, 6)
    ] + [Event(D(2013, 5, 1), analysis.SECRETARIAT, person="P", label="Director")]
    grouped = analysis.timeline(many, limit=3)
    assert [(e.day, e.code, e.count, e.grouped) for e in grouped] == [
        (D(2013, 5, 1), analysis.SECRETARIAT, 0, False),
        (D(2013, 10, 1), analysis.NETWORK_START, 5, True),
    ]


def test_started_per_type_counts_all_and_names_the_first() -> None:
    rows = [
        StartedNetwork(NetworkRef(n, f"N{n}", "welfare"), D(2013, 1, n), "Intro")
        for n in range(1, 5)
    ]
    groups = analysis.started_per_type(rows, [("welfare", "W"), ("learning", "L")], limit=2)
    assert [(g.kind, g.count, len(g.shown), g.more) for g in groups] == [
        ("welfare", 4, 2, 2),
        ("learning", 0, 0, 0),
    ]


def test_blocks_are_paragraphs_and_bullet_lists() -> None:
    text = "First para\ncontinues.\n\nIntro:\n- one\n- two\n\n- three"
    assert analysis.blocks(text) == [
        Block(text="First para continues."),
        Block(text="Intro:"),
        Block(items=("one", "two")),
        Block(items=("three",)),
    ]
    assert analysis.blocks("") == []


def test_mask_hides_only_the_named_networks_wherever_they_are() -> None:
    shown, hidden = NetworkRef(1, "Open", "welfare"), NetworkRef(2, "Secret", "welfare", True)
    row = StartedNetwork(hidden, D(2013, 1, 1), "Intro")
    masked = analysis.mask({"a": [shown, row], "b": (hidden,)}, {2})
    assert masked["a"][0].title == "Open"
    assert masked["a"][1].network.masked and masked["b"][0].title is None
    assert analysis.mask(row, set()) is row


def test_evaluation_summary_totals_and_keeps_networks_with_data() -> None:
    def row(pk: int, index: str | None, notes: int = 0) -> analysis.EvaluationRow:
        from decimal import Decimal

        return analysis.EvaluationRow(
            network=NetworkRef(pk, f"N{pk}", "welfare"),
            index=Decimal(index) if index else None,
            index_change=None,
            survey="",
            indicators=1 if pk == 3 else 0,
            reached=1 if pk == 3 else 0,
            progressing=0,
            not_progressing=0,
            no_data=0,
            notes=tuple(analysis.Note(D(2013, 1, 1), "x") for _ in range(notes)),
        )

    summary = analysis.evaluation_summary(
        [row(1, "3.0"), row(2, None), row(3, None), row(4, "4.0", notes=1)], active=4, limit=2
    )
    assert summary.with_index == 2 and str(summary.mean_index) == "3.50"
    assert summary.indicators["reached"] == 1
    assert [r.network.pk for r in summary.rows] == [4, 1]  # notes first, then by name
    assert summary.with_data == 3 and summary.more == 1
