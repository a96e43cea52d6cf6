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
