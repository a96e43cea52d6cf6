"""Forms for the handbook. Errors are in Danish; nothing typed is lost when one is shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Page

BODY_LIMIT = 50_000
QUERY_LIMIT = 200
# Addresses the handbook's own pages use (/haandbog/ny/).
RESERVED_SLUGS = {"ny"}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the handbook"),
        required=False,
        max_length=QUERY_LIMIT,
        help_text=_("Words in a page's title, summary or text."),
    )


class PageForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Written in Markdown: “## Heading” for a heading, “- ” at the start of a line for a "
            "bullet, “1. ” for a numbered list, **bold**, *italic* and [link text](https://…). "
            "An empty line starts a new paragraph. HTML is not allowed and is shown as text."
        ),
    )
    reason = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=100,
        help_text=_("A short note for the list of versions."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Page
        fields = ["title", "slug", "chapter", "summary", "order", "body"]
        labels = {
            "title": _("Title"),
            "slug": _("Address"),
            "chapter": _("Chapter"),
            "summary": _("Summary"),
            "order": _("Order in the chapter"),
        }
        help_texts = {
            "slug": _(
                "The last part of the page's address, e.g. “faciliteringsvejledning”: small "
                "letters a–z, digits and hyphens. It cannot be changed later."
            ),
            "summary": _("One sentence shown in the table of contents and in search results."),
            "order": _("Pages with a smaller number come first in their chapter."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The address stays, so links to the page keep working.
            del self.fields["slug"]
            self.fields["version"].initial = self.instance.version

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is used by the handbook itself."))
        return slug
