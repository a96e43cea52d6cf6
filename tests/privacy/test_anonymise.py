"""Anonymising a person who has left: the name and contact details are gone from every table,
the contributions stay under the placeholder, survey answers are untouched."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from netvaerk.api.models import ApiToken
from netvaerk.api.services import token_create
from netvaerk.core.models import AuditEntry, Notification, User
from netvaerk.core.services import user_create
from netvaerk.evaluation.questionnaires.models import QuestionAnswer, QuestionnaireResponse
from netvaerk.evaluation.surveys.models import TieAnswer, TieResponse
from netvaerk.handbook.models import Page
from netvaerk.handbook.services import page_update
from netvaerk.ideas.models import Comment, Idea
from netvaerk.ideas.services import idea_comment
from netvaerk.networks.logbook.models import LearningNote
from netvaerk.networks.logbook.services import learning_note_create
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person
from netvaerk.organisation.services import person_link_user
from netvaerk.privacy.demo import FORMER_EMPLOYEE
from netvaerk.privacy.services import PLACEHOLDER

from .helpers import former_employee, where_text_is

EMAIL = "kirsten.sondergaard@example.dk"


def _survey_answers() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values())
        for model in (TieResponse, TieAnswer, QuestionnaireResponse, QuestionAnswer)
    ]


@pytest.fixture
def contributions(demo) -> dict[str, Any]:
    """The former employee with an account, a token, a comment, a learning note, and her name
    copied into notifications, the audit log, another comment and a handbook revision."""
    person = former_employee()
    user = user_create(username="kirsten", password="x", email=EMAIL, by=None)
    user.first_name, user.last_name = "Kirsten", "Søndergaard"
    user.save()
    person_link_user(person=person, user=user, by=None)
    token, _raw = token_create(user=user, name="Intranet", scope="read", by=user)
    idea = Idea.objects.filter(state="selected").order_by("pk").first()
    comment = idea_comment(idea=idea, body="Vi har prøvet det i Hjemmeplejen.", by=user)
    colleague = User.objects.get(username="medarbejder")
    idea_comment(idea=idea, body=f"Enig med {FORMER_EMPLOYEE}, det virker.", by=colleague)
    network = Network.objects.get(title="Sammenhængende forløb for ældre efter udskrivning")
    note = learning_note_create(network=network, text="Borgerne ringer mindre.", by=None)
    LearningNote.objects.filter(pk=note.pk).update(author=person)
    guide = Page.objects.get(slug="faciliteringsvejledning")
    page_update(
        page=guide,
        version=guide.version,
        body=guide.body + f"\n\nSpørg {FORMER_EMPLOYEE.upper()} ({EMAIL}) om skabelonen.",
        by=User.objects.get(username="konsulent"),
    )
    assert Notification.objects.filter(actor_name=FORMER_EMPLOYEE).exists()
    # (Her own notifications: she has left, so she is no longer notified; one from before.)
    Notification.objects.create(person=person, kind="idea.comment", target_title=idea.title)
    return {"person": person, "user": user, "token": token, "idea": idea, "comment": comment}


def test_the_name_and_email_are_nowhere_in_the_database_afterwards(client_as, contributions):
    assert where_text_is(FORMER_EMPLOYEE), "the fixture copies the name around"
    # A pseudonymous free-text answer that happens to name her is left exactly as given.
    answer = QuestionAnswer.objects.order_by("pk").first()
    assert answer is not None, "the demo has questionnaire answers"
    QuestionAnswer.objects.filter(pk=answer.pk).update(text=f"Tak til {FORMER_EMPLOYEE}.")
    answers = _survey_answers()
    person = contributions["person"]

    response = client_as("konsulent").post(reverse("privacy:anonymise", args=[person.pk]))

    assert response.status_code == 302
    assert where_text_is(FORMER_EMPLOYEE) == [f"questionnaires.QuestionAnswer.text #{answer.pk}"]
    assert where_text_is(EMAIL) == []
    # The user name and the first name too (but for the untouched answer).
    assert where_text_is("kirsten") == [f"questionnaires.QuestionAnswer.text #{answer.pk}"]
    assert _survey_answers() == answers


def test_contributions_are_kept_and_shown_under_the_placeholder(client_as, contributions):
    person, idea = contributions["person"], contributions["idea"]
    comments = Comment.objects.filter(author=person).count()
    client_as("direktor").post(reverse("privacy:anonymise", args=[person.pk]))

    assert Comment.objects.filter(author=person).count() == comments == 1
    assert LearningNote.objects.filter(author=person).count() == 1
    page = client_as("medarbejder").get(idea.get_absolute_url()).content.decode()
    assert FORMER_EMPLOYEE not in page
    comment = contributions["comment"]
    assert f'id="kommentar-{comment.pk}-by"><strong>{PLACEHOLDER}</strong>' in page
    assert f"Enig med {PLACEHOLDER}, det virker." in page
    guide = Page.objects.get(slug="faciliteringsvejledning")
    assert f"Spørg {PLACEHOLDER} ({PLACEHOLDER}) om skabelonen." in guide.body


def test_the_person_and_account_are_emptied_and_the_account_closed(client_as, contributions):
    person = contributions["person"]
    before = Client()
    before.post(reverse("core:login"), {"username": "kirsten", "password": "x"})
    assert "_auth_user_id" in before.session
    client_as("konsulent").post(reverse("privacy:anonymise", args=[person.pk]))

    person = Person.objects.get(pk=person.pk)
    assert (person.name, person.email, person.title, person.external_id) == (
        PLACEHOLDER,
        "",
        "",
        None,
    )
    assert person.anonymised_at is not None and not person.is_active
    user = User.objects.get(pk=contributions["user"].pk)
    assert user.username.startswith("anonym-") and user.username != "kirsten"
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert ApiToken.objects.get(pk=contributions["token"].pk).revoked
    assert not Notification.objects.filter(person=person).exists()
    client = Client()
    client.post(reverse("core:login"), {"username": "kirsten", "password": "x"})
    assert "_auth_user_id" not in client.session
    assert before.get(reverse("core:account")).status_code == 302  # signed out


def test_the_audit_entry_says_it_was_done_without_the_removed_values(client_as, contributions):
    person = contributions["person"]
    client_as("konsulent").post(reverse("privacy:anonymise", args=[person.pk]))

    entry = AuditEntry.objects.get(action="privacy.person.anonymise")
    assert entry.subject_id == person.pk and entry.actor.username == "konsulent"
    assert entry.changes["name"] == [None, PLACEHOLDER]
    assert "email" not in entry.changes and "title" not in entry.changes
    # Earlier entries about the person no longer hold the values they had.
    created = AuditEntry.objects.get(action="organisation.person.create", subject=person)
    assert created.changes["name"] == [None, PLACEHOLDER]
    assert created.changes["email"] == [None, ""]
    log = client_as("direktor").get(reverse("core:audit_log")).content.decode()
    assert "Person anonymised" in log or "Person anonymiseret" in log


def test_the_person_page_shows_it_and_it_cannot_be_repeated(client_as, contributions):
    person = contributions["person"]
    client = client_as("konsulent")
    before = client.get(person.get_absolute_url()).content.decode()
    assert reverse("privacy:anonymise", args=[person.pk]) in before

    client.post(reverse("privacy:anonymise", args=[person.pk]))

    after = client.get(person.get_absolute_url()).content.decode()
    assert reverse("privacy:anonymise", args=[person.pk]) not in after
    assert "Personen er fratrådt og blev anonymiseret" in after
    audit = AuditEntry.objects.count()
    again = client.post(reverse("privacy:anonymise", args=[person.pk]))
    assert again.status_code == 400
    assert AuditEntry.objects.count() == audit


def test_an_active_person_is_refused_with_400_and_told_to_mark_them_as_left(client_as):
    person = Person.objects.get(user__username="medarbejder")
    name = person.name
    client = client_as("konsulent")
    for response in (
        client.get(reverse("privacy:anonymise", args=[person.pk])),
        client.post(reverse("privacy:anonymise", args=[person.pk])),
    ):
        assert response.status_code == 400
        assert "Mark them as left first" in response.content.decode() or (
            "fratrådt" in response.content.decode()
        )
    assert Person.objects.get(pk=person.pk).name == name
    assert not AuditEntry.objects.filter(action="privacy.person.anonymise").exists()


def test_the_confirmation_page_asks_before_anything_happens(client_as):
    person = former_employee()
    response = client_as("direktor").get(reverse("privacy:anonymise", args=[person.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert PLACEHOLDER in page
    assert former_employee().anonymised_at is None


def test_unknown_person_is_404(client_as):
    assert client_as("konsulent").get(reverse("privacy:anonymise", args=[999999])).status_code == (
        404
    )


def test_a_lone_first_name_is_not_replaced_in_other_peoples_data(client_as) -> None:
    from netvaerk.organisation.services import person_create

    leaving = person_create(name="Lars Nielsen", email="lars.n@example.dk", by=None)
    user = user_create(username="larsn", password="x", email="lars.n@example.dk", by=None)
    user.first_name = "Lars"  # the account has the first name only
    user.save()
    person_link_user(person=leaving, user=user, by=None)
    Person.objects.filter(pk=leaving.pk).update(is_active=False)
    namesake = person_create(name="Lars Jensen", by=None)
    logged = where_text_is("Lars Jensen")

    client_as("konsulent").post(reverse("privacy:anonymise", args=[leaving.pk]))

    assert Person.objects.get(pk=leaving.pk).name == PLACEHOLDER
    assert Person.objects.get(pk=namesake.pk).name == "Lars Jensen"
    assert where_text_is("Lars Jensen") == logged  # the log about him is untouched
    assert where_text_is("Lars Nielsen") == [] and where_text_is("lars.n@example.dk") == []


def test_earlier_names_and_addresses_are_replaced_too(client_as) -> None:
    from netvaerk.organisation.services import person_create, person_update

    person = person_create(name="Karen Gammelnavn", email="karen.old@example.dk", by=None)
    idea = Idea.objects.filter(state="selected").order_by("pk").first()
    colleague = User.objects.get(username="medarbejder")
    idea_comment(idea=idea, body="Spørg Karen Gammelnavn om tallene.", by=colleague)
    person_update(person=person, name="Karen Nytnavn", email="karen.new@example.dk", by=None)
    Person.objects.filter(pk=person.pk).update(is_active=False)
    assert where_text_is("Karen Gammelnavn")

    client_as("konsulent").post(reverse("privacy:anonymise", args=[person.pk]))

    for text in ("Karen Gammelnavn", "karen.old@example.dk", "Karen Nytnavn", "karen.new"):
        assert where_text_is(text) == [], text
