"""Every write to a network's involvement log, learning log and documents goes through here.

Each service checks its permission (rules.py), writes in one transaction with an audit entry,
and locks the row it changes. Edits carry the version the editor loaded; an older one is
refused (StaleEntry) so two people editing at once do not overwrite each other.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from typing import IO, Any, TypeVar

from django.core.files import File
from django.db import transaction
from django.db.models import F

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person
from netvaerk.organisation.rules import person_of

from . import uploads
from .models import Document, Involvement, LearningNote

INVOLVEMENT_FIELDS = ["group", "who", "method", "happened_on", "people_count", "what_changed"]
NOTE_FIELDS = ["kind", "written_on", "text", "for_status_report"]
DOCUMENT_FIELDS = ["title", "filename", "content_type", "size"]


EntryT = TypeVar("EntryT", Involvement, LearningNote)


class StaleEntry(Exception):
    """The entry was saved by someone else since the editor loaded it."""

    def __init__(self, current: Involvement | LearningNote) -> None:
        super().__init__("stale entry")
        self.current = current


def _author(by: User | None, author: Person | None) -> Person | None:
    """The signed-in person, or for the system (demo, commands) the person it names."""
    return person_of(by) if by is not None else author


# --- involvement log ---------------------------------------------------------------------------


def involvement_create(
    *,
    network: Network,
    group: str,
    method: str,
    happened_on: datetime.date,
    what_changed: str,
    who: str = "",
    people_count: int | None = None,
    by: User | None,
    author: Person | None = None,
) -> Involvement:
    """Record who the network involved, how, when, and what it changed."""
    require_permission(by, "networks.write_logs", network)
    with transaction.atomic():
        entry = Involvement.objects.create(
            network=network,
            group=group,
            who=who,
            method=method,
            happened_on=happened_on,
            people_count=people_count,
            what_changed=what_changed,
            created_by=_author(by, author),
        )
        audit_record(
            actor=by,
            action="logbook.involvement.create",
            target=entry,
            after=snapshot(entry, INVOLVEMENT_FIELDS),
        )
    return entry


def _update_versioned(
    entry: EntryT,
    *,
    version: int,
    fields: dict[str, Any],
    allowed: Sequence[str],
    action: str,
    by: User | None,
) -> EntryT:
    """Save an edit to a log entry made from `version`; StaleEntry if someone saved since."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not a {action} field: {sorted(unknown)}")
    with transaction.atomic():
        locked = (
            type(entry)
            .objects.select_for_update(of=("self",))
            .select_related("network")
            .get(pk=entry.pk)
        )
        if locked.version != version:
            raise StaleEntry(locked)
        before = snapshot(locked, allowed)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.version = F("version") + 1
        locked.save(update_fields=[*fields, "version"])
        locked.refresh_from_db(fields=["version"])
        audit_record(
            actor=by,
            action=f"logbook.{action}.update",
            target=locked,
            before=before,
            after=snapshot(locked, allowed),
        )
    return locked


def involvement_update(
    *, entry: Involvement, version: int, by: User | None, **fields: Any
) -> Involvement:
    """Change an involvement entry (its author or the secretariat)."""
    require_permission(by, "logbook.change_involvement", entry)
    return _update_versioned(
        entry,
        version=version,
        fields=fields,
        allowed=INVOLVEMENT_FIELDS,
        action="involvement",
        by=by,
    )


def involvement_delete(*, entry: Involvement, by: User | None) -> None:
    """Delete an involvement entry (its author or the secretariat)."""
    require_permission(by, "logbook.change_involvement", entry)
    with transaction.atomic():
        locked = Involvement.objects.select_for_update().filter(pk=entry.pk).first()
        if locked is None:
            return  # deleted already: a second click changes nothing
        audit_record(
            actor=by,
            action="logbook.involvement.delete",
            target=locked,
            before=snapshot(locked, INVOLVEMENT_FIELDS),
        )
        locked.delete()


# --- learning log ------------------------------------------------------------------------------


def learning_note_create(
    *,
    network: Network,
    text: str,
    kind: str = LearningNote.Kind.NOTE,
    written_on: datetime.date | None = None,
    for_status_report: bool = False,
    by: User | None,
    author: Person | None = None,
) -> LearningNote:
    """Write a dated note, story or quote in the network's learning log."""
    require_permission(by, "networks.write_logs", network)
    with transaction.atomic():
        note = LearningNote(
            network=network,
            author=_author(by, author),
            kind=kind,
            text=text,
            for_status_report=for_status_report,
        )
        if written_on is not None:
            note.written_on = written_on
        note.save()
        audit_record(
            actor=by,
            action="logbook.learning_note.create",
            target=note,
            after=snapshot(note, NOTE_FIELDS),
        )
    return note


def learning_note_update(
    *, note: LearningNote, version: int, by: User | None, **fields: Any
) -> LearningNote:
    """Change a learning note (its author or the secretariat)."""
    require_permission(by, "logbook.change_learningnote", note)
    return _update_versioned(
        note, version=version, fields=fields, allowed=NOTE_FIELDS, action="learning_note", by=by
    )


def learning_note_mark(
    *, note: LearningNote, for_status_report: bool, by: User | None
) -> LearningNote:
    """Mark a note for the status report, or take the mark off (same value twice: no change)."""
    require_permission(by, "logbook.mark_learningnote", note)
    with transaction.atomic():
        locked = LearningNote.objects.select_for_update().get(pk=note.pk)
        if locked.for_status_report == for_status_report:
            return locked
        locked.for_status_report = for_status_report
        locked.version = F("version") + 1
        locked.save(update_fields=["for_status_report", "version"])
        locked.refresh_from_db(fields=["version"])
        audit_record(
            actor=by,
            action="logbook.learning_note.mark",
            target=locked,
            before={"for_status_report": not for_status_report},
            after={"for_status_report": for_status_report},
        )
    return locked


def learning_note_delete(*, note: LearningNote, by: User | None) -> None:
    """Delete a learning note (its author or the secretariat)."""
    require_permission(by, "logbook.change_learningnote", note)
    with transaction.atomic():
        locked = LearningNote.objects.select_for_update().filter(pk=note.pk).first()
        if locked is None:
            return
        audit_record(
            actor=by,
            action="logbook.learning_note.delete",
            target=locked,
            before=snapshot(locked, NOTE_FIELDS),
        )
        locked.delete()


# --- documents ---------------------------------------------------------------------------------


def document_upload(
    *,
    network: Network,
    upload: IO[bytes],
    name: str,
    size: int,
    title: str = "",
    by: User | None,
    author: Person | None = None,
) -> Document:
    """Store a checked file under a random name (ValidationError if it is not allowed)."""
    require_permission(by, "networks.write_logs", network)
    checked = uploads.check_upload(upload, name=name, size=size)
    stored_name = f"{secrets.token_hex(16)}.{checked.extension}"
    document = Document(
        network=network,
        title=title.strip() or checked.filename,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=_author(by, author),
    )
    document.file.save(stored_name, File(upload, name=stored_name), save=False)
    try:
        with transaction.atomic():
            document.save()
            audit_record(
                actor=by,
                action="logbook.document.upload",
                target=document,
                after=snapshot(document, DOCUMENT_FIELDS),
            )
    except BaseException:
        document.file.delete(save=False)  # no row, no file
        raise
    return document


def document_delete(*, document: Document, by: User | None) -> None:
    """Delete a document and, once the deletion is committed, its file."""
    require_permission(by, "logbook.delete_document", document)
    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document.pk).first()
        if locked is None:
            return
        audit_record(
            actor=by,
            action="logbook.document.delete",
            target=locked,
            before=snapshot(locked, DOCUMENT_FIELDS),
        )
        storage, stored_name = locked.file.storage, locked.file.name
        locked.delete()
        if stored_name:
            transaction.on_commit(lambda: storage.delete(stored_name))
