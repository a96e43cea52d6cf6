"""Downloading my own data from /konto/: JSON and a readable PDF, only ever my own."""

from __future__ import annotations

import io
import json

from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from netvaerk.core.models import User
from netvaerk.core.personal_data import person_data
from netvaerk.organisation.models import Person
from netvaerk.privacy.document import SECTION_LABELS


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_account_page_links_to_both_downloads(client_as) -> None:
    page = client_as("medarbejder").get(reverse("core:account")).content.decode()
    assert reverse("privacy:my_data_json") in page
    assert reverse("privacy:my_data_pdf") in page
    # The section sits before the log of changes about me.
    assert page.index('id="mine-data"') < page.index(reverse("privacy:my_data_pdf"))
    with translation.override("da"):
        changes = translation.gettext("Changes to data about you")
    assert page.index(reverse("privacy:my_data_pdf")) < page.index(changes)


def test_json_is_the_signed_in_users_own_data(client_as) -> None:
    response = client_as("medarbejder").get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    me = Person.objects.get(user__username="medarbejder")
    assert data["person"]["name"] == me.name
    assert data["account"]["user"] == "medarbejder"
    assert {n["network"] for n in data["networks"]} == set(
        me.participations.values_list("network__title", flat=True)
    )
    other = client_as("leder").get(reverse("privacy:my_data_json"))
    assert json.loads(other.content)["person"]["name"] != me.name


def test_pdf_is_a_readable_document_with_every_section(client_as) -> None:
    response = client_as("medarbejder").get(reverse("privacy:my_data_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    me = Person.objects.select_related("unit", "user").get(user__username="medarbejder")
    data = person_data(me)
    assert me.name in text and me.email in text
    for section in data:
        with translation.override("da"):
            assert str(SECTION_LABELS[section]) in text, section
    for network in data["networks"]:
        assert network["network"][:30] in text.replace("\n", " ")
    for idea in data["ideas"]:
        assert idea["title"][:30] in text.replace("\n", " ")
    assert "2013" in text  # dates written out, not left as ISO codes only
    assert '"networks"' not in text and "joined_on" not in text  # no raw JSON keys


def test_a_user_without_a_person_is_told_so(demo) -> None:
    user = User.objects.create_user(username="admin-uden-person", password="x")
    client = Client()
    client.force_login(user)
    for name in ("privacy:my_data_json", "privacy:my_data_pdf"):
        response = client.get(reverse(name))
        assert response.status_code == 404
        assert "not connected to a person" in response.content.decode() or (
            "ikke knyttet" in response.content.decode()
        )
    account = client.get(reverse("core:account")).content.decode()
    assert reverse("privacy:my_data_json") not in account


def test_anonymous_is_sent_to_sign_in(client_as) -> None:
    for name in ("privacy:my_data_json", "privacy:my_data_pdf"):
        response = client_as("anonymous").get(reverse(name))
        assert response.status_code == 302 and reverse("core:login") in response["Location"]


def test_my_notification_settings_are_in_both_downloads(client_as) -> None:
    from netvaerk.core.notifications import notification_settings_save

    me = Person.objects.get(user__username="medarbejder")
    notification_settings_save(person=me, choices={"idea.comment": "weekly"}, by=me.user)
    client = client_as("medarbejder")
    data = json.loads(client.get(reverse("privacy:my_data_json")).content)
    chosen = {row["kind"]: row["delivery"] for row in data["notification_settings"]}
    assert chosen["idea.comment"] == "weekly"
    assert chosen["idea.state"] == "immediately"  # the default is exported too
    text = _pdf_text(client.get(reverse("privacy:my_data_pdf")).content).replace("\n", " ")
    with translation.override("da"):
        from netvaerk.core.models import NotificationSetting
        from netvaerk.core.notifications import KINDS

        assert str(KINDS["idea.comment"].label) in text
        assert str(NotificationSetting.Delivery.WEEKLY.label) in text
