from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.insights.analytics import Period

from .models import NARRATIVE_FIELDS, StatusReport

MAX_DAYS = 366 * 10


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """A year, or a period from one date to another (both); nothing chosen is the default."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, start, end = cleaned.get("year"), cleaned.get("start"), cleaned.get("end")
        if self.errors:
            return cleaned
        if year is not None and (start or end):
            raise forms.ValidationError(_("Choose a year or a period, not both."))
        if (start is None) != (end is None):
            raise forms.ValidationError(_("A period needs both a start and an end."))
        if start and end:
            if end < start:
                self.add_error("end", _("The end cannot be before the start."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("A period can be at most ten years."))
        return cleaned

    def period(self, default_year: int) -> Period:
        """The chosen period (call after is_valid); the default year when nothing is chosen."""
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            return Period(data["start"], data["end"])
        year = data.get("year") or default_year
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


class NarrativeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = StatusReport
        fields = NARRATIVE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in NARRATIVE_FIELDS}
        help_texts = {
            "background": _(
                "Blank lines separate paragraphs; lines starting with “- ” become a list."
            ),
            "next_steps": _("Lines starting with “- ” become a list."),
        }
