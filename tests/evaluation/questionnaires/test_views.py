"""The list, the detail page and the edit forms: 400s, 404s, the stale edit's 409."""

from __future__ import annotations

from django.urls import reverse

from netvaerk.evaluation.questionnaires import services
from netvaerk.evaluation.questionnaires.models import Question, Questionnaire

from .helpers import CAMPUS, ELDERLY, PROCESS, YOUNG, danish, network, questionnaire, questions, url


def _list(title: str = ELDERLY) -> str:
    return reverse("questionnaires:list", args=[network(title).pk])


def test_the_list_shows_state_and_counts_and_the_form_only_to_runners(client_as) -> None:
    html = client_as("medarbejder").get(_list()).content.decode()
    assert "Tilfredshed efter opstarten" in html and "Opfølgning efter afprøvningen" in html
    assert '<td class="questionnaire-number">7</td>' in html  # invited
    assert '<td class="questionnaire-number">2</td>' in html  # finished
    assert 'name="title"' not in html
    html = client_as("netvaerksleder").get(_list()).content.decode()
    assert 'name="title"' in html and 'name="starter"' in html
    assert client_as("netvaerksleder").get(_list() + "?side=9").status_code == 404


def test_creating_from_a_starter_set_and_bad_input(client_as) -> None:
    client = client_as("chef")
    response = client.post(_list(), {"title": "", "purpose": "nonsense", "starter": "x"})
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in response.content.decode()
    response = client.post(_list(), {"title": "a\x00b", "purpose": "satisfaction"})
    assert response.status_code == 400
    response = client.post(
        _list(), {"title": "Efter mødet", "purpose": "satisfaction", "closes_on": "2001-01-01"}
    )
    assert response.status_code == 400
    assert danish("The closing date cannot be in the past.") in response.content.decode()
    response = client.post(
        _list(), {"title": "Efter mødet", "purpose": "satisfaction", "starter": "satisfaction"}
    )
    assert response.status_code == 302
    created = Questionnaire.objects.get(title="Efter mødet")
    assert response["Location"] == url("questionnaires:detail", created)
    assert created.questions.count() == 5 and created.state == "draft"


def test_a_choice_question_needs_two_options(client_as) -> None:
    draft = questionnaire(ELDERLY, "draft")
    client = client_as("konsulent")
    before = draft.questions.count()
    for data in (
        {"kind": "single", "text": "Hvad?", "choices": "Kun én\n\n"},
        {"kind": "multiple", "text": "Hvad?", "choices": ""},
        {"kind": "telepathy", "text": "Hvad?"},
        {"kind": "text", "text": ""},
        {"kind": "single", "text": "Hvad?", "choices": "\n".join(str(n) for n in range(21))},
    ):
        response = client.post(url("questionnaires:question_add", draft), data)
        assert response.status_code == 400, data
    assert (
        danish("A choice question needs at least two options, one per line.")
        in (
            client.post(url("questionnaires:question_add", draft), {"kind": "single", "text": "x"})
        ).content.decode()
    )
    assert draft.questions.count() == before
    first = questions(draft)[0]
    edit = url("questionnaires:question_edit", draft, first.pk)
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"kind": "multiple", "text": "x", "choices": "a"}).status_code == 400
    assert (
        client.post(
            url("questionnaires:question_move", draft, first.pk), {"direction": "x"}
        ).status_code
        == 400
    )


def test_an_opened_questionnaires_questions_are_fixed(client_as) -> None:
    opened = questionnaire(ELDERLY, "open")
    first = questions(opened)[0]
    client = client_as("konsulent")
    assert client.get(url("questionnaires:question_edit", opened, first.pk)).status_code == 404
    response = client.post(
        url("questionnaires:question_add", opened), {"kind": "text", "text": "Sent"}
    )
    assert response.status_code == 400
    assert client.post(url("questionnaires:question_delete", opened, first.pk)).status_code == 400
    assert client.post(url("questionnaires:open", opened)).status_code == 400
    assert Question.objects.filter(pk=first.pk).exists()
    html = client.get(url("questionnaires:detail", opened)).content.decode()
    assert "/spoergsmaal/" not in html  # no edit, move or delete buttons


def test_opening_an_empty_draft_is_a_400_with_a_message(client_as) -> None:
    empty = services.questionnaire_create(network=network(ELDERLY), title="Tom", by=None)
    response = client_as("netvaerksleder").post(url("questionnaires:open", empty))
    assert response.status_code == 400
    assert danish("Add at least one question before you open the questionnaire.") in (
        response.content.decode()
    )


def test_a_stale_edit_is_a_409_that_keeps_both_texts(client_as) -> None:
    q = questionnaire(ELDERLY, "open")
    edit = url("questionnaires:edit", q)
    client = client_as("netvaerksleder")
    page = client.get(edit)
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    response = client.post(edit, {"title": "Første rettelse", "intro": "", "version": "1"})
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.title == "Første rettelse" and q.version == 2
    response = client_as("konsulent").post(edit, {"title": "Anden", "intro": "", "version": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Første rettelse" in html and 'value="Anden"' in html
    assert 'name="version" value="2"' in html
    q.refresh_from_db()
    assert q.title == "Første rettelse"
    closed = questionnaire(PROCESS, "closed")
    assert client_as("konsulent").get(url("questionnaires:edit", closed)).status_code == 404


def test_objects_of_another_network_or_a_hidden_one_are_404(client_as) -> None:
    campus = questionnaire(CAMPUS, "closed")
    elsewhere = reverse("questionnaires:detail", args=[network(ELDERLY).pk, campus.pk])
    client = client_as("konsulent")
    assert client.get(elsewhere).status_code == 404
    draft = questionnaire(ELDERLY, "draft")
    campus_question = questions(campus)[0]
    other = url("questionnaires:question_edit", draft, campus_question.pk)
    assert client.get(other).status_code == 404
    assert (
        client.post(url("questionnaires:question_delete", draft, campus_question.pk)).status_code
        == 404
    )
    young = reverse("questionnaires:list", args=[network(YOUNG).pk])
    assert client_as("medarbejder").get(young).status_code == 404
    assert client_as("konsulent").get(young).status_code == 200
    assert client.get(url("questionnaires:export", campus, "exe")).status_code == 404


def test_the_guest_reads_results_but_gets_no_buttons(client_as) -> None:
    html = client_as("borger").get(url("questionnaires:detail", questionnaire(ELDERLY, "open")))
    assert html.status_code == 200
    text = html.content.decode()
    assert "/luk/" not in text and "/paamind/" not in text and "/rediger/" not in text
