"""Every handbook action (POST) × every demo role: only the secretariat writes the handbook;
everyone else signed in gets 403 and changes nothing; anonymous users are sent to sign in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.handbook.models import Page

GUIDE = "faciliteringsvejledning"


def _guide() -> Page:
    return Page.objects.get(slug=GUIDE)


def _counts() -> tuple[int, ...]:
    return (
        AuditEntry.objects.count(),
        Page.objects.count(),
        Page.history.count(),
        Page.objects.filter(title="Ny titel").count(),
    )


def _edit_post() -> dict[str, object]:
    page = _guide()
    return {
        "title": "Ny titel",
        "chapter": page.chapter,
        "summary": page.summary,
        "order": page.order,
        "body": page.body,
        "version": page.version,
    }


def _first_revision() -> int:
    return _guide().history.order_by("history_id").first().history_id


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    done: Callable[[], bool]


ACTIONS = [
    Action(
        "create",
        lambda: reverse("handbook:create"),
        lambda: {"title": "Ny titel", "slug": "ny-titel", "chapter": 3, "order": 1, "body": "x"},
        lambda: Page.objects.filter(slug="ny-titel").exists(),
    ),
    Action(
        "edit",
        lambda: reverse("handbook:edit", args=[GUIDE]),
        _edit_post,
        lambda: _guide().title == "Ny titel",
    ),
    Action(
        "restore",
        lambda: reverse("handbook:revision", args=[GUIDE, _first_revision()]),
        lambda: {"version": _guide().version},
        lambda: "Check-out" not in _guide().body,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_and_change_nothing(client_as, action) -> None:
    before = _counts()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in SECRETARIAT:
            continue
        expected = 302 if role == ANONYMOUS else 403
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert _counts() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in SECRETARIAT],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_secretariat_can_act_and_it_is_audited(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    revisions = Page.history.count()
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.done()
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.latest("pk").action.startswith("handbook.page.")
    assert Page.history.count() == revisions + 1
