"""Every write about personal data goes through a function here.

- `person_anonymise`: the secretariat removes the name and contact details of a person who has
  left; their contributions stay, shown under a placeholder name.
- `retention_apply`: idle guest accounts are removed, old notifications deleted, and the
  uploaded files of finished organisation imports deleted.
- `notice_update`: the secretariat edits the privacy notice.

The placeholder is stored as Danish text ("Tidligere medarbejder", the Danish of the
"Former employee" the pages already show where a contribution has lost its author), so it
reads the same in every list, document and search, and can be searched for.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record
from netvaerk.core.models import AuditEntry, Notification, User
from netvaerk.core.services import require_permission
from netvaerk.handbook.markdown import render
from netvaerk.organisation.models import OrgImport, Person

from .models import PrivacyNotice, RetentionRun
from .scrub import Scrubber, scrub_everywhere

PLACEHOLDER = "Tidligere medarbejder"
GUEST_PLACEHOLDER = "Tidligere gæst"
# Values of these keys in the audit log's before/after are the person's own data.
PERSONAL_KEYS = {
    "name", "email", "title", "external_id", "username", "user", "first_name", "last_name",
}  # fmt: skip


class AnonymiseRefused(Exception):
    """The person cannot be anonymised (still active, or anonymised already)."""


def placeholder_for(person: Person) -> str:
    return GUEST_PLACEHOLDER if person.kind == Person.Kind.GUEST else PLACEHOLDER


def check_anonymisable(person: Person) -> None:
    """Raise AnonymiseRefused with the reason a person cannot be anonymised now."""
    if person.anonymised_at is not None:
        raise AnonymiseRefused(_("This person has been anonymised already."))
    if person.is_active:
        raise AnonymiseRefused(
            _(
                "This person is still in the organisation. Mark them as left first: remove "
                "them from the organisation import (they are then shown as no longer in the "
                "organisation)."
            )
        )


def _scrub_audit_log(person: Person, user: User | None, placeholder: str) -> None:
    """Entries about the person's own record keep what happened, not the personal values.

    (Entries about other things, such as an idea they wrote, keep their values; copies of the
    name in them are replaced by scrub_everywhere.)
    """
    own = Q(object_type="organisation.person", object_id=str(person.pk))
    if user is not None:
        own |= Q(object_type=User._meta.label_lower, object_id=str(user.pk))
    for entry in AuditEntry.objects.filter(own):
        changes = {
            key: [_removed(key, value, placeholder) for value in values]
            if key in PERSONAL_KEYS
            else values
            for key, values in entry.changes.items()
        }
        AuditEntry.objects.filter(pk=entry.pk).update(changes=changes, object_repr=placeholder)
    if user is not None:
        AuditEntry.objects.filter(actor=user).update(actor_name=placeholder)


def _removed(key: str, value: object, placeholder: str) -> object:
    if value in (None, ""):
        return value
    return placeholder if key == "name" else ""


def _close_account(user: User, now: datetime.datetime) -> int:
    """Deactivate the account under a random name; the number of API tokens revoked."""
    from netvaerk.api.models import ApiToken

    old_username = user.get_username()
    user.username = f"anonym-{uuid.uuid4().hex[:12]}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    _replace_username(old_username, user.username)
    # Failed and successful sign-ins are logged under the user name (django-axes).
    for model in apps.get_app_config("axes").get_models():
        if any(field.name == "username" for field in model._meta.concrete_fields):
            model._base_manager.filter(username=old_username).update(username=user.username)
    return ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=now)


def _replace_username(old: str, new: str) -> None:
    """The log names accounts by user name ("user", "username"): those values, exactly."""
    entries = AuditEntry.objects.annotate(text=Cast("changes", TextField())).filter(
        text__contains=json.dumps(old)[1:-1]
    )
    for entry in entries:
        changes = {
            key: [
                new if key in {"user", "username"} and value == old else value for value in values
            ]
            for key, values in entry.changes.items()
        }
        if changes != entry.changes:
            AuditEntry.objects.filter(pk=entry.pk).update(changes=changes)


def _identifies(text: str) -> bool:
    """Whether a text names the person well enough to be replaced everywhere: a full name of
    two words or more, or an e-mail address. A lone first name ("Lars") would also hit other
    people's names and ordinary text, so it is not searched for."""
    text = (text or "").strip()
    return "@" in text or len(text.split()) >= 2


def _earlier_names_and_emails(person: Person) -> set[str]:
    """Names and e-mail addresses the person had before, from the log of their own record."""
    found: set[str] = set()
    entries = AuditEntry.objects.filter(
        object_type="organisation.person", object_id=str(person.pk)
    ).values_list("changes", flat=True)
    for changes in entries:
        for key in ("name", "email"):
            for value in changes.get(key, []) if isinstance(changes, dict) else []:
                if isinstance(value, str) and value:
                    found.add(value)
    return found


def _anonymise(person: Person, now: datetime.datetime) -> dict[str, object]:
    """Remove the person's name and contact details everywhere; what was done, for the audit."""
    from netvaerk.networks.meetings.models import CalendarFeed
    from netvaerk.networks.models import Invitation

    placeholder = placeholder_for(person)
    user = person.user
    texts = [person.name, person.email, *_earlier_names_and_emails(person)]
    if user is not None:
        texts += [user.get_full_name(), user.email]
    needles = {text: placeholder for text in texts if _identifies(text)}
    Invitation.objects.filter(accepted_by=person).update(name=placeholder, email="")
    Notification.objects.filter(person=person).delete()
    CalendarFeed.objects.filter(person=person).delete()
    _scrub_audit_log(person, user, placeholder)
    rows = scrub_everywhere(Scrubber.build(needles))
    tokens = _close_account(user, now) if user is not None else 0
    person.name = placeholder
    person.title = person.email = ""
    person.external_id = None
    person.is_active = False
    person.anonymised_at = now
    person.save(
        update_fields=["name", "title", "email", "external_id", "is_active", "anonymised_at"]
    )
    return {"name": placeholder, "copies_replaced": rows, "api_tokens_revoked": tokens}


def person_anonymise(*, person: Person, by: User | None) -> Person:
    """Remove the name and contact details of a person who has left; keep their contributions.

    Refused (AnonymiseRefused) while the person is active or when it was done already. The
    audit entry says that it was done, never the values removed.
    """
    require_permission(by, "privacy.anonymise_person", person)
    with transaction.atomic():
        locked = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        check_anonymisable(locked)
        now = timezone.now()
        done = _anonymise(locked, now)
        audit_record(
            actor=by,
            action="privacy.person.anonymise",
            target=locked,
            after={**done, "anonymised_at": now.isoformat()},
            subject=locked,
        )
    return locked


# --- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionResult:
    guests: int
    notifications: int
    dry_run: bool
    import_files: int = 0


def idle_guests(now: datetime.datetime, days: int) -> list[Person]:
    """Guests whose account has not been signed in to for `days` days (never: made before)."""
    cutoff = now - datetime.timedelta(days=days)
    idle = Q(user__last_login__lt=cutoff) | Q(user__last_login=None, user__date_joined__lt=cutoff)
    return list(
        Person.objects.filter(idle, kind=Person.Kind.GUEST, anonymised_at=None)
        .exclude(user=None)
        .select_related("user")
        .order_by("pk")
    )


def old_notifications(now: datetime.datetime, days: int) -> Q:
    return Q(created_at__lt=now - datetime.timedelta(days=days))


def old_import_files(now: datetime.datetime, days: int) -> QuerySet[OrgImport]:
    """Imports uploaded more than `days` ago that still keep an uploaded file: applied, failed,
    or previewed and never applied (those expire: they can no longer be applied)."""
    return OrgImport.objects.filter(
        created_at__lt=now - datetime.timedelta(days=days),
        status__in=[OrgImport.Status.APPLIED, OrgImport.Status.FAILED, OrgImport.Status.PREVIEWED],
    ).exclude(units_file="", people_file="")


def _delete_import_files(imports: QuerySet[OrgImport]) -> int:
    """Empty the imports' file fields and remove the files once the transaction commits; the
    number of files. The import's summary (the diff that was shown) is kept; a preview never
    applied expires."""
    names, pks = [], []
    for record in imports:
        pks.append(record.pk)
        for field in (record.units_file, record.people_file):
            if field:
                names.append((field.storage, field.name))
    chosen = OrgImport.objects.filter(pk__in=pks)
    chosen.filter(status=OrgImport.Status.PREVIEWED).update(status=OrgImport.Status.EXPIRED)
    chosen.update(units_file="", people_file="")

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)
    return len(names)


def retention_apply(
    *,
    dry_run: bool = False,
    now: datetime.datetime | None = None,
    guest_idle_days: int | None = None,
    notification_days: int | None = None,
) -> RetentionResult:
    """Remove idle guest accounts (the person is anonymised) and delete old notifications.

    Run by the system (manage.py apply_retention, the background task); one audit entry
    sums up a run. A dry run only counts.
    """
    now = now or timezone.now()
    guest_days = settings.RETENTION_GUEST_IDLE_DAYS if guest_idle_days is None else guest_idle_days
    notice_days = (
        settings.RETENTION_NOTIFICATION_DAYS if notification_days is None else notification_days
    )
    file_days = settings.RETENTION_IMPORT_FILE_DAYS
    with transaction.atomic():
        guests = idle_guests(now, guest_days)
        notifications = Notification.objects.filter(old_notifications(now, notice_days))
        imports = old_import_files(now, file_days)
        if dry_run:
            files = sum(bool(i.units_file) + bool(i.people_file) for i in imports)
            return RetentionResult(len(guests), notifications.count(), True, files)
        for guest in guests:
            user = guest.user
            _anonymise(guest, now)
            if user is not None:
                user.delete()
        deleted, _per_model = notifications.delete()
        files = _delete_import_files(imports)
        run = RetentionRun.objects.create(
            ran_at=now,
            guests_removed=len(guests),
            notifications_deleted=deleted,
            import_files_deleted=files,
        )
        audit_record(
            actor=None,
            action="privacy.retention.apply",
            target=run,
            after={
                "guests_removed": len(guests),
                "notifications_deleted": deleted,
                "import_files_deleted": files,
                "guest_idle_days": guest_days,
                "notification_days": notice_days,
                "import_file_days": file_days,
            },
        )
    return RetentionResult(len(guests), deleted, False, files)


# --- the privacy notice -------------------------------------------------------------------


class StaleNotice(Exception):
    """The notice was saved by someone else since the editor loaded it."""

    def __init__(self, current: PrivacyNotice) -> None:
        super().__init__("stale notice")
        self.current = current


def notice_update(*, body: str, version: int, by: User | None) -> PrivacyNotice:
    """Save the privacy notice; refused with StaleNotice if someone saved it since `version`."""
    require_permission(by, "privacy.change_notice")
    with transaction.atomic():
        current = PrivacyNotice.objects.select_for_update().order_by("pk").first()
        if current is None:
            current = PrivacyNotice(version=0)
        elif current.version != version:
            raise StaleNotice(current)
        before = {"body": current.body, "version": current.version} if current.pk else None
        current.body = body
        current.body_html = render(body)
        current.version += 1
        current.updated_at = timezone.now()
        current.updated_by = by
        current.save()
        audit_record(
            actor=by,
            action="privacy.notice.update",
            target=current,
            before=before,
            after={"body": current.body, "version": current.version},
        )
    return current
