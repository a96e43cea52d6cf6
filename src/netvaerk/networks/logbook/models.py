"""A network's own records: who it involved and how, what it learnt, and its documents."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person


class Involvement(models.Model):
    """Stakeholders the network involved: who, by which method, when, and what it changed."""

    class Group(models.TextChoices):
        CITIZENS = "citizens", _("Citizens")
        USERS = "users", _("Users")
        RELATIVES = "relatives", _("Relatives")
        PARTNERS = "partners", _("Partners")
        EMPLOYEES = "employees", _("Employees")
        OTHER = "other", _("Other perspectives")

    class Method(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        WORKSHOP = "workshop", _("Workshop")
        TEST = "test", _("Test")
        PANEL = "panel", _("Panel")
        SURVEY = "survey", _("Survey")
        OBSERVATION = "observation", _("Observation")
        OTHER = "other", _("Other method")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="involvements")
    group = models.CharField(_("who was involved"), max_length=20, choices=Group.choices)
    who = models.CharField(_("more precisely"), max_length=300, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    happened_on = models.DateField(_("date"))
    people_count = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    what_changed = models.TextField(_("what it changed"))
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Raised by one on every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["network", "-happened_on"])]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")

    def __str__(self) -> str:
        return f"{self.get_group_display()}, {self.get_method_display()} ({self.happened_on})"


class LearningNote(models.Model):
    """A dated note, story or quote from the network's learning log."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        STORY = "story", _("Story")
        QUOTE = "quote", _("Quote")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="learning_notes")
    author = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="learning_notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    written_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"))
    for_status_report = models.BooleanField(_("use in the status report"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["network", "-written_on"])]
        verbose_name = _("learning note")
        verbose_name_plural = _("learning notes")

    def __str__(self) -> str:
        return self.text[:60]


class Document(models.Model):
    """A file uploaded to a network; always served as a download, never shown inline.

    `file` is stored under a random name; `filename` is the uploader's (cleaned) name, used
    only in the download's Content-Disposition.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    file = models.FileField(_("file"), upload_to="networks/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["network", "-uploaded_at"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title
