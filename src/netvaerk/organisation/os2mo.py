"""Reading the organisation from OS2mo's GraphQL API into the organisation import.

OS2mo (the municipalities' organisation system) is read with a client-credentials token from
its Keycloak token endpoint. Org units, engagements and managers are read page by page
(`limit` and `cursor` until `page_info.next_cursor` is null), taking only each object's
`current` value. The result becomes the same rows as a CSV import (`ParsedFile`) and goes
through `services.org_import_plan` / `org_import_apply` unchanged: the same checks, diff,
dry-run and audit entries. CPR numbers are never requested.

Settings come from the environment: OS2MO_URL, OS2MO_TOKEN_URL, OS2MO_CLIENT_ID,
OS2MO_CLIENT_SECRET (required) and OS2MO_PAGE_SIZE, OS2MO_TIMEOUT (optional); see
docs/OS2MO.md.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from netvaerk.core.models import User

from .importers import ParsedFile, RawRows, parse_people, parse_units
from .services import ImportPlan, org_import_apply, org_import_plan

MAX_RESPONSE_BYTES = 50 * 1024 * 1024
MAX_PAGES = 10_000  # a guard against a server that keeps returning the same cursor
REQUIRED_SETTINGS = ("OS2MO_URL", "OS2MO_TOKEN_URL", "OS2MO_CLIENT_ID", "OS2MO_CLIENT_SECRET")


class OS2moError(Exception):
    """OS2mo could not be read: settings missing, server or GraphQL errors, bad answers."""


@dataclass(frozen=True)
class OS2moConfig:
    url: str  # the GraphQL endpoint, e.g. https://os2mo.example.dk/graphql/v22
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    page_size: int = 500
    timeout: float = 30.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> OS2moConfig:
        env = os.environ if environ is None else environ
        missing = [name for name in REQUIRED_SETTINGS if not env.get(name, "").strip()]
        if missing:
            raise OS2moError(
                "OS2mo is not configured; set the environment variable(s) " + ", ".join(missing)
            )
        try:
            page_size = int(env.get("OS2MO_PAGE_SIZE", "") or 500)
            timeout = float(env.get("OS2MO_TIMEOUT", "") or 30)
        except ValueError as error:
            raise OS2moError(f"OS2MO_PAGE_SIZE or OS2MO_TIMEOUT is not a number: {error}") from None
        if page_size < 1 or timeout <= 0:
            raise OS2moError("OS2MO_PAGE_SIZE and OS2MO_TIMEOUT must be positive.")
        for name in ("OS2MO_URL", "OS2MO_TOKEN_URL"):
            if not env[name].strip().lower().startswith(("https://", "http://")):
                raise OS2moError(f"{name} must be an https:// (or http://) address.")
        return cls(
            url=env["OS2MO_URL"].strip(),
            token_url=env["OS2MO_TOKEN_URL"].strip(),
            client_id=env["OS2MO_CLIENT_ID"].strip(),
            client_secret=env["OS2MO_CLIENT_SECRET"],
            page_size=page_size,
            timeout=timeout,
        )


# --- the queries (never ask for cpr_number) ------------------------------------------------

ORG_UNITS_QUERY = """
query OrgUnits($limit: int, $cursor: Cursor) {
  org_units(limit: $limit, cursor: $cursor) {
    objects {
      current {
        uuid
        name
        parent { uuid }
        org_unit_level { name user_key }
      }
    }
    page_info { next_cursor }
  }
}
"""

ENGAGEMENTS_QUERY = """
query Engagements($limit: int, $cursor: Cursor) {
  engagements(limit: $limit, cursor: $cursor) {
    objects {
      current {
        uuid
        is_primary
        job_function { name }
        org_unit { uuid }
        person {
          uuid
          name
          addresses { value address_type { scope } }
        }
      }
    }
    page_info { next_cursor }
  }
}
"""

MANAGERS_QUERY = """
query Managers($limit: int, $cursor: Cursor) {
  managers(limit: $limit, cursor: $cursor) {
    objects {
      current {
        uuid
        org_unit { uuid }
        person {
          uuid
          name
          addresses { value address_type { scope } }
        }
      }
    }
    page_info { next_cursor }
  }
}
"""


class OS2moClient:
    """A small GraphQL client: a client-credentials token, then POSTed queries."""

    def __init__(self, config: OS2moConfig) -> None:
        self.config = config
        self._opener = urllib.request.build_opener()
        self._token: str | None = None
        self._token_expires = 0.0

    def _post(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        """POST and decode the JSON answer; 401 is returned, every other failure raised."""
        # The scheme is checked in OS2moConfig.from_environment (http or https only).
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with self._opener.open(request, timeout=self.config.timeout) as response:
                status, data = response.status, response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code == 401:
                return 401, None
            raise OS2moError(
                f"OS2mo answered HTTP {error.code} {error.reason} from {url}."
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise OS2moError(f"OS2mo could not be reached at {url}: {reason}") from None
        if len(data) > MAX_RESPONSE_BYTES:
            raise OS2moError(f"The answer from {url} is too large.")
        try:
            return status, json.loads(data)
        except ValueError:
            raise OS2moError(f"The answer from {url} is not JSON.") from None

    def token(self, *, renew: bool = False) -> str:
        """A bearer token, fetched again shortly before it expires (or when asked to)."""
        if self._token and not renew and time.monotonic() < self._token_expires:
            return self._token
        body = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self.config.client_id,
                "client_secret": self.config.client_secret,
            }
        ).encode()
        status, payload = self._post(
            self.config.token_url,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        if status == 401:
            raise OS2moError("The OS2mo token endpoint refused the client id or secret (401).")
        token = payload.get("access_token") if isinstance(payload, dict) else None
        if not isinstance(token, str) or not token:
            raise OS2moError("The OS2mo token endpoint gave no access_token.")
        expires_in = payload.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float) else 300.0
        self._token = token
        self._token_expires = time.monotonic() + max(lifetime - 30.0, 0.0)
        return token

    def query(self, query: str, variables: dict[str, Any], operation: str) -> dict[str, Any]:
        """Run one GraphQL query and return its `data`; a refused token is renewed once."""
        body = json.dumps(
            {"query": query, "variables": variables, "operationName": operation}
        ).encode()
        for attempt in range(2):
            headers = {
                "Authorization": f"Bearer {self.token(renew=attempt > 0)}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            }
            status, payload = self._post(self.config.url, body, headers)
            if status != 401:
                break
        else:
            raise OS2moError("OS2mo refused the access token (401), also a freshly fetched one.")
        if not isinstance(payload, dict):
            raise OS2moError("The GraphQL answer from OS2mo is not an object.")
        if payload.get("errors"):
            errors = payload["errors"]
            messages = [
                str(e.get("message", e)) if isinstance(e, dict) else str(e)
                for e in (errors if isinstance(errors, list) else [errors])
            ]
            raise OS2moError(f"OS2mo GraphQL errors in {operation}: " + "; ".join(messages[:5]))
        data = payload.get("data")
        if not isinstance(data, dict):
            raise OS2moError(f"The GraphQL answer to {operation} has no data.")
        return data

    def current_objects(self, query: str, operation: str, root: str) -> Iterator[dict[str, Any]]:
        """Every object's `current` value, following `next_cursor` until it is null."""
        cursor: Any = None
        for _page in range(MAX_PAGES):
            data = self.query(query, {"limit": self.config.page_size, "cursor": cursor}, operation)
            page = data.get(root)
            if not isinstance(page, dict) or not isinstance(page.get("objects"), list):
                raise OS2moError(f"The answer to {operation} has no {root}.objects.")
            for obj in page["objects"]:
                current = obj.get("current") if isinstance(obj, dict) else None
                if isinstance(current, dict):  # objects not valid today have no current value
                    yield current
            page_info = page.get("page_info") or {}
            cursor = page_info.get("next_cursor") if isinstance(page_info, dict) else None
            if cursor is None:
                return
        raise OS2moError(f"{operation} returned more than {MAX_PAGES} pages.")


@dataclass
class OS2moData:
    """The current org units, engagements and managers as OS2mo returned them."""

    org_units: list[dict[str, Any]]
    engagements: list[dict[str, Any]]
    managers: list[dict[str, Any]]


def os2mo_fetch(client: OS2moClient) -> OS2moData:
    return OS2moData(
        org_units=list(client.current_objects(ORG_UNITS_QUERY, "OrgUnits", "org_units")),
        engagements=list(client.current_objects(ENGAGEMENTS_QUERY, "Engagements", "engagements")),
        managers=list(client.current_objects(MANAGERS_QUERY, "Managers", "managers")),
    )


# --- from OS2mo's shape to import rows ------------------------------------------------------


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first(value: Any) -> dict[str, Any] | None:
    """OS2mo gives related objects as lists (or, in older versions, as one object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else None


def _uuid_of(value: Any) -> str:
    related = _first(value)
    return _text(related.get("uuid")) if related else ""


def _email_of(person: dict[str, Any]) -> str:
    """The person's first valid e-mail address (by value, so the choice is stable)."""
    addresses = person.get("addresses") or []
    candidates = sorted(
        _text(address.get("value"))
        for address in addresses
        if isinstance(address, dict)
        and _text((_first(address.get("address_type")) or {}).get("scope")).upper() == "EMAIL"
    )
    for candidate in candidates:
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        return candidate
    return ""


def _depths(parents: dict[str, str]) -> dict[str, int]:
    depths: dict[str, int] = {}
    for uuid in parents:
        depth, current, seen = 0, parents[uuid], {uuid}
        while current and current in parents and current not in seen:
            seen.add(current)
            depth += 1
            current = parents[current]
        depths[uuid] = depth
    return depths


def os2mo_parsed_file(data: OS2moData) -> ParsedFile:
    """The OS2mo data as the import's rows, validated like a CSV file.

    Units keep their OS2mo uuid as external id; their level is the tree depth (top unit =
    organisation, then direktørområde, center, team and below). A person's unit and title come
    from their primary engagement (else the engagement with the lowest uuid, else the unit they
    manage); a person is a manager when they hold a current manager role.
    """
    parents: dict[str, str] = {}
    names: dict[str, str] = {}
    for unit in data.org_units:
        uuid = _text(unit.get("uuid"))
        if uuid:
            names[uuid] = _text(unit.get("name"))
            parents[uuid] = _uuid_of(unit.get("parent"))
    depths = _depths(parents)
    unit_rows: RawRows = [(1, ["external_id", "name", "parent", "level"])]
    for number, uuid in enumerate(sorted(names, key=lambda u: (depths[u], names[u], u)), 2):
        unit_rows.append((number, [uuid, names[uuid], parents[uuid], str(min(depths[uuid], 3))]))

    people: dict[str, dict[str, str]] = {}
    engagements = sorted(
        (e for e in data.engagements if _first(e.get("person"))),
        key=lambda e: (not e.get("is_primary"), _text(e.get("uuid"))),
    )
    for engagement in engagements:
        person = _first(engagement.get("person")) or {}
        uuid = _text(person.get("uuid"))
        if uuid and uuid not in people:
            people[uuid] = {
                "name": _text(person.get("name")),
                "unit": _uuid_of(engagement.get("org_unit")),
                "title": _text((_first(engagement.get("job_function")) or {}).get("name")),
                "email": _email_of(person),
                "manager": "nej",
            }
    for manager in sorted(data.managers, key=lambda m: _text(m.get("uuid"))):
        holder = _first(manager.get("person"))  # a vacant manager role has no person
        uuid = _text(holder.get("uuid")) if holder else ""
        if not holder or not uuid:
            continue
        if uuid not in people:
            people[uuid] = {
                "name": _text(holder.get("name")),
                "unit": _uuid_of(manager.get("org_unit")),
                "title": "",
                "email": _email_of(holder),
                "manager": "ja",
            }
        people[uuid]["manager"] = "ja"
    people_rows: RawRows = [(1, ["external_id", "name", "unit", "title", "email", "manager"])]
    for number, uuid in enumerate(sorted(people, key=lambda u: (people[u]["name"], u)), 2):
        p = people[uuid]
        people_rows.append(
            (number, [uuid, p["name"], p["unit"], p["title"], p["email"], p["manager"]])
        )

    parsed = ParsedFile()
    parsed.units, unit_errors = parse_units(_("Units"), unit_rows)
    parsed.people, people_errors = parse_people(_("People"), people_rows)
    parsed.errors = [*unit_errors, *people_errors]
    return parsed


# --- the import -----------------------------------------------------------------------------


def os2mo_import(
    *,
    dry_run: bool,
    remove_missing: bool = False,
    by: User | None = None,
    config: OS2moConfig | None = None,
) -> ImportPlan:
    """Read OS2mo, plan the import and (unless `dry_run`) apply it; returns the plan.

    Raises OS2moError when OS2mo cannot be read or the data has errors; then nothing is saved.
    `remove_missing` deactivates imported units and people that OS2mo no longer has.
    """
    client = OS2moClient(config or OS2moConfig.from_environment())
    parsed = os2mo_parsed_file(os2mo_fetch(client))
    plan = org_import_plan(parsed=parsed, remove_missing=remove_missing)
    if not dry_run and plan.is_valid:
        org_import_apply(plan=plan, by=by)
    return plan
