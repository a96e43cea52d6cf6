"""Every write to contracts, their templates, approvals and the approval of hours."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.networks.models import Milestone, Network, Participation
from netvaerk.organisation.models import Person
from netvaerk.organisation.rules import person_of

from .models import TEXT_FIELDS, Contract, ContractTemplate, ContractVersion
from .snapshots import contract_snapshot

TEMPLATE_FIELDS = ["title", *TEXT_FIELDS]
CONTRACT_FIELDS = [*TEXT_FIELDS, "starts_on", "ends_on", "anchoring_owner"]


class StaleContract(Exception):
    """The contract was saved by someone else since the editor loaded it."""

    def __init__(self, current: Contract) -> None:
        super().__init__("stale contract")
        self.current = current


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone as the editor left it; `id` is None for a new one."""

    title: str
    due_on: datetime.date
    done: bool = False
    id: int | None = None


# --- templates -----------------------------------------------------------------------------------


def contract_template_create(
    *, kind: str, title: str, by: User | None, **fields: str
) -> ContractTemplate:
    """Create the template for a type of network (one per type)."""
    require_permission(by, "contracts.manage_templates")
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown template fields: {sorted(unknown)}")
    with transaction.atomic():
        if ContractTemplate.objects.filter(kind=kind).exists():
            raise ValidationError({"kind": _("This type of network has a template already.")})
        template = ContractTemplate.objects.create(kind=kind, title=title, **fields)
        audit_record(
            actor=by,
            action="contracts.template.create",
            target=template,
            after=snapshot(template, ["kind", *TEMPLATE_FIELDS]),
        )
    return template


def contract_template_update(
    *, template: ContractTemplate, by: User | None, **fields: str
) -> ContractTemplate:
    """Change a template's text; contracts made from it before keep their own text."""
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown template fields: {sorted(unknown)}")
    require_permission(by, "contracts.manage_templates")
    with transaction.atomic():
        current = ContractTemplate.objects.select_for_update().get(pk=template.pk)
        before = snapshot(current, TEMPLATE_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.updated_at = timezone.now()
        current.save()
        audit_record(
            actor=by,
            action="contracts.template.update",
            target=current,
            before=before,
            after=snapshot(current, TEMPLATE_FIELDS),
        )
    return current


# --- contracts -----------------------------------------------------------------------------------


def _save_version(contract: Contract, by: User | None) -> ContractVersion:
    return ContractVersion.objects.create(
        contract=contract,
        number=contract.version,
        data=contract_snapshot(contract),
        created_by=person_of(by) if by else None,
    )


def contract_create(*, network: Network, by: User | None) -> Contract:
    """Create the network's contract from its type's template (version 1).

    The template's purpose and problem are replaced by the network's own when they are empty.
    A second call (a double click) returns the contract that is there.
    """
    require_permission(by, "contracts.change_contract", network)
    existing = Contract.objects.filter(network=network).first()
    if existing is not None:
        return existing
    template = ContractTemplate.objects.filter(kind=network.kind).first()
    values = {name: getattr(template, name) if template else "" for name in TEXT_FIELDS}
    values["purpose"] = values["purpose"] or network.purpose
    values["problem"] = values["problem"] or network.problem
    try:
        with transaction.atomic():
            contract = Contract.objects.create(network=network, template=template, **values)
            _save_version(contract, by)
            audit_record(
                actor=by,
                action="contracts.contract.create",
                target=contract,
                after={"network": network.title, "template": str(template or "")},
            )
    except IntegrityError:  # someone created it at the same moment
        return Contract.objects.get(network=network)
    return contract


def _sync_milestones(network: Network, rows: Iterable[MilestoneRow]) -> None:
    """Make the network's milestones the given list: update, add, and remove the others."""
    existing = {m.pk: m for m in Milestone.objects.select_for_update().filter(network=network)}
    keep: set[int] = set()
    for row in rows:
        milestone = existing.get(row.id) if row.id else None
        if milestone is None:  # new, or removed by someone else meanwhile
            Milestone.objects.create(
                network=network, title=row.title, due_on=row.due_on, done=row.done
            )
            continue
        keep.add(milestone.pk)
        if (milestone.title, milestone.due_on, milestone.done) != (row.title, row.due_on, row.done):
            milestone.title, milestone.due_on, milestone.done = row.title, row.due_on, row.done
            milestone.save(update_fields=["title", "due_on", "done"])
    removed = [pk for pk in existing if pk not in keep]
    if removed:
        Milestone.objects.filter(pk__in=removed).delete()


def contract_update(
    *,
    contract: Contract,
    version: int,
    by: User | None,
    milestones: Iterable[MilestoneRow] | None = None,
    **fields: Any,
) -> Contract:
    """Save a change as a new version; refused with StaleContract if saved since `version`.

    A saved change reopens the sponsor's approval (the approved version is no longer the
    latest). Saving without any change makes no new version.
    """
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown contract fields: {sorted(unknown)}")
    starts_on = fields.get("starts_on", contract.starts_on)
    ends_on = fields.get("ends_on", contract.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    with transaction.atomic():
        current = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("network", "anchoring_owner")
            .get(pk=contract.pk)
        )
        require_permission(by, "contracts.change_contract", current.network)
        if current.version != version:
            raise StaleContract(current)
        before = contract_snapshot(current)
        for name, value in fields.items():
            setattr(current, name, value)
        if milestones is not None:
            _sync_milestones(current.network, milestones)
        after = contract_snapshot(current)
        if after == before:
            return current
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        ContractVersion.objects.create(
            contract=current,
            number=current.version,
            data=after,
            created_by=person_of(by) if by else None,
        )
        audit_record(
            actor=by,
            action="contracts.contract.update",
            target=current,
            before={**before, "version": version},
            after={**after, "version": current.version},
        )
    return current


def contract_approve(
    *, contract: Contract, version: int, by: User | None, approver: Person | None = None
) -> Contract:
    """The sponsor approves the version they read; refused with StaleContract if it is not
    the latest any more. `approver` names the sponsor when the system approves (demo)."""
    with transaction.atomic():
        current = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("network")
            .get(pk=contract.pk)
        )
        require_permission(by, "contracts.approve_contract", current.network)
        if current.version != version:
            raise StaleContract(current)
        if current.is_approved:
            return current
        current.approved_version = current.version
        current.approved_by = person_of(by) if by else approver
        current.approved_at = timezone.now()
        current.save(update_fields=["approved_version", "approved_by", "approved_at"])
        audit_record(
            actor=by,
            action="contracts.contract.approve",
            target=current,
            after={"version": current.version, "approved_by": str(current.approved_by or "")},
        )
    return current


# --- hours ---------------------------------------------------------------------------------------


def participation_approve_hours(
    *,
    participation: Participation,
    by: User | None,
    hours_seen: Decimal | None = None,
    approver: Person | None = None,
) -> Participation:
    """The participant's manager approves the hours per week they have committed.

    `hours_seen` is what the manager was shown; if the hours changed since, nothing is
    approved. A later change of hours (networks.services.participation_update) needs a new
    approval, since the approved hours no longer equal the hours per week.
    """
    with transaction.atomic():
        current = (
            Participation.objects.select_for_update(of=("self",))
            .select_related("person", "network")
            .get(pk=participation.pk)
        )
        require_permission(by, "networks.approve_hours", current)
        if hours_seen is not None and Decimal(hours_seen) != current.hours_per_week:
            raise ValidationError(
                _("The hours were changed to %(hours)s per week before you approved them.")
                % {"hours": current.hours_per_week}
            )
        if current.hours_approved:
            return current
        before = snapshot(current, ["approved_hours"])
        current.approved_hours = current.hours_per_week
        current.approved_by = person_of(by) if by else approver
        current.approved_at = timezone.now()
        current.save(update_fields=["approved_hours", "approved_by", "approved_at"])
        audit_record(
            actor=by,
            action="contracts.participation.approve_hours",
            target=current,
            before=before,
            after={
                "approved_hours": str(current.approved_hours),
                "network": current.network.title,
            },
            subject=current.person,
        )
    return current
