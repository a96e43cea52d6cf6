"""Every registered page × every demo role → the status that role must get."""

from __future__ import annotations

import pytest

from netvaerk.core.pages import ANONYMOUS, PAGES, ROLES


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_page_answers_each_role_as_declared(client_as, role: str) -> None:
    client = client_as(role)
    wrong = {}
    for page in PAGES:
        path = page.path()
        status = client.get(path).status_code
        if status != page.statuses[role]:
            wrong[page.name] = (path, page.statuses[role], status)
    assert not wrong, f"{role}: (path, expected, got) = {wrong}"


def test_anonymous_is_sent_to_sign_in_with_the_page_to_return_to(client_as) -> None:
    response = client_as(ANONYMOUS).get("/organisation/")
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/?next=/organisation/"


def test_a_guest_may_see_their_own_person_page_but_no_one_elses(client_as) -> None:
    from netvaerk.organisation.models import Person

    guest = client_as("borger")
    own = Person.objects.get(user__username="borger")
    other = Person.objects.get(user__username="medarbejder")
    assert guest.get(f"/personer/{own.pk}/").status_code == 200
    assert guest.get(f"/personer/{other.pk}/").status_code == 403


def test_unknown_objects_and_bad_page_numbers_are_404(client_as) -> None:
    client = client_as("medarbejder")
    assert client.get("/personer/999999/").status_code == 404
    assert client.get("/organisation/enheder/999999/").status_code == 404
    assert client.get("/fora/findes-ikke/").status_code == 404
    assert client.get("/fora/chefforum/?side=abc").status_code == 404
    assert client.get("/fora/chefforum/?side=99").status_code == 404
