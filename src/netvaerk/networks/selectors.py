"""Reads of networks, each with a number of queries that does not grow with the data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from netvaerk.organisation.models import Person, Unit

from .models import Milestone, Network, Participation

Role = Participation.Role
# The order roles are listed in, the network's leadership first.
ROLE_ORDER = [
    Role.LEADER,
    Role.CO_DRIVER,
    Role.SPONSOR,
    Role.FACILITATOR,
    Role.PARTICIPANT,
    Role.GUEST,
]


def _active(network: Network | None = None) -> QuerySet[Participation]:
    """Active participations of `network`, or of the outer query's network."""
    if network is None:
        return Participation.objects.filter(network_id=OuterRef("pk"), left_on=None)
    return Participation.objects.filter(network=network, left_on=None)


def _count(queryset: QuerySet[Any], column: str, *, distinct: bool = False) -> Coalesce:
    counted = (
        queryset.order_by()
        .values("network")
        .annotate(n=Count(column, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _name_of(role: str) -> Subquery:
    names = _active().filter(role=role).order_by("joined_on", "pk").values("person__name")[:1]
    return Subquery(names, output_field=CharField())


def network_list(
    *,
    kind: str = "",
    phase: str = "",
    area: Unit | None = None,
    unit: Unit | None = None,
    person: Person | None = None,
) -> QuerySet[Network]:
    """Networks with their leader, sponsor, participants, units spanned and next milestone.

    `area` and `unit`: networks with an active participant there; `person`: their networks.
    Each column is a subquery on an index, so a page costs one query however many rows exist.
    """
    today = timezone.localdate()
    next_milestone = Milestone.objects.filter(
        network=OuterRef("pk"), done=False, due_on__gte=today
    ).order_by("due_on", "pk")
    networks = Network.objects.annotate(
        participant_count=_count(_active(), "pk"),
        unit_count=_count(_active(), "person__unit", distinct=True),
        leader_name=_name_of(Role.LEADER),
        sponsor_name=_name_of(Role.SPONSOR),
        next_milestone_on=Subquery(next_milestone.values("due_on")[:1], output_field=DateField()),
        next_milestone=Subquery(next_milestone.values("title")[:1], output_field=CharField()),
    ).defer(
        "purpose",
        "problem",
        "political_vision",
        "test_plan",
        "evaluation_result",
        "closing_summary",
    )
    if kind:
        networks = networks.filter(kind=kind)
    if phase:
        networks = networks.filter(phase=phase)
    if area is not None:
        networks = networks.filter(
            Exists(_active().filter(person__unit__path__startswith=area.path))
        )
    if unit is not None:
        networks = networks.filter(Exists(_active().filter(person__unit=unit)))
    if person is not None:
        networks = networks.filter(Exists(_active().filter(person=person)))
    return networks.order_by("-created_at", "-id")


def network_for_page(network_id: int) -> Network:
    return (
        Network.objects.select_related("proposer", "proposer__unit", "idea", "committee")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.only("name")))
        .get(pk=network_id)
    )


def participants(network: Network) -> QuerySet[Participation]:
    """The network's active participants, leadership first."""
    from django.db.models import Case, Value, When

    order = Case(
        *[When(role=role, then=Value(i)) for i, role in enumerate(ROLE_ORDER)],
        output_field=IntegerField(),
    )
    return (
        _active(network)
        .select_related("person__unit", "approved_by")
        .annotate(role_order=order)
        .order_by("role_order", "person__name", "pk")
    )


def leadership(network: Network) -> dict[str, list[Person]]:
    """The people in each leading role (leader, co-driver, sponsor, facilitator)."""
    roles: dict[str, list[Person]] = {role: [] for role in ROLE_ORDER[:4]}
    for participation in (
        _active(network)
        .exclude(role__in=[Role.PARTICIPANT, Role.GUEST])
        .select_related("person")
        .order_by("person__name")
    ):
        roles[participation.role].append(participation.person)
    return {role: people for role, people in roles.items() if people}


@dataclass
class Composition:
    """How a network spans the line organisation."""

    total: int = 0
    areas: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)
    titles: list[tuple[str, int]] = field(default_factory=list)
    outside: int = 0  # guests and people without a unit

    @property
    def in_one_silo(self) -> bool:
        """Everyone from the line organisation sits in one director area."""
        return len(self.areas) == 1 and self.total - self.outside > 1


def composition(network: Network) -> Composition:
    """Participants counted per director area, unit and job title, in two queries."""
    rows = list(
        _active(network).values_list("person__unit__path", "person__unit__name", "person__title")
    )
    areas = dict(Unit.objects.filter(level=Unit.Level.AREA).values_list("pk", "name"))
    result = Composition(total=len(rows))
    area_counts: Counter[str] = Counter()
    unit_counts: Counter[str] = Counter()
    title_counts: Counter[str] = Counter()
    for path, unit_name, title in rows:
        if not path:
            result.outside += 1
            continue
        ids = [int(part) for part in path.strip("/").split("/") if part]
        area = next((areas[i] for i in ids if i in areas), None)
        area_counts[area or str(unit_name)] += 1
        unit_counts[str(unit_name)] += 1
        title_counts[title or "–"] += 1
    result.areas = area_counts.most_common()
    result.units = unit_counts.most_common()
    result.titles = title_counts.most_common()
    return result
