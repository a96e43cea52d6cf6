"""Retention: idle guest accounts are removed (the person anonymised, their contributions kept),
old notifications deleted; by `manage.py apply_retention [--dry-run]` and the background task."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from netvaerk.core.models import AuditEntry, Notification, User
from netvaerk.networks.models import Participation
from netvaerk.organisation.models import Person
from netvaerk.privacy.models import RetentionRun
from netvaerk.privacy.services import GUEST_PLACEHOLDER
from netvaerk.privacy.tasks import apply_retention

NOW = timezone.now()


def _ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def _guest(username: str, *, joined: int, last_login: int | None, kind: str = "guest") -> Person:
    user = User.objects.create_user(username=username, password="x")
    User.objects.filter(pk=user.pk).update(
        date_joined=_ago(joined), last_login=None if last_login is None else _ago(last_login)
    )
    return Person.objects.create(name=f"Gæst {username}", kind=kind, user=user)


@pytest.fixture
def people(demo) -> dict[str, Person]:
    return {
        "idle": _guest("idle", joined=800, last_login=400),
        "never": _guest("never", joined=400, last_login=None),
        "recent": _guest("recent", joined=800, last_login=10),
        "new": _guest("new", joined=2, last_login=None),
        "employee": _guest("employee", joined=800, last_login=400, kind="employee"),
    }


@pytest.fixture
def notifications(demo) -> tuple[int, int]:
    """Two notifications a year old and the demo's own (new) ones."""
    person = Person.objects.get(user__username="medarbejder")
    for title in ("Gammel 1", "Gammel 2"):
        note = Notification.objects.create(person=person, kind="idea.comment", target_title=title)
        Notification.objects.filter(pk=note.pk).update(created_at=_ago(365))
    recent = Notification.objects.filter(created_at__gte=_ago(180)).count()
    return 2, recent


def _removed(people: dict[str, Person]) -> set[str]:
    return {key for key, person in people.items() if not User.objects.filter(pk=person.user_id)}


def test_the_command_removes_idle_guests_and_old_notifications(people, notifications) -> None:
    old, recent = notifications
    idle = people["idle"]
    network = Participation.objects.order_by("pk").first().network
    Participation.objects.create(network=network, person=idle, role="guest")
    out = io.StringIO()
    audit = AuditEntry.objects.count()

    call_command("apply_retention", stdout=out)

    assert _removed(people) == {"idle", "never"}
    idle = Person.objects.get(pk=idle.pk)
    assert idle.name == GUEST_PLACEHOLDER and idle.anonymised_at and not idle.is_active
    assert idle.participations.count() == 1  # the contribution stays
    assert Person.objects.get(pk=people["recent"].pk).name == "Gæst recent"
    assert not Notification.objects.filter(target_title__startswith="Gammel").exists()
    assert Notification.objects.count() == recent
    printed = out.getvalue()
    assert "removed: 2" in printed and f"removed: {old}" in printed
    entry = AuditEntry.objects.get(action="privacy.retention.apply")
    assert entry.changes["guests_removed"] == [None, 2]
    assert entry.changes["notifications_deleted"] == [None, old]
    assert AuditEntry.objects.count() == audit + 1  # one summary entry for the run
    run = RetentionRun.objects.get()
    assert (run.guests_removed, run.notifications_deleted) == (2, old)
    # A second run finds nothing more.
    call_command("apply_retention", stdout=io.StringIO())
    assert RetentionRun.objects.order_by("pk").last().guests_removed == 0


def test_a_dry_run_counts_and_changes_nothing(people, notifications) -> None:
    notes, audit = Notification.objects.count(), AuditEntry.objects.count()
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "would be removed: 2" in out.getvalue()
    assert _removed(people) == set()
    assert (Notification.objects.count(), AuditEntry.objects.count()) == (notes, audit)
    assert not RetentionRun.objects.exists()


@override_settings(RETENTION_GUEST_IDLE_DAYS=5, RETENTION_NOTIFICATION_DAYS=400)
def test_the_periods_come_from_the_settings(people, notifications) -> None:
    call_command("apply_retention", stdout=io.StringIO())
    assert _removed(people) == {"idle", "never", "recent"}
    assert Notification.objects.filter(target_title__startswith="Gammel").count() == 2


def test_the_background_task_does_the_same(people, notifications) -> None:
    result = apply_retention.enqueue()
    assert result.return_value == {
        "guests_removed": 2,
        "notifications_deleted": 2,
        "import_files_deleted": 0,
    }
    assert _removed(people) == {"idle", "never"}


def test_finished_imports_lose_their_uploaded_files_after_the_period(
    demo, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.base import ContentFile

    from netvaerk.organisation.models import OrgImport

    settings.MEDIA_ROOT = str(tmp_path)
    settings.RETENTION_IMPORT_FILE_DAYS = 30

    def upload(status: str, days: int) -> OrgImport:
        record = OrgImport(status=status, summary={"people": {"create": 1}})
        record.people_file.save("people.csv", ContentFile(b"navn;email\nAnne;a@x.dk\n"))
        record.units_file.save("units.csv", ContentFile(b"enhed\nSyd\n"))
        OrgImport.objects.filter(pk=record.pk).update(created_at=_ago(days))
        return record

    applied, failed, stale = upload("applied", 40), upload("failed", 31), upload("previewed", 40)
    recent, fresh_preview = upload("applied", 5), upload("previewed", 5)
    records = (applied, failed, stale, recent, fresh_preview)
    paths = {r.pk: [r.people_file.path, r.units_file.path] for r in records}

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "ago would be removed: 6" in out.getvalue()
    assert all(Path(path).exists() for group in paths.values() for path in group)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", stdout=out)

    for record in (applied, failed, stale):
        record.refresh_from_db()
        assert not record.units_file and not record.people_file
        assert record.summary == {"people": {"create": 1}}  # what was shown is kept
        assert not any(Path(path).exists() for path in paths[record.pk])
    assert (applied.status, failed.status, stale.status) == ("applied", "failed", "expired")
    # Recent imports are within the period.
    for record in (recent, fresh_preview):
        record.refresh_from_db()
        assert record.people_file and all(Path(path).exists() for path in paths[record.pk])
    assert RetentionRun.objects.get().import_files_deleted == 6
    entry = AuditEntry.objects.get(action="privacy.retention.apply")
    assert entry.changes["import_files_deleted"] == [None, 6]


def test_an_expired_preview_cannot_be_applied_and_says_to_upload_again(
    client_as, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from netvaerk.organisation.models import OrgImport

    settings.MEDIA_ROOT = str(tmp_path)
    record = OrgImport(status="previewed", summary={"change_count": 1, "changes": []})
    record.people_file.save("people.csv", ContentFile(b"navn\nAnne\n"))
    OrgImport.objects.filter(pk=record.pk).update(created_at=_ago(40))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", stdout=io.StringIO())
    people = Person.objects.count()
    client = client_as("konsulent")
    path = reverse("organisation:import_preview", args=[record.pk])
    response = client.post(path, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Forhåndsvisningen er udløbet. Upload filerne igen." in page  # the message
    assert "Apply the import" not in page and "Gennemfør importen" not in page
    assert Person.objects.count() == people
    record.refresh_from_db()
    assert record.status == "expired"
