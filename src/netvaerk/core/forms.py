from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


OBJECT_TYPES = [
    ("", _("All")),
    ("organisation.unit", _("Unit")),
    ("organisation.person", _("Person")),
    ("organisation.forum", _("Forum")),
    ("organisation.forummembership", _("Forum membership")),
    ("organisation.secretariatassignment", _("Secretariat assignment")),
    ("organisation.orgimport", _("Organisation import")),
    ("organisation.forummeeting", _("Forum meeting")),
    ("ideas.idea", _("Idea")),
    ("ideas.round", _("Selection round")),
    ("networks.network", _("Network")),
    ("networks.participation", _("Participation")),
    ("networks.invitation", _("Invitation")),
    ("contracts.contract", _("Contract")),
    ("meetings.meeting", _("Meeting")),
    ("logbook.involvement", _("Involvement")),
    ("logbook.learningnote", _("Learning note")),
    ("logbook.document", _("Document")),
]


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    actor = forms.CharField(label=_("Changed by"), required=False, max_length=100)
    object_type = forms.ChoiceField(label=_("Object type"), required=False, choices=OBJECT_TYPES)
    date_from = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The from date must be before the to date."))
        return cleaned
