"""Relational-coordination tie surveys (Gittell): who coordinates how well with whom.

The network leader defines groups (roles or units) and places each participant in one. A wave
invites them by e-mail; each respondent rates every group, their own included, on seven
dimensions from 1 to 5, or says they don't know. The item wording is data (`Instrument`): the
project ships neutral Danish and English wording, and an organisation may import the licensed
texts it holds. Scoring is in `scoring.py`, as pure functions.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.evaluation.models import SurveyInvitation, SurveyResponse
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person


class Dimension(models.IntegerChoices):
    FREQUENCY = 1, _("Frequent communication")
    TIMELINESS = 2, _("Timely communication")
    ACCURACY = 3, _("Accurate communication")
    PROBLEM_SOLVING = 4, _("Problem-solving communication")
    SHARED_GOALS = 5, _("Shared goals")
    SHARED_KNOWLEDGE = 6, _("Shared knowledge")
    MUTUAL_RESPECT = 7, _("Mutual respect")


COMMUNICATION = (1, 2, 3, 4)
RELATIONSHIP = (5, 6, 7)


class Instrument(models.Model):
    """A wording of the seven items; one is the default for new surveys."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    source = models.CharField(_("source and licence"), max_length=300, blank=True)
    is_default = models.BooleanField(_("default for new surveys"), default=False)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.name


class InstrumentItem(models.Model):
    """One dimension's question in one language; `{group}` is replaced by the group's name."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    dimension = models.PositiveSmallIntegerField(_("dimension"), choices=Dimension.choices)
    language = models.CharField(_("language"), max_length=5)
    text = models.CharField(_("question"), max_length=500)
    low_label = models.CharField(_("label of 1"), max_length=100)
    high_label = models.CharField(_("label of 5"), max_length=100)

    class Meta:
        ordering = ["instrument", "language", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "dimension", "language"], name="one_item_per_language"
            )
        ]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} ({self.language})"


class TieSurvey(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="tie_surveys")
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tie survey")
        verbose_name_plural = _("tie surveys")

    def __str__(self) -> str:
        return self.title


class TieGroup(models.Model):
    """A role or unit respondents belong to and rate."""

    survey = models.ForeignKey(TieSurvey, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "name"], name="unique_group_name")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


class TieMember(models.Model):
    """The group a person answers as; a wave invites every member."""

    survey = models.ForeignKey(TieSurvey, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(TieGroup, on_delete=models.CASCADE, related_name="members")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="one_group_per_person")
        ]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.person} ({self.group})"


class TieWave(models.Model):
    """One round of the survey; baseline and follow-up are compared."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", pgettext_lazy("survey wave", "Baseline")
        MIDWAY = "midway", _("Midway")
        FOLLOW_UP = "follow_up", _("Follow-up")

    survey = models.ForeignKey(TieSurvey, on_delete=models.CASCADE, related_name="waves")
    kind = models.CharField(_("wave"), max_length=20, choices=Kind.choices)
    opened_at = models.DateTimeField(default=timezone.now)
    closes_on = models.DateField(_("closes"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # The scores of a closed wave, kept so the portfolio needs no scoring (scoring.Result).
    respondents = models.PositiveIntegerField(default=0)
    index = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    communication = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    relationship = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        indexes = [models.Index(fields=["survey", "opened_at"])]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")

    def __str__(self) -> str:
        return f"{self.survey}: {self.get_kind_display()}"


class TieInvitation(SurveyInvitation):
    wave = models.ForeignKey(TieWave, on_delete=models.CASCADE, related_name="invitations")
    group = models.ForeignKey(TieGroup, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="one_tie_invitation")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def subject(self) -> str:
        return self.wave.survey.title


class TieResponse(SurveyResponse):
    wave = models.ForeignKey(TieWave, on_delete=models.CASCADE, related_name="responses")
    # The respondent's own group, copied from the invitation; the ties run from it.
    group = models.ForeignKey(TieGroup, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "key"], name="one_tie_response")]
        indexes = [models.Index(fields=["wave", "finished"])]
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class TieAnswer(models.Model):
    """A rating of one group on one dimension; `value` None is "don't know" (not a 0)."""

    response = models.ForeignKey(TieResponse, on_delete=models.CASCADE, related_name="answers")
    target = models.ForeignKey(TieGroup, on_delete=models.CASCADE, related_name="+")
    dimension = models.PositiveSmallIntegerField(choices=Dimension.choices)
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "target", "dimension"], name="one_answer_per_item"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="tie_answer_1_to_5",
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.value}"
