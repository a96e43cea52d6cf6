"""Telling people what happened: in the app at `/`, and by e-mail through a background task.

A notification stores its kind and values; `message()` words it in the reader's language when
it is shown or mailed. Every kind is registered in `KINDS` (a test checks that each kind passed
to `notify()` is), and each person chooses per kind how to hear of it (`NotificationSetting`):
at once in the app and by e-mail (the default), in the app only, in a daily or weekly digest
e-mail (`tasks.send_digests`), or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Notification, NotificationSetting

if TYPE_CHECKING:
    from netvaerk.organisation.models import Person

    from .models import User

Delivery = NotificationSetting.Delivery
DEFAULT_DELIVERY = Delivery.IMMEDIATELY
# The choices under which a notification is mailed (at once or in a digest).
DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)
MAILED = frozenset({Delivery.IMMEDIATELY, *DIGESTS})


@dataclass(frozen=True)
class Kind:
    """A kind of notification as people choose how to hear of it on /konto/."""

    code: str
    group: str
    label: Promise
    description: Promise


GROUPS: dict[str, Promise] = {
    "ideas": gettext_lazy("Ideas"),
}

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in [
        Kind(
            "idea.state",
            "ideas",
            gettext_lazy("An idea moves on"),
            gettext_lazy(
                "An idea you proposed or follow is submitted, screened, put on an agenda or "
                "taken up again."
            ),
        ),
        Kind(
            "idea.comment",
            "ideas",
            gettext_lazy("Comments"),
            gettext_lazy("Someone comments on an idea you proposed or follow."),
        ),
        Kind(
            "idea.question",
            "ideas",
            gettext_lazy("Questions from the secretariat"),
            gettext_lazy(
                "The network secretariat asks a question about an idea you proposed or follow."
            ),
        ),
        Kind(
            "idea.decided",
            "ideas",
            gettext_lazy("Decisions"),
            gettext_lazy("A forum decides on an idea you proposed, follow or support."),
        ),
        Kind(
            "idea.merged",
            "ideas",
            gettext_lazy("Merged ideas"),
            gettext_lazy("An idea you proposed or follow is merged into another idea."),
        ),
    ]
}


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


def deliveries(person_ids: Iterable[int], kind: str) -> dict[int, str]:
    """The stored (not default) choice of each of these people for `kind`: one query."""
    return dict(
        NotificationSetting.objects.filter(kind=kind, person_id__in=list(person_ids)).values_list(
            "person_id", "delivery"
        )
    )


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
    """Notify each person once (never the actor), as each chose for this kind.

    "off": no notification; "app": in the app only; "immediately": mailed after the
    transaction commits; "daily"/"weekly": mailed later in a digest (tasks.send_digests).
    """
    from netvaerk.organisation.rules import person_of

    from .tasks import send_notification_emails

    if kind not in KINDS:
        raise ValueError(f"unregistered notification kind {kind!r}: add it to KINDS")
    actor_person = person_of(actor) if actor else None
    skip = {p.pk for p in (actor_person, exclude) if p is not None}
    recipients: dict[int, Person] = {}
    for person in people:
        if person.pk in recipients or person.pk in skip or not person.is_active:
            continue
        recipients[person.pk] = person
    chosen = deliveries(recipients, kind) if recipients else {}
    actor_name = _actor_name(actor, actor_person or exclude)
    notifications = []
    mail_now: set[int] = set()
    for person in recipients.values():
        delivery = chosen.get(person.pk, DEFAULT_DELIVERY)
        if delivery == Delivery.OFF:
            continue
        if delivery == Delivery.IMMEDIATELY:
            mail_now.add(person.pk)
        notifications.append(
            Notification(
                person=person,
                kind=kind,
                target_title=target_title[:300],
                url=url,
                params=params or {},
                actor_name=actor_name,
                email_pending=delivery in MAILED,
            )
        )
    created = Notification.objects.bulk_create(notifications, batch_size=1000)
    if not mail_now:
        return created
    ids = [n.pk for n in created if n.pk is not None and n.person_id in mail_now]
    if not ids:  # backends that do not return ids from bulk_create
        ids = list(
            Notification.objects.filter(
                kind=kind, url=url, emailed_at=None, email_pending=True, person_id__in=mail_now
            ).values_list("pk", flat=True)
        )
    if ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


def mark_all_read(*, person: Person) -> int:
    from django.utils import timezone

    return Notification.objects.filter(person=person, read_at=None).update(read_at=timezone.now())


# --- settings on /konto/ ------------------------------------------------------------------


def settings_of(person: Person) -> dict[str, str]:
    """The person's choice for every registered kind (the default where none is stored)."""
    stored = dict(NotificationSetting.objects.filter(person=person).values_list("kind", "delivery"))
    return {code: stored.get(code, DEFAULT_DELIVERY) for code in KINDS}


def account_context(request: HttpRequest) -> dict[str, Any]:
    """The account page's notification section: each group's kinds with the current choice."""
    from netvaerk.organisation.rules import person_of

    person = person_of(request.user)
    if person is None:
        return {"notification_groups": []}
    current = settings_of(person)
    groups = [
        {
            "label": label,
            "kinds": [
                {
                    "code": kind.code,
                    "id": "notify-" + kind.code.replace(".", "-"),
                    "label": kind.label,
                    "description": kind.description,
                    "delivery": current[kind.code],
                }
                for kind in KINDS.values()
                if kind.group == group
            ],
        }
        for group, label in GROUPS.items()
    ]
    return {
        "notification_groups": [group for group in groups if group["kinds"]],
        "notification_choices": Delivery.choices,
    }


def notification_settings_save(
    *, person: Person, choices: Mapping[str, str], by: User | None
) -> dict[str, list[str]]:
    """Save a person's choices ({kind: delivery}; kinds left out keep theirs); the changes.

    Only choices other than the default are stored. Notifications still waiting for a digest
    are mailed at once when their kind is switched to "immediately", and are no longer mailed
    when it is switched to "app" or "off".
    """
    from netvaerk.core.audit import audit_record
    from netvaerk.core.services import require_permission

    from .tasks import send_notification_emails

    require_permission(by, "core.change_notification_settings", person)
    for kind, delivery in choices.items():
        if kind not in KINDS:
            raise ValueError(f"unknown notification kind {kind!r}")
        if delivery not in Delivery.values:
            raise ValueError(f"unknown delivery {delivery!r}")
    with transaction.atomic():
        before = settings_of(person)
        after = {**before, **choices}
        changed = {kind for kind in KINDS if before[kind] != after[kind]}
        if not changed:
            return {}
        NotificationSetting.objects.filter(person=person, kind__in=changed).delete()
        NotificationSetting.objects.bulk_create(
            [
                NotificationSetting(person=person, kind=kind, delivery=after[kind])
                for kind in sorted(changed)
                if after[kind] != DEFAULT_DELIVERY
            ]
        )
        pending = Notification.objects.filter(person=person, email_pending=True, emailed_at=None)
        quiet = {kind for kind in changed if after[kind] not in MAILED}
        if quiet:
            pending.filter(kind__in=quiet).update(email_pending=False)
        now = {kind for kind in changed if after[kind] == Delivery.IMMEDIATELY}
        ids = list(pending.filter(kind__in=now).values_list("pk", flat=True)) if now else []
        if ids:
            transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
        entry = audit_record(
            actor=by,
            action="core.notification_settings.update",
            target=person,
            before={kind: before[kind] for kind in sorted(changed)},
            after={kind: after[kind] for kind in sorted(changed)},
            subject=person,
        )
    return entry.changes
