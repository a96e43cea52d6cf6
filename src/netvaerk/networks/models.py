"""Networks: the cross-silo groups beside the line organisation.

This is the part the idea selection needs: a network with its type, phase, text, units and
proposer. Contracts, participants, meetings and the phase gates come with the networks issue.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.organisation.models import Person, Unit


class Network(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welfare network")
        INNOVATION = "innovation", _("Innovation network")
        LEARNING = "learning", _("Learning network")

    class Phase(models.TextChoices):
        INTRODUCTION = "introduktion", _("Introduction")
        STARTUP = "opstart", _("Start-up")
        DESIGN = "design", _("Design")
        TEST = "afproevning", _("Test")
        ANCHORING = "forankring", _("Anchoring")
        CLOSED = "closed", _("Closed")

    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.INTRODUCTION
    )
    purpose = models.TextField(_("purpose"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    units: models.ManyToManyField[Unit, models.Model] = models.ManyToManyField(
        Unit, related_name="networks", blank=True, verbose_name=_("units")
    )
    proposer = models.ForeignKey(
        Person,
        verbose_name=_("proposer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_networks",
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, db_index=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", args=[self.pk])
