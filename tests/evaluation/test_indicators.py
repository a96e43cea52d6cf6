"""The pure functions behind an indicator: its status and its chart's geometry."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal as D

from netvaerk.evaluation.indicators import Status, chart, status


def test_status_against_target_and_baseline_when_higher_is_better() -> None:
    def up(latest: str | None, baseline: str | None = "10") -> Status:
        return status(
            baseline=D(baseline) if baseline else None,
            target=D("20"),
            latest=D(latest) if latest else None,
            higher_is_better=True,
        )

    assert up(None) is Status.NO_DATA
    assert up("20") is Status.REACHED  # exactly the target counts as reached
    assert up("25") is Status.REACHED
    assert up("12") is Status.PROGRESSING
    assert up("10") is Status.NOT_PROGRESSING  # still at the baseline
    assert up("8") is Status.NOT_PROGRESSING
    assert up("12", baseline=None) is Status.NOT_PROGRESSING  # no baseline: no direction


def test_status_when_lower_is_better() -> None:
    def down(latest: str) -> Status:
        return status(baseline=D("42"), target=D("30"), latest=D(latest), higher_is_better=False)

    assert down("29") is Status.REACHED
    assert down("38") is Status.PROGRESSING
    assert down("45") is Status.NOT_PROGRESSING


def test_the_chart_puts_time_left_to_right_and_larger_values_higher() -> None:
    result = chart(
        baseline=D("12"),
        target=D("20"),
        measurements=[
            (datetime.date(2014, 6, 1), D("16.5")),  # given out of order: sorted by date
            (datetime.date(2014, 1, 1), D("13")),
        ],
    )
    first, last = result.points
    assert first.on < last.on and first.x == result.left and last.x == result.right
    assert last.y < first.y  # 16.5 is drawn above 13
    assert result.target.y < result.baseline.y  # 20 above 12
    # The value axis covers baseline, target and every measurement, on round ticks.
    values = [tick.value for tick in result.ticks]
    assert values[0] <= 12 and values[-1] >= 20
    steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
    assert steps == {2.0}
    assert result.polyline == f"{first.sx},{first.sy} {last.sx},{last.sy}"


def test_a_chart_without_measurements_or_with_one_still_has_its_lines() -> None:
    empty = chart(baseline=None, target=D("5"), measurements=[])
    assert empty.points == () and empty.baseline is None
    assert empty.bottom > empty.target.y > empty.top
    one = chart(baseline=D("5"), target=D("5.5"), measurements=[(datetime.date(2014, 1, 1), D(5))])
    assert one.points[0].x == (one.left + one.right) / 2


def test_coordinates_are_written_the_way_svg_reads_them_in_any_language() -> None:
    from django.utils import translation

    result = chart(
        baseline=D("0.5"), target=D("1.25"), measurements=[(datetime.date(2014, 1, 1), D("0.75"))]
    )
    with translation.override("da"):
        assert "," not in result.points[0].sx and "." in result.points[0].sx
