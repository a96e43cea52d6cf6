"""The privacy notice's form. Nothing typed is lost when an error is shown."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PrivacyNotice

BODY_LIMIT = 50_000


class NoticeForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Written in Markdown: “## Heading” for a heading, “- ” at the start of a line for a "
            "bullet, **bold** and [link text](https://…). An empty line starts a new paragraph. "
            "HTML is not allowed and is shown as text."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = PrivacyNotice
        fields = ["body"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["version"].initial = self.instance.version
