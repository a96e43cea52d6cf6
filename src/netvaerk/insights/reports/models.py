"""The status report's narrative: the text the secretariat writes around the generated sections.

One report per period. The generated sections (timeline, networks, evaluation, ideas, staffing)
are computed from the data each time and never stored; only the text is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusReport(models.Model):
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    background = models.TextField(_("background"), blank=True)
    intro_phases = models.TextField(_("introduction to the phases and timeline"), blank=True)
    intro_networks = models.TextField(_("introduction to the networks started"), blank=True)
    intro_evaluation = models.TextField(_("introduction to the evaluation"), blank=True)
    intro_ideas = models.TextField(_("introduction to the ideas received"), blank=True)
    intro_staffing = models.TextField(_("introduction to the staffing"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # Raised by one on every save; a save made from an older version is refused (409).
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-ends_on"]
        constraints = [
            models.UniqueConstraint(fields=["starts_on", "ends_on"], name="unique_report_period")
        ]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


NARRATIVE_FIELDS = [
    "background",
    "intro_phases",
    "intro_networks",
    "intro_evaluation",
    "intro_ideas",
    "intro_staffing",
    "next_steps",
]
