"""Supporting an idea: once per person, withdrawn again, refused to guests, and via htmx."""

from __future__ import annotations

import re

from netvaerk.ideas.models import Idea, Support

from .helpers import DEMO_IDEA, idea, person


def _supports(title: str) -> tuple[int, int]:
    """The count the pages show, and the support rows behind it."""
    current = idea(title)
    return current.support_count, Support.objects.filter(idea=current).count()


def _shown_count(html: str) -> int:
    """The number in the "N people support the idea" line."""
    match = re.search(r'aria-live="polite">\s*(\d+)', html)
    assert match, "no support count on the page"
    return int(match.group(1))


def test_support_once_and_a_double_click_counts_once(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    before, rows = _supports(DEMO_IDEA)
    assert before == rows == 3
    client = client_as("chef")
    assert client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"}).status_code == 302
    assert _supports(DEMO_IDEA) == (4, 4)
    # The second click of a double click, from a page that still shows "support".
    assert client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"}).status_code == 302
    assert _supports(DEMO_IDEA) == (4, 4)
    assert Support.objects.filter(idea=demo_idea, person=person("chef")).count() == 1


def test_withdrawing_support_counts_down_once(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("chef")
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"})
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "remove"})
    assert _supports(DEMO_IDEA) == (3, 3)
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "remove"})  # again: nothing left
    assert _supports(DEMO_IDEA) == (3, 3)
    assert not Support.objects.filter(idea=demo_idea, person=person("chef")).exists()


def test_a_guest_cannot_support(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    response = client_as("borger").post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"})
    assert response.status_code == 403
    assert _supports(DEMO_IDEA) == (3, 3)


def test_a_decided_idea_can_no_longer_be_supported(client_as) -> None:
    decided = idea("Sammenhængende forløb for ældre efter udskrivning")
    count = decided.support_count
    response = client_as("chef").post(f"/ideer/{decided.pk}/stoette/", {"action": "add"})
    assert response.status_code == 403
    assert idea(decided.title).support_count == count


def test_supporting_with_htmx_returns_the_support_part_with_the_new_count(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("chef")
    response = client.post(
        f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="support"')
    assert "<html" not in html  # the part only, not the page
    assert _shown_count(html) == 4
    assert 'name="action" value="remove"' in html  # the button now withdraws
    response = client.post(
        f"/ideer/{demo_idea.pk}/stoette/", {"action": "remove"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert _shown_count(html) == 3
    assert 'name="action" value="add"' in html


def test_the_idea_page_shows_the_count_and_whether_i_support(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("chef")
    html = client.get(f"/ideer/{demo_idea.pk}/").content.decode()
    assert 'name="action" value="add"' in html and _shown_count(html) == 3
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"})
    html = client.get(f"/ideer/{demo_idea.pk}/").content.decode()
    assert 'name="action" value="remove"' in html and _shown_count(html) == 4
    assert idea(DEMO_IDEA).state == Idea.State.SUBMITTED
