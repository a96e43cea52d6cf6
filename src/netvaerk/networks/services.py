"""Every write to networks goes through a function here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.organisation.models import Person, Unit

from .models import Network


def network_create(
    *,
    title: str,
    kind: str,
    purpose: str = "",
    problem: str = "",
    units: Iterable[Unit] = (),
    proposer: Person | None = None,
    by: User | None,
) -> Network:
    """Create a network in phase introduktion.

    Callers check their own permission: today the only caller is the forum decision that
    selects an idea (`ideas.services.idea_decide`).
    """
    with transaction.atomic():
        network = Network.objects.create(
            title=title, kind=kind, purpose=purpose, problem=problem, proposer=proposer
        )
        network.units.set(units)
        audit_record(
            actor=by,
            action="networks.network.create",
            target=network,
            after=snapshot(network, ["title", "kind", "phase", "proposer"]),
        )
    return network
