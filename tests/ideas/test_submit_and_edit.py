"""Proposing an idea at /ideer/ny/, the round it joins, and the proposer's edits."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from netvaerk.ideas import services
from netvaerk.ideas.models import Idea, Round

from .helpers import (
    DEMO_DRAFT,
    DEMO_IDEA,
    close_all_rounds,
    danish,
    idea,
    idea_post,
    new_round,
    person,
    submitted,
    user,
)

FILL_IN = "Fill in this field before you submit the idea."


def test_a_draft_is_saved_then_submitted_into_the_open_round(client_as) -> None:
    client = client_as("medarbejder")
    response = client.post("/ideer/ny/", idea_post(action="draft", benefit=""))
    assert response.status_code == 302
    draft = Idea.objects.get(title="Fælles sprog for overlevering")
    assert response["Location"] == f"/ideer/{draft.pk}/"
    assert draft.state == Idea.State.DRAFT and draft.round is None
    assert draft.proposer == person("medarbejder")

    data = idea_post(action="submit", version=draft.version)
    response = client.post(f"/ideer/{draft.pk}/rediger/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Idea.State.SUBMITTED
    assert draft.submitted_at is not None
    assert draft.round == Round.objects.get(title__startswith="Temarunde")
    assert "Fælles sprog for overlevering" in client.get("/ideer/").content.decode()


def test_submitting_without_problem_and_benefit_is_a_400_in_danish_and_keeps_the_title(
    client_as,
) -> None:
    response = client_as("medarbejder").post(
        "/ideer/ny/", idea_post(title="Min halve idé", problem="  ", benefit="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Min halve idé"' in html  # nothing typed is lost
    assert not Idea.objects.filter(title="Min halve idé").exists()
    # The message is the Danish one, not the English source text.
    assert danish(FILL_IN) != FILL_IN, "the Danish catalogue has no translation of the message"
    assert danish(FILL_IN) in html


def test_someone_elses_draft_does_not_exist_for_them(client_as) -> None:
    draft = idea(DEMO_DRAFT)
    assert client_as("medarbejder").get(f"/ideer/{draft.pk}/").status_code == 200
    for role in ("leder", "konsulent", "direktor"):
        client = client_as(role)
        assert client.get(f"/ideer/{draft.pk}/").status_code == 404
        assert client.get(f"/ideer/{draft.pk}/rediger/").status_code == 404
    assert DEMO_DRAFT not in client_as("konsulent").get("/ideer/").content.decode()


def test_an_idea_joins_the_round_whose_deadline_is_next(client_as) -> None:
    soon = new_round(title="Snart", days=10)
    later = new_round(title="Senere", days=40)
    early = submitted(title="Før fristen")
    assert early.round == soon
    # The deadline passes; an idea submitted now goes to the following round.
    Round.objects.filter(pk=soon.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    late = submitted(title="Efter fristen")
    assert late.round == later
    early.refresh_from_db()
    assert early.round == soon  # the early idea stays in its round


def test_with_no_open_round_an_idea_waits_and_joins_the_next_round_created(client_as) -> None:
    close_all_rounds()
    client = client_as("medarbejder")
    response = client.post("/ideer/ny/", idea_post(title="Venter på en runde"), follow=True)
    assert response.status_code == 200
    waiting = idea("Venter på en runde")
    assert waiting.state == Idea.State.SUBMITTED and waiting.round is None
    assert danish("Waits for the next round") in response.content.decode()

    deadline = timezone.localtime() + datetime.timedelta(days=20)
    response = client_as("konsulent").post(
        "/runder/ny/",
        {"title": "Ny runde", "deadline": deadline.strftime("%Y-%m-%dT%H:%M"), "criteria": ""},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.round == Round.objects.get(title="Ny runde")
    assert "Venter på en runde" in client.get(f"/runder/{waiting.round.pk}/").content.decode()


def test_an_idea_the_secretariat_screened_while_waiting_still_joins_the_next_round(
    client_as,
) -> None:
    close_all_rounds()
    waiting = submitted(title="Venter og screenes")
    services.idea_screen(idea=waiting, by=user("konsulent"))
    created = new_round(title="Næste runde", days=20)
    waiting.refresh_from_db()
    assert waiting.round == created
    html = client_as("medarbejder").get(f"/ideer/{waiting.pk}/").content.decode()
    assert danish("Waits for the next round") not in html


# --- the proposer's edits -------------------------------------------------------------------


def _edit_data(current: Idea, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "title": current.title,
        "perspective": current.perspective,
        "problem": current.problem,
        "kind": current.kind,
        "benefit": current.benefit,
        "co_proposer_emails": "\n".join(current.co_proposers.values_list("email", flat=True)),
        "version": current.version,
        "action": "save",
    }
    data.update(overrides)
    return data


def test_the_proposer_edits_until_the_secretariat_starts_screening(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("medarbejder")
    assert client.get(f"/ideer/{demo_idea.pk}/rediger/").status_code == 200
    response = client.post(
        f"/ideer/{demo_idea.pk}/rediger/", _edit_data(demo_idea, problem="Ny beskrivelse.")
    )
    assert response.status_code == 302
    demo_idea.refresh_from_db()
    assert demo_idea.problem == "Ny beskrivelse." and demo_idea.state == Idea.State.SUBMITTED

    # Someone else cannot edit it.
    assert client_as("leder").get(f"/ideer/{demo_idea.pk}/rediger/").status_code == 403

    response = client_as("konsulent").post(f"/ideer/{demo_idea.pk}/trin/screen/")
    assert response.status_code == 302
    assert client.get(f"/ideer/{demo_idea.pk}/rediger/").status_code == 403
    response = client.post(
        f"/ideer/{demo_idea.pk}/rediger/",
        _edit_data(idea(DEMO_IDEA), problem="For sent."),
    )
    assert response.status_code == 403
    assert idea(DEMO_IDEA).problem == "Ny beskrivelse."


def test_a_stale_edit_is_a_409_that_keeps_both_texts(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    # The proposer adds a co-proposer, who may edit too.
    demo_idea = services.idea_update(
        idea=demo_idea,
        version=demo_idea.version,
        by=user("medarbejder"),
        co_proposers=[person("leder")],
    )
    opened_version = demo_idea.version  # both open the edit page now
    response = client_as("leder").post(
        f"/ideer/{demo_idea.pk}/rediger/",
        _edit_data(demo_idea, benefit="Anne skrev denne gevinst."),
    )
    assert response.status_code == 302

    mine = _edit_data(demo_idea, problem="Camillas nye problemtekst.")
    mine["version"] = opened_version
    response = client_as("medarbejder").post(f"/ideer/{demo_idea.pk}/rediger/", mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Anne skrev denne gevinst." in html  # what the other saved
    # What I typed is still in the form's text box, ready to save again.
    assert re.search(r'<textarea[^>]*name="problem"[^>]*>\s*Camillas nye problemtekst\.', html)
    saved = idea(DEMO_IDEA)
    assert saved.benefit == "Anne skrev denne gevinst."
    assert saved.problem != "Camillas nye problemtekst."
    assert saved.version == opened_version + 1
    assert person("leder") in saved.co_proposers.all()

    # The form now carries the version saved by the other; saving it again is my choice.
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match and int(match.group(1)) == saved.version
    mine["version"] = match.group(1)
    response = client_as("medarbejder").post(f"/ideer/{demo_idea.pk}/rediger/", mine)
    assert response.status_code == 302
    assert idea(DEMO_IDEA).problem == "Camillas nye problemtekst."
