"""Every write to networks, their participants, committees and invitations goes through here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.organisation.models import Person, Unit
from netvaerk.organisation.rules import person_of

from . import phases
from .models import Committee, Invitation, Network, NetworkType, Participation, Phase
from .tasks import send_invitation_email

NETWORK_FIELDS = [
    "title",
    "kind",
    "purpose",
    "problem",
    "is_private",
    "citizen_service",
    "political_vision",
    "committee",
    "test_plan",
    "evaluation_result",
    "closing_summary",
]
AUDIT_FIELDS = [*NETWORK_FIELDS, "phase"]
PARTICIPATION_FIELDS = [
    "role",
    "kind",
    "phases",
    "hours_per_week",
    "expected_contribution",
    "application_plan",
]
INVITATION_DAYS = 30


class StaleNetwork(Exception):
    """The network was saved by someone else since the editor loaded it."""

    def __init__(self, current: Network) -> None:
        super().__init__("stale network")
        self.current = current


def type_field_errors(*, kind: str, citizen_service: str, political_vision: str) -> dict[str, str]:
    """What a network of `kind` must say about itself (DESIGN.md §3's type rules)."""
    errors = {}
    if kind == NetworkType.WELFARE and not citizen_service.strip():
        errors["citizen_service"] = _("A welfare network names the citizen-facing service.")
    if kind == NetworkType.INNOVATION and not political_vision.strip():
        errors["political_vision"] = _(
            "An innovation network names the political vision it serves."
        )
    return errors


def network_create(
    *,
    title: str,
    kind: str,
    purpose: str = "",
    problem: str = "",
    units: Iterable[Unit] = (),
    proposer: Person | None = None,
    by: User | None,
    **fields: Any,
) -> Network:
    """Create a network in phase introduktion.

    Callers check their own permission: the forum decision that selects an idea
    (`ideas.services.idea_decide`), the demo and the secretariat's tools.
    """
    with transaction.atomic():
        network = Network.objects.create(
            title=title, kind=kind, purpose=purpose, problem=problem, proposer=proposer, **fields
        )
        network.units.set(units)
        audit_record(
            actor=by,
            action="networks.network.create",
            target=network,
            after=snapshot(network, ["title", "kind", "phase", "proposer"]),
        )
    return network


def network_update(*, network: Network, version: int, by: User | None, **fields: Any) -> Network:
    """Change a network's description; refused with StaleNetwork if saved since `version`."""
    unknown = set(fields) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"unknown network fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Network.objects.select_for_update().get(pk=network.pk)
        require_permission(by, "networks.change_network", current)
        if current.version != version:
            raise StaleNetwork(current)
        before = snapshot(current, AUDIT_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        errors = type_field_errors(
            kind=current.kind,
            citizen_service=current.citizen_service,
            political_vision=current.political_vision,
        )
        if errors:
            raise ValidationError(errors)
        current.version += 1
        current.save()
        audit_record(
            actor=by,
            action="networks.network.update",
            target=current,
            before=before,
            after=snapshot(current, AUDIT_FIELDS),
        )
    return current


def network_move_phase(*, network: Network, target: str, by: User | None) -> Network:
    """Move the network through a gate; refused unless the gate's precondition is met."""
    with transaction.atomic():
        current = Network.objects.select_for_update().get(pk=network.pk)
        require_permission(by, "networks.change_phase", current)
        step = phases.gate(current, target)
        if step is None:
            raise ValidationError(
                _("A network in phase “%(phase)s” cannot go to “%(target)s”.")
                % {"phase": current.get_phase_display(), "target": Phase(target).label}
            )
        if not step.check(current):
            raise ValidationError(
                _("Not yet: the step needs %(needs)s (%(who)s).")
                % {"needs": step.needs, "who": step.who}
            )
        before = snapshot(current, ["phase"])
        current.phase = target
        current.phase_changed_at = timezone.now()
        current.save(update_fields=["phase", "phase_changed_at"])
        audit_record(
            actor=by,
            action="networks.network.move_phase",
            target=current,
            before=before,
            after=snapshot(current, ["phase"]),
        )
    return current


# --- participants ------------------------------------------------------------------------------


def _check_participation(network: Network, values: dict[str, Any]) -> None:
    errors = {}
    hours = Decimal(values.get("hours_per_week") or 0)
    if hours < 0 or hours > 37:
        errors["hours_per_week"] = _("Hours per week are between 0 and 37.")
    role = values.get("role")
    if (
        network.kind == NetworkType.LEARNING
        and role == Participation.Role.PARTICIPANT
        and not str(values.get("application_plan", "")).strip()
    ):
        errors["application_plan"] = _(
            "In a learning network each participant states how they will apply the learning "
            "in their own unit."
        )
    if values.get("kind") == Participation.Kind.PHASE and not str(values.get("phases", "")):
        errors["phases"] = _("Name the phases a phase participant takes part in.")
    if errors:
        raise ValidationError(errors)


def participation_add(
    *,
    network: Network,
    person: Person,
    by: User | None,
    role: str = Participation.Role.PARTICIPANT,
    kind: str = Participation.Kind.CORE,
    phases: str = "",
    hours_per_week: Decimal | int = 0,
    expected_contribution: str = "",
    application_plan: str = "",
    joined_on: datetime.date | None = None,
) -> Participation:
    """Add a person to a network (from any unit), or bring back someone who had left."""
    require_permission(by, "networks.manage_participants", network)
    values = {
        "role": role,
        "kind": kind,
        "phases": phases,
        "hours_per_week": Decimal(hours_per_week),
        "expected_contribution": expected_contribution,
        "application_plan": application_plan,
    }
    _check_participation(network, values)
    with transaction.atomic():
        participation, created = Participation.objects.get_or_create(
            network=network, person=person, defaults=values
        )
        if not created:
            if participation.left_on is None:
                raise ValidationError(
                    {"person": _("%(name)s takes part already.") % {"name": person.name}}
                )
            for name, value in values.items():
                setattr(participation, name, value)
            participation.left_on = None
        participation.joined_on = joined_on or timezone.localdate()
        participation.save()
        audit_record(
            actor=by,
            action="networks.participation.add",
            target=participation,
            after={"network": network.title, **snapshot(participation, PARTICIPATION_FIELDS)},
            subject=person,
        )
    return participation


def participation_update(
    *, participation: Participation, by: User | None, **fields: Any
) -> Participation:
    """Change a participant's role or hours; changed hours need their manager's approval again."""
    unknown = set(fields) - set(PARTICIPATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown participation fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Participation.objects.select_for_update().get(pk=participation.pk)
        require_permission(by, "networks.manage_participants", current.network)
        values = {**snapshot(current, PARTICIPATION_FIELDS), **fields}
        _check_participation(current.network, values)
        before = snapshot(current, PARTICIPATION_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
        audit_record(
            actor=by,
            action="networks.participation.update",
            target=current,
            before=before,
            after=snapshot(current, PARTICIPATION_FIELDS),
            subject=current.person,
        )
    return current


def participation_end(*, participation: Participation, by: User | None) -> Participation:
    """A participant leaves the network; their history stays."""
    with transaction.atomic():
        current = Participation.objects.select_for_update().get(pk=participation.pk)
        require_permission(by, "networks.manage_participants", current.network)
        if current.left_on is None:
            current.left_on = timezone.localdate()
            current.save(update_fields=["left_on"])
            audit_record(
                actor=by,
                action="networks.participation.end",
                target=current,
                after=snapshot(current, ["left_on"]),
                subject=current.person,
            )
    return current


# --- guests --------------------------------------------------------------------------------------


def invitation_create(*, network: Network, name: str, email: str, by: User | None) -> Invitation:
    """Invite a guest (citizen, partner) into this network only, by a link."""
    require_permission(by, "networks.invite_guest", network)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            network=network,
            name=name,
            email=email,
            created_by=person_of(by) if by else None,
            expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
        )
        audit_record(
            actor=by,
            action="networks.invitation.create",
            target=invitation,
            after={"network": network.title, "name": name, "email": email},
        )
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


def invitation_accept(
    *, invitation: Invitation, username: str, password: str
) -> tuple[User, Person]:
    """The guest makes their account; they become a guest participant of the network."""
    from netvaerk.core.services import user_create
    from netvaerk.organisation.services import person_create, person_link_user

    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.accepted_at is not None or current.expires_at < timezone.now():
            raise ValidationError(_("The invitation has been used or has expired."))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("The user name is taken. Choose another.")})
        user = user_create(username=username, password=password, email=current.email, by=None)
        person = person_create(
            name=current.name, kind=Person.Kind.GUEST, email=current.email, by=None
        )
        person_link_user(person=person, user=user, by=None)
        participation_add(
            network=current.network, person=person, role=Participation.Role.GUEST, by=None
        )
        current.accepted_by = person
        current.accepted_at = timezone.now()
        current.save(update_fields=["accepted_by", "accepted_at"])
        audit_record(
            actor=user,
            action="networks.invitation.accept",
            target=current,
            after={"network": current.network.title},
            subject=person,
        )
    return user, person


# --- committees --------------------------------------------------------------------------------


def committee_create(
    *, name: str, description: str = "", members: Iterable[Person] = (), by: User | None
) -> Committee:
    """Create a political committee (§17, stk. 4) whose members read its innovation networks."""
    require_permission(by, "networks.manage_committees")
    with transaction.atomic():
        committee = Committee.objects.create(name=name, description=description)
        committee.members.set(members)
        audit_record(
            actor=by,
            action="networks.committee.create",
            target=committee,
            after={"name": name, "members": ", ".join(p.name for p in committee.members.all())},
        )
    return committee
