"""Tokens (created and revoked on /konto/, only their hash kept) and the one error shape."""

from __future__ import annotations

import hashlib
import re

from django.test import Client

from netvaerk.api.models import ApiToken
from netvaerk.api.services import token_authenticate, token_revoke
from netvaerk.core.models import AuditEntry, User

from .conftest import make_token


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


def test_a_token_is_created_on_the_account_page_shown_once_and_kept_only_as_a_hash(
    client_as,
) -> None:
    client = client_as("medarbejder")
    response = client.post("/konto/api-noegler/", {"name": "Intranettet", "scope": "read-write"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = re.search(r'id="new-api-token">([^<]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get(name="Intranettet")
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.prefix, token.key_hash, token.name}
    assert token.scope == "read-write"
    entry = AuditEntry.objects.get(action="api.token.create")
    assert raw not in str(entry.changes)

    # Shown once: the account page lists the token by name and prefix, never the secret.
    page = client.get("/konto/").content.decode()
    assert "Intranettet" in page and token.prefix in page and raw not in page

    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/networks").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_bad_token_form_is_400_and_creates_nothing(client_as) -> None:
    client = client_as("medarbejder")
    response = client.post("/konto/api-noegler/", {"name": "", "scope": "admin"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked_by_its_owner_only_and_is_then_refused(client_as) -> None:
    raw = make_token("medarbejder")
    token = ApiToken.objects.get()
    assert client_as("leder").post(f"/konto/api-noegler/{token.pk}/tilbagekald/").status_code == 404
    owner = client_as("medarbejder")
    response = owner.post(f"/konto/api-noegler/{token.pk}/tilbagekald/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    assert AuditEntry.objects.filter(action="api.token.revoke").count() == 1
    token_revoke(token=token, by=token.user)  # twice changes nothing
    assert AuditEntry.objects.filter(action="api.token.revoke").count() == 1
    assert token_authenticate(raw) is None
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    _error(api.get("/api/networks"), 401, "unauthenticated")


def test_unknown_malformed_and_missing_tokens_are_401(demo: None) -> None:
    for header in ("Bearer nvk_unknown", "Bearer", "Basic abc", "Bearer " + "x" * 5000, ""):
        client = Client(headers={"Authorization": header})
        response = client.get("/api/ideas")
        _error(response, 401, "unauthenticated")
        assert response["WWW-Authenticate"].startswith("Bearer")
    _error(Client().get("/api/ideas"), 401)


def test_a_token_of_a_deactivated_user_is_refused(demo: None) -> None:
    raw = make_token("medarbejder")
    User.objects.filter(username="medarbejder").update(is_active=False)
    _error(Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/ideas"), 401)


def test_a_session_may_read_but_never_write(client_as) -> None:
    client = client_as("konsulent")
    assert client.get("/api/ideas").status_code == 200
    before = AuditEntry.objects.count()
    response = client.post(
        "/api/ideas", {"title": "Via sessionen"}, content_type="application/json"
    )
    _error(response, 401, "unauthenticated")
    assert AuditEntry.objects.count() == before


def test_every_error_has_the_one_json_shape(api_as) -> None:
    client = api_as("medarbejder")
    _error(client.get("/api/ideas/999999"), 404, "not_found")
    _error(client.get("/api/findes-ikke"), 404, "not_found")
    _error(client.get("/api/ideas/abc"), 422, "invalid")
    fields = _error(client.get("/api/ideas?limit=1000"), 422, "invalid")["fields"]
    assert "limit" in fields
    _error(client.get("/api/ideas?cursor=!!!"), 400, "invalid_cursor")
    _error(client.get("/api/ideas?cursor=WyJ4IiwxXQ"), 400, "invalid_cursor")  # ["x",1]
    _error(client.post("/api/ideas", "{", content_type="application/json"), 400, "bad_request")
    _error(client.post("/api/ideas", {}, content_type="application/json"), 422, "invalid")
    nul = {"title": "a\x00b"}
    _error(client.post("/api/ideas", nul, content_type="application/json"), 422, "invalid")
    # The service refuses an incomplete idea: 400 with the fields to fill in.
    fields = _error(
        client.post("/api/ideas", {"title": "Kun en titel"}, content_type="application/json"),
        400,
        "invalid",
    )["fields"]
    assert set(fields) == {"problem", "benefit"}
    future = {
        "group": "citizens",
        "method": "interview",
        "happened_on": "2999-01-01",
        "what_changed": "x",
    }
    network = client.get("/api/networks").json()["items"][0]["id"]
    response = client.post(
        f"/api/networks/{network}/involvements", future, content_type="application/json"
    )
    assert "happened_on" in _error(response, 422, "invalid")["fields"]
    _error(api_as("borger").get("/api/ideas"), 403, "forbidden")


def test_the_docs_and_schema_are_served(demo: None) -> None:
    client = Client()
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"swagger-ui-init.js" in docs.content
    assert b"<script>" not in docs.content  # no inline script (CSP)
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_a_token_writes_without_a_csrf_token(demo: None) -> None:
    raw = make_token("medarbejder")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})
    idea = {"title": "Uden CSRF", "problem": "Et problem", "benefit": "En gevinst"}
    response = client.post("/api/ideas", idea, content_type="application/json")
    assert response.status_code == 201, response.content[:300]
