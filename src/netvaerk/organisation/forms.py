from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

IMPORT_EXTENSIONS = ["csv", "txt", "xlsx"]


def _limit_size(upload: Any) -> None:
    if upload and upload.size > settings.ORG_IMPORT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.ORG_IMPORT_MAX_BYTES // 2**20}
        )


class OrgImportForm(forms.Form):
    units_file = forms.FileField(
        label=_("Units"),
        required=False,
        help_text=_(
            "CSV or XLSX with the columns eksternt id, navn, overordnet, niveau. "
            "A workbook may hold both units and people as the sheets “Enheder” and “Personer”."
        ),
        validators=[FileExtensionValidator(IMPORT_EXTENSIONS), _limit_size],
    )
    people_file = forms.FileField(
        label=_("People"),
        required=False,
        help_text=_(
            "CSV or XLSX with the columns eksternt id, navn, enhed, stilling, e-mail, leder."
        ),
        validators=[FileExtensionValidator(IMPORT_EXTENSIONS), _limit_size],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("units_file") and not cleaned.get("people_file"):
            raise forms.ValidationError(_("Choose a file with units, people or both."))
        return cleaned


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TrainingForm(forms.Form):
    """A training or course for a person's portfolio; `kinds` limits what this user may add."""

    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=200)
    provider = forms.CharField(
        label=_("Provider"),
        max_length=200,
        required=False,
        help_text=_("For example KL and KTO, a university college or an internal course."),
    )
    started_on = forms.DateField(label=_("Starts"), widget=DateInput())
    completed_on = forms.DateField(
        label=_("Completed"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while it is planned or under way."),
    )
    hours = forms.DecimalField(
        label=_("Hours"), required=False, min_value=0, max_digits=6, decimal_places=1
    )
    ects = forms.DecimalField(
        label=_("ECTS points"), required=False, min_value=0, max_digits=4, decimal_places=1
    )

    def __init__(self, *args: Any, kinds: Any = None, **kwargs: Any) -> None:
        from .models import Training

        super().__init__(*args, **kwargs)
        allowed = set(kinds) if kinds is not None else set(Training.Kind.values)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Training.Kind.choices if value in allowed
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, completed = cleaned.get("started_on"), cleaned.get("completed_on")
        if started and completed and completed < started:
            self.add_error("completed_on", _("The end cannot be before the start."))
        return cleaned
