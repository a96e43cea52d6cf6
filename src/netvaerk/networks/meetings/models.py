"""Network meetings with agendas and minutes; the first is a start-up workshop made from one of
the secretariat's workshop designs. Each meeting has an iCal file; each person a calendar feed.
"""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person


class WorkshopDesign(models.Model):
    """A start-up workshop design the secretariat maintains; its agenda is one item per line."""

    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(
        _("agenda"),
        blank=True,
        help_text=_("One item per line: minutes | title, e.g. “20 | Why are we here?”."),
    )
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), default=180)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    # The handbook page that describes this template (the handbook shows the template there).
    handbook_page = models.OneToOneField(
        "handbook.Page",
        verbose_name=_("handbook page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_design",
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("workshop design")
        verbose_name_plural = _("workshop designs")

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    class Kind(models.TextChoices):
        KICKOFF = "kickoff", _("Start-up workshop")
        MEETING = "meeting", _("Meeting")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    design = models.ForeignKey(
        WorkshopDesign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Raised on every edit, so the calendar programs see the change (iCal SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["network", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.network_id, self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=300)
    duration_minutes = models.PositiveIntegerField(
        pgettext_lazy("length of an agenda item", "minutes"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


def _token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address, with all their network meetings."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.person)
