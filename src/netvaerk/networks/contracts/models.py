"""Network contracts: made from a template of the network's type, versioned, approved.

Every saved change is a new ContractVersion holding a snapshot of the whole contract (its
fields, milestones and participants), so any two versions can be compared. The sponsor
approves a version; a later change reopens the approval. Each participant's hours are approved
by their manager on the participation itself (networks.Participation.approved_hours).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netvaerk.networks.models import Network, NetworkType
from netvaerk.organisation.models import Person

# The contract's text fields, in the order the contract shows them; the template has the same.
TEXT_FIELDS = (
    "purpose",
    "problem",
    "strategy_link",
    "success_criteria",
    "scope",
    "budget",
    "meeting_rhythm",
    "evaluation_summary",
    "knowledge_sharing",
)


class ContractTemplate(models.Model):
    """The secretariat's starting text for a type of network's contract."""

    kind = models.CharField(_("type"), max_length=20, choices=NetworkType.choices, unique=True)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    strategy_link = models.TextField(_("link to strategy or political goal"), blank=True)
    success_criteria = models.TextField(_("measurable success criteria"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    meeting_rhythm = models.TextField(_("meeting rhythm"), blank=True)
    evaluation_summary = models.TextField(_("evaluation plan in brief"), blank=True)
    knowledge_sharing = models.TextField(_("knowledge-sharing duties"), blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    # The handbook page that describes this template (the handbook shows the template there).
    handbook_page = models.OneToOneField(
        "handbook.Page",
        verbose_name=_("handbook page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contract_template",
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("contract template")
        verbose_name_plural = _("contract templates")

    def __str__(self) -> str:
        return self.title


class Contract(models.Model):
    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="contract")
    template = models.ForeignKey(
        ContractTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.TextField(_("purpose"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    strategy_link = models.TextField(_("link to strategy or political goal"), blank=True)
    success_criteria = models.TextField(_("measurable success criteria"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    meeting_rhythm = models.TextField(_("meeting rhythm"), blank=True)
    evaluation_summary = models.TextField(_("evaluation plan in brief"), blank=True)
    anchoring_owner = models.ForeignKey(
        Person,
        verbose_name=_("anchoring owner in the line organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anchored_contracts",
    )
    knowledge_sharing = models.TextField(_("knowledge-sharing duties"), blank=True)
    # The number of the latest ContractVersion; an edit made from an older one is refused.
    version = models.PositiveIntegerField(default=1)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return str(self.network)

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.network_id])

    @property
    def is_approved(self) -> bool:
        return self.approved_version is not None and self.approved_version == self.version


class ContractVersion(models.Model):
    """A saved state of a contract: {field: text, "milestones": [...], "participants": [...]}."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_contract_version")
        ]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"
