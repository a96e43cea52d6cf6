"""Ideas for new networks, the selection rounds they enter, and the forum's decision."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.networks.models import Network
from netvaerk.organisation.models import ForumMeeting, Person, Unit


class Round(models.Model):
    """A selection round: ideas submitted before the deadline are decided at the meeting."""

    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    deadline = models.DateTimeField(_("submission deadline"), db_index=True)
    decision_meeting = models.ForeignKey(
        ForumMeeting,
        verbose_name=_("decision meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds",
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline


class Criterion(models.Model):
    """One of a round's criteria, e.g. one of the seven criteria of a good theme."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("criterion"), max_length=300)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.text


class Idea(models.Model):
    """An idea for a network. Its states and who may move it are declared in lifecycle.py."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SCREENING = "screening", _("Screening")
        ON_AGENDA = "on_agenda", _("On the agenda")
        SELECTED = "selected", _("Selected")
        PARKED = "parked", _("Parked")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged")

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welfare network")
        INNOVATION = "innovation", _("Innovation network")
        LEARNING = "learning", _("Learning network")
        UNKNOWN = "unknown", _("Don't know")

    class Perspective(models.TextChoices):
        CITIZEN = "citizen", _("The citizen's")
        EMPLOYEE = "employee", _("The employee's")

    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    problem = models.TextField(_("the problem"), blank=True)
    perspective = models.CharField(
        _("seen from"), max_length=20, choices=Perspective.choices, default=Perspective.CITIZEN
    )
    kind = models.CharField(
        _("suggested type"), max_length=20, choices=Kind.choices, default=Kind.UNKNOWN
    )
    benefit = models.TextField(_("expected benefit"), blank=True)
    units: models.ManyToManyField[Unit, models.Model] = models.ManyToManyField(
        Unit, related_name="ideas", blank=True, verbose_name=_("units that would take part")
    )
    proposer = models.ForeignKey(
        Person, verbose_name=_("proposer"), on_delete=models.PROTECT, related_name="ideas"
    )
    co_proposers: models.ManyToManyField[Person, models.Model] = models.ManyToManyField(
        Person, related_name="co_proposed_ideas", blank=True, verbose_name=_("co-proposers")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    round = models.ForeignKey(
        Round,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Raised by one on every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    # Kept by the services, so lists sort and show counts without counting.
    support_count = models.PositiveIntegerField(_("supports"), default=0, db_index=True)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea",
    )
    # Casefolded title and text: the search on SQLite, where LIKE only folds ASCII.
    search_text = models.TextField(default="", editable=False)
    # Danish full-text document, kept by the services on PostgreSQL (unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", args=[self.pk])


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="idea_supports")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="unique_idea_support")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.idea_id}"


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="idea_follows")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="unique_idea_follow")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.idea_id}"


class Comment(models.Model):
    """A comment, or a reply to one (threads are one level deep)."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        QUESTION = "question", _("Question from the secretariat")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="idea_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["idea", "parent", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class AgendaItem(models.Model):
    """An idea on a forum meeting's agenda."""

    meeting = models.ForeignKey(ForumMeeting, on_delete=models.CASCADE, related_name="agenda")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "idea"], name="unique_agenda_item")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.idea_id}"


class Score(models.Model):
    """One forum member's score of one idea on one criterion (1-5)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="idea_scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "criterion", "member"], name="unique_idea_score"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="idea_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.idea_id}/{self.criterion_id} = {self.value}"
