"""Small builders for the meeting tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from netvaerk.core.models import User
from netvaerk.networks import demo as networks_demo
from netvaerk.networks.meetings import services
from netvaerk.networks.meetings.models import Meeting, WorkshopDesign
from netvaerk.networks.models import Network

ELDERLY = networks_demo.ELDERLY
FAMILIES = networks_demo.FAMILIES
CAMPUS = networks_demo.CAMPUS
PROCESS = networks_demo.PROCESS
PROJECT = networks_demo.PROJECT


def user(username: str) -> User:
    return User.objects.get(username=username)


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def design(title: str = "Opstartsworkshop (3 timer)") -> WorkshopDesign:
    return WorkshopDesign.objects.get(title=title)


def kickoff(title: str = ELDERLY) -> Meeting:
    return Meeting.objects.get(network__title=title, kind=Meeting.Kind.KICKOFF)


def danish(text: str) -> str:
    """`text` as the Danish pages show it: translated and HTML-escaped."""
    with translation.override("da"):
        return escape(translation.gettext(text))


def local(days: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A time `days` from today, at a local hour."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def form_time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def schedule(
    title: str = ELDERLY, *, days: int = 10, name: str = "Netværksmøde", **kw: Any
) -> Meeting:
    """A meeting scheduled by the system in the network `title`, `days` from today."""
    kw.setdefault("starts_at", local(days))
    kw.setdefault("ends_at", kw["starts_at"] + datetime.timedelta(hours=2))
    return services.meeting_schedule(network=network(title), title=name, by=None, **kw)


def list_url(meeting_or_network: Meeting | Network) -> str:
    pk = (
        meeting_or_network.network_id
        if isinstance(meeting_or_network, Meeting)
        else meeting_or_network.pk
    )
    return reverse("meetings:list", args=[pk])


def url(name: str, meeting: Meeting, *extra: int) -> str:
    return reverse(name, args=[meeting.network_id, meeting.pk, *extra])
