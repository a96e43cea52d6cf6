"""Every logbook action (POST) × every demo role: who may do it, and that a refusal changes nothing.

ELDERLY (public): the secretariat and its non-guest participants (chef, netvaerksleder,
medarbejder) write; leder may see it but not write (403), the guest borger reads only (403),
the politician does not see it (404). PROCESS (public learning network): leder wrote a note;
borger and politiker do not see the network (404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.networks.logbook.models import Document, Involvement, LearningNote

from .helpers import ELDERLY, PROCESS, involvement_post, network, note_post, pdf_bytes, upload

ELDERLY_WRITERS = (*SECRETARIAT, "chef", "netvaerksleder", "medarbejder")
ELDERLY_HIDDEN = (("politiker", 404),)
PROCESS_HIDDEN = (("politiker", 404), ("borger", 404))


def _elderly_entry() -> Involvement:
    return Involvement.objects.filter(
        network__title=ELDERLY, created_by__user__username="netvaerksleder"
    ).first()  # type: ignore[return-value]


def _leder_note() -> LearningNote:
    return LearningNote.objects.filter(
        network__title=PROCESS, author__user__username="leder"
    ).first()  # type: ignore[return-value]


def _document() -> Document:
    return Document.objects.filter(network__title=ELDERLY).first()  # type: ignore[return-value]


def _counts() -> tuple[int, ...]:
    return (
        AuditEntry.objects.count(),
        Involvement.objects.count(),
        LearningNote.objects.count(),
        Document.objects.count(),
        LearningNote.objects.filter(for_status_report=True).count(),
    )


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    allowed: tuple[str, ...]
    overrides: tuple[tuple[str, int], ...] = ()
    done: Callable[[], bool] = lambda: True


ACTIONS = [
    Action(
        "involvement:add",
        lambda: reverse("logbook:involvement", args=[network(ELDERLY).pk]),
        involvement_post,
        ELDERLY_WRITERS,
        ELDERLY_HIDDEN,
        lambda: Involvement.objects.filter(who="Borgere i eget hjem").exists(),
    ),
    Action(
        "involvement:edit",
        lambda: reverse(
            "logbook:involvement_edit", args=[network(ELDERLY).pk, _elderly_entry().pk]
        ),
        lambda: involvement_post(version="1", who="Rettet"),
        ("netvaerksleder", *SECRETARIAT),
        ELDERLY_HIDDEN,
        lambda: _elderly_entry().who == "Rettet",
    ),
    Action(
        "involvement:delete",
        lambda: reverse(
            "logbook:involvement_delete", args=[network(ELDERLY).pk, _elderly_entry().pk]
        ),
        dict,
        ("netvaerksleder", *SECRETARIAT),
        ELDERLY_HIDDEN,
        lambda: _elderly_entry() is None,
    ),
    Action(
        "learning:add",
        lambda: reverse("logbook:learning", args=[network(ELDERLY).pk]),
        lambda: note_post(text="En ny læring"),
        ELDERLY_WRITERS,
        ELDERLY_HIDDEN,
        lambda: LearningNote.objects.filter(text="En ny læring").exists(),
    ),
    Action(
        "learning:edit",
        lambda: reverse("logbook:learning_edit", args=[network(PROCESS).pk, _leder_note().pk]),
        lambda: note_post(text="Rettet note", version="1"),
        ("leder", *SECRETARIAT),
        PROCESS_HIDDEN,
        lambda: _leder_note().text == "Rettet note",
    ),
    Action(
        # Unmarking the author's marked note: the author and those who change the network.
        "learning:mark",
        lambda: reverse("logbook:learning_mark", args=[network(PROCESS).pk, _leder_note().pk]),
        dict,
        ("leder", *SECRETARIAT),
        PROCESS_HIDDEN,
        lambda: not _leder_note().for_status_report,
    ),
    Action(
        "learning:delete",
        lambda: reverse("logbook:learning_delete", args=[network(PROCESS).pk, _leder_note().pk]),
        dict,
        ("leder", *SECRETARIAT),
        PROCESS_HIDDEN,
        lambda: _leder_note() is None,
    ),
    Action(
        "documents:upload",
        lambda: reverse("logbook:documents", args=[network(ELDERLY).pk]),
        lambda: {"title": "Ny rapport", "file": upload("rapport.pdf", pdf_bytes())},
        ELDERLY_WRITERS,
        ELDERLY_HIDDEN,
        lambda: Document.objects.filter(title="Ny rapport").exists(),
    ),
    Action(
        "documents:delete",
        lambda: reverse("logbook:document_delete", args=[network(ELDERLY).pk, _document().pk]),
        dict,
        ("netvaerksleder", *SECRETARIAT),
        ELDERLY_HIDDEN,
        lambda: _document() is None,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_or_404_and_change_nothing(client_as, action) -> None:
    before = _counts()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = 302 if role == ANONYMOUS else dict(action.overrides).get(role, 403)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert _counts() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act_and_it_is_audited(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.done()
    assert AuditEntry.objects.filter(action__startswith="logbook.").count() > 0
    assert AuditEntry.objects.count() == before + 1
