"""Reads for the organisation pages: what one page shows, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import (
    Forum,
    ForumMeeting,
    ForumMembership,
    Person,
    SecretariatAssignment,
    Training,
    Unit,
)


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode]


def unit_tree(*, max_level: int = Unit.Level.CENTRE) -> list[TreeNode]:
    """Active units down to `max_level` as a tree (the whole tree is one query)."""
    units = list(
        Unit.objects.filter(is_active=True, level__lte=max_level)
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        .order_by("level", "name")
    )
    nodes = {unit.pk: TreeNode(unit, []) for unit in units}
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def unit_ancestors(unit: Unit) -> list[Unit]:
    ids = unit.ancestor_ids()
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def unit_children(unit: Unit) -> QuerySet[Unit]:
    return (
        unit.children.filter(is_active=True)
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        .order_by("name")
    )


def unit_managers(unit: Unit) -> list[Person]:
    return list(unit.people.filter(is_manager=True, is_active=True).order_by("name"))


def unit_people(unit: Unit) -> QuerySet[Person]:
    return unit.people.filter(is_active=True).order_by("-is_manager", "name", "id")


def person_for_page(person_id: int) -> Person:
    today = timezone.localdate()
    return (
        Person.objects.select_related("unit", "unit__parent")
        .prefetch_related(
            Prefetch(
                "forum_memberships",
                queryset=ForumMembership.objects.select_related("forum").order_by("forum__name"),
            ),
            Prefetch(
                "secretariat_assignments",
                queryset=SecretariatAssignment.objects.filter(starts_on__lte=today).exclude(
                    ends_on__lt=today
                ),
                to_attr="current_assignments",
            ),
        )
        .get(pk=person_id)
    )


def person_managers(person: Person) -> list[Person]:
    """The managers of the person's unit (not the person themself)."""
    if person.unit_id is None:
        return []
    return list(
        Person.objects.filter(unit_id=person.unit_id, is_manager=True, is_active=True)
        .exclude(pk=person.pk)
        .order_by("name")
    )


def forum_list() -> QuerySet[Forum]:
    return Forum.objects.annotate(member_count=Count("memberships")).order_by("name")


def forum_members(forum: Forum) -> QuerySet[ForumMembership]:
    return forum.memberships.select_related("person", "person__unit").order_by(
        "role", "person__name"
    )


def forum_meetings(forum: Forum) -> QuerySet[ForumMeeting]:
    """The forum's meetings, latest first, with the number of items on each agenda."""
    return forum.meetings.annotate(item_count=Count("agenda")).order_by("-starts_at", "-id")


def forum_next_meeting(forum: Forum) -> tuple[ForumMeeting | None, list[Any]]:
    """The forum's next meeting and the first items on its agenda (ideas, for now)."""
    meeting = (
        forum.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id").first()
    )
    if meeting is None:
        return None, []
    return meeting, list(meeting.agenda.select_related("idea").order_by("position", "id")[:20])


def person_search(query: str) -> QuerySet[Person]:
    return (
        Person.objects.filter(is_active=True)
        .filter(Q(name__icontains=query) | Q(email__iexact=query) | Q(title__icontains=query))
        .select_related("unit")
        .order_by("name", "id")
    )


# --- the career portfolio ----------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioEntry:
    """One network a person took part in. `title` is None when the viewer may not see the
    network: it is then shown as "a private network", without a link."""

    network_id: int
    title: str | None
    kind: str
    role: str
    participation: str
    joined_on: datetime.date
    left_on: datetime.date | None
    hours_per_week: Decimal

    @property
    def masked(self) -> bool:
        return self.title is None


def person_portfolio(person: Person, viewer: Any) -> list[PortfolioEntry]:
    """Every network the person took part in, newest first; two queries.

    A network the viewer may not see keeps its type, role, period and hours but not its title.
    The person themself sees all their own networks: they took part in them (the personal data
    export names them too).
    """
    from netvaerk.networks.models import Network, NetworkType, Participation
    from netvaerk.networks.rules import visible_networks

    from .rules import is_self

    rows = list(
        Participation.objects.filter(person=person)
        .select_related("network")
        .only(
            "role",
            "kind",
            "joined_on",
            "left_on",
            "hours_per_week",
            "network__title",
            "network__kind",
        )
        .order_by("-joined_on", "network__title", "pk")
    )
    ids = [row.network_id for row in rows]
    if is_self(viewer, person):
        visible = set(ids)
    else:
        visible = set(
            visible_networks(viewer, Network.objects.filter(pk__in=ids)).values_list(
                "pk", flat=True
            )
        )
    kinds = dict(NetworkType.choices)
    roles = dict(Participation.Role.choices)
    participations = dict(Participation.Kind.choices)
    return [
        PortfolioEntry(
            network_id=row.network_id,
            title=row.network.title if row.network_id in visible else None,
            kind=str(kinds.get(row.network.kind, row.network.kind)),
            role=str(roles.get(row.role, row.role)),
            participation=str(participations.get(row.kind, row.kind)),
            joined_on=row.joined_on,
            left_on=row.left_on,
            hours_per_week=row.hours_per_week,
        )
        for row in rows
    ]


def person_trainings(person: Person) -> list[Training]:
    """The person's trainings and courses, newest first; one query."""
    trainings = list(Training.objects.filter(person=person).order_by("-started_on", "-pk"))
    for training in trainings:
        training.person = person  # the permission checks ask for it; no query per row
    return trainings
