"""Background work (django-tasks). `manage.py db_worker` runs it; tests run it immediately."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail each notification to its person, in their language; each is mailed at most once."""
    sent = 0
    notifications = Notification.objects.filter(
        pk__in=notification_ids, emailed_at=None
    ).select_related("person__user")
    from .notifications import message

    for notification in notifications:
        person = notification.person
        if not person.email:
            continue
        user = person.user
        language = (user.preferred_language if user else "") or settings.LANGUAGE_CODE
        with translation.override(language):
            body = "\n\n".join(
                [
                    message(notification),
                    settings.SITE_URL.rstrip("/") + notification.url,
                    _("You get this e-mail because you follow this idea on Netværksstedet."),
                ]
            )
            send_mail(
                subject=_("Netværksstedet: %(title)s") % {"title": notification.target_title},
                message=body,
                from_email=None,
                recipient_list=[person.email],
            )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
