"""OpenID Connect end to end, against a small OpenID provider served from the test process.

The provider implements the authorisation code flow: /authorize redirects back with a code and
the state, /token answers with an RS256 ID token carrying the nonce (keys made at test time),
/userinfo and /jwks. The test drives Django's test client into the provider and back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from netvaerk.core.models import AuditEntry, User
from netvaerk.organisation.models import Person

from .conftest import rsa_key

CLIENT_ID, CLIENT_SECRET = "netvaerk-test", "test-secret-not-real"
CALLBACK = "http://testserver/oidc/callback/"


class Provider:
    """The provider's state: keys, issued codes, and who signs in next (and how it misbehaves)."""

    def __init__(self) -> None:
        self.key = rsa_key()
        self.kid = "test-key-1"
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.claims: dict[str, Any] = {}
        self.mode = "ok"
        self.base = ""

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        payload = {
            "iss": self.base,
            "aud": "someone-else" if self.mode == "wrong_audience" else CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": "not-the-nonce" if self.mode == "wrong_nonce" else nonce,
            **{k: v for k, v in self.claims.items() if k in {"sub", "oid"}},
        }
        key = rsa_key() if self.mode == "bad_signature" else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": self.kid})


class Handler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        op: Provider = self.server.provider
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("redirect_uri") != CALLBACK:
                return self.reply(400, {"error": "invalid_request"})
            assert query["response_type"] == "code" and "openid" in query["scope"].split()
            code = secrets.token_urlsafe(16)
            op.codes[code] = query
            target = f"{CALLBACK}?{urllib.parse.urlencode({'code': code, 'state': query['state']})}"
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return None
        if url.path == "/jwks":
            return self.reply(200, op.jwks())
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in op.tokens:
                return self.reply(401, {"error": "invalid_token"})
            return self.reply(200, op.claims)
        return self.reply(404, {"error": "not_found"})

    def do_POST(self) -> None:
        op: Provider = self.server.provider
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        form = dict(urllib.parse.parse_qsl(body))
        if self.path != "/token":
            return self.reply(404, {"error": "not_found"})
        request = op.codes.pop(form.get("code", ""), None)
        if (
            request is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != CALLBACK
            or form.get("grant_type") != "authorization_code"
        ):
            return self.reply(400, {"error": "invalid_grant"})
        # PKCE: the verifier must hash to the challenge sent to /authorize.
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != request["code_challenge"]:
            return self.reply(400, {"error": "invalid_grant", "error_description": "PKCE"})
        access_token = secrets.token_urlsafe(16)
        op.tokens[access_token] = request
        return self.reply(
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": op.id_token(request["nonce"]),
            },
        )


@pytest.fixture
def provider(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    op = Provider()
    server.provider = op  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    op.base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{op.base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{op.base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{op.base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{op.base}/jwks"
    settings.OIDC_OP_ISSUER = op.base
    settings.SSO_OIDC_LABEL = "Log ind med Microsoft"
    settings.SSO_CREATE_PEOPLE = False
    yield op
    server.shutdown()
    server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _sign_in_raw(client: Client, provider: Provider, claims: dict[str, Any], next_url: str = ""):
    """The sign-in flow with exactly these claims."""
    provider.claims = claims
    start = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.base)
    try:
        urllib.request.build_opener(NoRedirect).open(start["Location"], timeout=5)
        raise AssertionError("the provider did not redirect back")
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302
        back = urllib.parse.urlsplit(redirect.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client.get(f"{back.path}?{back.query}")


def sign_in(client: Client, provider: Provider, claims: dict[str, Any], next_url: str = ""):
    """Start at /oidc/authenticate/, let the provider answer, and return the callback's response.

    The provider vouches for the e-mail address (`email_verified`) unless the claims say.
    """
    vouched = {"email_verified": True, **claims} if "email" in claims else claims
    return _sign_in_raw(client, provider, vouched, next_url)


def employee(username: str) -> Person:
    return Person.objects.select_related("user").get(user__username=username)


def signed_in_as(client: Client) -> str | None:
    response = client.get("/konto/")
    return response.wsgi_request.user.get_username() if response.status_code == 200 else None


def test_the_login_page_shows_the_provider_button(demo, provider) -> None:
    page = Client().get("/log-ind/").content.decode()
    assert "Log ind med Microsoft" in page and 'href="/oidc/authenticate/"' in page
    assert 'name="password"' in page  # local login stays on by default


def test_a_person_is_matched_by_email_and_signed_in(demo, provider) -> None:
    person = employee("medarbejder")
    client = Client()
    response = sign_in(
        client,
        provider,
        {"sub": "abc", "email": person.email.upper(), "name": "Camilla N."},
        next_url="/notifikationer/",
    )
    assert response.status_code == 302 and response["Location"] == "/notifikationer/"
    assert signed_in_as(client) == "medarbejder"
    assert User.objects.count() == User.objects.filter(person__isnull=False).count() + (
        User.objects.filter(person__isnull=True).count()
    )  # no account was created
    assert not AuditEntry.objects.filter(action="sso.user.create").exists()


def test_a_person_is_matched_by_external_id_before_email(demo, provider) -> None:
    target = employee("leder")
    other = employee("chef")
    client = Client()
    response = sign_in(
        client,
        provider,
        {"sub": "s1", "oid": target.external_id, "email": other.email},
    )
    assert response.status_code == 302
    assert signed_in_as(client) == "leder"


def test_a_person_without_an_account_gets_one_linked_and_audited(demo, provider) -> None:
    person = Person.objects.get(external_id="demo-p17")
    assert person.user is None
    client = Client()
    response = sign_in(client, provider, {"sub": "s2", "oid": "demo-p17", "name": person.name})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is not None and not person.user.has_usable_password()
    assert signed_in_as(client) == person.user.username
    actions = set(AuditEntry.objects.filter(subject=person).values_list("action", flat=True))
    assert {"sso.user.create", "organisation.person.link_user"} <= actions
    # Signing in again uses the same account.
    again = Client()
    sign_in(again, provider, {"sub": "s2", "oid": "demo-p17"})
    assert signed_in_as(again) == person.user.username
    assert User.objects.filter(person=person).count() == 1


def test_an_unknown_person_is_refused_with_a_clear_page(demo, provider) -> None:
    client = Client()
    response = sign_in(client, provider, {"sub": "s3", "email": "ny@example.invalid"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "netværkssekretariatet" in text.lower() or "network secretariat" in text.lower()
    assert signed_in_as(client) is None
    assert not Person.objects.filter(email="ny@example.invalid").exists()


def test_an_unknown_person_is_created_when_the_setting_allows(demo, provider, settings) -> None:
    settings.SSO_CREATE_PEOPLE = True
    client = Client()
    response = sign_in(
        client,
        provider,
        {"sub": "s4", "email": "Ny.Ansat@example.invalid", "name": "Ny Ansat"},
    )
    assert response.status_code == 302
    person = Person.objects.select_related("user").get(email="Ny.Ansat@example.invalid")
    assert (person.name, person.kind, person.unit, person.external_id) == (
        "Ny Ansat",
        Person.Kind.EMPLOYEE,
        None,
        None,
    )
    assert signed_in_as(client) == person.user.username == "ny.ansat@example.invalid"
    assert AuditEntry.objects.filter(action="organisation.person.create", subject=person).exists()


@pytest.mark.parametrize("create", [False, True])
def test_an_ambiguous_email_is_not_a_match(demo, provider, settings, create) -> None:
    settings.SSO_CREATE_PEOPLE = create  # nor a reason to make yet another person
    first, second = employee("leder"), Person.objects.get(external_id="demo-p17")
    second.email = first.email.upper()
    second.save()
    people = Person.objects.count()
    client = Client()
    response = sign_in(client, provider, {"sub": "s5", "email": first.email})
    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert Person.objects.count() == people


@pytest.mark.parametrize(
    ("verified", "trust", "signed_in"),
    [
        (False, True, False),  # the provider says the address is not the person's
        ("false", True, False),  # some providers send the claim as a string
        ("true", False, True),
        (None, False, False),  # no claim: not trusted by default...
        (None, True, True),  # ...unless SSO_OIDC_TRUST_EMAIL (a single-tenant Entra ID)
    ],
)
def test_an_email_address_counts_only_when_the_provider_vouches_for_it(
    demo, provider, settings, verified, trust, signed_in
) -> None:
    settings.SSO_OIDC_TRUST_EMAIL = trust
    settings.SSO_CREATE_PEOPLE = True  # an unvouched address must not make a person either
    people = Person.objects.count()
    claims: dict[str, Any] = {"sub": "s10", "email": employee("direktor").email}
    if verified is not None:
        claims["email_verified"] = verified
    client = Client()
    response = _sign_in_raw(client, provider, claims)
    assert (signed_in_as(client) == "direktor") is signed_in
    if not signed_in:
        assert response.status_code == 403
        assert Person.objects.count() == people


def test_without_an_email_address_no_person_is_created(demo, provider, settings) -> None:
    settings.SSO_CREATE_PEOPLE = True
    people = Person.objects.count()
    client = Client()
    response = sign_in(client, provider, {"sub": "s11", "oid": "ukendt-id", "name": "Uden Mail"})
    assert response.status_code == 403
    assert Person.objects.count() == people


def test_an_inactive_person_is_refused(demo, provider) -> None:
    person = employee("medarbejder")
    Person.objects.filter(pk=person.pk).update(is_active=False)
    client = Client()
    response = sign_in(client, provider, {"sub": "s6", "email": person.email})
    assert response.status_code == 403
    assert signed_in_as(client) is None


@pytest.mark.parametrize("mode", ["wrong_nonce", "bad_signature", "wrong_audience"])
def test_a_token_that_does_not_verify_is_refused(demo, provider, mode) -> None:
    provider.mode = mode
    client = Client()
    response = sign_in(client, provider, {"sub": "s7", "email": employee("chef").email})
    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_a_wrong_state_is_refused(demo, provider) -> None:
    provider.claims = {"sub": "s8", "email": employee("chef").email}
    client = Client()
    start = client.get("/oidc/authenticate/")
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start["Location"]).query))
    forged = {**query, "state": "forged-state"}
    location = f"{provider.base}/authorize?{urllib.parse.urlencode(forged)}"
    try:
        urllib.request.build_opener(NoRedirect).open(location, timeout=5)
    except urllib.error.HTTPError as redirect:
        back = urllib.parse.urlsplit(redirect.headers["Location"])
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert signed_in_as(client) is None
    # A callback in a browser that never started a sign-in is refused too.
    stranger = Client()
    assert stranger.get(f"{back.path}?{back.query}").status_code == 400
    assert signed_in_as(stranger) is None


def test_local_login_off_hides_the_form_and_refuses_a_post(demo, provider, settings) -> None:
    settings.LOCAL_LOGIN = False
    page = Client().get("/log-ind/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="password"' not in text and "Log ind med Microsoft" in text
    english = Client()
    english.cookies["netvaerk_language"] = "en"  # the message is checked by its English msgid
    response = english.post("/log-ind/", {"username": "leder", "password": "demo"})
    assert response.status_code == 403
    assert "password is switched off" in response.content.decode()
    assert signed_in_as(english) is None
    # The admin's password form is closed too.
    admin = Client()
    admin.post("/admin/login/", {"username": "direktor", "password": "demo"})
    assert signed_in_as(admin) is None
    # Single sign-on still works.
    client = Client()
    sign_in(client, provider, {"sub": "s9", "email": employee("leder").email})
    assert signed_in_as(client) == "leder"


@pytest.mark.parametrize("value", ["guests", "Guests "])
def test_local_login_for_guests_only_lets_guests_in_and_sends_staff_to_sso(
    demo, provider, settings, value
) -> None:
    settings.LOCAL_LOGIN = value
    english = Client()
    english.cookies["netvaerk_language"] = "en"
    page = english.get("/log-ind/")
    text = page.content.decode()
    assert 'name="password"' in text and "Invited guests sign in" in text
    assert "Log ind med Microsoft" in text
    # An employee's right password is refused with a pointer to single sign-on...
    response = english.post("/log-ind/", {"username": "leder", "password": "demo"})
    assert response.status_code == 403
    assert "Only invited guests sign in with a user name and password" in response.content.decode()
    assert signed_in_as(english) is None
    # ...while a wrong password, or a user name that does not exist, fails like any wrong
    # password: the form does not tell who is a guest.
    for username, password in (("leder", "forkert"), ("findes-ikke", "demo"), ("borger", "x")):
        response = english.post("/log-ind/", {"username": username, "password": password})
        assert response.status_code == 400, username
        assert "Only invited guests" not in response.content.decode()
    # ...also on the admin's form...
    admin = Client()
    admin.post("/admin/login/", {"username": "direktor", "password": "demo"})
    assert signed_in_as(admin) is None
    # ...while the invited guest signs in with theirs.
    guest = Client()
    response = guest.post("/log-ind/", {"username": "borger", "password": "demo"})
    assert response.status_code == 302
    assert signed_in_as(guest) == "borger"


def test_unconfigured_single_sign_on_urls_are_404(demo, settings) -> None:
    settings.OIDC_RP_CLIENT_ID = ""
    client = Client()
    for path in ("/oidc/authenticate/", "/oidc/callback/?code=x&state=y", "/saml2/login/"):
        assert client.get(path).status_code == 404, path
    assert client.post("/saml2/acs/", {"SAMLResponse": "x"}).status_code == 404
    assert "oidc" not in client.get("/log-ind/").content.decode()
