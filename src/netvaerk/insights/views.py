"""The dashboard and the resources pages. Thin: the figures come from selectors + analytics.

Both pages take `?format=csv|xlsx&table=<name>` for a download of one of their tables; an
unknown format or table, or a bad filter, is a 400.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from netvaerk.core.charts import bar_chart
from netvaerk.core.exports import FORMATS, csv_response, xlsx_response
from netvaerk.core.views import paginate
from netvaerk.networks.models import NetworkType, Phase
from netvaerk.organisation.models import SecretariatAssignment
from netvaerk.organisation.rules import is_secretariat, person_of

from . import analytics, selectors
from .cache import cached
from .forms import DashboardFilterForm, PersonFilterForm

# Colour bands of the heat maps (css/insights.css); the number is always printed too.
BANDS = 4


def half_year_label(label: str) -> str:
    """ "2013-2" → "2nd half 2013" (translated)."""
    year, _sep, half = label.partition("-")
    if half == "1":
        return _("1st half %(year)s") % {"year": year}
    return _("2nd half %(year)s") % {"year": year}


def _band(value: int, largest: int) -> int:
    if value <= 0 or largest <= 0:
        return 0
    return max(1, -(-value * BANDS // largest))


def _heat_rows(
    labels: Sequence[str], cells: Sequence[Sequence[int]], totals: Sequence[int]
) -> list[dict[str, Any]]:
    largest = max((value for row in cells for value in row), default=0)
    return [
        {
            "label": label,
            "cells": [(value, _band(value, largest)) for value in row],
            "total": total,
        }
        for label, row, total in zip(labels, cells, totals, strict=True)
    ]


def _export(
    fmt: str, name: str, sheet: str, header: Sequence[str], rows: list[list[Any]]
) -> HttpResponse:
    if fmt == "csv":
        return csv_response(f"{name}.csv", header, rows)
    return xlsx_response(f"{name}.xlsx", header, rows, sheet=sheet)


def _number(value: Decimal) -> float:
    return float(value)


def _export_request(
    request: HttpRequest, tables: dict[str, Callable[[str], HttpResponse]]
) -> HttpResponse | None:
    """The download asked for, a 400 for an unknown format or table, or None (the page)."""
    fmt = request.GET.get("format", "")
    if not fmt:
        return None
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
    table = request.GET.get("table", "")
    if table not in tables:
        return HttpResponseBadRequest(
            _("Choose one of the tables: %(tables)s.") % {"tables": ", ".join(tables)}
        )
    return tables[table](fmt)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in ("format", "table", *names):
        query.pop(name, None)
    return query.urlencode()


# --- the dashboard ------------------------------------------------------------------------------


class DashboardView(PermissionRequiredMixin, View):
    """Networks by type and phase, starts and closures, ideas and participation by area."""

    permission_required = "insights.view_insights"
    template_name = "insights/dashboard.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DashboardFilterForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        period = form.chosen_period()
        area = form.cleaned_data["area"]
        params = {**form.cache_params(), "language": translation.get_language()}
        data = cached("dashboard", params, lambda: selectors.dashboard(period, area=area))
        exported = _export_request(request, _dashboard_tables(data))
        if exported is not None:
            return exported
        return render(
            request,
            self.template_name,
            {"form": form, "area": area, "query": _query_without(request), **_dashboard(data)},
        )


def _kind_label(kind: str) -> str:
    return str(NetworkType(kind).label)


def _phase_label(phase: str) -> str:
    return str(Phase(phase).label)


OUTCOME_HEADERS = {
    "selected": lambda: _("Selected"),
    "parked": lambda: _("Parked"),
    "rejected": lambda: _("Rejected"),
    "merged": lambda: _("Merged"),
    analytics.UNDECIDED: lambda: _("Not decided yet"),
}


def _round_title(outcome: analytics.RoundOutcome) -> str:
    return outcome.round.title


def _dashboard(data: selectors.Dashboard) -> dict[str, Any]:
    """The page's charts and tables."""
    types = data.types
    kinds = [_kind_label(kind) for kind in types.rows]
    outcomes = list(OUTCOME_HEADERS)
    summary = data.summary
    return {
        "data": data,
        "summary": summary,
        "started_parts": [
            (_kind_label(kind), count) for kind, count in summary.started_by_type.items()
        ],
        "phases": [_phase_label(phase) for phase in types.columns],
        "type_rows": _heat_rows(kinds, types.cells, types.row_totals),
        "type_totals": types.column_totals,
        "type_chart": bar_chart(
            list(zip(kinds, types.row_totals, strict=True)),
            title=_("Networks per type"),
            label_header=_("Type"),
            value_header=_("Networks"),
        ),
        "flows": [(half_year_label(f.half_year), f) for f in data.flows],
        "started_chart": bar_chart(
            [(half_year_label(f.half_year), f.started) for f in data.flows],
            title=_("Networks started per half-year"),
            label_header=_("Half-year"),
            value_header=_("Started"),
        ),
        "closed_chart": bar_chart(
            [(half_year_label(f.half_year), f.closed) for f in data.flows],
            title=_("Networks closed per half-year"),
            label_header=_("Half-year"),
            value_header=_("Closed"),
        ),
        "outcome_headers": [OUTCOME_HEADERS[o]() for o in outcomes],
        "idea_rows": _heat_rows(
            [_round_title(o) for o in data.outcomes],
            [[o.count(name) for name in outcomes] for o in data.outcomes],
            [o.received for o in data.outcomes],
        ),
        "ideas_chart": bar_chart(
            [(_round_title(o), o.received) for o in data.outcomes],
            title=_("Ideas received per round"),
            label_header=_("Round"),
            value_header=_("Ideas"),
        ),
        "areas": data.areas,
        "hours_chart": bar_chart(
            [(a.name, _number(a.hours)) for a in data.areas],
            title=_("Hours per week committed to networks, per director area"),
            label_header=_("Director area"),
            value_header=_("Hours per week"),
            decimals=1,
        ),
        "people_chart": bar_chart(
            [(a.name, a.people) for a in data.areas],
            title=_("People taking part in networks, per director area"),
            label_header=_("Director area"),
            value_header=_("People"),
        ),
    }


def _dashboard_tables(data: selectors.Dashboard) -> dict[str, Callable[[str], HttpResponse]]:
    def types(fmt: str) -> HttpResponse:
        t = data.types
        header = [_("Type"), *[_phase_label(p) for p in t.columns], _("Total")]
        rows = [
            [_kind_label(kind), *cells, total]
            for kind, cells, total in zip(t.rows, t.cells, t.row_totals, strict=True)
        ]
        rows.append([_("Total"), *t.column_totals, t.total])
        return _export(fmt, "netvaerk-type-fase", _("Type and phase"), header, rows)

    def half_years(fmt: str) -> HttpResponse:
        header = [_("Half-year"), _("Started"), _("Closed")]
        rows = [[half_year_label(f.half_year), f.started, f.closed] for f in data.flows]
        return _export(fmt, "netvaerk-start-lukning", _("Starts and closures"), header, rows)

    def ideas(fmt: str) -> HttpResponse:
        header = [
            _("Round"),
            _("Deadline"),
            _("Received"),
            *[label() for label in OUTCOME_HEADERS.values()],
        ]
        rows = [
            [
                o.round.title,
                o.round.deadline or "",
                o.received,
                *[o.count(name) for name in OUTCOME_HEADERS],
            ]
            for o in data.outcomes
        ]
        return _export(fmt, "ideer-pr-runde", _("Ideas"), header, rows)

    def areas(fmt: str) -> HttpResponse:
        header = [
            _("Director area"),
            _("People"),
            _("Participations"),
            _("Hours per week"),
            _("Approved hours per week"),
            _("Difference"),
        ]
        rows = [
            [
                a.name,
                a.people,
                a.participations,
                _number(a.hours),
                _number(a.approved),
                _number(a.difference),
            ]
            for a in data.areas
        ]
        return _export(fmt, "deltagere-timer-omraade", _("Participation"), header, rows)

    return {"types": types, "half_years": half_years, "ideas": ideas, "areas": areas}


# --- resources ----------------------------------------------------------------------------------


HOURS_HEADER = (
    lambda: _("Hours per week"),
    lambda: _("Approved hours per week"),
    lambda: _("Difference"),
)


class ResourcesView(PermissionRequiredMixin, View):
    """Hours committed per unit and per person against approved hours; the secretariat's
    staffing. A manager sees the people of their own unit and the units below it only."""

    permission_required = "insights.view_resources"
    template_name = "insights/resources.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        within = (
            None
            if is_secretariat(request.user)
            else selectors.managed_unit(person_of(request.user))
        )
        form = PersonFilterForm(request.GET, units=selectors.units_for_filter(within))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        people = selectors.person_table(
            within=within, unit=form.cleaned_data["unit"], sort=form.cleaned_data["sort"]
        )
        today = timezone.localdate()
        staffing = cached(
            "staffing", {"on": today}, lambda: selectors.secretariat_staffing(on=today)
        )
        areas = cached("areas", {}, selectors.area_names)
        exported = _export_request(
            request, _resource_tables(selectors.unit_table(), people, staffing, areas)
        )
        if exported is not None:
            return exported
        unit_page = paginate(request, selectors.unit_table(), param="enheder")
        person_page = paginate(request, people, param="personer")
        context = {
            "form": form,
            "within": within,
            "unit_page": unit_page,
            "unit_rows": selectors.hours_rows(unit_page.object_list, areas, persons=False),
            "person_page": person_page,
            "person_rows": selectors.hours_rows(person_page.object_list, areas, persons=True),
            "staffing": staffing,
            "staffing_rows": [(_role_label(a.role), a) for a in staffing.assignments],
            "query": _query_without(request, "enheder", "personer"),
        }
        return render(request, self.template_name, context)


def _role_label(role: str) -> str:
    return str(SecretariatAssignment.Role(role).label)


def _hours_cells(row: selectors.HoursRow) -> list[float]:
    return [_number(row.hours), _number(row.approved), _number(row.difference)]


def _resource_tables(
    units: Any, people: Any, staffing: analytics.Staffing, areas: dict[int, str]
) -> dict[str, Callable[[str], HttpResponse]]:
    def unit_table(fmt: str) -> HttpResponse:
        header = [
            _("Unit"),
            _("Director area"),
            _("People taking part"),
            *[h() for h in HOURS_HEADER],
        ]
        rows = [
            [row.name or _("No unit"), row.area, row.people, *_hours_cells(row)]
            for row in selectors.hours_rows(units, areas, persons=False)
        ]
        return _export(fmt, "timer-pr-enhed", _("Units"), header, rows)

    def person_table(fmt: str) -> HttpResponse:
        header = [
            _("Person"),
            _("Unit"),
            _("Director area"),
            _("Networks"),
            *[h() for h in HOURS_HEADER],
        ]
        rows = [
            [row.name, row.unit, row.area, row.participations, *_hours_cells(row)]
            for row in selectors.hours_rows(people, areas, persons=True)
        ]
        return _export(fmt, "timer-pr-person", _("People"), header, rows)

    def staffing_table(fmt: str) -> HttpResponse:
        header = [_("Role"), _("Person"), _("Hours per week"), _("From"), _("Until")]
        rows: list[list[Any]] = [
            [_role_label(a.role), a.person, _number(a.hours_per_week), a.starts_on, a.ends_on or ""]
            for a in staffing.assignments
        ]
        rows.append(
            [
                _("In total on %(day)s (full-time equivalents at 37 hours a week: %(fte)s)")
                % {"day": _iso(staffing.on), "fte": staffing.fte},
                "",
                _number(staffing.hours),
                "",
                "",
            ]
        )
        return _export(fmt, "sekretariatets-bemanding", _("Staffing"), header, rows)

    return {"units": unit_table, "people": person_table, "staffing": staffing_table}


def _iso(day: datetime.date) -> str:
    return day.isoformat()
