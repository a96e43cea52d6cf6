"""Forms for networks, participants and guests. Errors are in Danish; nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from netvaerk.organisation.models import Person, Unit

from .models import Committee, Network, NetworkType, Participation, Phase

TEXT_LIMIT = 10_000


class NetworkFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *NetworkType.choices]
    )
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("All phases")), *Phase.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Director area"),
        required=False,
        queryset=Unit.objects.filter(level=Unit.Level.AREA, is_active=True).order_by("name"),
        empty_label=_("All areas"),
    )
    unit = forms.ModelChoiceField(
        label=_("Centre"),
        required=False,
        queryset=Unit.objects.filter(level=Unit.Level.CENTRE, is_active=True).order_by("name"),
        empty_label=_("All centres"),
    )
    mine = forms.BooleanField(label=_("Only networks I take part in"), required=False)


class NetworkForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Network
        fields = [
            "title",
            "kind",
            "is_private",
            "purpose",
            "problem",
            "citizen_service",
            "political_vision",
            "committee",
            "test_plan",
            "evaluation_result",
            "closing_summary",
        ]
        labels = {"title": _("Title")}
        help_texts = {
            "citizen_service": _("Welfare networks: the service citizens meet."),
            "political_vision": _("Innovation networks: the political vision it serves."),
            "committee": _("Innovation networks: its members may read the network."),
            "test_plan": _("Needed before the test phase."),
            "evaluation_result": _("Needed before anchoring."),
            "closing_summary": _("Needed to close the network."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT})
            for name in (
                "purpose",
                "problem",
                "political_vision",
                "test_plan",
                "evaluation_result",
                "closing_summary",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        for name in ("purpose", "problem", "political_vision", "test_plan"):
            self.fields[name].max_length = TEXT_LIMIT  # type: ignore[attr-defined]


class PersonByEmailField(forms.EmailField):
    """A person chosen by their work e-mail address (a list of 45,000 names helps no one)."""

    def clean(self, value: Any) -> Person:
        email = super().clean(value)
        person = Person.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(
                _("No one in the organisation has the address %(email)s.") % {"email": email}
            )
        return person


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "role",
            "kind",
            "phases",
            "hours_per_week",
            "expected_contribution",
            "application_plan",
        ]
        widgets = {
            "expected_contribution": forms.Textarea(attrs={"rows": 2}),
            "application_plan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "application_plan": _("Learning networks: required for participants."),
            "hours_per_week": _("The person's manager approves the hours."),
        }


class ParticipationAddForm(ParticipationForm):
    person = PersonByEmailField(label=_("E-mail address of the person"))

    class Meta(ParticipationForm.Meta):
        fields = ["person", *ParticipationForm.Meta.fields]


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("The guest's name"), max_length=200)
    email = forms.EmailField(label=_("The guest's e-mail address"))


class AcceptInvitationForm(forms.Form):
    username = forms.RegexField(
        label=_("Choose a user name"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        elif password:
            try:
                validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
