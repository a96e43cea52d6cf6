"""Networks: the cross-silo groups beside the line organisation, their people and committees.

A network has a type with its own rules, a phase on the lifecycle in phases.py, a sponsor in
the line organisation and participants from any unit. Contracts, meetings and the network's
logs live in the sub-apps `networks.contracts`, `networks.meetings` and `networks.logs`.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.organisation.models import Person, Unit


class NetworkType(models.TextChoices):
    WELFARE = "welfare", _("Welfare network")
    INNOVATION = "innovation", _("Innovation network")
    LEARNING = "learning", _("Learning network")


class Phase(models.TextChoices):
    INTRO = "introduktion", _("Introduction")
    STARTUP = "opstart", _("Start-up")
    DESIGN = "design", _("Design")
    TESTING = "afproevning", _("Test")
    ANCHORING = "forankring", _("Anchoring")
    CLOSED = "closed", _("Closed")


class Committee(models.Model):
    """A political committee (§17, stk. 4-udvalg) above innovation networks; its members read."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    members: models.ManyToManyField[Person, models.Model] = models.ManyToManyField(
        Person, related_name="committees", blank=True, verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=NetworkType.choices)
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.INTRO, db_index=True
    )
    purpose = models.TextField(_("purpose"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_("A private network is only visible to its participants and the secretariat."),
    )
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
    # Welfare networks name the citizen-facing service they improve.
    citizen_service = models.CharField(_("citizen-facing service"), max_length=300, blank=True)
    # Innovation networks start from a political vision and may have a committee.
    political_vision = models.TextField(_("political vision"), blank=True)
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
    )
    # What the phase gates ask for besides the contract (phases.py).
    test_plan = models.TextField(_("test plan"), blank=True)
    evaluation_result = models.TextField(_("evaluation result"), blank=True)
    closing_summary = models.TextField(_("closing summary"), blank=True)
    phase_changed_at = models.DateTimeField(_("phase changed"), default=timezone.now)
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, db_index=True
    )
    # Raised by one on every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", args=[self.pk])


class Participation(models.Model):
    """A person's place in a network: their role, and the hours their manager approves."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Network leader")
        CO_DRIVER = "co_driver", _("Co-driver")
        SPONSOR = "sponsor", _("Sponsor")
        FACILITATOR = "facilitator", _("Facilitator")
        PARTICIPANT = "participant", _("Participant")
        GUEST = "guest", _("Guest")

    class Kind(models.TextChoices):
        CORE = "core", _("Core participant")
        PHASE = "phase", _("Phase participant")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    kind = models.CharField(
        _("participation"), max_length=10, choices=Kind.choices, default=Kind.CORE
    )
    phases = models.CharField(
        _("phases"), max_length=200, blank=True, help_text=_("For phase participants.")
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, default=0
    )
    expected_contribution = models.TextField(_("expected contribution"), blank=True)
    # Learning networks: how the participant will use the learning in their own unit.
    application_plan = models.TextField(_("how I will apply the learning"), blank=True)
    # The participant's manager approves the hours; changed hours need a new approval.
    approved_hours = models.DecimalField(
        _("approved hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    approved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["network", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="unique_participation")
        ]
        indexes = [models.Index(fields=["person", "left_on"])]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.network})"

    @property
    def hours_approved(self) -> bool:
        return self.approved_hours is not None and self.approved_hours == self.hours_per_week


class Milestone(models.Model):
    """A dated step the network has promised in its contract."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    due_on = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["network", "done", "due_on"])]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A link that lets a guest (citizen, partner) into one network, and only that one."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.name} → {self.network}"

    def get_absolute_url(self) -> str:
        return reverse("networks:invitation", args=[self.token])
