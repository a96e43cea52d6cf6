"""Forms for ideas and rounds. Errors are in Danish; nothing typed is lost when one is shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.models import NetworkType
from netvaerk.organisation.models import ForumMeeting, Person, Unit

from . import lifecycle
from .models import Criterion, Idea, Round

TEXT_LIMIT = 10_000


def _unit_choices() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Units that would take part"),
        required=False,
        queryset=Unit.objects.filter(is_active=True, level__lte=Unit.Level.CENTRE).order_by("path"),
        help_text=_("Hold Ctrl down to choose more than one."),
    )


class IdeaForm(forms.ModelForm):
    problem = forms.CharField(
        label=_("The problem"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe what does not work today, seen from the side you choose below."),
    )
    benefit = forms.CharField(
        label=_("Expected benefit"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would be better for citizens or colleagues if the network succeeds?"),
    )
    units = _unit_choices()
    co_proposer_emails = forms.CharField(
        label=_("Co-proposers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Their work e-mail addresses, one per line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Idea
        fields = ["title", "perspective", "problem", "kind", "benefit", "units"]
        labels = {
            "title": _("Title"),
            "perspective": _("The problem is seen from"),
            "kind": _("Suggested type of network"),
        }
        widgets = {"perspective": forms.RadioSelect, "kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"] = _unit_choices()
        if self.instance.pk:
            self.fields["units"].initial = list(self.instance.units.values_list("pk", flat=True))
            self.fields["co_proposer_emails"].initial = "\n".join(
                self.instance.co_proposers.values_list("email", flat=True)
            )
            self.fields["version"].initial = self.instance.version

    def clean_co_proposer_emails(self) -> list[Person]:
        raw = self.cleaned_data.get("co_proposer_emails", "")
        emails = [line.strip() for line in raw.replace(",", "\n").splitlines() if line.strip()]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(email)s” is not an e-mail address.") % {"email": email[:100]}
                ) from error
        query = Q()
        for email in emails:
            query |= Q(email__iexact=email)
        people = (
            {p.email.casefold(): p for p in Person.objects.filter(query, is_active=True)}
            if emails
            else {}
        )
        unknown = [e for e in emails if e.casefold() not in people]
        if unknown:
            raise forms.ValidationError(
                _("No one in the organisation has the address %(emails)s.")
                % {"emails": ", ".join(e[:100] for e in unknown)}
            )
        return list({p.pk: p for p in people.values()}.values())

    def require_complete(self) -> bool:
        """Submitting needs every text; a draft needs only a title."""
        ok = True
        for name in ("problem", "benefit"):
            if not self.cleaned_data.get(name, "").strip():
                self.add_error(name, _("Fill in this field before you submit the idea."))
                ok = False
        return ok


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *Idea.State.choices[1:]],
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Idea.Kind.choices]
    )
    round = forms.ModelChoiceField(
        label=_("Round"),
        required=False,
        queryset=Round.objects.order_by("-deadline"),
        empty_label=_("All rounds"),
    )
    area = forms.ModelChoiceField(
        label=_("Director area"),
        required=False,
        queryset=Unit.objects.filter(level=Unit.Level.AREA, is_active=True).order_by("name"),
        empty_label=_("All areas"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Newest (or best match when searching)")),
            ("support", _("Most supported")),
        ],
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Question to the proposer"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Forum meeting"),
        queryset=ForumMeeting.objects.select_related("forum").order_by("starts_at"),
    )


class MergeForm(forms.Form):
    """The idea to merge into, by its number (a list of every open idea would be thousands)."""

    into = forms.IntegerField(
        label=_("Merge into idea no."),
        min_value=1,
        help_text=_("The number is shown at the top of each idea's page."),
    )

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates if candidates is not None else Idea.objects.none()

    def clean_into(self) -> Idea:
        idea = self.candidates.filter(pk=self.cleaned_data["into"]).first()
        if idea is None:
            raise forms.ValidationError(
                _("There is no idea with that number that is still being considered.")
            )
        return idea


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in lifecycle.DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proposer and the supporters see it on the idea's page."),
    )
    kind = forms.ChoiceField(
        label=_("Type of network"),
        required=False,
        choices=[("", _("As suggested")), *NetworkType.choices],
        help_text=_("Needed when the idea is selected and its type is “don't know”."),
    )
    later_round = forms.ModelChoiceField(
        label=_("Park until round"),
        required=False,
        queryset=Round.objects.none(),
        empty_label=_("Not decided yet"),
    )

    def __init__(self, *args: Any, later_rounds: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if later_rounds is not None:
            self.fields["later_round"].queryset = later_rounds  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    """One 1-5 choice per criterion of the idea's round."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Not scored")), *[(str(i), str(i)) for i in range(1, 6)]]
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=initial_scores.get(criterion.pk),
                help_text=_("Weight %(weight)s") % {"weight": criterion.weight},
            )

    def values(self) -> dict[int, int]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if value is not None
        }


class RoundForm(forms.ModelForm):
    deadline = forms.DateTimeField(
        label=_("Submission deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Ideas submitted after this time go to the next round."),
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One criterion per line. End a line with a weight from 1 to 10 after a "
            "vertical bar, e.g. “Citizens feel the difference | 2”. Without one the weight is 1."
        ),
    )

    class Meta:
        model = Round
        fields = ["title", "deadline", "decision_meeting", "description"]
        labels = {
            "title": _("Title"),
            "decision_meeting": _("Decision meeting"),
            "description": _("Description"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = ForumMeeting.objects.select_related("forum").order_by("starts_at")
        self.fields["decision_meeting"].queryset = meetings  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["criteria"].initial = "\n".join(
                f"{c.text} | {c.weight}" for c in self.instance.criteria.all()
            )

    def clean_criteria(self) -> list[tuple[str, int]]:
        criteria: list[tuple[str, int]] = []
        for number, line in enumerate(self.cleaned_data.get("criteria", "").splitlines(), 1):
            text, _bar, weight_text = line.partition("|")
            text = text.strip()
            if not text:
                continue
            weight = 1
            if weight_text.strip():
                digits = weight_text.strip()
                if not (digits.isascii() and digits.isdecimal()) or not 1 <= int(digits) <= 10:
                    raise forms.ValidationError(
                        _("Line %(number)s: the weight must be a whole number from 1 to 10.")
                        % {"number": number}
                    )
                weight = int(digits)
            if len(text) > 300:
                raise forms.ValidationError(
                    _("Line %(number)s: a criterion can be at most 300 characters.")
                    % {"number": number}
                )
            if any(text == existing for existing, _w in criteria):
                raise forms.ValidationError(
                    _("Line %(number)s: the criterion is there already.") % {"number": number}
                )
            criteria.append((text, weight))
        return criteria
