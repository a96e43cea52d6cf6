"""The OS2mo import against recorded GraphQL answers served by a local HTTP server."""

from __future__ import annotations

import copy
import io
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus

from netvaerk.core.models import AuditEntry
from netvaerk.organisation import os2mo
from netvaerk.organisation.models import Person, Unit
from netvaerk.organisation.tasks import import_os2mo

RECORDED = Path(__file__).parent / "os2mo"
OPERATIONS = {"OrgUnits": "org_units", "Engagements": "engagements", "Managers": "managers"}
CLIENT_ID, CLIENT_SECRET = "netvaerk", "test-secret"
PAGE_SIZE = 3

K = "0a1b2c3d-0000-4000-8000-000000000001"
A1 = "0a1b2c3d-0000-4000-8000-000000000002"
A2 = "0a1b2c3d-0000-4000-8000-000000000003"
C1 = "0a1b2c3d-0000-4000-8000-000000000004"
T1 = "0a1b2c3d-0000-4000-8000-000000000005"
ANNA, BENT, CECILIE = (f"5e7a0000-0000-4000-9000-00000000000{i}" for i in (1, 2, 3))
DORTE = "5e7a0000-0000-4000-9000-000000000005"


class FakeOS2mo:
    """The recorded pages, keyed by operation and cursor, and what the server was asked."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.bodies: list[bytes] = []
        self.calls: list[tuple[str, Any, Any]] = []
        self.valid_tokens: set[str] = set()
        self.tokens_issued = 0
        self.pages: dict[str, list[dict[str, Any]]] = {
            root: [
                json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(RECORDED.glob(f"{root}_*.json"))
            ]
            for root in OPERATIONS.values()
        }

    def page(self, operation: str, cursor: Any) -> dict[str, Any] | None:
        root = OPERATIONS[operation]
        expected = None
        for page in self.pages[root]:
            if cursor == expected:
                return page
            expected = page["data"][root]["page_info"]["next_cursor"]
        return None


class Handler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, payload: Any) -> None:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        fake: FakeOS2mo = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        fake.bodies.append(body)
        if self.path == "/token":
            form = urllib.parse.parse_qs(body.decode())
            if form != {
                "grant_type": ["client_credentials"],
                "client_id": [CLIENT_ID],
                "client_secret": [CLIENT_SECRET],
            }:
                return self.reply(401, {"error": "unauthorized_client"})
            fake.tokens_issued += 1
            token = f"token-{fake.tokens_issued}"
            if fake.mode != "expired":
                fake.valid_tokens.add(token)
            return self.reply(200, {"access_token": token, "expires_in": 300})
        if self.path != "/graphql":
            return self.reply(404, {"detail": "Not found"})
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in fake.valid_tokens:
            return self.reply(401, {"detail": "Token expired"})
        if fake.mode == "expire_once":
            fake.mode = "ok"
            fake.valid_tokens.clear()
            return self.reply(401, {"detail": "Token expired"})
        request = json.loads(body)
        operation, variables = request["operationName"], request["variables"]
        fake.calls.append((operation, variables.get("cursor"), variables.get("limit")))
        if fake.mode == "500" or (fake.mode == "500_managers" and operation == "Managers"):
            return self.reply(500, {"detail": "Internal server error"})
        if fake.mode == "errors":
            return self.reply(200, {"data": None, "errors": [{"message": "Permission denied"}]})
        if fake.mode == "badjson":
            return self.reply(200, b"<html>Bad gateway</html>")
        if fake.mode == "slow":
            time.sleep(1.5)
        page = fake.page(operation, variables.get("cursor"))
        if page is None:
            return self.reply(200, {"data": None, "errors": [{"message": "Invalid cursor"}]})
        return self.reply(200, page)


@pytest.fixture
def fake_os2mo(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOS2mo]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.fake = FakeOS2mo()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for name, value in {
        "OS2MO_URL": f"{base}/graphql",
        "OS2MO_TOKEN_URL": f"{base}/token",
        "OS2MO_CLIENT_ID": CLIENT_ID,
        "OS2MO_CLIENT_SECRET": CLIENT_SECRET,
        "OS2MO_PAGE_SIZE": str(PAGE_SIZE),
        "OS2MO_TIMEOUT": "0.5",
        "NO_PROXY": "127.0.0.1",
        "no_proxy": "127.0.0.1",
    }.items():
        monkeypatch.setenv(name, value)
    yield server.fake  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_os2mo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_import_creates_units_people_and_managers_with_audit_entries(
    fake_os2mo: FakeOS2mo,
) -> None:
    output = run()
    assert "Units:  5 to create" in output
    assert "People: 4 to create" in output
    units = {u.external_id: u for u in Unit.objects.select_related("parent")}
    assert set(units) == {K, A1, A2, C1, T1}  # the unit without a current value is left out
    assert units[K].parent is None and units[K].level == Unit.Level.ORGANISATION
    assert units[A1].parent == units[K] and units[A1].level == Unit.Level.AREA
    assert units[C1].parent == units[A1] and units[C1].level == Unit.Level.CENTRE
    assert units[T1].parent == units[C1] and units[T1].level == Unit.Level.TEAM
    assert units[C1].name == "Center for Dagtilbud"
    people = {p.external_id: p for p in Person.objects.select_related("unit")}
    assert set(people) == {ANNA, BENT, CECILIE, DORTE}
    anna = people[ANNA]
    assert (anna.name, anna.title, anna.email, anna.unit, anna.is_manager) == (
        "Anna Hansen",
        "Pædagog",
        "anna@testkommune.invalid",
        units[T1],
        False,
    )
    # Bent's primary engagement wins over his secondary one; his manager role makes him manager.
    bent = people[BENT]
    assert (bent.title, bent.unit, bent.is_manager) == ("Centerchef", units[C1], True)
    assert people[CECILIE].email == "" and not people[CECILIE].is_manager
    # A manager without an engagement is placed in the unit they manage.
    assert (people[DORTE].unit, people[DORTE].is_manager, people[DORTE].title) == (
        units[K],
        True,
        "",
    )
    assert AuditEntry.objects.filter(action="organisation.unit.create").count() == 5
    entry = AuditEntry.objects.get(action="organisation.person.create", subject=bent)
    assert entry.changes["name"] == [None, "Bent Madsen"]
    assert entry.actor is None


@pytest.mark.django_db
def test_paging_follows_next_cursor_until_it_is_null(fake_os2mo: FakeOS2mo) -> None:
    run("--dry-run")
    assert fake_os2mo.calls == [
        ("OrgUnits", None, PAGE_SIZE),
        ("OrgUnits", "b3JnX3VuaXRzOjM=", PAGE_SIZE),
        ("Engagements", None, PAGE_SIZE),
        ("Engagements", "ZW5nYWdlbWVudHM6Mw==", PAGE_SIZE),
        ("Managers", None, PAGE_SIZE),
        ("Managers", "bWFuYWdlcnM6Mg==", PAGE_SIZE),
    ]
    assert fake_os2mo.tokens_issued == 1  # the token is reused until it expires


@pytest.mark.django_db
def test_a_dry_run_changes_nothing(fake_os2mo: FakeOS2mo) -> None:
    output = run("--dry-run")
    assert "Units:  5 to create" in output
    assert "Dry run: nothing was changed." in output
    assert not Unit.objects.exists()
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_second_run_changes_nothing(fake_os2mo: FakeOS2mo) -> None:
    run()
    entries = AuditEntry.objects.count()
    output = run()
    assert "Units:  0 to create, 0 to change, 0 to remove" in output
    assert "People: 0 to create, 0 to change, 0 to remove" in output
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_changes_in_os2mo_update_and_remove_missing_deactivates(fake_os2mo: FakeOS2mo) -> None:
    run()
    engagements = fake_os2mo.pages["engagements"]
    fake_os2mo.pages["engagements"] = copy.deepcopy(engagements)
    first = fake_os2mo.pages["engagements"][0]["data"]["engagements"]["objects"][0]["current"]
    first["job_function"]["name"] = "Souschef"
    del fake_os2mo.pages["engagements"][1]["data"]["engagements"]["objects"][0]  # Cecilie left

    output = run("-v", "2")
    assert "People: 0 to create, 1 to change, 0 to remove" in output
    assert "Souschef" in output
    anna = Person.objects.get(external_id=ANNA)
    assert anna.title == "Souschef"
    entry = AuditEntry.objects.get(action="organisation.person.update", subject=anna)
    assert entry.changes == {"title": ["Pædagog", "Souschef"]}
    assert Person.objects.get(external_id=CECILIE).is_active  # kept without --remove-missing

    output = run("--remove-missing")
    assert "People: 0 to create, 0 to change, 1 to remove" in output
    assert not Person.objects.get(external_id=CECILIE).is_active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("500", "HTTP 500"),
        ("500_managers", "HTTP 500"),
        ("errors", "Permission denied"),
        ("badjson", "not JSON"),
        ("expired", "refused the access token"),
        ("slow", "could not be reached"),
    ],
)
def test_server_errors_give_a_command_error_and_change_nothing(
    fake_os2mo: FakeOS2mo, mode: str, message: str
) -> None:
    fake_os2mo.mode = mode
    with pytest.raises(CommandError, match=message) as raised:
        run()
    assert "Nothing was changed." in str(raised.value)
    assert not Unit.objects.exists()
    assert not Person.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_wrong_secret_gives_a_command_error(
    fake_os2mo: FakeOS2mo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS2MO_CLIENT_SECRET", "wrong")
    with pytest.raises(CommandError, match="refused the client id or secret"):
        run()
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_a_token_that_expires_during_the_import_is_fetched_again(fake_os2mo: FakeOS2mo) -> None:
    fake_os2mo.mode = "expire_once"
    run()
    assert fake_os2mo.tokens_issued == 2
    assert Unit.objects.count() == 5


@pytest.mark.django_db
def test_missing_settings_give_a_clear_command_error(
    fake_os2mo: FakeOS2mo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OS2MO_CLIENT_SECRET")
    monkeypatch.setenv("OS2MO_TOKEN_URL", "")
    with pytest.raises(CommandError, match="OS2MO_TOKEN_URL, OS2MO_CLIENT_SECRET"):
        run()
    assert fake_os2mo.bodies == []


@pytest.mark.django_db
def test_only_http_addresses_are_accepted(
    fake_os2mo: FakeOS2mo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS2MO_URL", "file:///etc/passwd")
    with pytest.raises(CommandError, match="OS2MO_URL must be an https"):
        run()
    assert fake_os2mo.bodies == []


@pytest.mark.django_db
def test_no_request_asks_for_cpr_numbers(fake_os2mo: FakeOS2mo) -> None:
    run()
    assert fake_os2mo.bodies
    assert all(b"cpr" not in body.lower() for body in fake_os2mo.bodies)
    for query in (os2mo.ORG_UNITS_QUERY, os2mo.ENGAGEMENTS_QUERY, os2mo.MANAGERS_QUERY):
        assert "cpr" not in query.lower()


@pytest.mark.django_db
def test_the_background_task_runs_the_import(fake_os2mo: FakeOS2mo) -> None:
    result = import_os2mo.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["unit_create"] == 5
    assert result.return_value["person_create"] == 4
    assert Unit.objects.count() == 5
    assert AuditEntry.objects.filter(action="organisation.person.create").count() == 4


@pytest.mark.django_db
def test_the_background_task_fails_and_changes_nothing_when_os2mo_fails(
    fake_os2mo: FakeOS2mo,
) -> None:
    fake_os2mo.mode = "500"
    result = import_os2mo.enqueue()
    assert result.status == TaskResultStatus.FAILED
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_the_command_can_enqueue_the_task(fake_os2mo: FakeOS2mo) -> None:
    output = run("--enqueue")
    assert "Queued the OS2mo import as task" in output
    assert Unit.objects.count() == 5  # the test backend runs tasks immediately
    with pytest.raises(CommandError, match="--enqueue cannot be combined"):
        run("--enqueue", "--dry-run")


def test_invalid_email_addresses_and_vacant_manager_roles_are_skipped() -> None:
    data = os2mo.OS2moData(
        org_units=[{"uuid": "u", "name": "Kommunen", "parent": None, "org_unit_level": None}],
        engagements=[
            {
                "uuid": "e",
                "is_primary": True,
                "job_function": {"name": "Pædagog"},
                "org_unit": [{"uuid": "u"}],
                "person": [
                    {
                        "uuid": "p",
                        "name": "Eva Berg",
                        "addresses": [
                            {"value": "not an address", "address_type": {"scope": "EMAIL"}},
                            {"value": "eva@example.invalid", "address_type": {"scope": "EMAIL"}},
                        ],
                    }
                ],
            }
        ],
        managers=[{"uuid": "m", "org_unit": [{"uuid": "u"}], "person": None}],
    )
    parsed = os2mo.os2mo_parsed_file(data)
    assert not parsed.errors
    assert parsed.units is not None and parsed.people is not None
    assert [(u.external_id, u.level) for u in parsed.units] == [("u", Unit.Level.ORGANISATION)]
    [person] = parsed.people
    assert (person.email, person.unit, person.is_manager) == ("eva@example.invalid", "u", False)


@pytest.mark.django_db
def test_the_importer_can_be_recorded_as_a_user(fake_os2mo: FakeOS2mo, demo: Any) -> None:
    run("--by", "konsulent")
    entry = AuditEntry.objects.filter(action="organisation.unit.create").first()
    assert entry is not None and entry.actor is not None
    assert entry.actor.username == "konsulent"
    with pytest.raises(CommandError, match="No user named"):
        run("--by", "nobody")
