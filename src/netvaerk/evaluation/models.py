"""A network's evaluation: its plan, indicators and measurements (DESIGN.md §4).

The plan follows the evaluation guide's template for the network's type: questions at three
levels (citizens and community, the network, the participants — Provan & Milward), indicators
with unit, baseline, target and data source, the timing, who is responsible and the forum
meeting where the result is decided. The result itself is the network's `evaluation_result`,
which the phase gate to anchoring asks for.

The tie surveys (`surveys`) and questionnaires (`questionnaires`) share the abstract invitation
and response below: an invitation knows the person and carries the secret token of the e-mailed
link; a response knows only a keyed hash of that token (`tokens.response_key`), so no page or
export can tie an answer to a person.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.networks.models import Network, NetworkType
from netvaerk.organisation.models import ForumMeeting, Person

from .tokens import new_token


class Level(models.TextChoices):
    """The three levels an evaluation asks about."""

    CITIZENS = "citizens", _("Citizens and community")
    NETWORK = "network", _("The network")
    PARTICIPANTS = "participants", _("The participants")


class EvaluationTemplate(models.Model):
    """The evaluation guide's starting plan for a type of network."""

    kind = models.CharField(_("type"), max_length=20, choices=NetworkType.choices, unique=True)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    purpose = models.TextField(_("purpose of the evaluation"), blank=True)
    questions_citizens = models.TextField(_("questions about citizens and community"), blank=True)
    questions_network = models.TextField(_("questions about the network"), blank=True)
    questions_participants = models.TextField(_("questions about the participants"), blank=True)
    # One suggested indicator per line: "level | name | unit | data source".
    indicators = models.TextField(_("suggested indicators"), blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    # The handbook page that describes this template (the handbook shows the template there).
    handbook_page = models.OneToOneField(
        "handbook.Page",
        verbose_name=_("handbook page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_template",
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("evaluation template")
        verbose_name_plural = _("evaluation templates")

    def __str__(self) -> str:
        return self.title


class EvaluationPlan(models.Model):
    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, related_name="evaluation_plan"
    )
    purpose = models.TextField(_("purpose of the evaluation"), blank=True)
    questions_citizens = models.TextField(_("questions about citizens and community"), blank=True)
    questions_network = models.TextField(_("questions about the network"), blank=True)
    questions_participants = models.TextField(_("questions about the participants"), blank=True)
    baseline_on = models.DateField(_("baseline measurement"), null=True, blank=True)
    mid_on = models.DateField(_("midway measurement"), null=True, blank=True)
    end_on = models.DateField(_("final measurement"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow-up after the test phase"), null=True, blank=True)
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_meeting = models.ForeignKey(
        ForumMeeting,
        verbose_name=_("forum meeting that decides on the result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    concluded_on = models.DateField(_("conclusion decided on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # Raised by one on every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("evaluation plan")
        verbose_name_plural = _("evaluation plans")

    def __str__(self) -> str:
        return str(self.network)


class Indicator(models.Model):
    """Something the network measures over time, against a baseline and a target."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="indicators")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    data_source = models.CharField(_("data source"), max_length=200)
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveIntegerField(default=0)
    # The latest measurement, kept here by the service so lists need no extra query.
    latest_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    latest_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["measured_on", "id"]
        indexes = [models.Index(fields=["indicator", "measured_on"])]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


# --- shared by tie surveys and questionnaires ---------------------------------------------------


class SurveyInvitation(models.Model):
    """An e-mailed link to answer; knows the person, never their answers.

    Subclasses add the foreign key to what is answered (a tie survey's wave, a questionnaire).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    # Set when the person submits, so reminders skip them; says nothing about what they answered.
    finished = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def subject(self) -> str:
        """The title of what is answered, for the e-mail and the answer page."""
        raise NotImplementedError


class SurveyResponse(models.Model):
    """One respondent's answers, known only by `key` = tokens.response_key(token).

    Subclasses add the foreign key to what is answered and unique (that, key). The date only,
    not the time, so a response cannot be matched to an invitation's `finished` by the clock.
    """

    key = models.CharField(max_length=64, editable=False)
    finished = models.BooleanField(default=False)
    updated_on = models.DateField(default=timezone.localdate)

    class Meta:
        abstract = True
