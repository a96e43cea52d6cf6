"""Reads of a network's logs and documents, each with a number of queries that does not grow."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from netvaerk.networks.models import Network

from .models import Document, Involvement, LearningNote


@dataclass(frozen=True)
class InvolvementSummary:
    total: int
    # (label, count) in the order of the choices, only those with entries.
    by_group: list[tuple[Any, int]]
    by_method: list[tuple[Any, int]]


def involvement_list(network: Network) -> QuerySet[Involvement]:
    return Involvement.objects.filter(network=network).select_related("created_by", "network")


def involvement_summary(network: Network) -> InvolvementSummary:
    """How many entries per group and per method, from one grouped query."""
    rows = (
        Involvement.objects.filter(network=network)
        .order_by()
        .values_list("group", "method")
        .annotate(n=Count("id"))
    )
    groups: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    for group, method, n in rows:
        groups[group] += n
        methods[method] += n
    return InvolvementSummary(
        total=sum(groups.values()),
        by_group=[
            (label, groups[value]) for value, label in Involvement.Group.choices if groups[value]
        ],
        by_method=[
            (label, methods[value]) for value, label in Involvement.Method.choices if methods[value]
        ],
    )


def learning_notes(network: Network, *, marked_only: bool = False) -> QuerySet[LearningNote]:
    """Newest first; `marked_only` keeps the notes marked for the status report."""
    notes = LearningNote.objects.filter(network=network).select_related("author", "network")
    if marked_only:
        notes = notes.filter(for_status_report=True)
    return notes


def notes_for_status_report(network: Network) -> QuerySet[LearningNote]:
    """The notes the status report uses, oldest first, as the report tells the story."""
    return (
        LearningNote.objects.filter(network=network, for_status_report=True)
        .select_related("author")
        .order_by("written_on", "id")
    )


def document_list(network: Network) -> QuerySet[Document]:
    return Document.objects.filter(network=network).select_related("uploaded_by", "network")


def entry_in_network(
    model: type[Involvement] | type[LearningNote] | type[Document], network: Network, pk: int
) -> Involvement | LearningNote | Document | None:
    """The entry of `model` with `pk` if it belongs to `network` (else None: a 404)."""
    return model._default_manager.select_related("network").filter(network=network, pk=pk).first()
