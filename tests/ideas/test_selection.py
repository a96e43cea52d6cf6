"""The forum's part: the agenda, scoring on the round's criteria, and the decision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from netvaerk.core.models import Notification
from netvaerk.core.services import user_create
from netvaerk.ideas import services
from netvaerk.ideas.models import AgendaItem, Idea, Score
from netvaerk.networks.models import Network, NetworkType, Phase
from netvaerk.organisation.models import Person
from netvaerk.organisation.services import person_link_user

from .helpers import idea, meeting, new_round, on_agenda, person, submitted, unit

CITIZENS, MEASURABLE = "Borgerne vil kunne mærke forskel", "Effekten kan måles"


@pytest.fixture
def setting(demo):
    """A Chefforum meeting, a round deciding there with two weighted criteria, and an idea."""
    agenda = meeting("chefforum", days=40, title="Temavalg")
    selection = new_round(
        title="Forårsrunde",
        days=20,
        criteria=[(CITIZENS, 3), (MEASURABLE, 1)],
        decision_meeting=agenda,
    )
    candidate = submitted(
        title="Én plan for borgeren",
        problem="Borgeren har mange planer.",
        benefit="Én samlet plan.",
        units=[unit("demo-c-sund"), unit("demo-c-by")],
    )
    assert candidate.round == selection
    citizens, measurable = selection.criteria.all()
    return {
        "meeting": agenda,
        "round": selection,
        "idea": candidate,
        "citizens": citizens,
        "measurable": measurable,
    }


def test_the_secretariat_puts_a_screened_idea_on_a_meeting_agenda(client_as, setting) -> None:
    candidate, agenda = setting["idea"], setting["meeting"]
    client = client_as("konsulent")
    assert client.post(f"/ideer/{candidate.pk}/trin/screen/").status_code == 302
    response = client.post(f"/ideer/{candidate.pk}/trin/put_on_agenda/", {"meeting": agenda.pk})
    assert response.status_code == 302
    assert idea(candidate.title).state == Idea.State.ON_AGENDA
    assert AgendaItem.objects.filter(meeting=agenda, idea=candidate).exists()
    html = client_as("chef").get(f"/fora/chefforum/moeder/{agenda.pk}/").content.decode()
    assert "Én plan for borgeren" in html


def test_only_the_secretariat_sets_the_agenda(client_as, setting) -> None:
    candidate, agenda = setting["idea"], setting["meeting"]
    client_as("konsulent").post(f"/ideer/{candidate.pk}/trin/screen/")
    response = client_as("chef").post(
        f"/ideer/{candidate.pk}/trin/put_on_agenda/", {"meeting": agenda.pk}
    )
    assert response.status_code == 403
    response = client_as("konsulent").post(
        f"/ideer/{candidate.pk}/trin/put_on_agenda/", {"meeting": 999999}
    )
    assert response.status_code == 400
    assert idea(candidate.title).state == Idea.State.SCREENING


def _score_url(candidate: Idea) -> str:
    return f"/ideer/{candidate.pk}/score/"


def test_a_forum_member_scores_and_the_pages_show_the_weighted_score(client_as, setting) -> None:
    candidate, agenda = setting["idea"], setting["meeting"]
    citizens, measurable = setting["citizens"], setting["measurable"]
    on_agenda(candidate, agenda)
    response = client_as("chef").post(
        _score_url(candidate), {f"c{citizens.pk}": "5", f"c{measurable.pk}": "1"}
    )
    assert response.status_code == 302
    # A second member of Chefforum (Mads Riis) scores 4 and 2.
    services.idea_score(
        idea=candidate,
        values={citizens.pk: 4, measurable.pk: 2},
        member=Person.objects.get(external_id="demo-p08"),
        by=None,
    )
    # Means 4.5 and 1.5; weighted (3 × 4.5 + 1 × 1.5) / 4 = 3.75.
    for url in (f"/fora/chefforum/moeder/{agenda.pk}/", f"/runder/{setting['round'].pk}/"):
        html = client_as("leder").get(url).content.decode()
        assert "3,75" in html, url
        assert "4,5" in html and "1,5" in html, url
    html = client_as("chef").get(f"/ideer/{candidate.pk}/").content.decode()
    assert "3,75" in html

    # Changing one's score replaces it: means 3.5 and 1.5 → (10.5 + 1.5) / 4 = 3.00.
    client_as("chef").post(_score_url(candidate), {f"c{citizens.pk}": "3"})
    assert Score.objects.filter(idea=candidate, member=person("chef")).count() == 2
    html = client_as("leder").get(f"/fora/chefforum/moeder/{agenda.pk}/").content.decode()
    assert "3,00" in html and "3,75" not in html


def test_someone_outside_the_meeting_forum_cannot_score(client_as, setting) -> None:
    candidate, citizens = setting["idea"], setting["citizens"]
    on_agenda(candidate, setting["meeting"])
    for role in ("leder", "medarbejder", "netvaerksleder"):  # Lederforum, KommuneMED, none
        response = client_as(role).post(_score_url(candidate), {f"c{citizens.pk}": "4"})
        assert response.status_code == 403, role
    assert not Score.objects.filter(idea=candidate).exists()


def test_scoring_before_the_idea_is_on_the_agenda_is_refused(client_as, setting) -> None:
    candidate, citizens = setting["idea"], setting["citizens"]
    response = client_as("chef").post(_score_url(candidate), {f"c{citizens.pk}": "4"})
    assert response.status_code == 403
    assert not Score.objects.filter(idea=candidate).exists()


@pytest.mark.parametrize("value", ["6", "0", "-1", "4.5", "fem"])
def test_a_score_outside_1_to_5_is_a_400(client_as, setting, value) -> None:
    candidate, citizens = setting["idea"], setting["citizens"]
    on_agenda(candidate, setting["meeting"])
    response = client_as("chef").post(_score_url(candidate), {f"c{citizens.pk}": value})
    assert response.status_code == 400
    assert not Score.objects.filter(idea=candidate).exists()


def test_a_criterion_of_another_round_is_refused(client_as, setting) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    foreign = new_round(title="Anden runde", days=90, criteria=[("Fremmed kriterium", 2)])
    foreign_criterion = foreign.criteria.get()
    with pytest.raises(ValidationError):
        services.idea_score(
            idea=candidate, values={foreign_criterion.pk: 3}, member=person("chef"), by=None
        )
    client_as("chef").post(_score_url(candidate), {f"c{foreign_criterion.pk}": "3"})
    assert not Score.objects.filter(criterion=foreign_criterion).exists()


def _decide(client, candidate: Idea, **data: str):
    return client.post(f"/ideer/{candidate.pk}/trin/decide/", data)


def test_selecting_an_idea_starts_a_network_linked_both_ways(
    client_as, setting, django_capture_on_commit_callbacks
) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    client_as("leder").post(f"/ideer/{candidate.pk}/stoette/", {"action": "add"})
    reason = "Valgt: flere centre og borgerne vil mærke forskel."
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client_as("konsulent"), candidate, outcome="selected", reason=reason)
    assert response.status_code == 302
    candidate = idea("Én plan for borgeren")
    network = candidate.network
    assert candidate.state == Idea.State.SELECTED and network is not None
    assert network.phase == Phase.INTRO
    assert network.title == "Én plan for borgeren"
    assert network.kind == NetworkType.WELFARE
    assert network.proposer == person("medarbejder")
    assert set(network.units.all()) == {unit("demo-c-sund"), unit("demo-c-by")}
    assert Network.objects.get(pk=network.pk).idea == candidate

    html = client_as("leder").get(f"/netvaerk/{network.pk}/").content.decode()
    assert f'href="/ideer/{candidate.pk}/"' in html
    # The supporter sees the reason on the idea page and was told.
    html = client_as("leder").get(f"/ideer/{candidate.pk}/").content.decode()
    assert reason in html and f'href="/netvaerk/{network.pk}/"' in html
    decided = Notification.objects.filter(kind="idea.decided", url=f"/ideer/{candidate.pk}/")
    assert person("leder") in {n.person for n in decided}
    assert person("medarbejder") in {n.person for n in decided}
    assert decided.get(person=person("leder")).params["reason"] == reason


def test_the_forum_chair_may_decide_but_a_plain_member_may_not(client_as, setting) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    response = _decide(client_as("chef"), candidate, outcome="rejected", reason="Nej.")
    assert response.status_code == 403
    assert idea(candidate.title).state == Idea.State.ON_AGENDA


def test_selecting_a_dont_know_idea_needs_a_network_type(client_as, setting) -> None:
    candidate = setting["idea"]
    Idea.objects.filter(pk=candidate.pk).update(kind=Idea.Kind.UNKNOWN)
    on_agenda(candidate, setting["meeting"])
    client = client_as("konsulent")
    networks = Network.objects.count()
    response = _decide(client, candidate, outcome="selected", reason="Valgt.", kind="")
    assert response.status_code == 400
    assert Network.objects.count() == networks
    assert idea(candidate.title).state == Idea.State.ON_AGENDA
    response = _decide(client, candidate, outcome="selected", reason="Valgt.", kind="learning")
    assert response.status_code == 302
    assert idea(candidate.title).network.kind == NetworkType.LEARNING


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_needs_a_reason(client_as, setting, reason) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    networks = Network.objects.count()
    response = _decide(client_as("konsulent"), candidate, outcome="selected", reason=reason)
    assert response.status_code == 400
    assert idea(candidate.title).state == Idea.State.ON_AGENDA
    assert Network.objects.count() == networks


def test_an_unknown_outcome_is_a_400(client_as, setting) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    response = _decide(client_as("konsulent"), candidate, outcome="merged", reason="Hmm.")
    assert response.status_code == 400
    assert idea(candidate.title).state == Idea.State.ON_AGENDA


def test_parking_for_a_later_round_moves_the_idea_there(client_as, setting) -> None:
    candidate = setting["idea"]
    on_agenda(candidate, setting["meeting"])
    autumn = new_round(title="Efterårsrunde", days=200)
    response = _decide(
        client_as("konsulent"),
        candidate,
        outcome="parked",
        reason="Tages op igen til efteråret.",
        later_round=str(autumn.pk),
    )
    assert response.status_code == 302
    parked = idea(candidate.title)
    assert parked.state == Idea.State.PARKED and parked.round == autumn
    assert parked.network is None


def test_the_chair_of_the_deciding_forum_may_decide(client_as, setting) -> None:
    """Torben Vestergaard chairs Direktørforum and is not in the secretariat."""
    chair = Person.objects.get(external_id="demo-p05")
    account = user_create(username="torben", password=None, email="torben@demo.invalid", by=None)
    person_link_user(person=chair, user=account, by=None)
    candidate = setting["idea"]
    on_agenda(candidate, meeting("direktorforum", title="Direktørforum"))
    client = Client()
    client.force_login(account)
    response = _decide(client, candidate, outcome="rejected", reason="Ikke nu.")
    assert response.status_code == 302
    assert idea(candidate.title).state == Idea.State.REJECTED
    # A chair of another forum (Lederforum has none; Chefforum's chair is the director) may not.
    other = submitted(title="Anden idé")
    on_agenda(other, setting["meeting"])
    assert _decide(client, other, outcome="rejected", reason="Nej.").status_code == 403


def test_a_meeting_page_under_the_wrong_forum_is_a_404(client_as, setting) -> None:
    agenda = setting["meeting"]
    assert client_as("leder").get(f"/fora/chefforum/moeder/{agenda.pk}/").status_code == 200
    assert client_as("leder").get(f"/fora/lederforum/moeder/{agenda.pk}/").status_code == 404
    assert client_as("leder").get("/fora/chefforum/moeder/999999/").status_code == 404
