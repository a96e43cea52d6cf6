"""Every privacy action (POST) × every demo role: only the secretariat anonymises and edits the
privacy notice; everyone else signed in gets 403 and changes nothing; anonymous users are sent
to sign in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.organisation.models import Person
from netvaerk.privacy.models import PrivacyNotice

from .helpers import former_employee


def _counts() -> tuple[object, ...]:
    notice = PrivacyNotice.objects.get()
    return (AuditEntry.objects.count(), former_employee().anonymised_at, notice.version)


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    done: Callable[[], bool]
    audit: str


ACTIONS = [
    Action(
        "anonymise",
        lambda: reverse("privacy:anonymise", args=[former_employee().pk]),
        dict,
        lambda: Person.objects.exclude(anonymised_at=None).count() == 1,
        "privacy.person.anonymise",
    ),
    Action(
        "notice_edit",
        lambda: reverse("privacy:notice_edit"),
        lambda: {"body": "Ny tekst", "version": PrivacyNotice.objects.get().version},
        lambda: PrivacyNotice.objects.get().body == "Ny tekst",
        "privacy.notice.update",
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
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.done()
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.latest("pk").action == action.audit
