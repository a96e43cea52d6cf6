"""How the API knows who calls: a personal token (Authorization: Bearer <token>).

A signed-in browser session may read (GET) too, so the API docs can be tried from the
browser, but never write: a write with a session alone is unauthenticated (no CSRF risk).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from .errors import ApiError
from .models import ApiToken
from .services import token_authenticate

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        if (
            "Authorization" not in request.headers
            and request.method in SAFE_METHODS
            and getattr(request.user, "is_authenticated", False)
        ):
            request.api_token = None  # type: ignore[attr-defined]
            return request.user
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


def require_write(request: HttpRequest) -> None:
    """403 unless the call came with a read-write token."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is None or not token.can_write:
        raise ApiError(
            403, "scope", _("This token may only read. Create a read-write token to write.")
        )
