"""Simple custom questionnaires: participant satisfaction, learning outcomes and the like.

A questionnaire has questions of four kinds (single choice, multiple choice, a 1–5 scale, free
text). Like the tie surveys it is answered through an e-mailed link, the answers are stored
under a pseudonymous key, and its results are shown only once at least the minimum number of
respondents (`tokens.min_group_size`) have answered.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.evaluation.models import SurveyInvitation, SurveyResponse
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person


class Questionnaire(models.Model):
    class Purpose(models.TextChoices):
        SATISFACTION = "satisfaction", _("Participant satisfaction")
        LEARNING = "learning", _("Learning outcomes")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="questionnaires")
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.SATISFACTION
    )
    intro = models.TextField(_("introduction"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title

    def accepts_answers(self) -> bool:
        """Open, and its closing date (if any) has not passed."""
        if self.state != self.State.OPEN:
            return False
        return self.closes_on is None or self.closes_on >= timezone.localdate()


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        TEXT = "text", _("Free text")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    # The options of a choice question, one per line; answers store their position (0-based).
    choices = models.TextField(_("options"), blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class QuestionnaireInvitation(SurveyInvitation):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"], name="one_questionnaire_invitation"
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def subject(self) -> str:
        return self.questionnaire.title


class QuestionnaireResponse(SurveyResponse):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "key"], name="one_questionnaire_response"
            )
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class QuestionAnswer(models.Model):
    """An answer to one question: the chosen positions, a scale value, or text."""

    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Single choice: one position; multiple choice: the positions; scale: [value].
    values = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.values or self.text[:50]}"
