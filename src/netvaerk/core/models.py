"""Accounts and the audit log, which every app writes through core.audit."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A sign-in account. The person it belongs to is `organisation.Person.user`."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class AuditEntry(models.Model):
    """One change made through a service: who, when, what, and the values before and after."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the entry still reads right after the account is gone.
    actor_name = models.CharField(_("changed by"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # {"field": [before, after]}; for a creation "before" is null, for a removal "after" is.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    subject = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("about person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"
        )


class Notification(models.Model):
    """Something a person is told about, in the app and by e-mail (see notifications.py)."""

    person = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=50)
    # What the message is about and the values it shows; the words are chosen when it is
    # shown, in the reader's language.
    target_title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "read_at", "-created_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind}: {self.target_title}"
