"""Background work (django-tasks). `manage.py db_worker` runs it; tests run it immediately."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification, NotificationSetting
from .notifications import DIGESTS

Delivery = NotificationSetting.Delivery
# People mailed before their notifications are marked as mailed, in one query per batch.
DIGEST_BATCH = 100


def _language(notification: Notification) -> str:
    user = notification.person.user
    return (user.preferred_language if user else "") or settings.LANGUAGE_CODE


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _settings_link() -> str:
    return _link(reverse("core:account") + "#notifications")


def _mailable(notification: Notification) -> bool:
    return bool(notification.person.email) and notification.person.is_active


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail each notification to its person, in their language; each is mailed at most once.

    The person's setting for the kind is read again: it may have changed since notify().
    Those now meant for a digest are left for it; those now meant for the app only are not
    mailed, nor are they for people without an e-mail address.
    """
    from .notifications import message

    chosen = NotificationSetting.objects.filter(
        person=OuterRef("person"), kind=OuterRef("kind")
    ).values("delivery")[:1]
    notifications = (
        Notification.objects.filter(pk__in=notification_ids, emailed_at=None, email_pending=True)
        .select_related("person__user")
        .annotate(delivery=Subquery(chosen))
    )
    sent = 0
    not_mailed = []
    for notification in notifications:
        delivery = notification.delivery or Delivery.IMMEDIATELY
        if delivery in DIGESTS:
            continue  # the digest mails it
        if delivery != Delivery.IMMEDIATELY or not _mailable(notification):
            not_mailed.append(notification.pk)
            continue
        person = notification.person
        with translation.override(_language(notification)):
            body = "\n\n".join(
                [
                    message(notification),
                    _link(notification.url),
                    _("You get this e-mail because you follow this idea on Netværksstedet."),
                    _("Choose which e-mails you get: %(link)s") % {"link": _settings_link()},
                ]
            )
            send_mail(
                subject=_("Netværksstedet: %(title)s") % {"title": notification.target_title},
                message=body,
                from_email=None,
                recipient_list=[person.email],
            )
        Notification.objects.filter(pk=notification.pk).update(
            emailed_at=timezone.now(), email_pending=False
        )
        sent += 1
    if not_mailed:
        Notification.objects.filter(pk__in=not_mailed).update(email_pending=False)
    return sent


def _digest(period: str, notifications: list[Notification]) -> EmailMessage:
    """One person's digest e-mail, in their language, with every item and its link."""
    from .notifications import message

    person = notifications[0].person
    with translation.override(_language(notifications[0])):
        if period == Delivery.DAILY:
            subject = _("Netværksstedet: your daily summary")
            intro = _("Dear %(name)s,\n\nthis is your daily summary from Netværksstedet:")
            why = _("You get this e-mail because you chose a daily summary of these notifications.")
        else:
            subject = _("Netværksstedet: your weekly summary")
            intro = _("Dear %(name)s,\n\nthis is your weekly summary from Netværksstedet:")
            why = _(
                "You get this e-mail because you chose a weekly summary of these notifications."
            )
        items = [f"- {message(n)}\n  {_link(n.url)}" for n in notifications]
        body = "\n\n".join(
            [
                intro % {"name": person.name},
                *items,
                why,
                _("Choose which e-mails you get: %(link)s") % {"link": _settings_link()},
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[person.email])


def _batches(
    groups: Iterable[tuple[int, Iterable[Notification]]], size: int
) -> Iterable[list[list[Notification]]]:
    iterator = (list(items) for _person, items in groups)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@task()
def send_digests(period: str) -> int:
    """Mail each person one digest of their unmailed notifications of the kinds they chose to
    get `period`ly ("daily" or "weekly"); the number of e-mails sent.

    Each notification is then marked as mailed, so a second run sends nothing. The queries do
    not grow with the number of people: one read, and one update per batch of e-mails.
    """
    if period not in DIGESTS:
        raise ValueError(f"unknown digest period {period!r}")
    chosen = NotificationSetting.objects.filter(
        person=OuterRef("person"), kind=OuterRef("kind"), delivery=period
    )
    pending = (
        Notification.objects.filter(email_pending=True, emailed_at=None)
        .filter(Exists(chosen))
        .select_related("person__user")
        .order_by("person_id", "created_at", "id")
    )
    groups = itertools.groupby(pending, key=lambda n: n.person_id)
    connection = get_connection()  # one SMTP session per batch
    sent = 0
    for batch in _batches(groups, DIGEST_BATCH):
        mailable = [items for items in batch if _mailable(items[0])]
        not_mailed = [n.pk for items in batch if not _mailable(items[0]) for n in items]
        if not_mailed:  # no address, or has left: not mailed, and not looked at again
            Notification.objects.filter(pk__in=not_mailed).update(email_pending=False)
        claimed = _claim([n.pk for items in mailable for n in items])
        digests = []
        for items in mailable:
            mine = [n for n in items if n.pk in claimed]
            if mine:
                digests.append(([n.pk for n in mine], _digest(period, mine)))
        sent += _send_each(connection, digests)
    return sent


def _claim(ids: list[int]) -> set[int]:
    """Mark these notifications as mailed before mailing them, and return those this run got:
    another run that read the same rows at the same time gets none of them."""
    if not ids:
        return set()
    stamp = timezone.now()
    Notification.objects.filter(pk__in=ids, email_pending=True, emailed_at=None).update(
        emailed_at=stamp, email_pending=False
    )
    return set(
        Notification.objects.filter(pk__in=ids, emailed_at=stamp).values_list("pk", flat=True)
    )


def _send_each(connection: Any, digests: list[tuple[list[int], EmailMessage]]) -> int:
    """Send the e-mails one by one over one connection. If the mail server fails, the digests
    not yet sent are handed back (pending again) for the next run, and the error is raised."""
    if not digests:
        return 0
    done = 0
    try:
        with connection:
            for _ids, email in digests:
                connection.send_messages([email])
                done += 1
    except Exception:
        unsent = [pk for ids, _email in digests[done:] for pk in ids]
        Notification.objects.filter(pk__in=unsent).update(emailed_at=None, email_pending=True)
        raise
    return done
