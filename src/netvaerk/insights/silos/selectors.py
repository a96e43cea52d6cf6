"""The reads behind the silo analysis: four queries whatever the size of the organisation."""

from __future__ import annotations

import datetime

from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils import timezone

from netvaerk.insights.cache import cached
from netvaerk.networks.models import Network, Participation, Phase
from netvaerk.organisation.models import Unit

from . import analysis
from .analysis import Area, Presence, SiloAnalysis, SiloData, SiloSummary, UnitInfo


def silo_data() -> SiloData:
    """The director areas, the active units in them and every network presence.

    A presence of a closed network ends on the day it was closed, whatever its participants'
    own leaving dates say.
    """
    areas = tuple(
        Area(pk, name)
        for pk, name in Unit.objects.filter(level=Unit.Level.AREA, is_active=True)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    area_ids = {a.id for a in areas}
    units = []
    for pk, name, path in (
        Unit.objects.filter(is_active=True, level__gte=Unit.Level.AREA)
        .order_by("name", "pk")
        .values_list("pk", "name", "path")
    ):
        area = next((int(p) for p in path.strip("/").split("/") if p and int(p) in area_ids), None)
        if area is not None:
            units.append(UnitInfo(pk, name, area))
    closed = {
        pk: timezone.localdate(changed_at)
        for pk, changed_at in Network.objects.filter(phase=Phase.CLOSED).values_list(
            "pk", "phase_changed_at"
        )
    }
    rows = (
        Participation.objects.filter(person__unit__isnull=False)
        .annotate(hours=Cast("hours_per_week", FloatField()))
        .values_list("network_id", "person__unit_id", "joined_on", "left_on", "hours")
        .order_by()
    )
    # One presence per participation: grouping them in the database costs more than it saves
    # (people in the same unit and network rarely joined on the same day).
    presences = []
    people = 1
    for network_id, unit_id, joined_on, left_on, hours in rows:
        if network_id in closed:
            left_on = closed[network_id] if left_on is None else min(left_on, closed[network_id])
        presences.append(Presence(network_id, unit_id, people, hours or 0.0, joined_on, left_on))
    return SiloData(areas=areas, units=tuple(units), presences=tuple(presences))


def period_summary(
    *, start: datetime.date, end: datetime.date, weight: str = analysis.PEOPLE
) -> SiloSummary:
    """The headline numbers for [start, end] (cached until the next audited change).

    For the status report: `summary.share_spanning` is the share of the networks active in the
    period that span more than one director area, `summary.share_all_areas` those spanning all.
    """
    params = {"start": start.isoformat(), "end": end.isoformat(), "weight": weight}
    return cached(
        "silos.summary",
        params,
        lambda: analysis.summary(silo_data(), start=start, end=end, weight=weight),
    )


def period_analysis(
    *, start: datetime.date, end: datetime.date, weight: str = analysis.PEOPLE
) -> SiloAnalysis:
    """Everything the silo page shows for [start, end] (cached until the next audited change)."""
    params = {"start": start.isoformat(), "end": end.isoformat(), "weight": weight}
    return cached(
        "silos.analysis",
        params,
        lambda: analysis.analyse(silo_data(), start=start, end=end, weight=weight),
    )
