"""Who may see and do what with networks. The only place these decisions live.

Seeing a network:
- the secretariat sees every network;
- a participant (guests included) sees their own networks;
- a politician sees the networks of their committees, read-only, and no others;
- a guest sees only the networks they were invited into;
- any other employee sees every network that is not private.
`visible_networks` is the same rule as a query, for lists; `can_view_network` for one network.
A network someone may not see does not exist for them (404).
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from netvaerk.organisation.models import Person
from netvaerk.organisation.rules import (
    is_guest,
    is_internal,
    is_secretariat,
    person_id_of,
    person_of,
)

from .models import Network, Participation, Phase

Role = Participation.Role
# Those who run a network: they change it, its participants, meetings and contract.
RUNNING_ROLES = (Role.LEADER, Role.CO_DRIVER, Role.SPONSOR)


def _roles(user: Any, network: Network) -> set[str]:
    """The user's active roles in the network, asked once per user and network."""
    cache = getattr(user, "_network_roles", None)
    if cache is None:
        cache = user._network_roles = {}
    if network.pk not in cache:
        person_id = person_id_of(user)
        cache[network.pk] = (
            set(
                Participation.objects.filter(
                    network=network, person_id=person_id, left_on=None
                ).values_list("role", flat=True)
            )
            if person_id
            else set()
        )
    return cache[network.pk]


def _is_politician(user: Any) -> bool:
    person = person_of(user)
    return bool(person and person.kind == Person.Kind.POLITICIAN)


@rules.predicate
def is_participant(user: Any, network: Network | None) -> bool:
    return network is not None and bool(_roles(user, network))


@rules.predicate
def runs_network(user: Any, network: Network | None) -> bool:
    return network is not None and bool(_roles(user, network) & set(RUNNING_ROLES))


@rules.predicate
def is_sponsor(user: Any, network: Network | None) -> bool:
    return network is not None and Role.SPONSOR in _roles(user, network)


@rules.predicate
def is_committee_member(user: Any, network: Network | None) -> bool:
    person_id = person_id_of(user)
    if network is None or person_id is None or network.committee_id is None:
        return False
    cache = getattr(user, "_committee_ids", None)
    if cache is None:
        person = person_of(user)
        cache = user._committee_ids = (
            set(person.committees.values_list("pk", flat=True)) if person else set()
        )
    return network.committee_id in cache


@rules.predicate
def is_politician(user: Any) -> bool:
    return _is_politician(user)


@rules.predicate
def is_public(user: Any, network: Network | None) -> bool:
    return network is not None and not network.is_private


@rules.predicate
def is_open(user: Any, network: Network | None) -> bool:
    return network is not None and network.phase != Phase.CLOSED


def visible_networks(user: Any, networks: QuerySet[Network] | None = None) -> QuerySet[Network]:
    """The networks `user` may see (the rule of this module's docstring, as a query)."""
    networks = networks if networks is not None else Network.objects.all()
    if not getattr(user, "is_authenticated", False):
        return networks.none()
    if is_secretariat(user):
        return networks
    person_id = person_id_of(user) or 0  # no person takes part in anything
    own = Q(
        pk__in=Participation.objects.filter(person_id=person_id, left_on=None).values("network_id")
    )
    if is_guest(user):
        return networks.filter(own)
    if _is_politician(user):
        return networks.filter(own | Q(committee__members__pk=person_id)).distinct()
    return networks.filter(own | Q(is_private=False))


can_view_network = (
    is_secretariat
    | is_participant
    | is_committee_member
    | (is_internal & ~is_politician & is_public)
)

rules.add_perm("networks.view_network_list", rules.is_authenticated)
rules.add_perm("networks.view_network", can_view_network)
rules.add_perm("networks.change_network", is_secretariat | runs_network)
rules.add_perm("networks.change_phase", is_secretariat | runs_network)
rules.add_perm("networks.manage_participants", is_secretariat | runs_network)
rules.add_perm("networks.invite_guest", is_secretariat | runs_network)
rules.add_perm("networks.manage_committees", is_secretariat)
# The records of the network's work: participants other than guests write them.
rules.add_perm(
    "networks.write_logs",
    is_secretariat | (is_participant & ~is_guest),
)


def approving_managers_q(manager: Person) -> Q:
    """Participations whose hours `manager` approves, as a filter on Participation.

    A manager approves the hours of the people in their own unit and of the managers of the
    units directly below it (a manager's hours are approved one level up).
    """
    if not manager.is_manager or manager.unit_id is None:
        return Q(pk__in=[])
    return (Q(person__unit_id=manager.unit_id) & ~Q(person_id=manager.pk)) | Q(
        person__is_manager=True, person__unit__parent_id=manager.unit_id
    )


@rules.predicate
def manages_participant(user: Any, participation: Participation | None) -> bool:
    person = person_of(user)
    if participation is None or person is None:
        return False
    return Participation.objects.filter(approving_managers_q(person), pk=participation.pk).exists()


rules.add_perm("networks.approve_hours", manages_participant)
