"""Every questionnaire action (POST) × every demo role: who may do it; a refusal changes nothing.

ELDERLY (public): the secretariat, its sponsor chef and its leader netvaerksleder run the
evaluation; leder and medarbejder see it but may not change it (403), nor may the guest borger
(403); the politician does not see the network (404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.evaluation.questionnaires.models import Question, Questionnaire

from .helpers import ELDERLY, network, questionnaire, questions, url

WRITERS = (*SECRETARIAT, "chef", "netvaerksleder")
HIDDEN = (("politiker", 404),)


def _draft() -> Questionnaire:
    return questionnaire(ELDERLY, "draft")


def _open() -> Questionnaire:
    return Questionnaire.objects.get(network__title=ELDERLY, title="Tilfredshed efter opstarten")


def _first() -> Question:
    return questions(_draft())[0]


def _counts() -> tuple[int, ...]:
    return (
        AuditEntry.objects.count(),
        Questionnaire.objects.count(),
        Question.objects.count(),
        Questionnaire.objects.filter(state="open").count(),
        Questionnaire.objects.filter(state="closed").count(),
        Question.objects.filter(text="Rettet").count(),
    )


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    done: Callable[[], bool]


def _list() -> str:
    from django.urls import reverse

    return reverse("questionnaires:list", args=[network(ELDERLY).pk])


ACTIONS = [
    Action(
        "create",
        _list,
        lambda: {"title": "Nyt skema", "purpose": "learning", "starter": "learning"},
        lambda: Questionnaire.objects.get(title="Nyt skema").questions.count() == 5,
    ),
    Action(
        "edit",
        lambda: url("questionnaires:edit", _open()),
        lambda: {"title": "Rettet titel", "intro": "", "closes_on": "", "version": "1"},
        lambda: Questionnaire.objects.filter(title="Rettet titel").exists(),
    ),
    Action(
        "open",
        lambda: url("questionnaires:open", _draft()),
        dict,
        lambda: not Questionnaire.objects.filter(state="draft").exists(),
    ),
    Action(
        "remind",
        lambda: url("questionnaires:remind", _open()),
        dict,
        lambda: AuditEntry.objects.filter(action="questionnaires.questionnaire.remind").exists(),
    ),
    Action(
        "close",
        lambda: url("questionnaires:close", _open()),
        dict,
        lambda: _open().state == "closed",
    ),
    Action(
        "question_add",
        lambda: url("questionnaires:question_add", _draft()),
        lambda: {"kind": "single", "text": "Nyt spørgsmål", "choices": "Ja\nNej"},
        lambda: Question.objects.filter(text="Nyt spørgsmål").exists(),
    ),
    Action(
        "question_edit",
        lambda: url("questionnaires:question_edit", _draft(), _first().pk),
        lambda: {"kind": "scale", "text": "Rettet", "choices": "", "required": "on"},
        lambda: _first().text == "Rettet",
    ),
    Action(
        "question_move",
        lambda: url("questionnaires:question_move", _draft(), _first().pk),
        lambda: {"direction": "down"},
        lambda: _first().text.startswith("Skal netværket"),
    ),
    Action(
        "question_delete",
        lambda: url("questionnaires:question_delete", _draft(), _first().pk),
        dict,
        lambda: _draft().questions.count() == 2,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_or_404_and_change_nothing(client_as, action) -> None:
    before = _counts()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in WRITERS:
            continue
        expected = 302 if role == ANONYMOUS else dict(HIDDEN).get(role, 403)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert _counts() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in WRITERS],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act_and_it_is_audited(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.done()
    assert AuditEntry.objects.filter(action__startswith="questionnaires.").count() > 0
    assert AuditEntry.objects.count() == before + 1
