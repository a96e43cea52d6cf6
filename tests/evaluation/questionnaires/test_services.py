"""Creating, writing questions, opening, reminding and closing: mails and audit entries."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from netvaerk.core.audit import ACTION_LABELS
from netvaerk.core.models import AuditEntry, User
from netvaerk.evaluation.questionnaires import selectors, services
from netvaerk.evaluation.questionnaires.models import (
    Question,
    Questionnaire,
    QuestionnaireInvitation,
)
from netvaerk.evaluation.questionnaires.starters import STARTERS
from netvaerk.networks.models import Participation

from .helpers import ELDERLY, answer_all, network, person, questionnaire, questions


def _audit(action: str, target) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_id=str(target.pk))


def test_every_action_code_has_a_label() -> None:
    codes = [
        "questionnaires.questionnaire." + a for a in ("create", "update", "open", "remind", "close")
    ] + ["questionnaires.question." + a for a in ("create", "update", "move", "delete")]
    assert all(code in ACTION_LABELS for code in codes)


@pytest.mark.parametrize("starter", list(STARTERS))
def test_a_starter_set_fills_in_its_questions(demo, starter) -> None:
    q = services.questionnaire_create(
        network=network(ELDERLY), title="Fra skabelon", starter=starter, by=None
    )
    made = questions(q)
    assert 4 <= len(made) <= 6
    assert [m.text for m in made] == [str(item.text) for item in STARTERS[starter].questions]
    assert all(len(m.options) >= 2 for m in made if m.is_choice)
    assert _audit("questionnaires.questionnaire.create", q).changes["questions"] == [
        None,
        len(made),
    ]
    with pytest.raises(ValidationError):
        services.questionnaire_create(
            network=network(ELDERLY), title="x", starter="findes-ikke", by=None
        )


def test_opening_invites_current_participants_and_guests_and_mails_them(
    demo, django_capture_on_commit_callbacks
) -> None:
    q = questionnaire(ELDERLY, "draft")
    elderly = network(ELDERLY)
    gone = Participation.objects.filter(network=elderly, person__user__username="chef").get()
    Participation.objects.filter(pk=gone.pk).update(left_on="2013-12-20")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.questionnaire_open(
            questionnaire=q, by=User.objects.get(username="konsulent")
        )
    current = Participation.objects.filter(network=elderly, left_on=None)
    assert count == current.count() == 6
    invited = set(q.invitations.values_list("person_id", flat=True))
    assert invited == set(current.values_list("person_id", flat=True))
    assert person("borger").pk in invited and person("chef").pk not in invited
    with_email = [p for p in current.select_related("person") if p.person.email]
    assert len(mail.outbox) == len(with_email)
    borger_mail = next(m for m in mail.outbox if m.to == [person("borger").email])
    assert invitation_token(q, "borger") in borger_mail.body
    assert q.title in borger_mail.subject
    q.refresh_from_db()
    assert q.state == Questionnaire.State.OPEN and q.opened_at is not None
    entry = _audit("questionnaires.questionnaire.open", q)
    assert entry.changes["invited"] == [None, 6] and entry.actor.username == "konsulent"
    with pytest.raises(ValidationError):
        services.questionnaire_open(questionnaire=q, by=None)  # once only


def invitation_token(q: Questionnaire, username: str) -> str:
    return QuestionnaireInvitation.objects.get(
        questionnaire=q, person__user__username=username
    ).token


def test_a_questionnaire_without_questions_cannot_be_opened(demo) -> None:
    q = services.questionnaire_create(network=network(ELDERLY), title="Tom", by=None)
    with pytest.raises(ValidationError):
        services.questionnaire_open(questionnaire=q, by=None)
    assert not q.invitations.exists()


def test_reminders_go_only_to_those_who_have_not_finished(
    demo, django_capture_on_commit_callbacks
) -> None:
    q = questionnaire(ELDERLY, "open")  # netvaerksleder and chef answered in the demo
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.questionnaire_remind(questionnaire=q, by=None)
    assert count == 5
    recipients = {address for m in mail.outbox for address in m.to}
    assert person("medarbejder").email in recipients and person("borger").email in recipients
    assert person("netvaerksleder").email not in recipients
    assert all(m.subject.startswith(("Reminder", "Påmindelse")) for m in mail.outbox)
    reminded = q.invitations.filter(finished=False)
    assert all(inv.reminders == 1 and inv.reminded_at for inv in reminded)
    assert _audit("questionnaires.questionnaire.remind", q).changes == {"reminded": [None, 5]}


def test_closing_stops_answers_and_reminders(demo) -> None:
    q = questionnaire(ELDERLY, "open")
    services.questionnaire_close(questionnaire=q, by=None)
    q.refresh_from_db()
    assert q.state == Questionnaire.State.CLOSED and q.closed_at is not None
    assert _audit("questionnaires.questionnaire.close", q).changes["state"] == ["open", "closed"]
    with pytest.raises(ValidationError):
        services.questionnaire_remind(questionnaire=q, by=None)
    with pytest.raises(ValidationError):
        services.questionnaire_close(questionnaire=q, by=None)
    with pytest.raises(services.NotAccepting):
        services.response_save(
            invitation=q.invitations.filter(finished=False).first(), answers={}, finish=True
        )
    assert selectors.pending_invitations(person("medarbejder")) == []


def test_questions_are_written_only_while_a_draft(demo) -> None:
    draft = questionnaire(ELDERLY, "draft")
    added = services.question_add(
        questionnaire=draft, kind="single", text="Ja eller nej?", choices=" Ja \n\n Nej ", by=None
    )
    assert added.options == ["Ja", "Nej"] and added.order == 3
    with pytest.raises(ValidationError):
        services.question_add(
            questionnaire=draft, kind="multiple", text="x", choices="Kun én", by=None
        )
    scale = services.question_add(
        questionnaire=draft, kind="scale", text="Skala", choices="ignoreres\nogså", by=None
    )
    assert scale.choices == ""
    services.question_update(
        question=added, text="Ja, nej eller måske?", choices="Ja\nNej\nMåske", by=None
    )
    added.refresh_from_db()
    assert added.options == ["Ja", "Nej", "Måske"]
    assert _audit("questionnaires.question.update", added).changes["text"] == [
        "Ja eller nej?",
        "Ja, nej eller måske?",
    ]
    services.question_move(question=added, up=True, by=None)
    assert [q.pk for q in questions(draft)].index(added.pk) == 2
    services.question_move(question=questions(draft)[0], up=True, by=None)  # at the top: no-op
    services.question_delete(question=scale, by=None)
    services.question_delete(question=scale, by=None)  # twice: no change
    assert not Question.objects.filter(pk=scale.pk).exists()

    opened = questionnaire(ELDERLY, "open")
    first = questions(opened)[0]
    for call in (
        lambda: services.question_add(questionnaire=opened, kind="text", text="x", by=None),
        lambda: services.question_update(question=first, text="x", by=None),
        lambda: services.question_delete(question=first, by=None),
        lambda: services.question_move(question=first, up=False, by=None),
    ):
        with pytest.raises(ValidationError):
            call()
    assert questions(opened)[0].text == first.text


def test_services_check_the_permission_first(demo) -> None:
    q = questionnaire(ELDERLY, "draft")
    medarbejder = User.objects.get(username="medarbejder")
    before = AuditEntry.objects.count()
    for call in (
        lambda: services.questionnaire_create(network=network(ELDERLY), title="x", by=medarbejder),
        lambda: services.questionnaire_open(questionnaire=q, by=medarbejder),
        lambda: services.question_add(questionnaire=q, kind="text", text="x", by=medarbejder),
        lambda: services.questionnaire_update(
            questionnaire=q, version=1, title="x", by=medarbejder
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert AuditEntry.objects.count() == before


def test_answering_is_not_audited(demo) -> None:
    q = questionnaire(ELDERLY, "open")
    before = AuditEntry.objects.count()
    answer_all(q.__class__.objects.get(pk=q.pk), 0)
    inv = q.invitations.filter(finished=False).first()
    services.response_save(invitation=inv, answers={}, finish=True)
    assert AuditEntry.objects.count() == before
    with pytest.raises(services.AlreadyFinished):
        services.response_save(invitation=inv, answers={}, finish=True)


def test_pending_invitations_are_the_open_unfinished_ones(demo) -> None:
    pending = selectors.pending_invitations(person("medarbejder"))
    assert [inv.questionnaire.title for inv in pending] == ["Tilfredshed efter opstarten"]
    assert selectors.pending_invitations(person("netvaerksleder")) == []  # answered
    assert len(selectors.pending_invitations(person("borger"))) == 1
