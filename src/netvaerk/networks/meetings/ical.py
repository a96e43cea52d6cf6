"""Meetings as iCalendar (RFC 5545): one file per meeting and one feed per person.

Times are written in UTC, so every calendar program places them right without our time zone
definitions. UID is the meeting's own, and SEQUENCE rises with every change, so a program that
has the meeting replaces its copy.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Albertslund Kommune//Netvaerk//DA"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def description(meeting: Meeting) -> str:
    """The agenda as plain text, one item a line, with its minutes where it has them."""
    lines = [
        f"{n}. {item.title}" + (f" ({item.duration_minutes} min.)" if item.duration_minutes else "")
        for n, item in enumerate(meeting.agenda.all(), 1)
    ]
    if not lines:
        return ""
    return "\n".join([_("Agenda") + ":", *lines])


def _event(meeting: Meeting, url: str, stamp: datetime.datetime, prefix: str = "") -> Event:
    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", f"{prefix}{meeting.title}")
    if meeting.location:
        event.add("location", meeting.location)
    text = description(meeting)
    event.add("description", f"{text}\n\n{url}" if text else url)
    event.add("url", url)
    return event


def calendar(
    meetings: Iterable[Meeting], absolute_url: Callable[[Meeting], str], *, name: str = ""
) -> bytes:
    """An iCalendar file with one event per meeting (their agenda prefetched)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        prefix = f"{meeting.network.title}: " if name else ""
        cal.add_component(_event(meeting, absolute_url(meeting), stamp, prefix))
    return cal.to_ical()


def response(body: bytes, filename: str = "") -> HttpResponse:
    result = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["Cache-Control"] = "private, no-store"
    return result
