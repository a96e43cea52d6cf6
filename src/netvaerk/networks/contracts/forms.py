"""Forms for contracts and their templates. Errors are in Danish; nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from netvaerk.organisation.models import Person

from .models import TEXT_FIELDS, Contract, ContractTemplate
from .services import MilestoneRow

TEXT_LIMIT = 10_000

HELP = {
    "success_criteria": _("What can be measured when the network has succeeded? One per line."),
    "scope": _("What the network works on, and what it leaves out."),
    "budget": _("Money and other resources besides the participants' hours."),
    "knowledge_sharing": _("How the network shares what it learns, and with whom."),
}


def _text_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=Contract._meta.get_field(name).verbose_name.capitalize(),  # type: ignore[union-attr]
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=HELP.get(name, ""),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ContractForm(forms.Form):
    """The contract's own fields; the milestones are a formset beside it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS[:5]:
            self.fields[name] = _text_field(name)
        self.fields["starts_on"] = forms.DateField(
            label=_("Start"), required=False, widget=DateInput()
        )
        self.fields["ends_on"] = forms.DateField(label=_("End"), required=False, widget=DateInput())
        for name in TEXT_FIELDS[5:]:
            self.fields[name] = _text_field(name)
        self.fields["anchoring_owner"] = forms.EmailField(
            label=_("Anchoring owner in the line organisation"),
            required=False,
            max_length=254,
            help_text=_(
                "The work e-mail address of the manager who takes over the result when the "
                "network ends."
            ),
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    @staticmethod
    def initial_for(contract: Contract) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(contract, name) for name in TEXT_FIELDS}
        initial.update(
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            anchoring_owner=contract.anchoring_owner.email if contract.anchoring_owner else "",
            version=contract.version,
        )
        return initial

    def clean_anchoring_owner(self) -> Person | None:
        email = self.cleaned_data.get("anchoring_owner", "").strip()
        if not email:
            return None
        people = list(
            Person.objects.filter(
                email__iexact=email, is_active=True, kind=Person.Kind.EMPLOYEE
            ).order_by("pk")[:2]
        )
        if not people:
            raise forms.ValidationError(
                _("No one in the organisation has the address %(email)s.") % {"email": email}
            )
        return people[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class MilestoneForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Milestone"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    done = forms.BooleanField(label=_("Done"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        title, due_on = (data.get("title") or "").strip(), data.get("due_on")
        if title and not due_on and "due_on" not in self.errors:
            self.add_error("due_on", _("Give the milestone a date."))
        if due_on and not title:
            self.add_error("title", _("Give the milestone a title."))
        return data

    def row(self) -> MilestoneRow | None:
        """The milestone as the service takes it; None for an empty or deleted row."""
        data = self.cleaned_data
        if not data or data.get("DELETE") or not (data.get("title") or "").strip():
            return None
        return MilestoneRow(
            title=data["title"].strip(), due_on=data["due_on"], done=data["done"], id=data["id"]
        )


MilestoneFormSet = forms.formset_factory(
    MilestoneForm, extra=2, can_delete=True, max_num=100, validate_max=True
)


def milestone_initial(milestones: Any) -> list[dict[str, Any]]:
    return [{"id": m.pk, "title": m.title, "due_on": m.due_on, "done": m.done} for m in milestones]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ContractTemplate
        fields = ["title", *TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in TEXT_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = str(field.label).capitalize()
            if name in TEXT_FIELDS:
                field.validators.append(MaxLengthValidator(TEXT_LIMIT))


class ApproveForm(forms.Form):
    version = forms.IntegerField(min_value=1)


class HoursForm(forms.Form):
    hours = forms.DecimalField(max_digits=4, decimal_places=1, required=False)
