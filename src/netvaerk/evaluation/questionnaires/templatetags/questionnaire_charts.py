"""The horizontal bar chart of a choice or scale question, drawn as inline SVG on the server."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import QuestionSummary

register = template.Library()

ROW = 44  # height of one option: its label above, its bar below
BAR_HEIGHT = 16
BAR_MAX = 380  # the width of a 100 % bar
LABEL_CHARS = 70


@register.inclusion_tag("questionnaires/_bar_chart.html")
def bar_chart(summary: QuestionSummary) -> dict[str, Any]:
    """The geometry of each bar; every bar also prints its count and percent in text."""
    bars = []
    for index, (label, count, percent) in enumerate(summary.rows):
        top = index * ROW
        width = round(BAR_MAX * percent / 100, 1)
        bars.append(
            {
                "label": label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                "count": count,
                "percent": percent,
                "label_y": top + 14,
                "bar_y": top + 20,
                "width": width,
                "value_x": width + 8,
                "value_y": top + 33,
            }
        )
    return {
        "summary": summary,
        "bars": bars,
        "chart_id": f"chart-{summary.question.questionnaire_id}-{summary.question.pk}",
        "height": len(bars) * ROW + 4,
        "bar_height": BAR_HEIGHT,
    }
