"""Answering by the link: the form, drafts, finishing, required questions, tampering, 410s."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from netvaerk.evaluation.questionnaires import selectors, services
from netvaerk.evaluation.questionnaires.forms import TEXT_LIMIT, field_name
from netvaerk.evaluation.questionnaires.models import (
    Question,
    QuestionAnswer,
    Questionnaire,
    QuestionnaireResponse,
)
from netvaerk.evaluation.tokens import response_key

from .helpers import (
    ELDERLY,
    answer_url,
    danish,
    full_answers,
    invitation,
    open_questionnaire,
    person,
    questionnaire,
    questions,
)


@pytest.fixture
def elderly(demo) -> Questionnaire:
    return questionnaire(ELDERLY, "open")


def test_the_guest_answers_without_signing_in_saves_a_draft_and_finishes(elderly) -> None:
    guest = invitation(elderly, "borger")
    client = Client()  # no sign-in: the link is the credential
    page = client.get(answer_url(guest))
    assert page.status_code == 200
    html = page.content.decode()
    assert elderly.title in html
    for question in questions(elderly):
        assert question.text in html

    data = full_answers(elderly, 2)
    text_question = questions(elderly)[-1]
    data[field_name(text_question)] = "Mere kaffe"
    response = client.post(answer_url(guest), {**data, "action": "save"})
    assert response.status_code == 302
    guest.refresh_from_db()
    assert not guest.finished
    draft = QuestionnaireResponse.objects.get(key=response_key(guest.token))
    assert not draft.finished and draft.questionnaire == elderly
    # The draft is shown again on the next visit.
    html = client.get(answer_url(guest)).content.decode()
    assert "Mere kaffe" in html

    response = client.post(answer_url(guest), {**data, "action": "finish"})
    assert response.status_code == 200
    guest.refresh_from_db()
    draft.refresh_from_db()
    assert guest.finished and draft.finished
    assert QuestionAnswer.objects.filter(response=draft).count() == len(questions(elderly))
    # One answer per link: the form is gone and another POST changes nothing.
    again = client.get(answer_url(guest))
    assert again.status_code == 410
    assert danish("You have already answered – thank you") in again.content.decode()
    assert client.post(answer_url(guest), {**data, "action": "save"}).status_code == 410


def test_the_response_knows_only_the_key(elderly) -> None:
    inv = invitation(elderly, "medarbejder")
    Client().post(answer_url(inv), {**full_answers(elderly), "action": "finish"})
    response = QuestionnaireResponse.objects.get(key=response_key(inv.token))
    names = {f.name for f in QuestionnaireResponse._meta.get_fields()}
    assert "person" not in names and "invitation" not in names
    assert inv.token not in response.key


def test_missing_required_answers_are_a_400_and_the_draft_is_kept(elderly) -> None:
    inv = invitation(elderly, "medarbejder")
    required = [q for q in questions(elderly) if q.required]
    assert required
    data = full_answers(elderly, 1)
    for question in required:
        data.pop(field_name(question))
    response = Client().post(answer_url(inv), {**data, "action": "finish"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert 'value="Svar nummer 1"' in html or "Svar nummer 1" in html  # nothing lost
    inv.refresh_from_db()
    assert not inv.finished
    stored = selectors.stored_answers(elderly, response_key(inv.token))
    assert stored[questions(elderly)[-1].pk] == ([], "Svar nummer 1")
    assert not QuestionnaireResponse.objects.get(key=response_key(inv.token)).finished
    # A draft may leave them open.
    assert Client().post(answer_url(inv), {**data, "action": "save"}).status_code == 302


@pytest.mark.parametrize(
    "tamper",
    [
        lambda qs: {field_name(qs[0]): "6"},  # scale out of range
        lambda qs: {field_name(qs[0]): "0"},
        lambda qs: {field_name(qs[0]): "tre"},
        lambda qs: {field_name(qs[2]): "4"},  # single choice: only 4 options (0–3)
        lambda qs: {field_name(qs[2]): "-1"},
        lambda qs: {field_name(qs[3]): ["0", "9"]},  # multiple choice position out of range
        lambda qs: {field_name(qs[4]): "x" * (TEXT_LIMIT + 1)},
        lambda qs: {field_name(qs[4]): "nul\x00tegn"},
        lambda qs: {"action": "delete"},
        lambda qs: {"action": ""},
    ],
)
def test_tampered_values_are_a_400_and_store_nothing(elderly, tamper) -> None:
    inv = invitation(elderly, "medarbejder")
    qs = questions(elderly)
    assert [q.kind for q in qs] == ["scale", "scale", "single", "multiple", "text"]
    client = Client()
    client.post(answer_url(inv), {**full_answers(elderly, 3), "action": "save"})
    before = selectors.stored_answers(elderly, response_key(inv.token))
    for action in ("save", "finish"):
        data = {**full_answers(elderly, 0), "action": action, **tamper(qs)}
        assert client.post(answer_url(inv), data).status_code == 400
    inv.refresh_from_db()
    assert not inv.finished
    assert selectors.stored_answers(elderly, response_key(inv.token)) == before


def test_a_question_id_of_another_questionnaire_is_ignored(elderly) -> None:
    other = Question.objects.exclude(questionnaire=elderly).first()
    assert other is not None
    inv = invitation(elderly, "medarbejder")
    data = {**full_answers(elderly), f"q{other.pk}": "1", "action": "finish"}
    assert Client().post(answer_url(inv), data).status_code == 200
    assert not QuestionAnswer.objects.filter(
        response__key=response_key(inv.token), question=other
    ).exists()


def test_a_closed_questionnaire_is_a_410_page(demo) -> None:
    q = questionnaire(ELDERLY, "open")
    inv = invitation(q, "medarbejder")
    services.questionnaire_close(questionnaire=q, by=None)
    client = Client()
    response = client.get(answer_url(inv))
    assert response.status_code == 410
    assert danish("The questionnaire is closed") in response.content.decode()
    data = {**full_answers(q), "action": "finish"}
    assert client.post(answer_url(inv), data).status_code == 410
    assert not QuestionnaireResponse.objects.filter(key=response_key(inv.token)).exists()


def test_a_passed_closing_date_is_a_410_page(demo) -> None:
    q = questionnaire(ELDERLY, "open")
    inv = invitation(q, "medarbejder")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Questionnaire.objects.filter(pk=q.pk).update(closes_on=yesterday)
    assert Client().get(answer_url(inv)).status_code == 410
    Questionnaire.objects.filter(pk=q.pk).update(closes_on=timezone.localdate())
    assert Client().get(answer_url(inv)).status_code == 200  # open through the closing day


def test_an_unknown_token_is_a_404_page_not_a_500(demo) -> None:
    response = Client().get("/svar/findes-ikke/")
    assert response.status_code == 404
    assert Client().post("/svar/findes-ikke/", {"action": "finish"}).status_code == 404


def test_a_signed_in_user_answers_with_someone_elses_link_as_that_link(client_as) -> None:
    """The link is the credential: who is signed in plays no part, and nothing records it."""
    q = open_questionnaire(ELDERLY)
    inv = invitation(q, "borger")
    response = client_as("direktor").post(answer_url(inv), {**full_answers(q), "action": "finish"})
    assert response.status_code == 200
    inv.refresh_from_db()
    assert inv.finished and inv.person == person("borger")
