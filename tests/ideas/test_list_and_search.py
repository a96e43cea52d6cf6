"""The idea list at /ideer/: filters, sorting and search, and bad filter values."""

from __future__ import annotations

import pytest

from netvaerk.ideas import services
from netvaerk.ideas.models import Round

from .helpers import DEMO_DRAFT, DEMO_IDEA, idea, submitted, unit, user

SELECTED = "Sammenhængende forløb for ældre efter udskrivning"  # 2013, 7 supports
BOOKING = "Fælles bookingsystem for lokaler"  # 2013, rejected, unknown kind
TRAINING = "Digital træning i eget hjem"  # open round, on the agenda, Sundhed (area a1)
LANGUAGE = "Sprogstimulering i samarbejde med bibliotekerne"  # screening, learning
BUILDING = "Færre overleveringer i byggesager"  # submitted, Byudvikling (area a2)


def _titles(client, query: str) -> str:
    response = client.get(f"/ideer/?{query}")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_shows_submitted_ideas_but_never_drafts(client_as) -> None:
    html = _titles(client_as("medarbejder"), "")
    for title in (SELECTED, BOOKING, TRAINING, LANGUAGE, BUILDING, DEMO_IDEA):
        assert title in html
    assert DEMO_DRAFT not in html  # not even for its own proposer


def test_filter_by_state_and_kind(client_as) -> None:
    client = client_as("leder")
    html = _titles(client, "state=screening")
    assert LANGUAGE in html and TRAINING not in html and BUILDING not in html
    html = _titles(client, "state=rejected")
    assert BOOKING in html and SELECTED not in html
    html = _titles(client, "kind=learning")
    assert LANGUAGE in html and TRAINING not in html
    assert DEMO_DRAFT not in html  # the learning draft stays hidden


def test_filter_by_round(client_as) -> None:
    autumn_2013 = Round.objects.get(title="Idéindsamling efteråret 2013")
    html = _titles(client_as("leder"), f"round={autumn_2013.pk}")
    assert SELECTED in html and BOOKING in html
    assert TRAINING not in html and DEMO_IDEA not in html


def test_filter_by_director_area_finds_ideas_with_units_under_it(client_as) -> None:
    client = client_as("leder")
    welfare_area = unit("demo-a1")  # Borger og Velfærd: Sundhed, Børn, Skole
    city_area = unit("demo-a2")  # By og Fællesskab: Byudvikling, Kultur, Økonomi
    html = _titles(client, f"area={welfare_area.pk}")
    assert TRAINING in html and LANGUAGE in html  # Sundhed; Skole (and Kultur)
    assert BUILDING not in html
    html = _titles(client, f"area={city_area.pk}")
    assert BUILDING in html and LANGUAGE in html
    assert TRAINING not in html


def test_an_idea_with_a_team_under_the_area_is_found_by_the_area(client_as) -> None:
    submitted(title="Idé fra en afdeling", units=[unit("demo-t-bibl")])  # Kultur, area a2
    client = client_as("leder")
    assert "Idé fra en afdeling" in _titles(client, f"area={unit('demo-a2').pk}")
    assert "Idé fra en afdeling" not in _titles(client, f"area={unit('demo-a1').pk}")


def test_sort_by_support_puts_the_most_supported_first(client_as) -> None:
    html = _titles(client_as("leder"), "sort=support")
    # 7 supports, then 6 (Tidlig indsats), ..., then the open round's ideas with 3.
    assert html.index(SELECTED) < html.index("Tidlig indsats for familier med små børn")
    assert html.index("Tidlig indsats for familier med små børn") < html.index(BUILDING)
    newest_first = _titles(client_as("leder"), "")
    assert newest_first.index(BUILDING) < newest_first.index(SELECTED)


@pytest.mark.parametrize("query", ["ÆLDRE", "ældre", "Ældre", "æLDRE"])
def test_search_finds_a_word_in_the_problem_text_whatever_its_case(client_as, query) -> None:
    submitted(
        title="Trygge overgange",
        problem="Mange ældre borgere oplever utrygge overgange mellem afdelinger.",
        benefit="Tryghed.",
    )
    html = _titles(client_as("leder"), f"q={query}")
    assert "Trygge overgange" in html
    assert BUILDING not in html  # no ældre there


def test_search_for_a_word_that_is_nowhere_finds_nothing(client_as) -> None:
    html = _titles(client_as("leder"), "q=kvantecomputer")
    assert DEMO_IDEA not in html and SELECTED not in html


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("state=bogus", 400),
        ("state=draft", 400),  # drafts are not listed, so not a filter either
        ("kind=rocket", 400),
        ("round=999999", 400),
        ("round=abc", 400),
        ("area=abc", 400),
        ("sort=sideways", 400),
        ("side=abc", 404),
        ("side=0", 404),
        ("side=999", 404),
    ],
)
def test_bad_filter_values_are_explained_not_a_server_error(client_as, query, status) -> None:
    assert client_as("leder").get(f"/ideer/?{query}").status_code == status


def test_a_team_is_not_a_director_area(client_as) -> None:
    assert client_as("leder").get(f"/ideer/?area={unit('demo-t-hjemme').pk}").status_code == 400


def test_guests_and_anonymous_do_not_see_the_list(client_as) -> None:
    assert client_as("borger").get("/ideer/").status_code == 403
    assert client_as("anonymous").get("/ideer/").status_code == 302


def test_search_follows_an_edit_of_the_text(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("leder")
    assert DEMO_IDEA not in _titles(client, "q=kørestol")
    assert DEMO_IDEA in _titles(client, "q=tabt")  # from the problem as first written
    services.idea_update(
        idea=demo_idea,
        version=demo_idea.version,
        by=user("medarbejder"),
        problem="Borgerens kørestol bliver ikke flyttet med.",
    )
    assert DEMO_IDEA in _titles(client, "q=KØRESTOL")
    assert DEMO_IDEA not in _titles(client, "q=tabt")  # the old text is gone...
    assert DEMO_IDEA in _titles(client, "q=plejebolig")  # ...and the title still searched
