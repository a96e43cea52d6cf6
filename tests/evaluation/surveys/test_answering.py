"""Answering a tie survey by the link's token: draft, finish, and the pages for used,
closed and unknown links. The link works without signing in (guests have no account)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from netvaerk.evaluation.surveys.models import TieAnswer, TieInvitation, TieResponse, TieWave
from netvaerk.evaluation.tokens import response_key

from .helpers import CAMPUS, ELDERLY, answer_url, danish, full_answers, groups, open_invitation


def _response(invitation: TieInvitation) -> TieResponse | None:
    return TieResponse.objects.filter(
        wave=invitation.wave, key=response_key(invitation.token)
    ).first()


def test_the_form_shows_every_group_and_the_own_one_marked(client_as) -> None:
    invitation = open_invitation("medarbejder")
    response = client_as("anonymous").get(answer_url(invitation))
    page = response.content.decode()
    assert response.status_code == 200
    assert ELDERLY in page
    assert invitation.wave.survey.title in page
    for group in groups(ELDERLY):
        assert f'name="a-{group.pk}-7"' in page
        assert group.name in page
    assert f"{invitation.group.name} ({danish('your own group')})" in page
    # The neutral Danish wording with the group's name in place of {group}.
    assert "Hvor tit er du i kontakt med Borgere og pårørende" in page
    assert "{group}" not in page
    assert page.count('type="radio"') == 3 * 7 * 6


def test_the_item_texts_follow_the_language(client_as) -> None:
    invitation = open_invitation("medarbejder")
    client = client_as("anonymous")
    client.cookies["netvaerk_language"] = "en"
    page = client.get(answer_url(invitation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "How often are you in touch with Borgere og pårørende" in page


def test_a_draft_is_saved_and_shown_again(client_as) -> None:
    invitation = open_invitation("medarbejder")
    client = client_as("anonymous")
    first = groups(ELDERLY)[0]
    data = {f"a-{first.pk}-1": "5", f"a-{first.pk}-2": "dk", "action": "save"}
    response = client.post(answer_url(invitation), data)
    assert response.status_code == 302
    saved = _response(invitation)
    assert saved is not None and not saved.finished
    values = dict(saved.answers.values_list("dimension", "value"))
    assert values == {1: 5, 2: None}
    invitation.refresh_from_db()
    assert not invitation.finished
    page = client.get(answer_url(invitation)).content.decode()
    assert f'id="a-{first.pk}-1-5" value="5" checked' in page
    assert f'id="a-{first.pk}-2-dk" value="dk" checked' in page


def test_finishing_with_unanswered_items_is_400_and_keeps_the_draft(client_as) -> None:
    invitation = open_invitation("borger")
    data = full_answers(ELDERLY)
    missing = next(iter(data))
    del data[missing]
    response = client_as("anonymous").post(answer_url(invitation), {**data, "action": "finish"})
    assert response.status_code == 400
    assert f'aria-describedby="{missing}-error"' in response.content.decode()
    saved = _response(invitation)
    assert saved is not None and not saved.finished
    assert saved.answers.count() == len(data)
    invitation.refresh_from_db()
    assert not invitation.finished


def test_an_invalid_value_is_400_and_changes_nothing(client_as) -> None:
    invitation = open_invitation("borger")
    data = {**full_answers(ELDERLY), "action": "save"}
    data[next(iter(data))] = "9"
    response = client_as("anonymous").post(answer_url(invitation), data)
    assert response.status_code == 400
    assert _response(invitation) is None
    response = client_as("anonymous").post(
        answer_url(invitation), {**full_answers(ELDERLY), "action": "drop tables"}
    )
    assert response.status_code == 400


def test_finishing_stores_the_answers_without_the_person_and_the_link_is_used(
    client_as,
) -> None:
    invitation = open_invitation("borger")
    client = client_as("anonymous")  # the guest answers without signing in
    response = client.post(
        answer_url(invitation), {**full_answers(ELDERLY, "dk"), "action": "finish"}
    )
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.finished
    saved = _response(invitation)
    assert saved is not None and saved.finished
    assert saved.group_id == invitation.group_id
    assert saved.answers.count() == 3 * 7
    assert not saved.answers.exclude(value=None).exists()  # "don't know" is None, not 0
    assert "person" not in {field.name for field in TieResponse._meta.get_fields()}
    assert invitation.token not in str(list(TieResponse.objects.values()))
    # One response per link: the link now shows "already answered", and a second POST too.
    again = client.get(answer_url(invitation))
    assert again.status_code == 410
    assert danish("You have already answered – thank you") in again.content.decode()
    before = TieAnswer.objects.count()
    posted = client.post(answer_url(invitation), {**full_answers(ELDERLY), "action": "finish"})
    assert posted.status_code == 410
    assert TieAnswer.objects.count() == before


def test_a_closed_wave_gets_the_closed_page(client_as) -> None:
    invitation = TieInvitation.objects.filter(
        wave__survey__network__title=CAMPUS, finished=False
    ).first()
    assert invitation is not None
    response = client_as("anonymous").get(answer_url(invitation))
    assert response.status_code == 410
    assert danish("The survey is closed") in response.content.decode()
    response = client_as("anonymous").post(
        answer_url(invitation), {**full_answers(CAMPUS), "action": "finish"}
    )
    assert response.status_code == 410


def test_a_wave_past_its_closing_date_is_closed(client_as) -> None:
    invitation = open_invitation("medarbejder")
    TieWave.objects.filter(pk=invitation.wave_id).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client_as("anonymous").post(
        answer_url(invitation), {**full_answers(ELDERLY), "action": "finish"}
    )
    assert response.status_code == 410
    assert _response(invitation) is None


def test_an_unknown_token_is_404(client_as) -> None:
    response = client_as("anonymous").get(reverse("evaluation:answer", args=["nope"]))
    assert response.status_code == 404


def test_a_signed_in_guest_answers_too(client_as) -> None:
    invitation = open_invitation("borger")
    response = client_as("borger").post(
        answer_url(invitation), {**full_answers(ELDERLY, "3"), "action": "finish"}
    )
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.finished
