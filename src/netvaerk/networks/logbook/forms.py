"""Forms for the involvement log, the learning log and documents. Errors are in Danish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import uploads
from .models import Involvement, LearningNote

TEXT_LIMIT = 5_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(value: Any) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))


class InvolvementForm(forms.ModelForm):
    what_changed = forms.CharField(
        label=_("What it changed"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What did you learn, and what did the network do differently because of it?"),
    )
    people_count = forms.IntegerField(
        label=_("Number of people"), required=False, min_value=1, max_value=100_000
    )
    happened_on = forms.DateField(label=_("Date"), widget=DateInput(), validators=[_not_in_future])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Involvement
        fields = ["group", "who", "method", "happened_on", "people_count", "what_changed"]
        labels = {
            "group": _("Who was involved"),
            "who": _("More precisely who"),
            "method": _("Method"),
        }
        help_texts = {
            "who": _("For example “citizens aged 75+ after discharge” or “the relatives' panel”."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("who", "what_changed"):
            self.fields[name].validators.append(ProhibitNullCharactersValidator())
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class LearningNoteForm(forms.ModelForm):
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happened, what did you learn, or what did someone say?"),
    )
    written_on = forms.DateField(label=_("Date"), widget=DateInput(), validators=[_not_in_future])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LearningNote
        fields = ["kind", "written_on", "text", "for_status_report"]
        labels = {"kind": _("Kind"), "for_status_report": _("Use in the status report")}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].validators.append(ProhibitNullCharactersValidator())
        if not self.instance.pk:
            self.fields["written_on"].initial = timezone.localdate()
        else:
            self.fields["version"].initial = self.instance.version


class MarkForm(forms.Form):
    for_status_report = forms.BooleanField(required=False)


class NoteFilterForm(forms.Form):
    markeret = forms.BooleanField(
        label=_("Only notes marked for the status report"), required=False
    )


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        validators=[ProhibitNullCharactersValidator()],
        help_text=_("Leave it empty to use the file name."),
    )
    file = forms.FileField(
        label=_("File"),
        max_length=255,
        allow_empty_file=True,  # uploads.check_upload explains an empty file in its own words
        error_messages={"required": _("Choose a file to upload.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(limit)s. Allowed types: %(types)s.") % {
            "limit": _filesize(uploads.max_bytes()),
            "types": ", ".join(sorted(uploads.ALLOWED)),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in sorted(uploads.ALLOWED)
        )


def _filesize(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(size))
