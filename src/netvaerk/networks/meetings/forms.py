"""Forms for meetings, agendas, minutes and workshop designs. Nothing typed is lost on an error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import services
from .models import WorkshopDesign

TEXT_LIMIT = 10_000
MINUTES_LIMIT = 50_000


def _when(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class DesignForm(forms.ModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One item per line: minutes | title, e.g. “20 | Why are we here?”."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=15,
        max_value=24 * 60,
        help_text=_(
            "A start-up workshop made from the design lasts this long unless you say otherwise."
        ),
    )

    class Meta:
        model = WorkshopDesign
        fields = ["title", "description", "duration_minutes", "agenda"]
        labels = {"title": _("Title"), "description": _("Description")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_agenda(self) -> str:
        text: str = self.cleaned_data.get("agenda", "")
        services.parse_agenda(text)  # a ValidationError names the wrong line
        return text


class MeetingForm(forms.Form):
    """Schedule a meeting; while the network has no start-up workshop, from a design."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = _when(_("Starts"))
    ends_at = _when(
        _("Ends"),
        required=False,
        help_text=_("Leave it empty for a start-up workshop to use the design's length."),
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    design = forms.ModelChoiceField(
        label=_("Make it the start-up workshop, from the design"),
        required=False,
        queryset=WorkshopDesign.objects.none(),
        empty_label=_("No, an ordinary meeting"),
        help_text=_("The workshop gets the design's agenda, which you can change afterwards."),
    )

    def __init__(
        self, *args: Any, designs: QuerySet[WorkshopDesign] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if designs is None:
            del self.fields["design"]
            self.fields["ends_at"].required = True
            self.fields["ends_at"].error_messages["required"] = _("Say when the meeting ends.")
            self.fields["ends_at"].help_text = ""
        else:
            self.fields["design"].queryset = designs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and not ends and not data.get("design") and "ends_at" not in self.errors:
            self.add_error("ends_at", _("Say when the meeting ends."))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class MeetingEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = _when(_("Starts"))
    ends_at = _when(_("Ends"))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    sequence = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=services.TITLE_LIMIT)
    duration_minutes = forms.IntegerField(
        label=pgettext_lazy("length of an agenda item", "Minutes"),
        required=False,
        min_value=1,
        max_value=services.MAX_MINUTES,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=MINUTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What was decided, who does what and by when."),
    )
    sequence = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
