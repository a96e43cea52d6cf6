"""Meetings as iCalendar (RFC 5545): one file per meeting and one feed per person.

A person's feed holds the meetings of their networks and of the forums they sit in.

Times are written in UTC, so every calendar program places them right without our time zone
definitions. UID is the meeting's own, and SEQUENCE rises with every change, so a program that
has the meeting replaces its copy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from netvaerk.organisation.models import ForumMeeting

from .models import Meeting

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Albertslund Kommune//Netvaerk//DA"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


FORUM_MEETING_LENGTH = datetime.timedelta(hours=2)
"""Forum meetings have a start but no end; calendars show them this long."""


@dataclass(frozen=True)
class Entry:
    """One event in a calendar: a network meeting or a forum meeting."""

    uid: str
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    location: str
    agenda: list[str]
    url: str


def _network_agenda(meeting: Meeting) -> list[str]:
    return [
        item.title + (f" ({item.duration_minutes} min.)" if item.duration_minutes else "")
        for item in meeting.agenda.all()
    ]


def _agenda_text(lines: list[str]) -> str:
    if not lines:
        return ""
    return "\n".join([_("Agenda") + ":", *(f"{n}. {line}" for n, line in enumerate(lines, 1))])


def network_entry(meeting: Meeting, url: str, *, prefix: str = "") -> Entry:
    """A network meeting (its agenda prefetched); `prefix` names the network in a feed."""
    return Entry(
        uid=str(meeting.uid),
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        title=f"{prefix}{meeting.title}",
        location=meeting.location,
        agenda=_network_agenda(meeting),
        url=url,
    )


def forum_entry(meeting: ForumMeeting, url: str, *, prefix: str = "") -> Entry:
    """A forum meeting (its forum selected and agenda's ideas prefetched).

    Forum meetings are not changed once made, so their sequence stays 0; the uid is built
    from the primary key and never changes either.
    """
    return Entry(
        uid=f"forum-meeting-{meeting.pk}@netvaerksstedet",
        sequence=0,
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + FORUM_MEETING_LENGTH,
        title=f"{prefix}{meeting.title}",
        location=meeting.location,
        agenda=[item.idea.title for item in meeting.agenda.all()],
        url=url,
    )


def _event(entry: Entry, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(entry.starts_at))
    event.add("dtend", _utc(entry.ends_at))
    event.add("summary", entry.title)
    if entry.location:
        event.add("location", entry.location)
    text = _agenda_text(entry.agenda)
    event.add("description", f"{text}\n\n{entry.url}" if text else entry.url)
    event.add("url", entry.url)
    return event


def calendar(entries: Iterable[Entry], *, name: str = "") -> bytes:
    """An iCalendar file with one event per entry."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for entry in entries:
        cal.add_component(_event(entry, stamp))
    return cal.to_ical()


def response(body: bytes, filename: str = "") -> HttpResponse:
    result = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["Cache-Control"] = "private, no-store"
    return result
