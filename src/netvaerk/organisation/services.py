"""Every write to the organisation goes through a function here."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_entry, audit_record, diff, snapshot
from netvaerk.core.models import AuditEntry, User
from netvaerk.core.services import require_permission

from .importers import COLUMN_LABELS, ParsedFile, PersonRow, RowError, UnitRow
from .models import (
    Forum,
    ForumMeeting,
    ForumMembership,
    OrgImport,
    Person,
    SecretariatAssignment,
    Training,
    Unit,
)

Progress = Callable[[int], object]
BATCH = 1000


# --- the organisation import -------------------------------------------------------------


@dataclass
class Change:
    """One unit or person the import would create, change or remove."""

    kind: str  # "create" | "update" | "remove"
    model: str  # "unit" | "person"
    external_id: str
    label: str
    changes: dict[str, list[Any]]


@dataclass
class ImportPlan:
    units: list[UnitRow] | None
    people: list[PersonRow] | None
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, model: str, kind: str) -> int:
        return sum(1 for c in self.changes if c.model == model and c.kind == kind)

    def summary(self, *, limit: int = 200) -> dict[str, Any]:
        """A JSON-able digest for the preview page and the OrgImport record."""
        counts = {
            f"{model}_{kind}": self.count(model, kind)
            for model in ("unit", "person")
            for kind in ("create", "update", "remove")
        }
        return {
            "counts": counts,
            "errors": [str(error) for error in self.errors[:limit]],
            "error_count": len(self.errors),
            "changes": [
                {
                    "kind": c.kind,
                    "model": c.model,
                    "external_id": c.external_id,
                    "label": c.label,
                    "changes": c.changes,
                }
                for c in self.changes[:limit]
            ],
            "change_count": len(self.changes),
        }


def _unit_state(unit: Unit, parent_external_id: str | None) -> dict[str, Any]:
    return {
        "name": unit.name,
        "level": unit.level,
        "parent_external_id": parent_external_id or "",
        "is_active": unit.is_active,
    }


def _person_state(person: Person, unit_external_id: str | None) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "unit_external_id": unit_external_id or "",
        "is_manager": person.is_manager,
        "is_active": person.is_active,
    }


def org_import_plan(*, parsed: ParsedFile, remove_missing: bool = True) -> ImportPlan:
    """Compare parsed import rows with the database: what would be created, changed, removed.

    A full import (`remove_missing`) deactivates imported units and people absent from the file;
    a partial one only adds and updates.
    """
    plan = ImportPlan(units=parsed.units, people=parsed.people, errors=list(parsed.errors))
    units_sheet, parent_label = _("Units"), str(COLUMN_LABELS["parent"])

    def unknown_unit(external_id: str) -> str:
        return _("There is no unit with the id “%s”.") % external_id[:100]

    units_by_ext: dict[str, Unit] = {
        u.external_id or "": u
        for u in Unit.objects.exclude(external_id=None).select_related("parent")
    }
    file_unit_ids = {row.external_id for row in parsed.units or []}
    keeps_existing_units = parsed.units is None or not remove_missing
    known_unit_ids = file_unit_ids | (
        {k for k, u in units_by_ext.items() if u.is_active} if keeps_existing_units else set()
    )

    if parsed.units is not None:
        parents = {row.external_id: row.parent for row in parsed.units}
        for row in parsed.units:
            if row.parent and row.parent not in known_unit_ids:
                plan.errors.append(
                    RowError(units_sheet, row.row, parent_label, unknown_unit(row.parent))
                )
            elif _has_cycle(row.external_id, parents):
                plan.errors.append(
                    RowError(units_sheet, row.row, parent_label, _("The parent units form a loop."))
                )
        for row in parsed.units:
            after = {
                "name": row.name,
                "level": row.level,
                "parent_external_id": row.parent,
                "is_active": True,
            }
            existing = units_by_ext.get(row.external_id)
            if existing is None:
                plan.changes.append(
                    Change("create", "unit", row.external_id, row.name, diff(None, after))
                )
            else:
                before = _unit_state(
                    existing, existing.parent.external_id if existing.parent else ""
                )
                changes = diff(before, after)
                if changes:
                    plan.changes.append(
                        Change("update", "unit", row.external_id, row.name, changes)
                    )
        for external_id, unit in units_by_ext.items():
            if remove_missing and unit.is_active and external_id not in file_unit_ids:
                plan.changes.append(
                    Change("remove", "unit", external_id, unit.name, {"is_active": [True, False]})
                )

    if parsed.people is not None:
        people_by_ext: dict[str, Person] = {
            p.external_id or "": p
            for p in Person.objects.exclude(external_id=None).select_related("unit")
        }
        file_person_ids: set[str] = set()
        for person_row in parsed.people:
            file_person_ids.add(person_row.external_id)
            if person_row.unit not in known_unit_ids:
                plan.errors.append(
                    RowError(
                        _("People"),
                        person_row.row,
                        str(COLUMN_LABELS["unit"]),
                        unknown_unit(person_row.unit),
                    )
                )
            after = {
                "name": person_row.name,
                "title": person_row.title,
                "email": person_row.email,
                "unit_external_id": person_row.unit,
                "is_manager": person_row.is_manager,
                "is_active": True,
            }
            existing_person = people_by_ext.get(person_row.external_id)
            if existing_person is None:
                plan.changes.append(
                    Change(
                        "create",
                        "person",
                        person_row.external_id,
                        person_row.name,
                        diff(None, after),
                    )
                )
            else:
                before = _person_state(
                    existing_person,
                    existing_person.unit.external_id if existing_person.unit else "",
                )
                changes = diff(before, after)
                if changes:
                    plan.changes.append(
                        Change("update", "person", person_row.external_id, person_row.name, changes)
                    )
        for external_id, person in people_by_ext.items():
            if remove_missing and person.is_active and external_id not in file_person_ids:
                plan.changes.append(
                    Change(
                        "remove", "person", external_id, person.name, {"is_active": [True, False]}
                    )
                )
    elif parsed.units is not None:
        # Units removed while their people stay would leave people in a closed unit.
        removed = {c.external_id for c in plan.changes if c.model == "unit" and c.kind == "remove"}
        if (
            removed
            and Person.objects.filter(unit__external_id__in=removed, is_active=True).exists()
        ):
            plan.errors.append(
                RowError(
                    units_sheet,
                    1,
                    "",
                    _(
                        "Units missing from the file still have people; "
                        "import the people file at the same time."
                    ),
                )
            )
    plan.errors.sort(key=lambda e: (e.sheet, e.row))
    return plan


def _has_cycle(start: str, parents: dict[str, str]) -> bool:
    seen = {start}
    current = parents.get(start, "")
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current, "")
    return False


def _depth(external_id: str, parents: dict[str, str]) -> int:
    depth = 0
    current = parents.get(external_id, "")
    while current:
        depth += 1
        current = parents.get(current, "")
    return depth


def unit_paths_rebuild() -> int:
    """Recompute every unit's materialised path from its parent links; returns units changed."""
    rows = list(Unit.objects.values_list("id", "parent_id", "path"))
    parent_of = {pk: parent for pk, parent, _ in rows}
    changed = []
    for pk, _parent, old_path in rows:
        chain = [pk]
        current = parent_of[pk]
        while current is not None and len(chain) < 50:
            chain.append(current)
            current = parent_of[current]
        new_path = "/" + "/".join(str(part) for part in reversed(chain)) + "/"
        if new_path != old_path:
            changed.append(Unit(id=pk, path=new_path))
    Unit.objects.bulk_update(changed, ["path"], batch_size=BATCH)
    return len(changed)


class ImportAlreadyApplied(Exception):
    """A stored import was applied by someone else (or by a double click) in the meantime."""


def org_import_apply(
    *,
    plan: ImportPlan,
    by: User | None,
    progress: Progress | None = None,
    record: OrgImport | None = None,
) -> None:
    """Apply a valid import plan in one transaction, with an audit entry per change.

    With `record` (a stored upload) the record is locked and marked applied in the same
    transaction, so it can be applied only once.
    """
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    require_permission(by, "organisation.import_org")
    tick = progress or (lambda n: None)
    entries: list[AuditEntry] = []
    with transaction.atomic():
        if record is not None:
            locked = OrgImport.objects.select_for_update().get(pk=record.pk)
            if locked.status != OrgImport.Status.PREVIEWED:
                raise ImportAlreadyApplied(record.pk)
        if plan.units is not None:
            _apply_units(plan, by, entries, tick)
        if plan.people is not None:
            _apply_people(plan, by, entries, tick)
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
        if record is not None:
            _mark_applied(record=record, plan=plan, by=by)


def _apply_units(
    plan: ImportPlan, by: User | None, entries: list[AuditEntry], tick: Progress
) -> None:
    assert plan.units is not None
    by_ext: dict[str, Unit] = {
        u.external_id or "": u for u in Unit.objects.exclude(external_id=None)
    }
    parents = {row.external_id: row.parent for row in plan.units}
    change_by_ext = {c.external_id: c for c in plan.changes if c.model == "unit"}
    # Parents before children, so every new unit's parent already has a key.
    depth_of = {row.external_id: _depth(row.external_id, parents) for row in plan.units}
    for depth in sorted(set(depth_of.values())):
        layer = [row for row in plan.units if depth_of[row.external_id] == depth]
        new_units: list[Unit] = []
        updated_units: list[Unit] = []
        for row in layer:
            change = change_by_ext.get(row.external_id)
            parent = by_ext.get(row.parent) if row.parent else None
            if change is None:
                continue
            if change.kind == "create":
                unit = Unit(
                    external_id=row.external_id,
                    name=row.name,
                    level=row.level,
                    parent=parent,
                    is_active=True,
                )
                new_units.append(unit)
            else:
                unit = by_ext[row.external_id]
                unit.name, unit.level, unit.parent, unit.is_active = (
                    row.name,
                    row.level,
                    parent,
                    True,
                )
                updated_units.append(unit)
        Unit.objects.bulk_create(new_units, batch_size=BATCH)
        Unit.objects.bulk_update(
            updated_units, ["name", "level", "parent", "is_active"], batch_size=BATCH
        )
        for unit in [*new_units, *updated_units]:
            by_ext[unit.external_id or ""] = unit
            change = change_by_ext[unit.external_id or ""]
            entries.append(
                audit_entry(
                    actor=by,
                    action=f"organisation.unit.{change.kind}",
                    target=unit,
                    changes=change.changes,
                )
            )
        tick(len(layer))
    removed = [c for c in plan.changes if c.model == "unit" and c.kind == "remove"]
    removed_units = [by_ext[c.external_id] for c in removed]
    for unit in removed_units:
        unit.is_active = False
        entries.append(
            audit_entry(
                actor=by,
                action="organisation.unit.remove",
                target=unit,
                changes={"is_active": [True, False]},
            )
        )
    Unit.objects.bulk_update(removed_units, ["is_active"], batch_size=BATCH)
    unit_paths_rebuild()


def _apply_people(
    plan: ImportPlan, by: User | None, entries: list[AuditEntry], tick: Progress
) -> None:
    assert plan.people is not None
    unit_ids = dict(Unit.objects.exclude(external_id=None).values_list("external_id", "id"))
    by_ext: dict[str, Person] = {
        p.external_id or "": p for p in Person.objects.exclude(external_id=None)
    }
    change_by_ext = {c.external_id: c for c in plan.changes if c.model == "person"}
    for start in range(0, len(plan.people), BATCH):
        batch = plan.people[start : start + BATCH]
        new_people: list[Person] = []
        updated_people: list[Person] = []
        for row in batch:
            change = change_by_ext.get(row.external_id)
            if change is None:
                continue
            person = by_ext.get(row.external_id) or Person(external_id=row.external_id)
            person.name, person.title, person.email = row.name, row.title, row.email
            person.unit_id = unit_ids[row.unit]
            person.is_manager, person.is_active = row.is_manager, True
            (new_people if change.kind == "create" else updated_people).append(person)
        Person.objects.bulk_create(new_people)
        Person.objects.bulk_update(
            updated_people, ["name", "title", "email", "unit", "is_manager", "is_active"]
        )
        for person in [*new_people, *updated_people]:
            change = change_by_ext[person.external_id or ""]
            entries.append(
                audit_entry(
                    actor=by,
                    action=f"organisation.person.{change.kind}",
                    target=person,
                    changes=change.changes,
                    subject=person,
                )
            )
        tick(len(batch))
    removed = [
        by_ext[c.external_id] for c in plan.changes if c.model == "person" and c.kind == "remove"
    ]
    for person in removed:
        person.is_active = False
        entries.append(
            audit_entry(
                actor=by,
                action="organisation.person.remove",
                target=person,
                changes={"is_active": [True, False]},
                subject=person,
            )
        )
    Person.objects.bulk_update(removed, ["is_active"], batch_size=BATCH)


def org_import_upload(
    *, units_file: Any | None, people_file: Any | None, plan: ImportPlan, by: User | None
) -> OrgImport:
    """Keep an uploaded import and its dry-run result until someone applies it."""
    require_permission(by, "organisation.import_org")
    summary = plan.summary()
    record = OrgImport(created_by=by, summary=summary)
    if units_file is not None:
        record.units_file.save(units_file.name, units_file, save=False)
    if people_file is not None:
        record.people_file.save(people_file.name, people_file, save=False)
    with transaction.atomic():
        record.save()
        audit_record(
            actor=by,
            action="organisation.import.upload",
            target=record,
            after={"counts": summary["counts"], "errors": len(plan.errors)},
        )
    return record


def _mark_applied(*, record: OrgImport, plan: ImportPlan, by: User | None) -> None:
    """Record that a stored import was applied, with the result as it was applied."""
    before = snapshot(record, ["status"])
    record.status = OrgImport.Status.APPLIED
    record.applied_at = timezone.now()
    record.summary = plan.summary()
    record.save(update_fields=["status", "applied_at", "summary"])
    audit_record(
        actor=by,
        action="organisation.import.apply",
        target=record,
        before=before,
        after=snapshot(record, ["status"]),
    )


def org_import_recheck_failed(*, record: OrgImport, plan: ImportPlan, by: User | None) -> None:
    """Keep the errors found when a stored import was checked again just before applying."""
    require_permission(by, "organisation.import_org")
    with transaction.atomic():
        before = {"errors": record.summary.get("error_count", 0)}
        record.summary = plan.summary()
        record.save(update_fields=["summary"])
        audit_record(
            actor=by,
            action="organisation.import.recheck",
            target=record,
            before=before,
            after={"errors": len(plan.errors)},
        )


# --- forums, the secretariat and accounts --------------------------------------------------


def forum_create(
    *, name: str, slug: str, kind: str, description: str = "", by: User | None
) -> Forum:
    """Create a forum."""
    require_permission(by, "organisation.manage_forums")
    with transaction.atomic():
        forum = Forum.objects.create(name=name, slug=slug, kind=kind, description=description)
        audit_record(
            actor=by,
            action="organisation.forum.create",
            target=forum,
            after=snapshot(forum, ["name", "slug", "kind", "description"]),
        )
    return forum


def forum_meeting_create(
    *,
    forum: Forum,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    by: User | None,
) -> ForumMeeting:
    """Schedule a meeting of a forum."""
    require_permission(by, "organisation.manage_forums")
    with transaction.atomic():
        meeting = ForumMeeting.objects.create(
            forum=forum, title=title, starts_at=starts_at, location=location
        )
        audit_record(
            actor=by,
            action="organisation.forum_meeting.create",
            target=meeting,
            after=snapshot(meeting, ["title", "starts_at", "location"]),
        )
    return meeting


def forum_member_add(
    *, forum: Forum, person: Person, role: str = ForumMembership.Role.MEMBER, by: User | None
) -> ForumMembership:
    """Add a person to a forum, or change their role in it."""
    require_permission(by, "organisation.manage_forums")
    with transaction.atomic():
        membership, created = ForumMembership.objects.get_or_create(
            forum=forum, person=person, defaults={"role": role}
        )
        if not created and membership.role == role:
            return membership  # nothing changed, so nothing to log
        before = None if created else {"role": membership.role}
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=by,
            action="organisation.forum_member.add",
            target=membership,
            before=before,
            after={"forum": forum.name, "role": role},
            subject=person,
        )
    return membership


def secretariat_assign(
    *,
    person: Person,
    role: str,
    hours_per_week: Decimal,
    starts_on: datetime.date,
    by: User | None,
) -> SecretariatAssignment:
    """Place a person in the network secretariat with their weekly hours."""
    require_permission(by, "organisation.manage_secretariat")
    with transaction.atomic():
        assignment = SecretariatAssignment.objects.create(
            person=person, role=role, hours_per_week=hours_per_week, starts_on=starts_on
        )
        audit_record(
            actor=by,
            action="organisation.secretariat.assign",
            target=assignment,
            after=snapshot(assignment, ["role", "hours_per_week", "starts_on"]),
            subject=person,
        )
    return assignment


def person_update(*, person: Person, by: User | None, **fields: Any) -> Person:
    """Change a person's own fields (kind, innovator flag, contact details)."""
    allowed = {"name", "title", "email", "kind", "is_innovator", "unit", "is_manager"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"person_update cannot change {sorted(unknown)}")
    require_permission(by, "organisation.change_person", person)
    with transaction.atomic():
        before = snapshot(person, fields)
        for name, value in fields.items():
            setattr(person, name, value)
        person.save(update_fields=[*fields])
        audit_record(
            actor=by,
            action="organisation.person.update",
            target=person,
            before=before,
            after=snapshot(person, fields),
            subject=person,
        )
    return person


def person_link_user(*, person: Person, user: User, by: User | None) -> Person:
    """Connect a person to the account they sign in with."""
    require_permission(by, "organisation.change_person", person)
    with transaction.atomic():
        before = {"user": str(person.user) if person.user_id else None}
        person.user = user
        person.save(update_fields=["user"])
        audit_record(
            actor=by,
            action="organisation.person.link_user",
            target=person,
            before=before,
            after={"user": user.get_username()},
            subject=person,
        )
    return person


def person_create(
    *, name: str, kind: str = Person.Kind.EMPLOYEE, email: str = "", by: User | None
) -> Person:
    """Create a person outside the imported organisation: a politician or an invited guest."""
    require_permission(by, "organisation.change_person")
    with transaction.atomic():
        person = Person.objects.create(name=name, kind=kind, email=email)
        audit_record(
            actor=by,
            action="organisation.person.create",
            target=person,
            after=snapshot(person, ["name", "kind", "email"]),
            subject=person,
        )
    return person


# --- the career portfolio ------------------------------------------------------------------

TRAINING_FIELDS = ["kind", "title", "provider", "started_on", "completed_on", "hours", "ects"]


def training_add(
    *,
    person: Person,
    kind: str,
    title: str,
    started_on: datetime.date,
    provider: str = "",
    completed_on: datetime.date | None = None,
    hours: Decimal | None = None,
    ects: Decimal | None = None,
    by: User | None,
) -> Training:
    """Record a training or course in a person's portfolio (the secretariat, or the person's own
    courses)."""
    from .rules import SELF_KINDS

    require_permission(by, "organisation.add_training", person)
    if by is not None and kind not in SELF_KINDS:
        require_permission(by, "organisation.manage_training")
    if completed_on is not None and completed_on < started_on:
        raise ValueError("A training cannot be completed before it starts.")
    with transaction.atomic():
        training = Training.objects.create(
            person=person,
            kind=kind,
            title=title,
            provider=provider,
            started_on=started_on,
            completed_on=completed_on,
            hours=hours,
            ects=ects,
        )
        audit_record(
            actor=by,
            action="organisation.training.add",
            target=training,
            after=snapshot(training, TRAINING_FIELDS),
            subject=person,
        )
    return training


def training_remove(*, training: Training, by: User | None) -> None:
    """Take a training out of a person's portfolio."""
    require_permission(by, "organisation.remove_training", training)
    with transaction.atomic():
        before = snapshot(training, TRAINING_FIELDS)
        audit_record(
            actor=by,
            action="organisation.training.remove",
            target=training,
            before=before,
            subject=training.person,
        )
        training.delete()
