"""The audit log for the secretariat, the entries about me at /konto/, and the health check."""

from __future__ import annotations

from unittest import mock

from django.db import DatabaseError

from netvaerk.core.models import AuditEntry
from netvaerk.organisation.models import Person
from netvaerk.organisation.services import person_update


def test_my_account_lists_the_changes_about_me_only(client_as) -> None:
    me = Person.objects.get(user__username="medarbejder")
    other = Person.objects.get(user__username="leder")
    person_update(person=me, title="Koordinator", by=None)
    person_update(person=other, title="Hemmelig titel", by=None)
    html = client_as("medarbejder").get("/konto/").content.decode()
    assert "Koordinator" in html
    assert "Hemmelig titel" not in html


def test_the_audit_log_filters_by_text_type_and_date(client_as) -> None:
    person = Person.objects.get(user__username="medarbejder")
    person_update(person=person, title="Særlig titel", by=None)
    client = client_as("direktor")
    html = client.get("/log/?q=Camilla&object_type=organisation.person").content.decode()
    assert "Særlig titel" in html
    html = client.get("/log/?object_type=organisation.forum").content.decode()
    assert "Særlig titel" not in html and "Chefforum" in html
    html = client.get("/log/?date_from=2000-01-01&date_to=2000-01-02").content.decode()
    assert "Særlig titel" not in html


def test_bad_audit_filters_give_400_and_a_message(client_as) -> None:
    response = client_as("direktor").get("/log/?date_from=2024-02-30")
    assert response.status_code == 400
    response = client_as("direktor").get("/log/?date_from=2024-02-03&date_to=2024-01-01")
    assert response.status_code == 400


def test_service_changes_record_actor_and_before_after(client_as) -> None:
    from netvaerk.core.models import User

    person = Person.objects.get(user__username="medarbejder")
    direktor = User.objects.get(username="direktor")
    person_update(person=person, title="Ny titel", by=direktor)
    entry = AuditEntry.objects.latest("pk")
    assert entry.actor == direktor and entry.subject == person
    assert entry.changes == {"title": ["Social- og sundhedsassistent", "Ny titel"]}


def test_a_service_refuses_a_user_without_permission(client_as) -> None:
    import pytest
    from django.core.exceptions import PermissionDenied

    from netvaerk.core.models import User

    person = Person.objects.get(user__username="leder")
    with pytest.raises(PermissionDenied):
        person_update(person=person, title="x", by=User.objects.get(username="medarbejder"))
    person.refresh_from_db()
    assert person.title == "Afdelingsleder"


def test_account_language_is_saved_and_bad_values_are_400(client_as) -> None:
    client = client_as("medarbejder")
    response = client.post("/konto/", {"language": "en"})
    assert response.status_code == 302
    assert client.get("/konto/").content.decode().count("My account") >= 1
    assert client.post("/konto/", {"language": "xx"}).status_code == 400


def test_healthz_is_200_with_a_database_and_503_without(client_as) -> None:
    client = client_as("anonymous")
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    with mock.patch("netvaerk.core.views.connection.cursor", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_adding_a_forum_member_twice_logs_once(client_as) -> None:
    from netvaerk.organisation.models import Forum
    from netvaerk.organisation.services import forum_member_add

    forum = Forum.objects.get(slug="lederforum")
    person = Person.objects.get(user__username="medarbejder")
    membership = forum_member_add(forum=forum, person=person, by=None)
    forum_member_add(forum=forum, person=person, by=None)
    entries = AuditEntry.objects.filter(
        action="organisation.forum_member.add", object_id=str(membership.pk)
    )
    assert entries.count() == 1
    forum_member_add(forum=forum, person=person, role="chair", by=None)
    assert entries.count() == 2
    assert entries.first().changes["role"] == ["member", "chair"]


def test_the_log_words_coded_values_as_the_pages_do(client_as) -> None:
    person = Person.objects.get(user__username="medarbejder")
    person_update(person=person, kind=Person.Kind.POLITICIAN, is_innovator=True, by=None)
    html = client_as("direktor").get("/log/?object_type=organisation.person").content.decode()
    # Danish labels of the choice and of the yes/no, never the stored codes.
    assert "Medarbejder → Politiker" in html
    assert "Nej → Ja" in html
    assert "employee → politician" not in html and "False → True" not in html
