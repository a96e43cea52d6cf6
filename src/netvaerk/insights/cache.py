"""Cached analytics that are invalidated by any change.

Every change made through a service writes an audit entry (core.audit), so the newest audit
entry names the state of the data: a result computed under one entry stays valid until the
next. `cached()` keys each result by its name, its parameters and that entry (its id and time,
so a database whose ids were reused after a rollback does not hit an old result).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from netvaerk.core.models import AuditEntry

T = TypeVar("T")

TIMEOUT = 24 * 60 * 60


def data_version() -> str:
    """The newest audit entry, as a short string; changes with every audited change."""
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", "created_at").first()
    return "0" if newest is None else f"{newest[0]}-{newest[1].timestamp():.6f}"


def cached(name: str, params: dict[str, Any], compute: Callable[[], T]) -> T:
    """`compute()`, or its result from the cache while nothing has changed since."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]
    key = f"insights:{name}:{digest}:{data_version()}"
    return cache.get_or_set(key, compute, TIMEOUT)  # type: ignore[return-value]
