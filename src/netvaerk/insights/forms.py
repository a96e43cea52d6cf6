"""The dashboard's and the resources' filters (GET forms; invalid input is a 400)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.organisation.models import Unit

from .analytics import ALL_TIME, Period, half_year_period
from .selectors import PERSON_SORTS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR = 2012


def period_choices() -> list[tuple[str, Any]]:
    """Whole years and half-years from FIRST_YEAR to this year, newest first."""
    choices: list[tuple[str, Any]] = [("", _("All time, or the dates below"))]
    for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1):
        choices += [
            (str(year), str(year)),
            (f"{year}-1", _("%(year)s, first half") % {"year": year}),
            (f"{year}-2", _("%(year)s, second half") % {"year": year}),
        ]
    return choices


class DashboardFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False, choices=period_choices)
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)
    area = forms.ModelChoiceField(
        label=_("Director area"),
        required=False,
        queryset=Unit.objects.filter(level=Unit.Level.AREA).order_by("name"),
        empty_label=_("All areas"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: datetime.date | None = data.get("start")
        end: datetime.date | None = data.get("end")
        if data.get("period") and (start or end):
            raise forms.ValidationError(_("Choose either a period or dates, not both."))
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must come before the end date."))
        return data

    def chosen_period(self) -> Period:
        data = self.cleaned_data
        if data.get("period"):
            return half_year_period(data["period"])
        if data.get("start") or data.get("end"):
            return Period(data.get("start"), data.get("end"))
        return ALL_TIME

    def cache_params(self) -> dict[str, Any]:
        period = self.chosen_period()
        area = self.cleaned_data.get("area")
        return {"start": period.start, "end": period.end, "area": area.pk if area else None}


class PersonFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit or director area"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units I may see"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("-hours", _("Most hours first")),
            ("hours", _("Fewest hours first")),
        ],
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        field.label_from_instance = _indented  # type: ignore[method-assign,assignment]

    def clean_sort(self) -> str:
        sort = self.cleaned_data.get("sort") or "name"
        assert sort in PERSON_SORTS
        return sort


def _indented(unit: Unit) -> str:
    return "– " * max(0, unit.level - 1) + unit.name
