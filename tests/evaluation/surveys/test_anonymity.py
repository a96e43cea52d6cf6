"""No page, export or report shows a group below the threshold, or who answered what.

In the demo's Campus survey "Erhverv og uddannelse" has four respondents in each wave: its name
may appear in the survey's list of groups, never in the results, exports or reports.
"""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from netvaerk.evaluation.surveys import selectors
from netvaerk.evaluation.surveys.models import TieInvitation

from .helpers import CAMPUS, HIDDEN_GROUP, detail_url, network, survey, waves


def _invited_names() -> set[str]:
    return set(
        TieInvitation.objects.filter(wave__survey__network__title=CAMPUS).values_list(
            "person__name", flat=True
        )
    )


def _results(page: str) -> str:
    start = page.index('id="results"')
    return page[start:]


def test_the_detail_page_shows_no_hidden_group_and_no_person_in_the_results(client_as) -> None:
    for role in ("politiker", "konsulent"):
        page = client_as(role).get(detail_url(CAMPUS)).content.decode()
        results = _results(page)
        assert "Skoler og dagtilbud" in results
        assert HIDDEN_GROUP not in results
        assert "1 group had fewer than 5 respondents" in results or "1 gruppe" in results
        for name in _invited_names():
            assert name not in results, (role, name)
    # A reader who does not run the network sees no person on the page at all.
    page = client_as("politiker").get(detail_url(CAMPUS)).content.decode()
    for name in _invited_names():
        assert name not in page, name


def test_the_comparison_shows_no_hidden_group(client_as) -> None:
    first, last = waves(CAMPUS)
    page = (
        client_as("chef")
        .get(detail_url(CAMPUS, f"?sammenlign={first.pk}&med={last.pk}"))
        .content.decode()
    )
    assert "Skoler og dagtilbud → Kultur, fritid og byrum" in page
    assert HIDDEN_GROUP not in _results(page)


def test_exports_show_no_hidden_group_and_no_person(client_as) -> None:
    found = survey(CAMPUS)
    client = client_as("politiker")
    for wave in waves(CAMPUS):
        url = reverse("surveys:export", args=[found.network_id, found.pk, wave.pk, "csv"])
        text = client.get(url).content.decode("utf-8-sig")
        assert "Skoler og dagtilbud" in text
        assert HIDDEN_GROUP not in text
        for name in _invited_names():
            assert name not in text
        url = reverse("surveys:export", args=[found.network_id, found.pk, wave.pk, "xlsx"])
        response = client.get(url)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
        assert "Skoler og dagtilbud" in cells
        assert HIDDEN_GROUP not in cells
        for name in _invited_names():
            assert name not in cells


def test_network_report_names_only_shown_groups(demo) -> None:
    reports = selectors.network_report(network(CAMPUS))
    assert len(reports) == 1
    for wave_report in reports[0].waves:
        assert HIDDEN_GROUP not in wave_report.names.values()
        assert set(wave_report.names) == set(wave_report.result.groups)
        assert wave_report.result.hidden == 1
        assert all(HIDDEN_GROUP not in (tie.source, tie.target) for tie in wave_report.ties)


def test_export_of_another_networks_wave_is_404(client_as) -> None:
    from .helpers import ELDERLY

    found = survey(CAMPUS)
    other_wave = waves(ELDERLY)[0]
    url = reverse("surveys:export", args=[found.network_id, found.pk, other_wave.pk, "csv"])
    assert client_as("konsulent").get(url).status_code == 404
    url = reverse("surveys:export", args=[found.network_id, found.pk, waves(CAMPUS)[0].pk, "pdf"])
    assert client_as("konsulent").get(url).status_code == 404
    assert client_as("borger").get(url.replace(".pdf", ".csv")).status_code == 404
