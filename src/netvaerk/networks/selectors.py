"""Reads of networks, each with a bounded number of queries."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Network


def network_list(*, kind: str = "", phase: str = "") -> QuerySet[Network]:
    networks = Network.objects.select_related("proposer").annotate(
        unit_count=Count("units", distinct=True)
    )
    if kind:
        networks = networks.filter(kind=kind)
    if phase:
        networks = networks.filter(phase=phase)
    return networks.order_by("-created_at", "-id")


def network_for_page(network_id: int) -> Network:
    return (
        Network.objects.select_related("proposer", "proposer__unit", "idea")
        .prefetch_related("units")
        .get(pk=network_id)
    )
