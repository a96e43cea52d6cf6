"""Reads of contracts and of the approvals waiting for someone, each with a bounded number of
queries."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from netvaerk.networks.models import Milestone, Network, Participation
from netvaerk.networks.rules import approving_managers_q
from netvaerk.organisation.models import Person

from .models import Contract, ContractTemplate, ContractVersion
from .snapshots import ROLE_ORDER

# How many waiting approvals of each kind the overview page shows before "see all".
OVERVIEW_LIMIT = 5


def contract_of(network: Network) -> Contract | None:
    return (
        Contract.objects.select_related("anchoring_owner", "approved_by", "template")
        .filter(network=network)
        .first()
    )


def contract_participants(network: Network) -> QuerySet[Participation]:
    """The network's active participants, roles first in the contract's order."""
    order = Case(
        *(When(role=role, then=Value(n)) for n, role in enumerate(ROLE_ORDER)),
        output_field=IntegerField(),
    )
    return (
        Participation.objects.filter(network=network, left_on=None)
        .select_related("person", "person__unit", "approved_by")
        .annotate(role_order=order)
        .order_by("role_order", "person__name", "id")
    )


def contract_milestones(network: Network) -> QuerySet[Milestone]:
    return Milestone.objects.filter(network=network).order_by("due_on", "id")


def contract_versions(contract: Contract) -> QuerySet[ContractVersion]:
    return ContractVersion.objects.filter(contract=contract).select_related("created_by")


def version_with_previous(
    contract: Contract, number: int
) -> tuple[ContractVersion | None, ContractVersion | None]:
    """Version `number` and the one before it, in one query."""
    found = {
        v.number: v for v in contract_versions(contract).filter(number__in=[number, number - 1])
    }
    return found.get(number), found.get(number - 1)


def version_data(contract: Contract, numbers: list[int]) -> dict[int, dict]:
    """The snapshots of the given versions, by number."""
    return dict(
        ContractVersion.objects.filter(contract=contract, number__in=numbers).values_list(
            "number", "data"
        )
    )


def approvable_ids(person: Person | None, network: Network) -> set[int]:
    """The participations in `network` whose hours `person` approves (one query)."""
    if person is None:
        return set()
    return set(
        Participation.objects.filter(
            approving_managers_q(person), network=network, left_on=None
        ).values_list("pk", flat=True)
    )


def contracts_waiting_for(person: Person | None) -> QuerySet[Contract]:
    """Contracts `person` sponsors whose latest version is not approved."""
    if person is None:
        return Contract.objects.none()
    return (
        Contract.objects.filter(
            network__participations__person=person,
            network__participations__role=Participation.Role.SPONSOR,
            network__participations__left_on=None,
        )
        .exclude(approved_version=F("version"))
        .select_related("network")
        .order_by("network__title", "pk")
        .distinct()
    )


def hours_waiting_for(person: Person | None) -> QuerySet[Participation]:
    """Participations whose hours `person` approves as their manager and has not yet."""
    if person is None:
        return Participation.objects.none()
    return (
        Participation.objects.filter(
            approving_managers_q(person), left_on=None, hours_per_week__gt=0
        )
        .exclude(approved_hours=F("hours_per_week"))
        .select_related("person", "network")
        .order_by("person__name", "network__title", "pk")
    )


def templates() -> QuerySet[ContractTemplate]:
    return ContractTemplate.objects.order_by("kind")
