"""Selection rounds at /runder/: creating and editing them, and the forum's downloads."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from netvaerk.ideas import services
from netvaerk.ideas.models import Criterion, Idea, Round, Score

from .helpers import meeting, new_round, on_agenda, person, submitted, user


def _deadline(days: int = 20) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _line_error(number: int) -> str:
    with translation.override("da"):
        text = translation.gettext(
            "Line %(number)s: the weight must be a whole number from 1 to 10."
        ) % {"number": number}
    return escape(text)


def test_only_the_secretariat_creates_rounds(client_as) -> None:
    chef = client_as("chef")
    assert chef.get("/runder/ny/").status_code == 403
    response = chef.post("/runder/ny/", {"title": "Chefens runde", "deadline": _deadline()})
    assert response.status_code == 403
    assert not Round.objects.filter(title="Chefens runde").exists()
    assert client_as("konsulent").get("/runder/ny/").status_code == 200
    assert client_as("chef").get("/runder/").status_code == 200  # reading is for everyone


def test_criteria_are_read_from_lines_with_an_optional_weight(client_as) -> None:
    response = client_as("konsulent").post(
        "/runder/ny/",
        {
            "title": "Sommerrunde",
            "deadline": _deadline(),
            "criteria": (
                "Borgerne mærker forskel | 3\r\nEffekten kan måles\r\n\r\n  Ejerskab  |2 \r\n"
            ),
        },
    )
    assert response.status_code == 302
    created = Round.objects.get(title="Sommerrunde")
    assert response["Location"] == f"/runder/{created.pk}/"
    assert [(c.text, c.weight) for c in created.criteria.all()] == [
        ("Borgerne mærker forskel", 3),
        ("Effekten kan måles", 1),
        ("Ejerskab", 2),
    ]
    html = client_as("leder").get(f"/runder/{created.pk}/").content.decode()
    assert "Borgerne mærker forskel" in html and "Ejerskab" in html


@pytest.mark.parametrize("weight", ["tre", "0", "11", "2.5", "-1", "²"])
def test_a_bad_weight_is_a_400_naming_the_line(client_as, weight) -> None:
    client = client_as("konsulent")
    client.raise_request_exception = False  # a crash must show as a 500, not stop the test
    response = client.post(
        "/runder/ny/",
        {
            "title": "Runde med fejl",
            "deadline": _deadline(),
            "criteria": f"Første | 2\nAnden | {weight}",
        },
    )
    assert response.status_code == 400
    assert _line_error(2) in response.content.decode()
    assert not Round.objects.filter(title="Runde med fejl").exists()


def test_editing_a_round_keeps_the_scores_of_kept_criteria(client_as) -> None:
    agenda = meeting()
    selection = new_round(
        title="Redigeres", criteria=[("Bliver", 1), ("Fjernes", 1)], decision_meeting=agenda
    )
    candidate = submitted(title="Scoret idé")
    on_agenda(candidate, agenda)
    kept, removed = selection.criteria.all()
    services.idea_score(
        idea=candidate, values={kept.pk: 4, removed.pk: 2}, member=person("chef"), by=None
    )
    response = client_as("konsulent").post(
        f"/runder/{selection.pk}/rediger/",
        {
            "title": "Redigeret",
            "deadline": _deadline(25),
            "decision_meeting": agenda.pk,
            "criteria": "Ny først | 2\nBliver | 3",
        },
    )
    assert response.status_code == 302
    assert [(c.text, c.weight) for c in selection.criteria.all()] == [
        ("Ny først", 2),
        ("Bliver", 3),
    ]
    assert Criterion.objects.get(pk=kept.pk).weight == 3  # the same criterion, reweighted
    assert not Criterion.objects.filter(pk=removed.pk).exists()
    assert list(Score.objects.filter(idea=candidate).values_list("criterion_id", "value")) == [
        (kept.pk, 4)
    ]
    # Only the kept criterion is scored: the weighted score is its mean, 4.
    html = client_as("leder").get(f"/runder/{selection.pk}/").content.decode()
    assert "4,00" in html


def test_the_round_edit_form_shows_the_criteria_as_lines(client_as) -> None:
    selection = new_round(title="Vises", criteria=[("Borgerne mærker forskel", 3)])
    html = client_as("konsulent").get(f"/runder/{selection.pk}/rediger/").content.decode()
    assert "Borgerne mærker forskel | 3" in html
    assert client_as("chef").get(f"/runder/{selection.pk}/rediger/").status_code == 403


def test_an_unknown_round_is_a_404(client_as) -> None:
    assert client_as("leder").get("/runder/999999/").status_code == 404
    assert client_as("konsulent").get("/runder/999999/rediger/").status_code == 404


# --- exports ---------------------------------------------------------------------------------


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 with the BOM
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _xlsx_rows(response) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def export_round(demo) -> Round:
    selection = new_round(title="Eksportrunde", days=15)
    submitted(title="Første idé i runden", problem="Et problem med æøå.")
    submitted(title='=HYPERLINK("http://example.invalid","klik")', problem="+SUM(A1:A9)")
    return selection


def test_the_round_downloads_as_csv(client_as, export_round) -> None:
    response = client_as("chef").get(f"/runder/{export_round.pk}/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 3  # header and two ideas
    titles = [row[1] for row in rows[1:]]
    assert "Første idé i runden" in titles
    assert "Et problem med æøå." in [row[6] for row in rows[1:]]


def test_the_round_downloads_as_xlsx(client_as, export_round) -> None:
    response = client_as("chef").get(f"/runder/{export_round.pk}/?format=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    rows = _xlsx_rows(response)
    assert len(rows) == 3
    assert "Første idé i runden" in [row[1] for row in rows[1:]]


def test_a_title_that_looks_like_a_formula_stays_text(client_as, export_round) -> None:
    formula = '=HYPERLINK("http://example.invalid","klik")'
    client = client_as("chef")
    rows = _csv_rows(client.get(f"/runder/{export_round.pk}/?format=csv"))
    assert "'" + formula in [row[1] for row in rows]
    assert "'+SUM(A1:A9)" in [row[6] for row in rows]
    assert formula not in [row[1] for row in rows]
    rows = _xlsx_rows(client.get(f"/runder/{export_round.pk}/?format=xlsx"))
    assert "'" + formula in [row[1] for row in rows]
    assert "'+SUM(A1:A9)" in [row[6] for row in rows]


@pytest.mark.parametrize("export", ["pdf", "", "CSV", "xlsx\x00"])
def test_an_unknown_format_is_a_400(client_as, export_round, export) -> None:
    response = client_as("chef").get(f"/runder/{export_round.pk}/", {"format": export})
    assert response.status_code == 400


def test_drafts_and_other_rounds_are_not_exported(client_as, export_round) -> None:
    services.idea_create(title="Kladde i eksport", by=user("medarbejder"))
    rows = _csv_rows(client_as("chef").get(f"/runder/{export_round.pk}/?format=csv"))
    titles = [row[1] for row in rows[1:]]
    assert "Kladde i eksport" not in titles
    assert "Bedre overgang fra hjemmepleje til plejebolig" not in titles  # the demo round's


def test_the_submission_date_is_the_local_date(client_as, export_round) -> None:
    # 00:30 in Copenhagen on 5 March is still 4 March in UTC.
    just_after_midnight = timezone.make_aware(datetime.datetime(2030, 3, 5, 0, 30))
    Idea.objects.filter(title="Første idé i runden").update(submitted_at=just_after_midnight)
    rows = _csv_rows(client_as("chef").get(f"/runder/{export_round.pk}/?format=csv"))
    row = next(row for row in rows if row[1] == "Første idé i runden")
    assert row[11] == "2030-03-05"


def test_the_weighted_score_is_in_the_export(client_as) -> None:
    agenda = meeting()
    selection = new_round(
        title="Scoret runde", criteria=[("A", 3), ("B", 1)], decision_meeting=agenda
    )
    candidate = submitted(title="Scoret i eksport")
    on_agenda(candidate, agenda)
    a, b = selection.criteria.all()
    services.idea_score(idea=candidate, values={a.pk: 5, b.pk: 1}, member=person("chef"), by=None)
    rows = _csv_rows(client_as("chef").get(f"/runder/{selection.pk}/?format=csv"))
    assert rows[1][1] == "Scoret i eksport" and rows[1][10] == "4.0"  # (15 + 1) / 4


def test_guests_cannot_download_a_round(client_as, export_round) -> None:
    for export in ("csv", "xlsx"):
        response = client_as("borger").get(f"/runder/{export_round.pk}/?format={export}")
        assert response.status_code == 403
