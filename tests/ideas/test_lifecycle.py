"""Lifecycle steps as the idea page offers them, steps that are refused, and merging."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.html import escape

from netvaerk.core.models import Notification
from netvaerk.ideas import lifecycle
from netvaerk.ideas.models import Follow, Idea, Support

from .helpers import DEMO_DRAFT, DEMO_IDEA, idea, in_danish, meeting, person, user

BUILDING = "Færre overleveringer i byggesager"  # submitted, proposed by Kasper Holt


@pytest.mark.parametrize(
    ("role", "action"),
    [
        ("konsulent", "decide"),  # the idea is only submitted
        ("direktor", "decide"),
        ("konsulent", "take_off_agenda"),
        ("konsulent", "put_on_agenda"),
        ("konsulent", "reopen"),
        ("konsulent", "submit"),  # only the proposer submits, and it is submitted already
        ("medarbejder", "submit"),
        ("medarbejder", "screen"),  # the proposer is not the secretariat
        ("chef", "decide"),
    ],
)
def test_a_step_the_state_does_not_allow_is_refused(client_as, role, action) -> None:
    demo_idea = idea(DEMO_IDEA)
    response = client_as(role).post(
        f"/ideer/{demo_idea.pk}/trin/{action}/",
        {"outcome": "selected", "reason": "Fordi.", "meeting": meeting().pk},
    )
    assert response.status_code in (400, 403), response.status_code
    after = idea(DEMO_IDEA)
    assert after.state == Idea.State.SUBMITTED and after.network is None


def test_screening_twice_is_a_400_with_the_reason(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("konsulent")
    assert client.post(f"/ideer/{demo_idea.pk}/trin/screen/").status_code == 302
    response = client.post(f"/ideer/{demo_idea.pk}/trin/screen/")
    assert response.status_code == 400
    with translation.override("da"):
        reason = translation.gettext("This step is not possible while the idea is “%(state)s”.")
        reason %= {"state": Idea.State.SCREENING.label}
    assert escape(reason) in response.content.decode()
    assert idea(DEMO_IDEA).state == Idea.State.SCREENING


def test_an_unknown_step_is_a_404(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    assert client_as("konsulent").post(f"/ideer/{demo_idea.pk}/trin/launch/").status_code == 404
    assert client_as("konsulent").post("/ideer/999999/trin/screen/").status_code == 404


def test_steps_are_posts_only(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    assert client_as("konsulent").get(f"/ideer/{demo_idea.pk}/trin/screen/").status_code == 405
    assert idea(DEMO_IDEA).state == Idea.State.SUBMITTED


def test_the_idea_page_lists_the_next_steps_and_who_takes_them(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    screen, merge = lifecycle.step("screen"), lifecycle.step("merge")
    html = client_as("medarbejder").get(f"/ideer/{demo_idea.pk}/").content.decode()
    for step in (screen, merge):
        assert in_danish(step.label) in html
        assert in_danish(step.who) in html
    assert in_danish(lifecycle.step("decide").label) not in html  # not from "submitted"
    assert f"/ideer/{demo_idea.pk}/trin/screen/" not in html  # no button for the proposer

    html = client_as("konsulent").get(f"/ideer/{demo_idea.pk}/").content.decode()
    assert f'action="/ideer/{demo_idea.pk}/trin/screen/"' in html
    assert f'action="/ideer/{demo_idea.pk}/trin/merge/"' in html


def test_an_idea_on_the_agenda_offers_the_decision_to_the_secretariat(client_as) -> None:
    on_agenda = idea("Digital træning i eget hjem")
    html = client_as("konsulent").get(f"/ideer/{on_agenda.pk}/").content.decode()
    assert f'action="/ideer/{on_agenda.pk}/trin/decide/"' in html
    assert f'action="/ideer/{on_agenda.pk}/trin/take_off_agenda/"' in html
    html = client_as("medarbejder").get(f"/ideer/{on_agenda.pk}/").content.decode()
    assert in_danish(lifecycle.step("decide").who) in html
    assert f"/ideer/{on_agenda.pk}/trin/decide/" not in html


def test_merging_moves_supporters_proposer_and_followers(client_as) -> None:
    duplicate, kept = idea(DEMO_IDEA), idea(BUILDING)
    # Both have Anne Winther, Camilla Nørgaard and Mette Juhl as supporters (demo); the
    # duplicate gets two more, and a follower.
    for role in ("chef", "netvaerksleder"):
        client_as(role).post(f"/ideer/{duplicate.pk}/stoette/", {"action": "add"})
    client_as("politiker").post(f"/ideer/{duplicate.pk}/foelg/", {"action": "add"})
    expected_supporters = set(
        Support.objects.filter(idea__in=[duplicate, kept]).values_list("person_id", flat=True)
    )
    assert len(expected_supporters) == 5

    response = client_as("konsulent").post(f"/ideer/{duplicate.pk}/trin/merge/", {"into": kept.pk})
    assert response.status_code == 302
    duplicate, kept = idea(DEMO_IDEA), idea(BUILDING)
    assert duplicate.state == Idea.State.MERGED and duplicate.merged_into == kept
    assert set(kept.supports.values_list("person_id", flat=True)) == expected_supporters
    assert kept.support_count == kept.supports.count() == 5
    assert person("medarbejder") in kept.co_proposers.all()
    followers = set(Follow.objects.filter(idea=kept).values_list("person_id", flat=True))
    assert {person("medarbejder").pk, person("politiker").pk} <= followers

    html = client_as("leder").get(f"/ideer/{duplicate.pk}/").content.decode()
    assert f'href="/ideer/{kept.pk}/"' in html and BUILDING in html
    # The former proposer now appears on the kept idea and may edit it.
    html = client_as("medarbejder").get(f"/ideer/{kept.pk}/").content.decode()
    assert "Camilla Nørgaard" in html
    assert client_as("medarbejder").get(f"/ideer/{kept.pk}/rediger/").status_code == 200


def test_an_idea_is_not_merged_into_itself_or_a_closed_idea(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    decided = idea("Sammenhængende forløb for ældre efter udskrivning")
    client = client_as("konsulent")
    assert (
        client.post(f"/ideer/{demo_idea.pk}/trin/merge/", {"into": demo_idea.pk}).status_code == 400
    )
    assert (
        client.post(f"/ideer/{demo_idea.pk}/trin/merge/", {"into": decided.pk}).status_code == 400
    )
    assert client.post(f"/ideer/{demo_idea.pk}/trin/merge/", {"into": "abc"}).status_code == 400
    assert idea(DEMO_IDEA).state == Idea.State.SUBMITTED


def test_a_merged_idea_takes_no_supports_or_comments(client_as) -> None:
    duplicate, kept = idea(DEMO_IDEA), idea(BUILDING)
    client_as("konsulent").post(f"/ideer/{duplicate.pk}/trin/merge/", {"into": kept.pk})
    client = client_as("chef")
    assert client.post(f"/ideer/{duplicate.pk}/stoette/", {"action": "add"}).status_code == 403
    assert client.post(f"/ideer/{duplicate.pk}/kommentar/", {"body": "Hej"}).status_code == 403
    assert user("chef").has_perm("ideas.support_idea", idea(BUILDING))


def test_an_incomplete_draft_cannot_be_submitted_by_the_step(client_as) -> None:
    draft = idea(DEMO_DRAFT)  # has a problem but no benefit yet
    response = client_as("medarbejder").post(f"/ideer/{draft.pk}/trin/submit/")
    assert response.status_code == 400
    assert idea(DEMO_DRAFT).state == Idea.State.DRAFT


def test_a_complete_draft_is_submitted_by_the_step(client_as) -> None:
    draft = idea(DEMO_DRAFT)
    Idea.objects.filter(pk=draft.pk).update(benefit="Nye kolleger kender hele kommunen.")
    response = client_as("medarbejder").post(f"/ideer/{draft.pk}/trin/submit/")
    assert response.status_code == 302
    submitted = idea(DEMO_DRAFT)
    assert submitted.state == Idea.State.SUBMITTED and submitted.round is not None


def test_a_parked_idea_is_taken_up_again_in_the_open_round(client_as) -> None:
    parked = idea("Borgerinddragelse i byfornyelsen")  # parked in the 2013 round
    assert parked.state == Idea.State.PARKED
    response = client_as("konsulent").post(f"/ideer/{parked.pk}/trin/reopen/")
    assert response.status_code == 302
    reopened = idea(parked.title)
    assert reopened.state == Idea.State.SCREENING
    assert reopened.round is not None and reopened.round.is_open


def test_the_proposer_of_a_merged_idea_is_told_where_it_went(client_as) -> None:
    duplicate, kept = idea(DEMO_IDEA), idea(BUILDING)
    client_as("konsulent").post(f"/ideer/{duplicate.pk}/trin/merge/", {"into": kept.pk})
    told = Notification.objects.get(kind="idea.merged", person=person("medarbejder"))
    assert told.url == f"/ideer/{kept.pk}/"
    assert told.params["into"] == BUILDING


def test_guests_see_no_idea_pages(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    assert client_as("borger").get(f"/ideer/{demo_idea.pk}/").status_code == 403
    response = client_as("anonymous").get(f"/ideer/{demo_idea.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
    assert client_as("leder").get("/ideer/999999/").status_code == 404
    assert client_as("leder").get(f"/ideer/{demo_idea.pk}/?kommentarer=abc").status_code == 404
