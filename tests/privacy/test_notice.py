"""The privacy notice: anyone reads it; the secretariat edits it (Markdown, sanitised), with a
preview and a 409 when someone else saved in between."""

from __future__ import annotations

from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.privacy.models import PrivacyNotice
from netvaerk.privacy.selectors import notice_for_page

NOTICE = "privacy:notice"
EDIT = "privacy:notice_edit"


def _post(client, body: str, version: int, action: str = "save"):
    return client.post(reverse(EDIT), {"body": body, "version": version, "action": action})


def test_anyone_reads_the_demo_notice_and_every_page_links_to_it(client_as) -> None:
    response = client_as("anonymous").get(reverse(NOTICE))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h2>Hvem er dataansvarlig?</h2>" in page
    assert "artikel 6, stk. 1, litra e" in page
    assert reverse(EDIT) not in page
    login = client_as("anonymous").get(reverse("core:login")).content.decode()
    assert f'href="{reverse(NOTICE)}"' in login


def test_without_a_saved_notice_the_starter_text_is_shown(client_as) -> None:
    PrivacyNotice.objects.all().delete()
    page = client_as("borger").get(reverse(NOTICE)).content.decode()
    assert "Hvem er dataansvarlig?" in page
    assert notice_for_page().version == 0


def test_the_secretariat_saves_markdown_and_html_is_not_passed_on(client_as) -> None:
    client = client_as("konsulent")
    assert reverse(EDIT) in client.get(reverse(NOTICE)).content.decode()
    version = PrivacyNotice.objects.get().version
    body = "## Kontakt\n\nSkriv til **dpo@kommune.dk**.\n\n<script>alert(1)</script>"
    response = _post(client, body, version)
    assert response.status_code == 302
    notice = PrivacyNotice.objects.get()
    assert notice.version == version + 1 and notice.body == body
    page = client_as("anonymous").get(reverse(NOTICE)).content.decode()
    assert "<h2>Kontakt</h2>" in page and "<strong>dpo@kommune.dk</strong>" in page
    assert "<script>alert(1)</script>" not in page
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "privacy.notice.update" and entry.actor.username == "konsulent"


def test_preview_shows_the_text_and_saves_nothing(client_as) -> None:
    notice = PrivacyNotice.objects.get()
    response = _post(client_as("direktor"), "## Udkast", notice.version, action="preview")
    assert response.status_code == 200
    assert "<h2>Udkast</h2>" in response.content.decode()
    assert PrivacyNotice.objects.get().body == notice.body


def test_a_stale_save_is_409_and_keeps_both_texts(client_as) -> None:
    version = PrivacyNotice.objects.get().version
    assert _post(client_as("direktor"), "Direktørens tekst", version).status_code == 302
    response = _post(client_as("konsulent"), "Konsulentens tekst", version)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Direktørens tekst" in page and "Konsulentens tekst" in page
    assert PrivacyNotice.objects.get().body == "Direktørens tekst"
    # Saving again from the conflict page (now at the current version) replaces it knowingly.
    assert _post(client_as("konsulent"), "Konsulentens tekst", version + 1).status_code == 302
    assert PrivacyNotice.objects.get().body == "Konsulentens tekst"


def test_an_empty_or_broken_form_is_400(client_as) -> None:
    client = client_as("konsulent")
    version = PrivacyNotice.objects.get().version
    assert _post(client, "", version).status_code == 400
    assert client.post(reverse(EDIT), {"body": "x", "version": "abc"}).status_code == 400
    assert PrivacyNotice.objects.get().version == version
