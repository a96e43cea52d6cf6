"""The silo analysis page and its downloads. Thin: the numbers come from `analysis`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from netvaerk.core.charts import bar_chart
from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.views import paginate

from . import selectors
from .analysis import HalfYear, Matrix, SiloAnalysis
from .forms import SiloFilterForm

ABSENT_SHOWN = 50
BANDS = 5  # heat map classes heat-0 … heat-4


def half_year_label(half: HalfYear) -> str:
    return (
        _("1st half %(year)s") % {"year": half.year}
        if half.half == 1
        else _("2nd half %(year)s") % {"year": half.year}
    )


def _band(value: float, largest: float) -> int:
    if value <= 0 or largest <= 0:
        return 0
    return min(BANDS - 1, 1 + int((BANDS - 1) * value / largest * 0.999))


def heat_rows(matrix: Matrix) -> list[tuple[str, list[tuple[float, int]]]]:
    """Each row's label and its cells as (value, band)."""
    largest = matrix.largest
    return [
        (label, [(value, _band(value, largest)) for value in row])
        for label, row in zip(matrix.labels, matrix.cells, strict=True)
    ]


def _matrix_table(matrix: Matrix, corner: str) -> tuple[list[str], list[list[Any]]]:
    return [corner, *matrix.labels], [
        [label, *row] for label, row in zip(matrix.labels, matrix.cells, strict=True)
    ]


def _unit_header() -> list[str]:
    return [
        _("Unit"),
        _("Director area"),
        _("Networks"),
        _("Ties"),
        _("Ties outside the area"),
        _("Weighted degree"),
        _("Betweenness"),
    ]


def _unit_table(rows: Sequence[Any]) -> list[list[Any]]:
    return [
        [r.name, r.area, r.networks, r.ties, r.cross_area_ties, r.strength, round(r.betweenness, 6)]
        for r in rows
    ]


TABLES: dict[str, tuple[Callable[[SiloAnalysis], tuple[list[str], list[list[Any]]]], str]] = {
    "areas": (
        lambda a: _matrix_table(a.area_matrix, _("Director area")),
        "siloer-omraader",
    ),
    "units": (lambda a: _matrix_table(a.unit_matrix, _("Unit")), "siloer-enheder"),
    "bridges": (lambda a: (_unit_header(), _unit_table(a.bridges)), "siloer-broer"),
    "isolated": (lambda a: (_unit_header(), _unit_table(a.isolated)), "siloer-uden-baand"),
    "absent": (
        lambda a: (
            [_("Unit"), _("Director area")],
            [[u.name, a.area_names[u.area_id]] for u in a.absent],
        ),
        "siloer-uden-netvaerk",
    ),
    "halfyears": (
        lambda a: (
            [
                _("Half-year"),
                _("Networks"),
                _("Spanning more than one area"),
                _("Share spanning (%)"),
                _("Spanning all areas"),
                _("Units taking part"),
                _("Ties across areas"),
            ],
            [
                [
                    half_year_label(r.half_year),
                    r.networks,
                    r.spanning_networks,
                    round(100 * r.share_spanning, 1) if r.share_spanning is not None else "",
                    r.all_area_networks,
                    r.units_taking_part,
                    r.cross_area_ties,
                ]
                for r in a.half_years
            ],
        ),
        "siloer-halvaar",
    ),
}


class SiloAnalysisView(PermissionRequiredMixin, View):
    """`/indsigt/siloer/`: which units meet across the director areas, and which do not."""

    permission_required = "silos.view_silos"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = SiloFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "silos/analysis.html", {"form": form}, status=400)
        fmt = request.GET.get("format", "")
        table = request.GET.get("table", "")
        if fmt and fmt not in ("csv", "xlsx"):
            return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
        if fmt and table not in TABLES:
            return HttpResponseBadRequest(
                _("Choose one of the tables: %(tables)s.") % {"tables": ", ".join(TABLES)}
            )
        start, end = form.period()
        weight = form.weight_choice()
        result = selectors.period_analysis(start=start, end=end, weight=weight)
        if fmt:
            build, filename = TABLES[table]
            header, rows = build(result)
            if fmt == "csv":
                return csv_response(f"{filename}.csv", header, rows)
            return xlsx_response(f"{filename}.xlsx", header, rows, sheet=filename)
        query = request.GET.copy()
        for key in ("side", "format", "table"):
            query.pop(key, None)
        trend = bar_chart(
            [
                (half_year_label(r.half_year), 100 * r.share_spanning)
                for r in result.half_years
                if r.share_spanning is not None
            ],
            title=_("Share of the networks that span more than one director area, per half-year"),
            label_header=_("Half-year"),
            value_header=_("Per cent"),
            max_value=100,
        )
        context = {
            "form": form,
            "result": result,
            "summary": result.summary,
            "start": start,
            "end": end,
            "period": _("%(start)s to %(end)s")
            % {
                "start": date_format(start, "SHORT_DATE_FORMAT"),
                "end": date_format(end, "SHORT_DATE_FORMAT"),
            }
            if start != end
            else date_format(start, "SHORT_DATE_FORMAT"),
            "weight": weight,
            "area_heat": heat_rows(result.area_matrix),
            "unit_heat": heat_rows(result.unit_matrix),
            "isolated": paginate(request, result.isolated),  # type: ignore[arg-type]
            "absent": result.absent[:ABSENT_SHOWN],
            "trend": trend,
            "half_year_rows": [(half_year_label(r.half_year), r) for r in result.half_years],
            "query": query.urlencode(),
        }
        return render(request, "silos/analysis.html", context)
