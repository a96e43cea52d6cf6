"""The shared bar chart: bars scaled to the largest value, in order, with SVG-safe numbers."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from netvaerk.core.charts import PLOT_WIDTH, bar_chart


def test_bars_are_scaled_to_the_largest_value_and_keep_their_order() -> None:
    chart = bar_chart(
        [("Velfærd", 3), ("Innovation", 1), ("Læring", 0)],
        title="Netværk efter type",
        label_header="Type",
        value_header="Antal",
    )
    lengths = [bar.length for bar in chart.bars]
    assert [bar.label for bar in chart.bars] == ["Velfærd", "Innovation", "Læring"]
    assert lengths == [PLOT_WIDTH, PLOT_WIDTH / 3, 0.0]
    assert chart.total == 4
    tops = [bar.top for bar in chart.bars]
    assert tops == sorted(tops) and len(set(tops)) == 3


def test_a_fixed_maximum_and_all_zero_values() -> None:
    half = bar_chart([("a", 5)], title="t", label_header="l", value_header="v", max_value=10)
    assert half.bars[0].length == PLOT_WIDTH / 2
    zeros = bar_chart([("a", 0)], title="t", label_header="l", value_header="v")
    assert zeros.bars[0].length == 0.0


def test_the_include_draws_the_bars_and_a_table_with_danish_numbers() -> None:
    chart = bar_chart(
        [("Timer", 12.5)],
        title="Timer pr. uge",
        label_header="Område",
        value_header="Timer",
        decimals=1,
    )
    with translation.override("da"):
        html = render_to_string("includes/bar_chart.html", {"chart": chart, "id": "timer"})
    assert 'role="img"' in html and "<caption>Timer pr. uge</caption>" in html
    assert 'width="340.0"' in html  # the coordinate keeps its dot
    assert "12,5" in html  # the value is written the Danish way
