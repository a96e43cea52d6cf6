"""Input meant to break things is stored as given and shown as text, never run or crashed on."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.utils.html import escape

from netvaerk.ideas.models import Comment, Idea

from .helpers import DEMO_IDEA, idea, idea_post, new_round

SCRIPT_TITLE = '<script>alert("x")</script> & <b>fed</b>'
SQL = "'; DROP TABLE ideas_idea; --"
ODD = (
    "\u202eevil\u202c mixed \u200d👩\u200d👩\u200d👧 emoji 🦄 "
    "combining e\u0301\u0301\u0301 zalgo Z\u0351\u0352\u0353 ÆØÅ æøå ß"
)
LONG = (f"{SQL}\n{ODD}\n" + "Lang tekst " * 1000)[:10_000]  # exactly at the limit
BENEFIT = f"{ODD}\n{SQL}"


@pytest.fixture
def hostile(client_as) -> Idea:
    """An idea submitted through the form with every kind of hostile text."""
    new_round(title="Runde til fjendtlige input", days=10)
    response = client_as("medarbejder").post(
        "/ideer/ny/",
        idea_post(title=SCRIPT_TITLE, problem=LONG, benefit=BENEFIT),
    )
    assert response.status_code == 302
    return Idea.objects.get(title=SCRIPT_TITLE)


def test_hostile_text_is_stored_exactly_as_given(hostile) -> None:
    assert hostile.title == SCRIPT_TITLE
    assert hostile.problem == LONG
    assert len(hostile.problem) == 10_000
    assert hostile.benefit == BENEFIT
    assert Idea.objects.filter(title=DEMO_IDEA).exists()  # the table is still there


def test_the_idea_page_shows_it_escaped(client_as, hostile) -> None:
    html = client_as("leder").get(f"/ideer/{hostile.pk}/").content.decode()
    assert "<script>alert" not in html
    assert escape(SCRIPT_TITLE) in html
    assert escape(SQL) in html
    assert ODD in html  # Unicode is not mangled
    assert escape(LONG[-500:]) in html


def test_the_list_shows_it_escaped(client_as, hostile) -> None:
    html = client_as("leder").get("/ideer/").content.decode()
    assert "<script>alert" not in html and escape(SCRIPT_TITLE) in html


def test_the_round_page_and_exports_keep_it_as_text(client_as, hostile) -> None:
    client = client_as("leder")
    html = client.get(f"/runder/{hostile.round_id}/").content.decode()
    assert "<script>alert" not in html and escape(SCRIPT_TITLE) in html

    text = client.get(f"/runder/{hostile.round_id}/?format=csv").content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    row = next(row for row in rows if row[1] == SCRIPT_TITLE)
    assert row[6] == LONG
    assert row[7] == BENEFIT

    content = client.get(f"/runder/{hostile.round_id}/?format=xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    row = next(row for row in sheet.iter_rows(values_only=True) if row[1] == SCRIPT_TITLE)
    assert row[6] == LONG
    assert row[7] == BENEFIT


def test_a_hostile_comment_is_shown_escaped(client_as, hostile) -> None:
    client = client_as("leder")
    response = client.post(f"/ideer/{hostile.pk}/kommentar/", {"body": SCRIPT_TITLE + SQL})
    assert response.status_code == 302
    assert Comment.objects.get(idea=hostile).body == SCRIPT_TITLE + SQL
    html = client.get(f"/ideer/{hostile.pk}/").content.decode()
    assert "<script>alert" not in html and escape(SCRIPT_TITLE + SQL) in html


@pytest.mark.parametrize("field", ["title", "problem", "benefit", "co_proposer_emails"])
def test_a_nul_character_in_the_idea_form_is_a_400(client_as, field) -> None:
    data = idea_post(title="Med NUL")
    data[field] = data[field] + "\x00efter" if data[field] else "a\x00b"
    response = client_as("medarbejder").post("/ideer/ny/", data)
    assert response.status_code == 400
    assert not Idea.objects.filter(title__startswith="Med NUL").exists()


def test_nul_characters_elsewhere_are_400(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    leader = client_as("leder")
    assert leader.post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "a\x00b"}).status_code == 400
    assert leader.get("/ideer/", {"q": "a\x00b"}).status_code == 400
    question = client_as("konsulent").post(f"/ideer/{demo_idea.pk}/spoergsmaal/", {"body": "\x00"})
    assert question.status_code == 400
    round_form = client_as("konsulent").post(
        "/runder/ny/",
        {"title": "NUL\x00", "deadline": "2099-01-01T12:00", "criteria": "a\x00 | 2"},
    )
    assert round_form.status_code == 400
    assert demo_idea.comments.count() == 0


def test_text_over_the_limit_is_a_400(client_as) -> None:
    client = client_as("medarbejder")
    too_long = "x" * 10_001
    assert client.post("/ideer/ny/", idea_post(problem=too_long)).status_code == 400
    assert client.post("/ideer/ny/", idea_post(benefit=too_long)).status_code == 400
    assert client.post("/ideer/ny/", idea_post(title="x" * 201)).status_code == 400
    assert not Idea.objects.filter(problem=too_long).exists()
    demo_idea = idea(DEMO_IDEA)
    response = client.post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": too_long})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        SQL,
        SCRIPT_TITLE,
        ODD,
        "%",
        "_",
        "\\",
        "a & b | !c <-> (d:*)",
        '"uafsluttet citat',
        "-",
        "og",  # a Danish stop word only
        "x" * 200,
    ],
)
def test_search_with_hostile_strings_answers(client_as, query) -> None:
    response = client_as("leder").get("/ideer/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_search_for_percent_does_not_match_everything(client_as) -> None:
    html = client_as("leder").get("/ideer/", {"q": "%"}).content.decode()
    assert DEMO_IDEA not in html


def test_search_finds_the_hostile_idea_by_its_odd_words(client_as, hostile) -> None:
    html = client_as("leder").get("/ideer/", {"q": "zalgo"}).content.decode()
    assert escape(SCRIPT_TITLE) in html


def test_control_characters_do_not_break_the_spreadsheet(client_as) -> None:
    new_round(title="Runde med styretegn", days=10)
    title = "Klokke\x07 og escape\x1b og tab\tslut"
    response = client_as("medarbejder").post("/ideer/ny/", idea_post(title=title))
    assert response.status_code == 302
    stored = Idea.objects.get(title=title)
    response = client_as("leder").get(f"/runder/{stored.round_id}/?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    titles = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Klokke og escape og tab\tslut" in titles
