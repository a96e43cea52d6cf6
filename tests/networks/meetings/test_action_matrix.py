"""Every meeting action (POST) × every demo role: who may, and that a refusal changes nothing.

The meeting actions are on ELDERLY's start-up workshop: the secretariat and those who run the
network (leader netvaerksleder, sponsor chef) may; the network's other participants and people
who only see it get 403; the politician, who does not see it, gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.networks.meetings.models import AgendaItem, CalendarFeed, Meeting, WorkshopDesign

from .helpers import ELDERLY, form_time, kickoff, local, network

RUNNERS = (*SECRETARIAT, "chef", "netvaerksleder")


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, str]]
    allowed: tuple[str, ...]
    denied: int = 403
    overrides: tuple[tuple[str, int], ...] = (("politiker", 404),)


def _meeting_url(name: str, *, item: bool = False) -> Callable[[], str]:
    def build() -> str:
        meeting = kickoff(ELDERLY)
        args = [meeting.network_id, meeting.pk]
        if item:
            args.append(meeting.agenda.order_by("position")[1].pk)
        return reverse(name, args=args)

    return build


def _item_data() -> dict[str, str]:
    pk = kickoff(ELDERLY).agenda.order_by("position")[1].pk
    return {f"punkt{pk}-title": "Nyt punkt", f"punkt{pk}-duration_minutes": "10"}


def _design_edit() -> str:
    return reverse("meetings:design_edit", args=[WorkshopDesign.objects.order_by("pk")[0].pk])


DESIGN_DATA = {"title": "Ny skabelon", "duration_minutes": "90", "agenda": "30 | Velkommen"}

ACTIONS = [
    Action(
        "meetings:list(schedule)",
        lambda: reverse("meetings:list", args=[network(ELDERLY).pk]),
        lambda: {
            "title": "Møde",
            "starts_at": form_time(local(5, 9)),
            "ends_at": form_time(local(5, 10)),
        },
        RUNNERS,
    ),
    Action(
        "meetings:edit",
        _meeting_url("meetings:edit"),
        lambda: {
            "moede-title": "Flyttet",
            "moede-starts_at": form_time(local(5, 9)),
            "moede-ends_at": form_time(local(5, 10)),
            "moede-sequence": str(kickoff(ELDERLY).sequence),
        },
        RUNNERS,
    ),
    Action(
        "meetings:minutes",
        _meeting_url("meetings:minutes"),
        lambda: {"referat-minutes": "Referat", "referat-sequence": str(kickoff(ELDERLY).sequence)},
        RUNNERS,
    ),
    Action(
        "meetings:item_add",
        _meeting_url("meetings:item_add"),
        lambda: {"nyt-title": "Punkt"},
        RUNNERS,
    ),
    Action(
        "meetings:item_edit", _meeting_url("meetings:item_edit", item=True), _item_data, RUNNERS
    ),
    Action(
        "meetings:item_move",
        _meeting_url("meetings:item_move", item=True),
        lambda: {"direction": "up"},
        RUNNERS,
    ),
    Action("meetings:item_remove", _meeting_url("meetings:item_remove", item=True), dict, RUNNERS),
    Action(
        "meetings:design_create",
        lambda: reverse("meetings:design_create"),
        lambda: DESIGN_DATA,
        SECRETARIAT,
        overrides=(),
    ),
    Action("meetings:design_edit", _design_edit, lambda: DESIGN_DATA, SECRETARIAT, overrides=()),
    Action(
        "meetings:calendar(new address)",
        lambda: reverse("meetings:calendar"),
        dict,
        ROLES,
        overrides=(),
    ),
]


def _state() -> tuple[object, ...]:
    """What the actions could change, besides the audit log."""
    return (
        list(
            Meeting.objects.order_by("pk").values_list("title", "starts_at", "minutes", "sequence")
        ),
        list(AgendaItem.objects.order_by("pk").values_list("title", "position")),
        list(WorkshopDesign.objects.order_by("pk").values_list("title", "agenda")),
        list(CalendarFeed.objects.order_by("pk").values_list("token", flat=True)),
    )


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_the_declared_status_and_change_nothing(client_as, action) -> None:
    audit, state = AuditEntry.objects.count(), _state()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = 302 if role == ANONYMOUS else dict(action.overrides).get(role, action.denied)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert AuditEntry.objects.count() == audit
    assert _state() == state


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    assert client_as(role).post(action.path(), action.data()).status_code == 302
    assert AuditEntry.objects.count() > before


def test_the_ics_file_answers_like_the_network(client_as) -> None:
    path = _meeting_url("meetings:ics")()
    for role in ROLES:
        expected = 404 if role == "politiker" else 200
        assert client_as(role).get(path).status_code == expected, role
    assert client_as(ANONYMOUS).get(path).status_code == 302
