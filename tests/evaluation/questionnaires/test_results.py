"""Results only from the minimum number of finished answers, everywhere; never who answered."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from netvaerk.evaluation.questionnaires import selectors, services
from netvaerk.evaluation.questionnaires.forms import AnswerForm
from netvaerk.evaluation.questionnaires.models import Question, QuestionnaireResponse
from netvaerk.evaluation.tokens import response_key

from .helpers import (
    CAMPUS,
    ELDERLY,
    PROCESS,
    answer_all,
    danish,
    full_answers,
    network,
    open_questionnaire,
    questionnaire,
    questions,
    url,
)

TOO_FEW = "%(answered)s of at least %(minimum)s answers so far"


def _detail(client, q) -> str:
    """The page's main content (the header names the signed-in user)."""
    response = client.get(url("questionnaires:detail", q))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<main id="main-content"') : html.index("</main>")]


CHART = 'class="questionnaire-chart"'


def test_four_answers_show_nothing_anywhere_and_five_show_the_results(client_as) -> None:
    q = open_questionnaire(ELDERLY)
    invitations = list(q.invitations.order_by("pk"))
    answer_all(q, 4)
    # A fifth who only saved a draft does not count.
    services.response_save(invitation=invitations[4], answers={}, finish=False)
    client = client_as("netvaerksleder")
    html = _detail(client, q)
    assert "4 af mindst 5" in html or "4 of at least 5" in html
    assert CHART not in html and "Svar nummer" not in html and "<table" not in html
    for fmt in ("csv", "xlsx"):
        assert client.get(url("questionnaires:export", q, fmt)).status_code == 404
    report = next(r for r in selectors.network_report(network(ELDERLY)) if r.questionnaire == q)
    assert (report.respondents, report.shown, report.questions) == (4, False, [])

    form = AnswerForm(full_answers(q, 7), questions=questions(q), finishing=True)
    assert form.is_valid()
    services.response_save(invitation=invitations[4], answers=form.answers(), finish=True)
    html = _detail(client, q)
    assert html.count(CHART) == 4  # two scales, a single and a multiple choice
    assert "Svar nummer 7" in html and "<table" in html
    assert client.get(url("questionnaires:export", q, "csv")).status_code == 200
    assert client.get(url("questionnaires:export", q, "xlsx")).status_code == 200
    report = next(r for r in selectors.network_report(network(ELDERLY)) if r.questionnaire == q)
    assert report.shown and report.respondents == 5 and len(report.questions) == 5


def test_the_threshold_follows_the_setting(client_as, settings) -> None:
    settings.EVALUATION_MIN_GROUP_SIZE = 3
    q = questionnaire(CAMPUS, "closed")  # the demo's three answers
    assert CHART in _detail(client_as("politiker"), q)
    settings.EVALUATION_MIN_GROUP_SIZE = 5
    html = _detail(client_as("politiker"), q)
    assert CHART not in html and ("3 af mindst 5" in html or "3 of at least 5" in html)


def test_the_demo_results_count_scale_choices_and_texts(demo) -> None:
    q = questionnaire(PROCESS, "closed")
    report = next(r for r in selectors.network_report(network(PROCESS)) if r.questionnaire == q)
    assert (report.invited, report.respondents, report.shown) == (6, 5, True)
    scale, tools, shared, doing, needs = report.questions
    assert scale.options == [("1", 0), ("2", 0), ("3", 1), ("4", 2), ("5", 2)]
    assert scale.mean == pytest.approx(4.2) and scale.answered == 5
    assert [count for _label, count in tools.options] == [3, 3, 1, 2, 1]
    assert tools.answered == 5 and tools.mean is None
    assert [count for _label, count in shared.options] == [2, 2, 1]
    assert [round(p) for _l, _c, p in shared.rows] == [40, 40, 20]
    assert doing.answered == 5 and len(doing.texts) == 5
    assert needs.answered == 3  # two left it empty
    assert doing.texts == sorted(doing.texts, key=str.casefold)


def test_results_pages_and_exports_hold_no_respondent_information(client_as) -> None:
    q = questionnaire(PROCESS, "closed")
    invited = [inv.person for inv in q.invitations.select_related("person")]
    keys = list(QuestionnaireResponse.objects.filter(questionnaire=q).values_list("key", flat=True))
    tokens = list(q.invitations.values_list("token", flat=True))
    client = client_as("leder")
    html = _detail(client, q)
    csv_text = client.get(url("questionnaires:export", q, "csv")).content.decode("utf-8-sig")
    xlsx = client.get(url("questionnaires:export", q, "xlsx")).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    for text in (html, csv_text, cells):
        for person in invited:
            assert person.name not in text
            if person.email:
                assert person.email not in text
        for secret in (*keys, *tokens):
            assert secret not in text
    assert "Jeg planlægger mine afdelingsmøder" in csv_text and "Jeg planlægger" in cells
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert len(rows[0]) == 8
    scale_rows = [row for row in rows[1:] if row[0] == "1"]
    assert [row[5] for row in scale_rows] == ["0", "0", "1", "2", "2"]
    assert scale_rows[0][7] == "4.2"
    assert {response_key(token) for token in tokens} >= set(keys)  # only the links open them


def test_the_too_few_state_is_in_the_demo(client_as) -> None:
    html = _detail(client_as("politiker"), questionnaire(CAMPUS, "closed"))
    assert CHART not in html
    assert "3" in html and "5" in html
    assert danish("Results") in html


def test_a_draft_has_no_results_and_no_export(client_as) -> None:
    q = questionnaire(ELDERLY, "draft")
    client = client_as("konsulent")
    assert danish("Results") + "</h2>" not in _detail(client, q)
    assert client.get(url("questionnaires:export", q, "csv")).status_code == 404
    assert (
        client.get(
            url("questionnaires:export", questionnaire(PROCESS, "closed"), "pdf")
        ).status_code
        == 404
    )


def test_the_chart_is_an_image_with_a_title_and_a_table_beside_it(client_as) -> None:
    html = _detail(client_as("leder"), questionnaire(PROCESS, "closed"))
    assert 'role="img"' in html and "<title id=" in html and "<caption" in html
    assert 'scope="row"' in html and 'scope="col"' in html
    assert "style=" not in html and "<script" not in html


def test_free_text_answers_are_escaped(demo) -> None:
    q = open_questionnaire(ELDERLY)
    answer_all(q, 5)
    text_question = next(qq for qq in questions(q) if qq.kind == Question.Kind.TEXT)
    from netvaerk.evaluation.questionnaires.models import QuestionAnswer

    QuestionAnswer.objects.filter(question=text_question).update(text="<script>alert(1)</script>")
    client = Client()
    from netvaerk.core.models import User

    client.force_login(User.objects.get(username="konsulent"))
    html = _detail(client, q)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
