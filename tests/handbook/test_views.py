"""The handbook's pages: table of contents, search, pages with their template, editing with
preview and conflicts, versions with comparison and restore."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from netvaerk.core.models import AuditEntry
from netvaerk.evaluation.models import EvaluationTemplate
from netvaerk.handbook import services
from netvaerk.handbook.models import Chapter, Page
from netvaerk.networks.contracts.models import ContractTemplate
from netvaerk.networks.meetings.models import WorkshopDesign
from netvaerk.networks.models import NetworkType

GUIDE = "faciliteringsvejledning"


def _text(response) -> str:
    return response.content.decode()


def t(message: str) -> str:
    """A UI string as the pages show it (the test client gets the Danish UI)."""
    with translation.override("da"):
        return gettext(message)


def _form(page: Page, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": page.title,
        "chapter": page.chapter,
        "summary": page.summary,
        "order": page.order,
        "body": page.body,
        "version": page.version,
        "reason": "",
    }
    data.update(changes)
    return data


# --- the table of contents and search -----------------------------------------------------------


def test_every_chapter_has_a_page_in_the_demo(demo) -> None:
    chapters = set(Page.objects.values_list("chapter", flat=True))
    assert chapters == {chapter.value for chapter in Chapter}


def test_table_of_contents_lists_chapters_and_pages_in_order(client_as) -> None:
    html = _text(client_as("borger").get(reverse("handbook:index")))
    positions = [html.index(f">{chapter.label}</h3>") for chapter in Chapter]
    assert positions == sorted(positions)
    pages = list(Page.objects.order_by("chapter", "order", "title"))
    page_positions = [html.index(page.get_absolute_url()) for page in pages]
    assert page_positions == sorted(page_positions)
    # Each page is listed under its own chapter's heading.
    for page in pages:
        heading = html.index(f">{Chapter(page.chapter).label}</h3>")
        assert heading < html.index(page.get_absolute_url())


def test_search_finds_words_in_the_body_with_their_chapter(client_as) -> None:
    response = client_as("medarbejder").get(reverse("handbook:index") + "?q=referat")
    html = _text(response)
    assert response.status_code == 200
    assert reverse("handbook:page", args=[GUIDE]) in html
    assert str(Chapter.FACILITATION_GUIDE.label) in html
    assert reverse("handbook:page", args=["inddragelsesmetoder"]) not in html


def test_search_with_danish_letters(client_as) -> None:
    client = client_as("leder")
    for query, slug in [
        ("pårørende", "inddragelsesmetoder"),
        ("ØVRIGE perspektiver", "inddragelsesmetoder"),
        ("FÆLLES VIDEN", "evalueringsvejledning"),
        ("ændrer", "evalueringsvejledning"),
    ]:
        response = client.get(reverse("handbook:index"), {"q": query})
        assert response.status_code == 200
        assert reverse("handbook:page", args=[slug]) in _text(response), query


def test_search_matches_å_in_a_new_page(client_as) -> None:
    services.page_create(
        slug="aaben", chapter=Chapter.STRATEGY, title="Åben dør", body="Vi går på tværs", by=None
    )
    html = _text(client_as("borger").get(reverse("handbook:index"), {"q": "åben TVÆRS"}))
    assert reverse("handbook:page", args=["aaben"]) in html


def test_search_without_hits_says_so(client_as) -> None:
    response = client_as("borger").get(reverse("handbook:index"), {"q": "zyxqæøå"})
    assert response.status_code == 200
    assert t("No pages match your search. Try other or fewer words.") in _text(response)


def test_too_long_search_is_400_not_500(client_as) -> None:
    response = client_as("borger").get(reverse("handbook:index"), {"q": "x" * 500})
    assert response.status_code == 400


def test_search_results_are_paginated(client_as, settings) -> None:
    settings.PAGE_SIZE = 2
    client = client_as("borger")
    first = client.get(reverse("handbook:index"), {"q": "netværket"})
    assert first.status_code == 200
    assert first.context["results"].paginator.num_pages > 1
    assert (
        client.get(reverse("handbook:index"), {"q": "netværket", "side": "99"}).status_code == 404
    )


# --- a page -----------------------------------------------------------------------------------


def test_page_shows_text_chapter_neighbours_and_last_change(client_as) -> None:
    html = _text(client_as("borger").get(reverse("handbook:page", args=["evalueringsvejledning"])))
    assert "<h2>Relationel koordinering</h2>" in html
    assert str(Chapter.EVALUATION_GUIDE.label) in html
    assert 'rel="prev"' not in html  # the first page in its chapter
    assert 'rel="next"' in html
    assert reverse("handbook:page", args=["evalueringsskabelon-velfaerdsnetvaerk"]) in html
    assert reverse("handbook:edit", args=["evalueringsvejledning"]) not in html


def test_secretariat_sees_edit_and_versions_links(client_as) -> None:
    html = _text(client_as("konsulent").get(reverse("handbook:page", args=[GUIDE])))
    assert reverse("handbook:edit", args=[GUIDE]) in html
    assert reverse("handbook:revisions", args=[GUIDE]) in html


def test_unknown_page_is_404(client_as) -> None:
    assert (
        client_as("borger").get(reverse("handbook:page", args=["findes-ikke"])).status_code == 404
    )


def test_contract_template_page_shows_its_sections(client_as) -> None:
    template = ContractTemplate.objects.get(kind=NetworkType.WELFARE)
    assert template.handbook_page is not None
    html = _text(client_as("konsulent").get(template.handbook_page.get_absolute_url()))
    assert "Skriv 2-4 mål, der kan måles før og efter" in html
    label = ContractTemplate._meta.get_field("success_criteria").verbose_name
    with translation.override("da"):
        assert f"<dt>{str(label)[:1].upper()}{str(label)[1:]}</dt>" in html
    assert reverse("contracts:template_edit", args=[template.pk]) in html
    # Not for those who cannot edit the template.
    html = _text(client_as("medarbejder").get(template.handbook_page.get_absolute_url()))
    assert "Skriv 2-4 mål" in html
    assert reverse("contracts:template_edit", args=[template.pk]) not in html


def test_workshop_design_page_shows_its_agenda(client_as) -> None:
    for design in WorkshopDesign.objects.all():
        assert design.handbook_page is not None
        html = _text(client_as("borger").get(design.handbook_page.get_absolute_url()))
        assert str(Chapter.WORKSHOP_DESIGNS.label) in html
        first_item = design.agenda.splitlines()[0].split("|")[1].strip()
        assert first_item in html
    design = WorkshopDesign.objects.first()
    html = _text(client_as("direktor").get(design.handbook_page.get_absolute_url()))
    assert reverse("meetings:design_edit", args=[design.pk]) in html


def test_evaluation_template_page_shows_questions_and_indicators(client_as) -> None:
    template = EvaluationTemplate.objects.get(kind=NetworkType.WELFARE)
    html = _text(client_as("netvaerksleder").get(template.handbook_page.get_absolute_url()))
    assert "Oplever borgerne et mere sammenhængende forløb?" in html
    assert "Genindlæggelser inden for 30 dage" in html
    assert "Sundhedsdata" in html


def test_every_template_has_a_handbook_page_in_the_right_chapter(demo) -> None:
    expected = [
        (ContractTemplate, Chapter.CONTRACT_TEMPLATES),
        (WorkshopDesign, Chapter.WORKSHOP_DESIGNS),
        (EvaluationTemplate, Chapter.EVALUATION_GUIDE),
    ]
    for model, chapter in expected:
        for template in model.objects.select_related("handbook_page"):
            assert template.handbook_page.chapter == chapter, template


def test_template_link_moves_a_page_and_is_audited(demo) -> None:
    welfare = ContractTemplate.objects.get(kind=NetworkType.WELFARE)
    learning = ContractTemplate.objects.get(kind=NetworkType.LEARNING)
    page = welfare.handbook_page
    services.template_link(template=learning, page=page, by=None)
    welfare.refresh_from_db()
    learning.refresh_from_db()
    assert welfare.handbook_page is None
    assert learning.handbook_page == page
    assert AuditEntry.objects.filter(action="handbook.template.link").exists()


# --- editing ----------------------------------------------------------------------------------


def test_edit_saves_a_revision_and_is_audited(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    revisions = page.history.count()
    response = client_as("konsulent").post(
        reverse("handbook:edit", args=[GUIDE]),
        _form(page, body=page.body + "\n## Nyt afsnit\n\nMere tekst.", reason="Nyt afsnit"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.version == 3
    assert "<h2>Nyt afsnit</h2>" in page.body_html
    assert page.updated_by.username == "konsulent"
    assert page.history.count() == revisions + 1
    newest = page.history.order_by("-history_id").first()
    assert newest.history_change_reason == "Nyt afsnit"
    assert newest.history_user.username == "konsulent"
    entry = AuditEntry.objects.filter(action="handbook.page.update").latest("pk")
    assert entry.actor.username == "konsulent"
    assert "body" in entry.changes


def test_preview_shows_the_text_and_saves_nothing(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    before = (AuditEntry.objects.count(), page.history.count(), page.body)
    response = client_as("direktor").post(
        reverse("handbook:edit", args=[GUIDE]),
        {**_form(page, body="## Prøve\n\n<script>x</script>"), "action": "preview"},
    )
    assert response.status_code == 200
    html = _text(response)
    assert "<h2>Prøve</h2>" in html
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html  # the preview and the textarea, as text
    page.refresh_from_db()
    assert (AuditEntry.objects.count(), page.history.count(), page.body) == before


def test_preview_on_create_saves_nothing(client_as) -> None:
    count = Page.objects.count()
    response = client_as("direktor").post(
        reverse("handbook:create"),
        {
            "title": "Ny",
            "slug": "ny-side",
            "chapter": 1,
            "order": 0,
            "body": "**fed**",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    assert "<strong>fed</strong>" in _text(response)
    assert Page.objects.count() == count


def test_stale_edit_is_409_and_keeps_both_texts(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    stale_version = page.version
    services.page_update(page=page, version=page.version, body="Deres tekst", by=None)
    response = client_as("konsulent").post(
        reverse("handbook:edit", args=[GUIDE]),
        _form(page, body="Min tekst", version=stale_version),
    )
    assert response.status_code == 409
    html = _text(response)
    assert "Deres tekst" in html
    assert "Min tekst" in html
    page.refresh_from_db()
    assert page.body == "Deres tekst"
    # The form is bound to the current version: saving again knowingly replaces theirs.
    assert response.context["form"]["version"].value() == str(page.version)


def test_create_with_a_taken_or_reserved_address_is_400(client_as) -> None:
    client = client_as("konsulent")
    for slug in (GUIDE, "ny"):
        response = client.post(
            reverse("handbook:create"),
            {"title": "X", "slug": slug, "chapter": 1, "order": 0, "body": ""},
        )
        assert response.status_code == 400, slug


def test_bad_edit_form_is_400(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    response = client_as("konsulent").post(
        reverse("handbook:edit", args=[GUIDE]), _form(page, chapter=99, title="")
    )
    assert response.status_code == 400


# --- versions ---------------------------------------------------------------------------------


def test_revisions_list_who_when_and_why(client_as) -> None:
    html = _text(client_as("konsulent").get(reverse("handbook:revisions", args=[GUIDE])))
    assert "Check-out og et godt råd tilføjet" in html
    assert html.count(reverse("handbook:revisions", args=[GUIDE])) >= 1
    assert html.count('href="/haandbog/faciliteringsvejledning/versioner/') == 2


def test_revision_shows_a_readable_diff_and_restore_makes_a_new_revision(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    first = page.history.order_by("history_id").first()
    client = client_as("direktor")
    url = reverse("handbook:revision", args=[GUIDE, first.history_id])
    html = _text(client.get(url))
    assert 'id="diff-legend"' in html
    assert re.search(r"<ins><span class=\"sr-only\">[^<]+</span>5\. \*\*Check-out", html)
    assert t("Restore this version") in html

    revisions = page.history.count()
    response = client.post(url, {"version": page.version})
    assert response.status_code == 302
    page.refresh_from_db()
    assert "Check-out" not in page.body
    assert page.body == first.body
    assert page.history.count() == revisions + 1
    newest = page.history.order_by("-history_id").first()
    assert newest.history_change_reason.startswith(t("Restored the version of %(when)s")[:10])
    entry = AuditEntry.objects.filter(action="handbook.page.restore").latest("pk")
    assert entry.actor.username == "direktor"
    assert entry.changes["restored_revision"] == [None, first.history_id]


def test_stale_restore_is_409_and_changes_nothing(client_as) -> None:
    page = Page.objects.get(slug=GUIDE)
    first = page.history.order_by("history_id").first()
    response = client_as("direktor").post(
        reverse("handbook:revision", args=[GUIDE, first.history_id]), {"version": page.version - 1}
    )
    assert response.status_code == 409
    page.refresh_from_db()
    assert "Check-out" in page.body


def test_revision_of_another_page_is_404(client_as) -> None:
    other = Page.objects.get(slug="inddragelsesmetoder").history.first()
    response = client_as("direktor").get(
        reverse("handbook:revision", args=[GUIDE, other.history_id])
    )
    assert response.status_code == 404
