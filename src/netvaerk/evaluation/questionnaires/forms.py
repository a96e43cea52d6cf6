"""Forms for writing a questionnaire and for answering one. Errors are in Danish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Question, Questionnaire
from .services import Answer
from .starters import starter_choices

TEXT_LIMIT = 5_000
OPTION_LIMIT = 200
MAX_OPTIONS = 20
SCALE = range(1, 6)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_past(value: Any) -> None:
    if value and value < timezone.localdate():
        raise forms.ValidationError(_("The closing date cannot be in the past."))


class _QuestionnaireFields(forms.ModelForm):
    closes_on = forms.DateField(
        label=_("Closes"),
        required=False,
        widget=DateInput(),
        validators=[_not_in_past],
        help_text=_(
            "After this day the links take no more answers. Leave it empty to close "
            "the questionnaire yourself."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title", "intro"):
            self.fields[name].validators.append(ProhibitNullCharactersValidator())
        self.fields["intro"].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["intro"].validators.append(MaxLengthValidator(TEXT_LIMIT))
        self.fields["intro"].help_text = _("Shown to the respondents above the questions.")


class QuestionnaireForm(_QuestionnaireFields):
    starter = forms.ChoiceField(
        label=_("Start from"),
        required=False,
        choices=starter_choices,
        help_text=_("A starter set fills in questions you can change before you open it."),
    )

    class Meta:
        model = Questionnaire
        fields = ["title", "purpose", "intro", "closes_on"]


class QuestionnaireEditForm(_QuestionnaireFields):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Questionnaire
        fields = ["title", "intro", "closes_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_OPTIONS * (OPTION_LIMIT + 2),
        help_text=_("For choice questions: at least two options, one per line."),
        validators=[ProhibitNullCharactersValidator()],
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "choices", "required"]
        labels = {"required": _("The respondent must answer this question")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].validators.append(ProhibitNullCharactersValidator())

    def clean_choices(self) -> str:
        options = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        options = [option for option in options if option]
        if len(options) > MAX_OPTIONS:
            raise forms.ValidationError(_("At most %(count)s options.") % {"count": MAX_OPTIONS})
        if any(len(option) > OPTION_LIMIT for option in options):
            raise forms.ValidationError(
                _("Each option can be at most %(count)s characters.") % {"count": OPTION_LIMIT}
            )
        return "\n".join(options)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len((data.get("choices") or "").splitlines()) < 2 and "choices" not in self.errors:
                self.add_error(
                    "choices", _("A choice question needs at least two options, one per line.")
                )
        elif kind:
            data["choices"] = ""
        return data


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question. Saving a draft allows gaps; finishing needs the required ones.

    Choices are offered by position (0-based) and the scale as 1–5: any other value posted is a
    tampered form and an error, never a crash.
    """

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        finishing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.finishing = finishing
        for number, question in enumerate(questions, start=1):
            self.fields[field_name(question)] = self._field(question, number)

    def _field(self, question: Question, number: int) -> forms.Field:
        label = f"{number}. {question.text}"
        options = list(enumerate(question.options))
        field: forms.Field
        if question.kind == Question.Kind.SINGLE:
            field = forms.TypedChoiceField(
                choices=options, coerce=int, widget=forms.RadioSelect, empty_value=None
            )
        elif question.kind == Question.Kind.MULTIPLE:
            field = forms.TypedMultipleChoiceField(
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Choose all that apply."),
            )
        elif question.kind == Question.Kind.SCALE:
            field = forms.TypedChoiceField(
                choices=[(value, scale_label(value)) for value in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                empty_value=None,
                help_text=_("1 is the lowest, 5 the highest."),
            )
        else:
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=TEXT_LIMIT,
                validators=[ProhibitNullCharactersValidator()],
            )
        field.label = label
        field.required = question.required
        return field

    def full_clean(self) -> None:
        # A draft may leave required questions open: check them only when finishing.
        if not self.finishing:
            required = {name: field.required for name, field in self.fields.items()}
            for field in self.fields.values():
                field.required = False
            super().full_clean()
            for name, field in self.fields.items():
                field.required = required[name]
        else:
            super().full_clean()

    def answers(self) -> dict[int, Answer]:
        """The cleaned answers: question id → (positions or [scale value], text)."""
        result: dict[int, Answer] = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if question.kind == Question.Kind.TEXT:
                result[question.pk] = ([], (value or "").strip())
            elif question.kind == Question.Kind.MULTIPLE:
                result[question.pk] = (sorted(set(value or [])), "")
            else:
                result[question.pk] = ([value] if value is not None else [], "")
        return result


def scale_label(value: int) -> str:
    if value == 1:
        return str(_("1 (lowest)"))
    if value == 5:
        return str(_("5 (highest)"))
    return str(value)


def initial_answers(questions: list[Question], stored: dict[int, Answer]) -> dict[str, Any]:
    """A saved draft as the answer form's initial values."""
    initial: dict[str, Any] = {}
    for question in questions:
        values, text = stored.get(question.pk, ([], ""))
        name = field_name(question)
        if question.kind == Question.Kind.TEXT:
            initial[name] = text
        elif question.kind == Question.Kind.MULTIPLE:
            initial[name] = values
        elif values:
            initial[name] = values[0]
    return initial
