"""Reads of meetings, designs and feeds, each with a number of queries that does not grow."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from netvaerk.ideas.models import AgendaItem as IdeaAgendaItem
from netvaerk.networks.models import Network, Participation
from netvaerk.organisation.models import ForumMeeting, ForumMembership, Person

from .models import AgendaItem, CalendarFeed, Meeting, WorkshopDesign

FEED_DAYS_BACK = 90
FEED_LIMIT = 500


def design_list() -> QuerySet[WorkshopDesign]:
    return WorkshopDesign.objects.order_by("title", "pk")


def _meetings(network: Network) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(network=network)
        .annotate(item_count=Count("agenda"))
        .defer("minutes")
    )


def upcoming_meetings(network: Network, now: datetime.datetime) -> QuerySet[Meeting]:
    """Meetings that have not ended, the next first."""
    return _meetings(network).filter(ends_at__gte=now).order_by("starts_at", "pk")


def past_meetings(network: Network, now: datetime.datetime) -> QuerySet[Meeting]:
    """Meetings that have ended, the latest first."""
    return _meetings(network).filter(ends_at__lt=now).order_by("-starts_at", "-pk")


def meeting_for_page(network: Network, meeting_id: int) -> Meeting:
    """The meeting of this network with its agenda; Meeting.DoesNotExist for another's."""
    return (
        Meeting.objects.select_related("design")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk"))
        )
        .get(network=network, pk=meeting_id)
    )


def item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    """The agenda item of this meeting; AgendaItem.DoesNotExist for another meeting's."""
    return AgendaItem.objects.select_related("meeting").get(meeting=meeting, pk=item_id)


def feed_by_token(token: str) -> CalendarFeed:
    return CalendarFeed.objects.select_related("person__user").get(token=token)


def feed_meetings(person: Person, now: datetime.datetime | None = None) -> list[Meeting]:
    """The meetings of every network the person takes part in now, from 90 days back, at most
    500, the earliest first (the feed merges them with `feed_forum_meetings`)."""
    now = now or timezone.now()
    networks = Participation.objects.filter(person=person, left_on=None).values("network_id")
    return list(
        Meeting.objects.filter(
            network_id__in=networks,
            starts_at__gte=now - datetime.timedelta(days=FEED_DAYS_BACK),
        )
        .select_related("network")
        .only(
            "uid",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "sequence",
            "created_at",
            "network_id",
            "network__title",
        )
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk"))
        )
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def _forum_meetings_for_calendar() -> QuerySet[ForumMeeting]:
    """Forum meetings with their forum and, in order, the titles of the ideas on their agenda:
    what a calendar event shows."""
    agenda = (
        IdeaAgendaItem.objects.select_related("idea")
        .only("meeting_id", "position", "idea__title")
        .order_by("position", "pk")
    )
    return ForumMeeting.objects.select_related("forum").prefetch_related(
        Prefetch("agenda", queryset=agenda)
    )


def feed_forum_meetings(person: Person, now: datetime.datetime | None = None) -> list[ForumMeeting]:
    """The meetings of every forum the person sits in, from 90 days back, at most 500, the
    earliest first, with their forum and the ideas on their agenda."""
    now = now or timezone.now()
    forums = ForumMembership.objects.filter(person=person).values("forum_id")
    return list(
        _forum_meetings_for_calendar()
        .filter(
            forum_id__in=forums,
            starts_at__gte=now - datetime.timedelta(days=FEED_DAYS_BACK),
        )
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def forum_meeting_for_calendar(slug: str, pk: int) -> ForumMeeting:
    """One forum meeting with its agenda's ideas, for its .ics file."""
    return _forum_meetings_for_calendar().get(pk=pk, forum__slug=slug)
