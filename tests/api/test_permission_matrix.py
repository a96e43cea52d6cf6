"""The permission matrix walked through the API: each demo role's token × each endpoint.

Reads answer as the matching pages do (the API's entries in the page registry, whose
statuses are the pages'); writes as the pages' actions do (tests/core/test_action_matrix.py,
tests/networks/logbook/test_action_matrix.py); a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from netvaerk.api import pages as api_pages
from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, INTERNAL, ROLES, SECRETARIAT
from netvaerk.ideas.models import Idea
from netvaerk.networks.demo import ELDERLY
from netvaerk.networks.models import Network

READS = [page for page in api_pages.PAGES if page.name not in ("api:docs", "api:openapi")]


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_read_endpoint_answers_each_token_as_its_page(api_as, role: str) -> None:
    client = api_as(role, "read")
    wrong = {}
    for page in READS:
        path = page.path()
        response = client.get(path)
        if response.status_code != page.statuses[role]:
            wrong[page.name] = (path, page.statuses[role], response.status_code)
        assert response["Content-Type"].startswith("application/json"), path
    assert not wrong, f"{role}: (path, expected, got) = {wrong}"


def test_the_registry_covers_every_read_operation_of_the_schema(demo: None) -> None:
    from netvaerk.api.api import api

    schema = api.get_openapi_schema()
    gets = {path for path, operations in schema["paths"].items() if "get" in operations}
    covered = set()
    for page in READS:
        parts = page.path().rstrip("/").split("/")
        covered.add("/".join("{}" if part.isdigit() else part for part in parts))
    normalised = {
        "/".join("{}" if part.startswith("{") else part for part in path.split("/"))
        for path in gets
    }
    assert normalised <= covered


def _idea(state: str) -> int:
    idea = Idea.objects.filter(state=state).order_by("pk").first()
    assert idea is not None
    return idea.pk


def _elderly() -> int:
    return Network.objects.get(title=ELDERLY).pk


@dataclass(frozen=True)
class Write:
    name: str
    method: str
    path: Callable[[], str]
    data: dict[str, Any] | None
    allowed: tuple[str, ...]
    ok: int = 200
    overrides: tuple[tuple[str, int], ...] = ()

    def expected(self, role: str) -> int:
        if role == ANONYMOUS:
            return 401
        if role in self.allowed:
            return self.ok
        return dict(self.overrides).get(role, 403)


IDEA = {"title": "En idé fra intranettet", "problem": "Et problem", "benefit": "En gevinst"}
INVOLVEMENT = {
    "group": "citizens",
    "method": "interview",
    "happened_on": "2013-11-01",
    "what_changed": "Vi ændrede forløbet",
    "who": "Borgere i eget hjem",
}
ELDERLY_WRITERS = (*SECRETARIAT, "chef", "netvaerksleder", "medarbejder")
ELDERLY_HIDDEN = (("politiker", 404),)

WRITES = [
    Write("idea:create", "post", lambda: "/api/ideas", IDEA, INTERNAL, ok=201),
    Write(
        "idea:support",
        "post",
        lambda: f"/api/ideas/{_idea('submitted')}/support",
        None,
        INTERNAL,
    ),
    Write(
        "idea:unsupport",
        "delete",
        lambda: f"/api/ideas/{_idea('submitted')}/support",
        None,
        INTERNAL,
    ),
    Write(
        "idea:support(selected)",  # a decided idea takes no more support
        "post",
        lambda: f"/api/ideas/{_idea('selected')}/support",
        None,
        (),
    ),
    Write(
        "idea:support(draft)",  # someone else's draft does not exist
        "post",
        lambda: f"/api/ideas/{_idea('draft')}/support",
        None,
        (),
        overrides=tuple((role, 404) for role in ROLES if role != "medarbejder"),
    ),
    Write(
        "involvement:create",
        "post",
        lambda: f"/api/networks/{_elderly()}/involvements",
        INVOLVEMENT,
        ELDERLY_WRITERS,
        ok=201,
        overrides=ELDERLY_HIDDEN,
    ),
    Write(
        "learning_note:create",
        "post",
        lambda: f"/api/networks/{_elderly()}/learning-notes",
        {"text": "En ny læring", "kind": "quote"},
        ELDERLY_WRITERS,
        ok=201,
        overrides=ELDERLY_HIDDEN,
    ),
]


def _call(client: Any, write: Write) -> Any:
    method = getattr(client, write.method)
    if write.data is None:
        return method(write.path())
    return method(write.path(), write.data, content_type="application/json")


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_write_answers_each_token_as_the_pages_action(api_as, role: str) -> None:
    client = api_as(role)
    wrong = {}
    for write in WRITES:
        before = AuditEntry.objects.count()
        response = _call(client, write)
        expected = write.expected(role)
        if response.status_code != expected:
            wrong[write.name] = (expected, response.status_code, response.content[:200])
        if expected >= 400:
            assert AuditEntry.objects.count() == before, f"{write.name}: a refusal wrote"
            assert set(response.json()) == {"error"}
    assert not wrong, f"{role}: (expected, got, body) = {wrong}"


def test_a_write_is_done_through_the_services_with_an_audit_entry(api_as) -> None:
    client = api_as("medarbejder")
    response = client.post("/api/ideas", IDEA, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "submitted"
    assert body["proposer"]
    assert AuditEntry.objects.filter(action="ideas.idea.create", object_id=str(body["id"])).exists()

    idea = _idea("submitted")
    supported = client.post(f"/api/ideas/{idea}/support").json()
    again = client.post(f"/api/ideas/{idea}/support").json()
    assert again["changed"] is False
    assert again["support_count"] == supported["support_count"]
    withdrawn = client.delete(f"/api/ideas/{idea}/support").json()
    assert withdrawn["changed"] is True
    assert withdrawn["support_count"] == supported["support_count"] - 1


@pytest.mark.parametrize("write", [w for w in WRITES if w.allowed], ids=lambda w: w.name)
def test_a_read_token_may_not_write(api_as, write: Write) -> None:
    client = api_as("konsulent", "read")
    before = AuditEntry.objects.count()
    response = _call(client, write)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "scope"
    assert AuditEntry.objects.count() == before
