"""Every write to a questionnaire goes through here.

The network's runners (`evaluation.change_evaluation`) create a questionnaire, write its
questions while it is a draft, open it (which invites the network's current participants,
guests included, and mails them their links), remind and close it. Respondents answer by the
link alone: `response_save` needs no user, stores the answers under the token's keyed hash and
is not written to the audit log, whose actor and time could otherwise tie an answer to a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.evaluation.tasks import send_survey_emails
from netvaerk.evaluation.tokens import response_key
from netvaerk.networks.models import Network, Participation
from netvaerk.organisation.rules import person_of

from .models import (
    Question,
    QuestionAnswer,
    Questionnaire,
    QuestionnaireInvitation,
    QuestionnaireResponse,
)
from .starters import STARTERS

PERMISSION = "evaluation.change_evaluation"
QUESTIONNAIRE_FIELDS = ["title", "purpose", "intro", "closes_on"]
EDITABLE_FIELDS = ["title", "intro", "closes_on"]
QUESTION_FIELDS = ["kind", "text", "choices", "required"]
# (chosen positions or [scale value], free text) per question id.
Answer = tuple[list[int], str]


class StaleQuestionnaire(Exception):
    """The questionnaire was saved by someone else since the editor loaded it."""

    def __init__(self, current: Questionnaire) -> None:
        super().__init__("stale questionnaire")
        self.current = current


class AlreadyFinished(Exception):
    """The invitation's answers were submitted already; one answer per link."""


class NotAccepting(Exception):
    """The questionnaire is closed (or its closing date has passed)."""


def _locked(questionnaire: Questionnaire) -> Questionnaire:
    return (
        Questionnaire.objects.select_for_update(of=("self",))
        .select_related("network")
        .get(pk=questionnaire.pk)
    )


def _require_draft(questionnaire: Questionnaire) -> None:
    if questionnaire.state != Questionnaire.State.DRAFT:
        raise ValidationError(
            _("The questions cannot be changed once the questionnaire has been opened.")
        )


# --- the questionnaire -------------------------------------------------------------------------


def questionnaire_create(
    *,
    network: Network,
    title: str,
    purpose: str = Questionnaire.Purpose.SATISFACTION,
    intro: str = "",
    closes_on: datetime.date | None = None,
    starter: str = "",
    by: User | None,
) -> Questionnaire:
    """Create a draft questionnaire, with the questions of a starter set if one is named."""
    require_permission(by, PERMISSION, network)
    if starter and starter not in STARTERS:
        raise ValidationError({"starter": _("Choose one of the starter sets.")})
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            network=network,
            title=title,
            purpose=purpose,
            intro=intro,
            closes_on=closes_on,
            created_by=person_of(by) if by is not None else None,
        )
        questions = [
            Question(
                questionnaire=questionnaire,
                order=order,
                kind=item.kind,
                text=str(item.text),
                choices="\n".join(str(option) for option in item.options),
                required=item.required,
            )
            for order, item in enumerate(STARTERS[starter].questions if starter else ())
        ]
        Question.objects.bulk_create(questions)
        audit_record(
            actor=by,
            action="questionnaires.questionnaire.create",
            target=questionnaire,
            after={
                **snapshot(questionnaire, QUESTIONNAIRE_FIELDS),
                "network": network.title,
                "questions": len(questions),
            },
        )
    return questionnaire


def questionnaire_update(
    *, questionnaire: Questionnaire, version: int, by: User | None, **fields: Any
) -> Questionnaire:
    """Change the title, introduction or closing date from `version`; stale if saved since."""
    require_permission(by, PERMISSION, questionnaire.network)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not a questionnaire field: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked(questionnaire)
        if locked.version != version:
            raise StaleQuestionnaire(locked)
        if locked.state == Questionnaire.State.CLOSED:
            raise ValidationError(_("A closed questionnaire cannot be changed."))
        before = snapshot(locked, EDITABLE_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.version = F("version") + 1
        locked.save(update_fields=[*fields, "version"])
        locked.refresh_from_db(fields=["version"])
        audit_record(
            actor=by,
            action="questionnaires.questionnaire.update",
            target=locked,
            before=before,
            after=snapshot(locked, EDITABLE_FIELDS),
        )
    return locked


def questionnaire_open(*, questionnaire: Questionnaire, by: User | None) -> int:
    """Open a draft and invite the network's current participants and guests; how many."""
    require_permission(by, PERMISSION, questionnaire.network)
    with transaction.atomic():
        locked = _locked(questionnaire)
        _require_draft(locked)
        if not locked.questions.exists():
            raise ValidationError(_("Add at least one question before you open the questionnaire."))
        people = (
            Participation.objects.filter(network=locked.network_id, left_on=None)
            .order_by("person_id")
            .values_list("person_id", flat=True)
            .distinct()
        )
        invitations = QuestionnaireInvitation.objects.bulk_create(
            [QuestionnaireInvitation(questionnaire=locked, person_id=pk) for pk in people]
        )
        if not invitations:
            raise ValidationError(_("The network has no participants to invite."))
        locked.state = Questionnaire.State.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["state", "opened_at"])
        audit_record(
            actor=by,
            action="questionnaires.questionnaire.open",
            target=locked,
            before={"state": Questionnaire.State.DRAFT},
            after={"state": locked.state, "invited": len(invitations)},
        )
        ids = list(
            QuestionnaireInvitation.objects.filter(questionnaire=locked).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(
            lambda: send_survey_emails.enqueue("questionnaire", ids, reminder=False)
        )
    return len(ids)


def questionnaire_remind(*, questionnaire: Questionnaire, by: User | None) -> int:
    """Mail the link again to everyone invited who has not finished; how many."""
    require_permission(by, PERMISSION, questionnaire.network)
    with transaction.atomic():
        locked = _locked(questionnaire)
        if not locked.accepts_answers():
            raise ValidationError(_("Only an open questionnaire can send reminders."))
        ids = list(
            QuestionnaireInvitation.objects.filter(
                questionnaire=locked, finished=False
            ).values_list("pk", flat=True)
        )
        audit_record(
            actor=by,
            action="questionnaires.questionnaire.remind",
            target=locked,
            after={"reminded": len(ids)},
        )
        if ids:
            transaction.on_commit(
                lambda: send_survey_emails.enqueue("questionnaire", ids, reminder=True)
            )
    return len(ids)


def questionnaire_close(*, questionnaire: Questionnaire, by: User | None) -> Questionnaire:
    """Close an open questionnaire: its links stop taking answers."""
    require_permission(by, PERMISSION, questionnaire.network)
    with transaction.atomic():
        locked = _locked(questionnaire)
        if locked.state != Questionnaire.State.OPEN:
            raise ValidationError(_("Only an open questionnaire can be closed."))
        locked.state = Questionnaire.State.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["state", "closed_at"])
        audit_record(
            actor=by,
            action="questionnaires.questionnaire.close",
            target=locked,
            before={"state": Questionnaire.State.OPEN},
            after={"state": locked.state},
        )
    return locked


# --- questions (while the questionnaire is a draft) --------------------------------------------


def _check_question(kind: str, choices: str) -> str:
    """The options cleaned to one per line; choice questions need at least two."""
    options = [line.strip() for line in choices.splitlines() if line.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(options) < 2:
            raise ValidationError(
                {"choices": _("A choice question needs at least two options, one per line.")}
            )
        return "\n".join(options)
    return ""


def question_add(
    *,
    questionnaire: Questionnaire,
    kind: str,
    text: str,
    choices: str = "",
    required: bool = False,
    by: User | None,
) -> Question:
    """Add a question at the end of a draft questionnaire."""
    require_permission(by, PERMISSION, questionnaire.network)
    cleaned = _check_question(kind, choices)
    with transaction.atomic():
        locked = _locked(questionnaire)
        _require_draft(locked)
        last = locked.questions.aggregate(last=Max("order"))["last"]
        question = Question.objects.create(
            questionnaire=locked,
            order=0 if last is None else last + 1,
            kind=kind,
            text=text,
            choices=cleaned,
            required=required,
        )
        audit_record(
            actor=by,
            action="questionnaires.question.create",
            target=question,
            after=snapshot(question, QUESTION_FIELDS),
        )
    return question


def question_update(*, question: Question, by: User | None, **fields: Any) -> Question:
    """Change a question of a draft questionnaire."""
    require_permission(by, PERMISSION, question.questionnaire.network)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"not a question field: {sorted(unknown)}")
    with transaction.atomic():
        _require_draft(_locked(question.questionnaire))
        locked = Question.objects.select_for_update().get(pk=question.pk)
        before = snapshot(locked, QUESTION_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.choices = _check_question(locked.kind, locked.choices)
        locked.save()
        audit_record(
            actor=by,
            action="questionnaires.question.update",
            target=locked,
            before=before,
            after=snapshot(locked, QUESTION_FIELDS),
        )
    return locked


def question_delete(*, question: Question, by: User | None) -> None:
    """Delete a question of a draft questionnaire."""
    require_permission(by, PERMISSION, question.questionnaire.network)
    with transaction.atomic():
        _require_draft(_locked(question.questionnaire))
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None:
            return  # deleted already: a second click changes nothing
        audit_record(
            actor=by,
            action="questionnaires.question.delete",
            target=locked,
            before=snapshot(locked, QUESTION_FIELDS),
        )
        locked.delete()


def question_move(*, question: Question, up: bool, by: User | None) -> None:
    """Move a question one place up or down (at either end: no change)."""
    require_permission(by, PERMISSION, question.questionnaire.network)
    with transaction.atomic():
        locked = _locked(question.questionnaire)
        _require_draft(locked)
        questions = list(locked.questions.select_for_update().order_by("order", "pk"))
        at = next((i for i, q in enumerate(questions) if q.pk == question.pk), None)
        if at is None:
            return
        to = at - 1 if up else at + 1
        if not 0 <= to < len(questions):
            return
        questions[at], questions[to] = questions[to], questions[at]
        for order, item in enumerate(questions):
            item.order = order
        Question.objects.bulk_update(questions, ["order"])
        audit_record(
            actor=by,
            action="questionnaires.question.move",
            target=questions[to],
            before={"order": at + 1},
            after={"order": to + 1},
        )


# --- answering (by the link; no user, no audit entry) ------------------------------------------


def response_save(
    *, invitation: QuestionnaireInvitation, answers: Mapping[int, Answer], finish: bool
) -> QuestionnaireResponse:
    """Store the answers of the link's respondent as a draft, or finish them.

    The answers must be validated already (forms.AnswerForm). The response is found by the
    token's keyed hash only; finishing also marks the invitation, in the same transaction.
    """
    with transaction.atomic():
        locked = (
            QuestionnaireInvitation.objects.select_for_update(of=("self",))
            .select_related("questionnaire")
            .get(pk=invitation.pk)
        )
        questionnaire = locked.questionnaire
        if locked.finished:
            raise AlreadyFinished
        if not questionnaire.accepts_answers():
            raise NotAccepting
        response, _created = QuestionnaireResponse.objects.get_or_create(
            questionnaire=questionnaire, key=response_key(locked.token)
        )
        question_ids = set(
            Question.objects.filter(questionnaire=questionnaire).values_list("pk", flat=True)
        )
        QuestionAnswer.objects.filter(response=response).delete()
        QuestionAnswer.objects.bulk_create(
            QuestionAnswer(response=response, question_id=pk, values=values, text=text)
            for pk, (values, text) in answers.items()
            if pk in question_ids and (values or text)
        )
        response.finished = finish
        response.updated_on = timezone.localdate()
        response.save(update_fields=["finished", "updated_on"])
        if finish:
            locked.finished = True
            locked.save(update_fields=["finished"])
    return response
