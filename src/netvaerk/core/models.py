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
    # Still to be mailed, at once or in a digest (the person's setting decides which when the
    # mail goes out); false once mailed, and for notifications meant for the app only.
    email_pending = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "read_at", "-created_at"]),
            models.Index(
                fields=["kind", "person"],
                condition=models.Q(email_pending=True),
                name="core_notification_pending_idx",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind}: {self.target_title}"


class NotificationSetting(models.Model):
    """How a person wants to hear about one kind of notification (notifications.KINDS).

    Only choices other than the default (`IMMEDIATELY`) are stored: no row means at once.
    """

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("In the app and by e-mail at once")
        APP = "app", _("In the app only")
        DAILY = "daily", _("In the app and in a daily e-mail")
        WEEKLY = "weekly", _("In the app and in a weekly e-mail")
        OFF = "off", _("Not at all")

    person = models.ForeignKey(
        "organisation.Person",
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    kind = models.CharField(_("kind"), max_length=50)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="core_notification_setting_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "delivery"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}: {self.delivery}"
