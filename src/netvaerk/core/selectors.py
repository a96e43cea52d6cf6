"""Reads for the core pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from netvaerk.organisation.models import ForumMembership, Person

from .models import AuditEntry, Notification


def person_overview(user: Any) -> Person | None:
    """The signed-in user's person with their unit and forums, for the overview page."""
    return (
        Person.objects.filter(user=user)
        .select_related("unit")
        .prefetch_related(
            Prefetch("forum_memberships", queryset=ForumMembership.objects.select_related("forum"))
        )
        .first()
    )


def audit_entries_about(person: Person | None) -> QuerySet[AuditEntry]:
    if person is None:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(subject=person).order_by("-created_at", "-id")


def audit_entries(
    *,
    q: str = "",
    actor: str = "",
    object_type: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if q:
        entries = entries.filter(Q(object_repr__icontains=q) | Q(action__icontains=q))
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries.order_by("-created_at", "-id")


def notifications_for(person: Person | None) -> QuerySet[Notification]:
    if person is None:
        return Notification.objects.none()
    return Notification.objects.filter(person=person).order_by("-created_at", "-id")
