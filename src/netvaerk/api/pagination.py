"""Cursor pagination: the cursor is opaque to clients and holds the last row's sort key and id.

A page is `{"items": [...], "next_cursor": "..." | null}`; the next page starts after the
row the cursor names, so rows added or removed meanwhile never shift the pages.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from .errors import ApiError

DEFAULT_LIMIT = 25
MAX_LIMIT = 100

M = TypeVar("M", bound=Model)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def encode(key: Any, pk: int) -> str:
    data = json.dumps([_plain(key), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _bad_cursor() -> ApiError:
    return ApiError(400, "invalid_cursor", _("The cursor is not valid."), {"cursor": []})


def decode(cursor: str) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, pk = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError) as error:
        raise _bad_cursor() from error
    if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(key, str | int | None):
        raise _bad_cursor()
    if isinstance(key, int) and not isinstance(key, bool) and abs(key) > 2**62:
        raise _bad_cursor()
    if abs(pk) > 2**62:
        raise _bad_cursor()
    return key, pk


def paginate(
    queryset: QuerySet[M],
    *,
    key: str,
    descending: bool,
    cursor: str | None,
    limit: int,
    key_of: Callable[[M], Any] | None = None,
) -> tuple[list[M], str | None]:
    """One page of `queryset` sorted by (`key`, id), both descending or both ascending.

    `key` is a field path (it may cross relations); `key_of` reads it from a row (default: the
    attribute named `key`). Two rows with the same key are told apart by their id.
    """
    sign = "-" if descending else ""
    queryset = queryset.order_by(f"{sign}{key}", f"{sign}pk")
    if cursor:
        value, pk = decode(cursor)
        after = "lt" if descending else "gt"
        condition = Q(**{f"{key}__{after}": value}) | Q(**{key: value, f"pk__{after}": pk})
        try:
            queryset = queryset.filter(condition)
        except (ValidationError, ValueError, TypeError) as error:
            raise _bad_cursor() from error
    limit = max(1, min(limit, MAX_LIMIT))
    try:
        rows = list(queryset[: limit + 1])
    except (ValidationError, ValueError, TypeError) as error:
        raise _bad_cursor() from error
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    value = key_of(last) if key_of else getattr(last, key)
    return rows, encode(value, last.pk)
