"""Query counts of every registered page stay the same when the data grows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netvaerk.core.pages import ANONYMOUS, PAGES
from netvaerk.organisation.importers import ParsedFile, PersonRow, UnitRow
from netvaerk.organisation.models import Forum, Person, Unit
from netvaerk.organisation.services import (
    forum_member_add,
    org_import_apply,
    org_import_plan,
)


def _query_counts(client_as) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        client = client_as(page.benchmark_role)
        path = page.path()
        client.get(path)  # warm caches that are per process, not per request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == page.statuses[page.benchmark_role], page.name
        counts[page.name] = len(queries)
    return counts


def _grow(factor: int) -> None:
    """Add units and people under every demo centre, and members to every forum."""
    centres = list(Unit.objects.filter(level=Unit.Level.CENTRE))
    units, people = [], []
    for centre in centres:
        for n in range(factor):
            external_id = f"grow-{centre.pk}-{n}"
            units.append(
                UnitRow(
                    0,
                    external_id,
                    f"Team {n} i {centre.name}",
                    centre.external_id or "",
                    Unit.Level.TEAM,
                )
            )
            for m in range(factor):
                people.append(
                    PersonRow(
                        0,
                        f"{external_id}-{m}",
                        f"Person {m} {n}",
                        external_id,
                        "Medarbejder",
                        "",
                        m == 0,
                    )
                )
        for m in range(factor * 3):
            people.append(
                PersonRow(
                    0,
                    f"grow-{centre.pk}-direct-{m}",
                    f"Direkte {m}",
                    centre.external_id or "",
                    "Konsulent",
                    "",
                    False,
                )
            )
    plan = org_import_plan(parsed=ParsedFile(units=units, people=people), remove_missing=False)
    assert plan.is_valid, plan.errors
    org_import_apply(plan=plan, by=None)
    for forum in Forum.objects.all():
        for person in Person.objects.filter(external_id__startswith="grow-")[: factor * 10]:
            forum_member_add(forum=forum, person=person, by=None)


@pytest.mark.django_db
def test_no_page_makes_more_queries_when_the_organisation_grows(client_as) -> None:
    small = _query_counts(client_as)
    _grow(12)
    assert Person.objects.count() > 1000
    large = _query_counts(client_as)
    grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grew, f"query count (demo, grown) changed for: {grew}"


def test_pages_stay_within_a_small_query_budget(client_as) -> None:
    counts = _query_counts(client_as)
    # The idea page is the busiest: idea, units, co-proposers, agenda, round criteria,
    # scores, comments and the forum roles that decide what the user may do.
    too_many = {name: n for name, n in counts.items() if n > 20}
    assert not too_many
    assert counts["core:healthz"] <= 1
    assert ANONYMOUS  # the registry's login page is measured signed out
