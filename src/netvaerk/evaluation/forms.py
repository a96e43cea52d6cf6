"""Forms of the evaluation pages; labels and errors in the user's language."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.models import Network, NetworkType
from netvaerk.organisation.models import ForumMeeting, Person, Unit

from .models import EvaluationPlan, EvaluationTemplate, Indicator, Level, Measurement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _network_people(network: Network) -> Any:
    """The people who may be responsible: the network's current participants."""
    return (
        Person.objects.filter(participations__network=network, participations__left_on=None)
        .distinct()
        .order_by("name")
    )


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = EvaluationPlan
        fields = [
            "purpose",
            "questions_citizens",
            "questions_network",
            "questions_participants",
            "baseline_on",
            "mid_on",
            "end_on",
            "follow_up_on",
            "responsible",
            "decision_meeting",
        ]
        widgets = {
            "baseline_on": DATE,
            "mid_on": DATE,
            "end_on": DATE,
            "follow_up_on": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "questions_citizens": forms.Textarea(attrs={"rows": 4}),
            "questions_network": forms.Textarea(attrs={"rows": 4}),
            "questions_participants": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "questions_citizens": _("What should change for citizens, users or the community?"),
            "questions_network": _("Does the network work as a network: ties, trust, results?"),
            "questions_participants": _("What do the participants learn and take home?"),
            "follow_up_on": _("A measurement some months after the test phase has ended."),
            "decision_meeting": _("The forum meeting where the result is decided on."),
        }

    def __init__(self, *args: Any, network: Network | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = network or self.instance.network
        self.fields["responsible"].queryset = _network_people(network)  # type: ignore[attr-defined]
        self.fields["decision_meeting"].queryset = ForumMeeting.objects.select_related(  # type: ignore[attr-defined]
            "forum"
        ).order_by("-starts_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        order = ["baseline_on", "mid_on", "end_on", "follow_up_on"]
        dates: list[tuple[str, datetime.date]] = [
            (name, data[name]) for name in order if data.get(name)
        ]
        for (_first, earlier), (name, later) in itertools.pairwise(dates):
            if later < earlier:
                self.add_error(
                    name,
                    _("The measurements must come in order: baseline, midway, final, follow-up."),
                )
        return data


class IndicatorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = [
            "level",
            "name",
            "unit",
            "baseline",
            "target",
            "direction",
            "data_source",
            "responsible",
        ]
        localized_fields = ("baseline", "target")  # Danish users write 12,5
        help_texts = {
            "unit": _("For example: per cent, days, number of citizens."),
            "baseline": _("The value before the network began, if it is known."),
            "data_source": _("Where the numbers come from, e.g. a register, a survey or a count."),
        }

    def __init__(self, *args: Any, network: Network | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = network or self.instance.plan.network
        self.fields["responsible"].queryset = _network_people(network)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("baseline") is not None and data.get("baseline") == data.get("target"):
            self.add_error("target", _("The target must differ from the baseline."))
        return data


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        localized_fields = ("value",)
        widgets = {"measured_on": DATE}

    def clean_measured_on(self) -> datetime.date:
        measured_on: datetime.date = self.cleaned_data["measured_on"]
        if measured_on > timezone.localdate():
            raise forms.ValidationError(_("A measurement cannot be in the future."))
        return measured_on


class ConclusionForm(forms.Form):
    network_version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(
        label=_("The conclusion the forum decided"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    meeting = forms.ModelChoiceField(
        label=_("Forum meeting"),
        required=False,
        queryset=ForumMeeting.objects.none(),
        help_text=_("Leave empty to keep the meeting named in the plan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = ForumMeeting.objects.select_related(  # type: ignore[attr-defined]
            "forum"
        ).order_by("-starts_at")

    def clean_decided_on(self) -> datetime.date:
        decided_on: datetime.date = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The decision cannot be in the future."))
        return decided_on


class PortfolioFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *NetworkType.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Director area"),
        required=False,
        queryset=Unit.objects.filter(level=Unit.Level.AREA, is_active=True).order_by("name"),
        empty_label=_("All areas"),
    )


class TemplateForm(forms.ModelForm):
    class Meta:
        model = EvaluationTemplate
        fields = [
            "title",
            "purpose",
            "questions_citizens",
            "questions_network",
            "questions_participants",
            "indicators",
        ]
        help_texts = {
            "indicators": _(
                "One indicator per line: level | name | unit | data source. The level is "
                "citizens, network or participants."
            ),
        }

    def clean_indicators(self) -> str:
        text: str = self.cleaned_data["indicators"]
        levels = {level.value for level in Level}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 4 or parts[0] not in levels or not parts[1]:
                raise forms.ValidationError(
                    _("Line %(number)s is not “level | name | unit | data source”.")
                    % {"number": number}
                )
        return text
