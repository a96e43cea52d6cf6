"""Personal data (GDPR): the privacy notice the municipality publishes, and retention runs.

Anonymising a person changes the people's own rows (organisation.Person.anonymised_at), so it
needs no model here; see services.person_anonymise.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyNotice(models.Model):
    """The privacy notice (privatlivspolitik): one text, in Markdown, kept by the secretariat."""

    body = models.TextField(_("text"), blank=True)
    # The body as sanitised HTML (handbook.markdown.render), kept by the services.
    body_html = models.TextField(default="", editable=False)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised on every save; a save made from an older version is refused (409).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self) -> str:
        return str(_("Privacy notice"))

    def get_absolute_url(self) -> str:
        return reverse("privacy:notice")


class RetentionRun(models.Model):
    """One run of the retention rules (manage.py apply_retention or its background task)."""

    ran_at = models.DateTimeField(_("time"), default=timezone.now)
    guests_removed = models.PositiveIntegerField(_("guest accounts removed"), default=0)
    notifications_deleted = models.PositiveIntegerField(_("notifications deleted"), default=0)
    import_files_deleted = models.PositiveIntegerField(
        _("organisation import files deleted"), default=0
    )

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{timezone.localtime(self.ran_at):%Y-%m-%d %H:%M}"
