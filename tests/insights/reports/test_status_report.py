"""The status report: the seed's own 2013 facts on screen, in the PDF and in the DOCX; the period
choice; the narrative editor with its 409 and audit; masking of private networks."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from netvaerk.core.models import AuditEntry
from netvaerk.insights.reports.models import StatusReport
from netvaerk.networks.demo import CAMPUS, ELDERLY, FAMILIES, PROCESS, PROJECT, YOUNG
from netvaerk.organisation.demo import INNOVATORS
from netvaerk.organisation.models import Person

pytestmark = pytest.mark.django_db

URL = reverse("reports:status")
REPORT_2013 = URL + "?year=2013"


def _da(text: str) -> str:
    with translation.override("da"):
        return str(translation.gettext(text))


HEADINGS = (
    "Background",
    "Phases and timeline",
    "Networks started",
    "What the evaluation shows",
    "Ideas received",
    "Staffing",
    "Next steps",
)


def _facts() -> list[str]:
    """What the seed says about 2013, as the report must state it (language-independent data)."""
    innovators = list(
        Person.objects.filter(external_id__in=INNOVATORS).values_list("name", flat=True)
    )
    assert len(innovators) == 5
    return [
        # three welfare networks selected for 2014, by name
        ELDERLY,
        FAMILIES,
        YOUNG,
        # Campus, running since 1 August 2013
        CAMPUS,
        "1. august 2013",
        # two learning networks: process and project management
        PROCESS,
        PROJECT,
        # five innovators in training, by name, on KL and KTO's innovator training
        *innovators,
        "Innovatøruddannelse (KL og KTO)",
        # the secretariat: a full-time director, consultants at 15 and 9 hours, an
        # administrative employee at 20 hours from 1 December
        _da("%(hours)s (full time)") % {"hours": "37"},
        "1. december 2013",
        # the narrative written for 2013 (reports/demo.py)
        "12. februar 2013",
        "diplommodulet i netværksledelse",
    ]


def _section(page: str, heading: str) -> str:
    """The HTML from the section's h2 to the next h2."""
    start = page.index(f">{_da(heading)}</h2>")
    end = page.find("<h2", start)
    return page[start : end if end != -1 else None]


def _staffing(text: str) -> None:
    flat = re.sub(r"\s+", " ", text)
    for hours in ("15", "9", "20"):
        assert re.search(rf"\b{hours}\b", flat)
    assert _da("Network director") in flat
    assert _da("Administrative employee") in flat
    with translation.override("da"):
        innovators = translation.ngettext(
            "%(count)s innovator in training", "%(count)s innovators in training", 5
        )
    assert innovators % {"count": 5} in flat


def test_the_2013_report_states_the_seeds_facts_on_screen(client_as) -> None:
    cache.clear()
    response = client_as("konsulent").get(REPORT_2013)
    assert response.status_code == 200
    page = response.content.decode()
    for fact in _facts():
        assert fact in page, fact
    for heading in HEADINGS:
        assert f">{_da(heading)}</h2>" in page
    _staffing(re.sub(r"<[^>]+>", " ", page))
    # Three welfare networks started in 2013, one innovation network, two learning networks.
    for kind, count in (("Welfare network", 3), ("Innovation network", 1), ("Learning network", 2)):
        assert f"<h3>{_da(kind)} ({count})</h3>" in page


def test_the_2013_report_downloads_as_a_pdf_with_the_facts(client_as) -> None:
    from pypdf import PdfReader

    cache.clear()
    response = client_as("direktor").get(REPORT_2013 + "&format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statusrapport-2013.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    for fact in _facts():
        assert re.sub(r"\s+", " ", fact) in flat, fact
    for heading in HEADINGS:
        assert _da(heading) in text
    _staffing(text)


def test_the_2013_report_downloads_as_a_word_document_with_the_facts(client_as) -> None:
    from docx import Document

    cache.clear()
    response = client_as("direktor").get(REPORT_2013 + "&format=docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == _da("Status report %(period)s") % {"period": "2013"}
    for heading in HEADINGS:
        assert _da(heading) in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    for fact in _facts():
        assert fact in text, fact
    _staffing(text)


def test_the_default_is_the_latest_year_with_data(client_as) -> None:
    from django.utils import timezone

    response = client_as("medarbejder").get(URL)
    assert response.status_code == 200
    assert response.context["report"].label == str(timezone.localdate().year)


def test_a_period_from_one_date_to_another(client_as) -> None:
    response = client_as("leder").get(URL + "?start=2013-08-01&end=2013-11-30")
    assert response.status_code == 200
    started = _section(response.content.decode(), "Networks started")
    assert CAMPUS in started
    assert ELDERLY not in started  # started 10 December


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=1800",
        "?start=2013-01-01",
        "?start=2013-12-01&end=2013-01-01",
        "?start=2013-13-01&end=2013-12-31",
        "?year=2013&start=2013-01-01&end=2013-12-31",
        "?year=2013&format=exe",
    ],
)
def test_bad_input_is_a_400(client_as, query: str) -> None:
    assert client_as("direktor").get(URL + query).status_code == 400


def test_a_private_network_is_masked_for_those_who_cannot_see_it(client_as) -> None:
    cache.clear()
    hidden = client_as("medarbejder").get(REPORT_2013).content.decode()
    for section in ("Phases and timeline", "Networks started"):
        assert YOUNG not in _section(hidden, section)
        assert _da("a private network") in _section(hidden, section)
    # The secretariat sees it (the same cached sections, masked per reader).
    seen = client_as("konsulent").get(REPORT_2013).content.decode()
    assert YOUNG in _section(seen, "Networks started")


def test_the_guest_and_anonymous_cannot_read_the_report(client_as) -> None:
    assert client_as("borger").get(REPORT_2013).status_code == 403
    assert client_as("anonymous").get(REPORT_2013).status_code == 302


# --- the narrative -----------------------------------------------------------------------------

EDIT = reverse("reports:edit") + "?year=2013"


def _post(client, version: int, **texts: str):
    data = {
        "background": "",
        "intro_phases": "",
        "intro_networks": "",
        "intro_evaluation": "",
        "intro_ideas": "",
        "intro_staffing": "",
        "next_steps": "",
        "version": str(version),
        **texts,
    }
    return client.post(EDIT, data)


def test_the_secretariat_edits_the_text_and_it_is_audited(client_as) -> None:
    client = client_as("konsulent")
    report = StatusReport.objects.get(starts_on="2013-01-01", ends_on="2013-12-31")
    assert client.get(EDIT).status_code == 200
    response = _post(
        client, report.version, background="Ny baggrund.", next_steps="- Første skridt"
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.background == "Ny baggrund."
    entry = AuditEntry.objects.filter(action="reports.status_report.update").first()
    assert entry is not None and entry.changes["background"][1] == "Ny baggrund."
    page = client.get(REPORT_2013).content.decode()
    assert "Ny baggrund." in page
    assert "<li>Første skridt</li>" in page


def test_a_stale_save_is_a_409_that_keeps_the_text(client_as) -> None:
    client = client_as("direktor")
    report = StatusReport.objects.get(starts_on="2013-01-01", ends_on="2013-12-31")
    old = report.version
    assert _post(client, old, background="Først.").status_code == 302
    response = _post(client, old, background="Mit eget udkast.")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mit eget udkast." in page and "Først." in page
    report.refresh_from_db()
    assert report.background == "Først."


def test_a_new_period_gets_its_own_text(client_as) -> None:
    client = client_as("direktor")
    url = reverse("reports:edit") + "?start=2013-05-01&end=2013-12-31"
    response = client.post(url, {"background": "Et halvt år.", "version": "0"})
    assert response.status_code == 302
    assert StatusReport.objects.get(starts_on="2013-05-01").background == "Et halvt år."


def test_only_the_secretariat_edits_the_text(client_as) -> None:
    assert client_as("chef").get(EDIT).status_code == 403
    assert _post(client_as("medarbejder"), 1, background="x").status_code == 403
