"""Schemathesis over every operation of the OpenAPI schema: no 5xx, no answer outside it.

The secretariat's read-write token calls the Django app in-process (WSGI) inside the test's
transaction. A bounded number of examples per operation (valid and invalid input) keeps the
run short; derandomised, so CI sees the same cases every time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode, checks

from .conftest import make_token

MAX_EXAMPLES = 20
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def app(demo: None) -> Iterator[WSGIHandler]:
    """Django's WSGI app, kept from closing the test's database connection between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_operation_answers_5xx_or_outside_its_schema(app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {make_token('konsulent')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures = {}
    statuses: dict[int, int] = {}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                response = case.call_and_validate(headers=headers, checks=CHECKS)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

            try:
                run()
            except Exception as failure:  # collected, and reported together below
                failures[f"{operation.label} ({mode.value})"] = str(failure)[:1500]
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    # Both valid and refused calls were made, not only one kind.
    assert statuses.get(200, 0) + statuses.get(201, 0) > 50, statuses
    assert sum(n for status, n in statuses.items() if 400 <= status < 500) > 50, statuses
