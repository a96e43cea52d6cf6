"""Builders for the questionnaire tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from netvaerk.evaluation.questionnaires import services
from netvaerk.evaluation.questionnaires.forms import field_name
from netvaerk.evaluation.questionnaires.models import (
    Question,
    Questionnaire,
    QuestionnaireInvitation,
)
from netvaerk.networks.demo import CAMPUS, ELDERLY, PROCESS, YOUNG
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

__all__ = ["CAMPUS", "ELDERLY", "PROCESS", "YOUNG"]


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def danish(text: str) -> str:
    """`text` as the Danish pages show it: translated and HTML-escaped."""
    with translation.override("da"):
        return escape(translation.gettext(text))


def questionnaire(title: str, state: str) -> Questionnaire:
    found = Questionnaire.objects.filter(network__title=title, state=state).order_by("pk").first()
    assert found is not None
    return found


def url(name: str, q: Questionnaire, *args: Any) -> str:
    return reverse(name, args=[q.network_id, q.pk, *args])


def answer_url(invitation: QuestionnaireInvitation) -> str:
    return reverse("evaluation:answer", args=[invitation.token])


def invitation(q: Questionnaire, username: str) -> QuestionnaireInvitation:
    return QuestionnaireInvitation.objects.get(questionnaire=q, person__user__username=username)


def questions(q: Questionnaire) -> list[Question]:
    return list(q.questions.order_by("order", "pk"))


def open_questionnaire(title: str = ELDERLY, *, starter: str = "satisfaction") -> Questionnaire:
    """A new questionnaire from a starter set, opened to the network's participants."""
    q = services.questionnaire_create(
        network=network(title), title="Testskema", starter=starter, by=None
    )
    services.questionnaire_open(questionnaire=q, by=None)
    return Questionnaire.objects.get(pk=q.pk)


def full_answers(q: Questionnaire, n: int = 0) -> dict[str, Any]:
    """A complete, valid POST for `q` (varied by `n`), without the action."""
    data: dict[str, Any] = {}
    for question in questions(q):
        name = field_name(question)
        if question.kind == Question.Kind.TEXT:
            data[name] = f"Svar nummer {n}"
        elif question.kind == Question.Kind.SCALE:
            data[name] = str(1 + n % 5)
        elif question.kind == Question.Kind.SINGLE:
            data[name] = str(n % len(question.options))
        else:
            data[name] = ["0", str(1 + n % (len(question.options) - 1))]
    return data


def answer_all(q: Questionnaire, count: int) -> list[QuestionnaireInvitation]:
    """`count` invitees finish `q` through the answer service (as the view would)."""
    from netvaerk.evaluation.questionnaires.forms import AnswerForm

    done = []
    for n, inv in enumerate(q.invitations.filter(finished=False).order_by("pk")[:count]):
        form = AnswerForm(full_answers(q, n), questions=questions(q), finishing=True)
        assert form.is_valid(), form.errors
        services.response_save(invitation=inv, answers=form.answers(), finish=True)
        done.append(inv)
    return done
