"""Forms for tie surveys, waves, comparisons and instrument import. Errors are in Danish."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .models import Instrument, TieWave

MAX_UPLOAD = 1_000_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, validators=[ProhibitNullCharactersValidator()]
    )
    instrument = forms.ModelChoiceField(
        label=_("Instrument (the wording of the questions)"),
        queryset=Instrument.objects.order_by("-is_default", "name"),
        empty_label=None,
    )
    groups = forms.CharField(
        label=_("Groups"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[ProhibitNullCharactersValidator()],
        help_text=_(
            "One group per line: the roles or units the participants belong to and rate, "
            "for example “Schools and day care”."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        default = Instrument.objects.filter(is_default=True).first()
        if default is not None:
            self.fields["instrument"].initial = default.pk

    def group_names(self) -> list[str]:
        return str(self.cleaned_data["groups"]).splitlines()


class WaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wave"), choices=TieWave.Kind.choices)
    closes_on = forms.DateField(
        label=_("Closes"),
        widget=DateInput(),
        help_text=_("The last day answers can be given."),
    )


class CompareForm(forms.Form):
    sammenlign = forms.TypedChoiceField(label=_("Before"), coerce=int)
    med = forms.TypedChoiceField(label=_("After"), coerce=int)

    def __init__(self, *args: Any, waves: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("sammenlign", "med"):
            self.fields[name].choices = [(str(pk), label) for pk, label in waves]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sammenlign") is not None and data.get("sammenlign") == data.get("med"):
            raise forms.ValidationError(_("Choose two different waves."))
        return data


class InstrumentImportForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, validators=[ProhibitNullCharactersValidator()]
    )
    source = forms.CharField(
        label=_("Source and licence"),
        max_length=300,
        required=False,
        validators=[ProhibitNullCharactersValidator()],
        help_text=_("Where the wording comes from and the licence your organisation holds."),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: dimension (1–7), language, text, low_label, high_label. UTF-8, separated "
            "by ; or ,. Each question contains {group} where the group's name goes."
        ),
    )
    make_default = forms.BooleanField(label=_("Use for new surveys"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload
