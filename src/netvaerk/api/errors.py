"""The API's one error shape: {"error": {"code", "message", "fields"}}, never HTML.

Messages are English inside gettext, so they are translated with the rest of the platform.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    """A refusal with a status, a code and a message (raised by the endpoints)."""

    def __init__(
        self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def error_response(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> JsonResponse:
    response = JsonResponse(
        {"error": {"code": code, "message": str(message), "fields": fields or {}}}, status=status
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under /api/ the API does not know."""
    return error_response(404, "not_found", _("Not found."))


def _field_name(loc: Any) -> str:
    """Where pydantic found the error, without ninja's wrapping (body/query/path, payload)."""
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "__all__"


def _ninja_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return fields


def _django_fields(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in ValidationError(errors).messages]
            for name, errors in error.error_dict.items()
        }
    return {"__all__": [str(m) for m in error.messages]}


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every refusal into the one shape."""

    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(exc.status, exc.code, exc.message, exc.fields)

    def invalid_request(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            422, "invalid", _("The request is not valid."), _ninja_fields(list(exc.errors))
        )

    def invalid_data(request: HttpRequest, exc: Any) -> HttpResponse:
        from netvaerk.ideas.services import StepNotAllowed

        if isinstance(exc, StepNotAllowed):
            return error_response(409, "conflict", " ".join(exc.messages))
        return error_response(400, "invalid", _("The data is not valid."), _django_fields(exc))

    def denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(403, "forbidden", _("You do not have permission to do this."))

    def missing(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(404, "not_found", _("Not found."))

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            401, "unauthenticated", _("Send a valid API token: Authorization: Bearer <token>.")
        )

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        if exc.status_code == 400:  # ninja could not read the body (not JSON, say)
            return error_response(400, "bad_request", _("The request could not be read."))
        return error_response(exc.status_code, "error", str(exc))

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(NinjaValidationError, invalid_request)
    api.add_exception_handler(ValidationError, invalid_data)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(ObjectDoesNotExist, missing)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
