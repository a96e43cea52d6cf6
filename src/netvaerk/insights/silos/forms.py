"""The silo page's filters: a period (from/to or a half-year) and what a tie weighs."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .analysis import HOURS, PEOPLE, HalfYear


class SiloFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    half_year = forms.CharField(
        label=_("Or a half-year"),
        required=False,
        max_length=6,
        help_text=_("For example 2013-2 for the second half of 2013."),
    )
    weight = forms.ChoiceField(
        label=_("A tie weighs"),
        required=False,
        choices=[(PEOPLE, _("People")), (HOURS, _("Hours per week"))],
    )

    def clean_half_year(self) -> HalfYear | None:
        code = self.cleaned_data["half_year"].strip()
        if not code:
            return None
        try:
            return HalfYear.parse(code)
        except ValueError:
            raise forms.ValidationError(
                _("Write the half-year as year-1 or year-2, for example 2013-2.")
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, half = data.get("start"), data.get("end"), data.get("half_year")
        if half and (start or end):
            raise forms.ValidationError(_("Choose either a half-year or dates, not both."))
        if start and end and start > end:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period; without a choice, today (the networks running now)."""
        data = self.cleaned_data
        if data.get("half_year"):
            return data["half_year"].start, data["half_year"].end
        today = timezone.localdate()
        start = data.get("start") or data.get("end") or today
        end = data.get("end") or (today if data.get("start") and today >= start else start)
        return start, end

    def weight_choice(self) -> str:
        return self.cleaned_data.get("weight") or PEOPLE
