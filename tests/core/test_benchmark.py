"""`manage.py benchmark`: every registered page, as its benchmark role, on the current data."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from netvaerk.core.pages import PAGES


def table_rows(output: str) -> dict[str, tuple[str, str, float, int]]:
    """page name → (role, status, median ms, queries), from the printed table."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in {"page", ""} and not cells[0].startswith("-"):
            name, role, status, median, queries = cells
            rows[name] = (role, status, float(median), int(queries))
    return rows


def test_every_page_is_measured_with_the_status_its_role_gets(demo: None) -> None:
    out = StringIO()
    call_command("benchmark", repeat=1, stdout=out)

    output = out.getvalue()
    rows = table_rows(output)
    assert set(rows) == {page.name for page in PAGES}
    for page in PAGES:
        role, status, median, queries = rows[page.name]
        assert role == page.benchmark_role
        assert status == str(page.statuses[page.benchmark_role]), page.name
        assert median >= 0
        assert queries >= 0
    assert "units" in output
    assert "people" in output


def test_only_the_named_pages(demo: None) -> None:
    out = StringIO()
    call_command("benchmark", repeat=1, pages=["core:healthz", "organisation:tree"], stdout=out)

    assert set(table_rows(out.getvalue())) == {"core:healthz", "organisation:tree"}


def test_an_unknown_page_is_refused(demo: None) -> None:
    with pytest.raises(CommandError, match="Unknown page"):
        call_command("benchmark", pages=["nowhere"], stdout=StringIO())


def test_needs_the_demo_users(db: None) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        call_command("benchmark", repeat=1, stdout=StringIO())
