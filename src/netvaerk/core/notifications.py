"""Telling people what happened: in the app at `/`, and by e-mail through a background task.

A notification stores its kind and values; `message()` words it in the reader's language when
it is shown or mailed. Notification settings per kind come with the SSO/GDPR issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Notification

if TYPE_CHECKING:
    from netvaerk.organisation.models import Person

    from .models import User


def message(notification: Notification) -> str:
    """The notification's text in the active language."""
    from netvaerk.ideas.models import Idea

    values: dict[str, Any] = {
        "title": notification.target_title,
        "actor": notification.actor_name or _("Someone"),
        **notification.params,
    }
    kind = notification.kind
    if kind == "idea.state":
        values["state"] = Idea.State(values.get("state", "draft")).label
        return _("“%(title)s” is now: %(state)s.") % values
    if kind == "idea.comment":
        return _("%(actor)s commented on “%(title)s”.") % values
    if kind == "idea.question":
        return _("The network secretariat asks a question about “%(title)s”.") % values
    if kind == "idea.decided":
        values["state"] = Idea.State(values.get("state", "draft")).label
        return _("The forum has decided on “%(title)s”: %(state)s. Reason: %(reason)s") % values
    if kind == "idea.merged":
        return _("“%(title)s” was merged into “%(into)s”.") % values
    return notification.target_title


def _actor_name(actor: User | None, person: Person | None) -> str:
    """The name people know the actor by: their person's, as on comments and pages."""
    if person is not None:
        return person.name
    if actor is not None:
        return actor.get_full_name() or actor.get_username()
    return ""


def notify(
    *,
    people: Iterable[Person],
    kind: str,
    target_title: str,
    url: str,
    params: dict[str, Any] | None = None,
    actor: User | None = None,
    exclude: Person | None = None,
) -> list[Notification]:
    """Notify each person once (never the actor), and mail them after the transaction commits."""
    from netvaerk.organisation.rules import person_of

    from .tasks import send_notification_emails

    actor_person = person_of(actor) if actor else None
    skip = {p.pk for p in (actor_person, exclude) if p is not None}
    seen: set[int] = set()
    notifications = []
    for person in people:
        if person.pk in seen or person.pk in skip or not person.is_active:
            continue
        seen.add(person.pk)
        notifications.append(
            Notification(
                person=person,
                kind=kind,
                target_title=target_title[:300],
                url=url,
                params=params or {},
                actor_name=_actor_name(actor, actor_person or exclude),
            )
        )
    created = Notification.objects.bulk_create(notifications, batch_size=1000)
    ids = [n.pk for n in created if n.pk is not None]
    if not ids:  # backends that do not return ids from bulk_create
        ids = list(
            Notification.objects.filter(
                kind=kind, url=url, emailed_at=None, person_id__in=seen
            ).values_list("pk", flat=True)
        )
    if ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


def mark_all_read(*, person: Person) -> int:
    from django.utils import timezone

    return Notification.objects.filter(person=person, read_at=None).update(read_at=timezone.now())
