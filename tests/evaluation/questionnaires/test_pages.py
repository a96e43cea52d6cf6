"""This app's registered pages × every demo role answer as declared (the full matrix is in
tests/core/test_permission_matrix.py); the answer page's used link is a clear 410."""

from __future__ import annotations

import pytest

from netvaerk.core.pages import ANONYMOUS, ROLES
from netvaerk.evaluation.questionnaires.pages import PAGES

from .helpers import ELDERLY, answer_url, danish, invitation, questionnaire


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_each_page_answers_each_role_as_declared(client_as, role: str) -> None:
    client = client_as(role)
    wrong = {}
    for page in PAGES:
        path = page.path()
        status = client.get(path).status_code
        if status != page.statuses[role]:
            wrong[page.name] = (path, page.statuses[role], status)
    assert not wrong, f"{role}: (path, expected, got) = {wrong}"


def test_a_used_link_gets_a_clear_page(client_as) -> None:
    used = invitation(questionnaire(ELDERLY, "open"), "netvaerksleder")
    response = client_as(ANONYMOUS).get(answer_url(used))
    assert response.status_code == 410
    assert danish("You have already answered – thank you") in response.content.decode()
