"""Query counts of every registered page stay the same when the data grows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netvaerk.core.models import Notification
from netvaerk.core.pages import ANONYMOUS, PAGES
from netvaerk.ideas.models import AgendaItem, Comment, Follow, Idea, Round, Score, Support
from netvaerk.networks.models import Network
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
    _grow_ideas(factor)


def _grow_ideas(factor: int) -> None:
    """More ideas in every round and on every agenda, with supports, comments and scores."""
    grown = list(Person.objects.filter(external_id__startswith="grow-")[: factor * 10])
    units = list(Unit.objects.filter(level=Unit.Level.CENTRE))
    on_agenda = Idea.objects.get(state=Idea.State.ON_AGENDA)
    selected = Idea.objects.filter(state=Idea.State.SELECTED).order_by("pk").first()
    assert selected is not None
    for round_ in Round.objects.all():
        for n in range(factor * 3):
            state = (Idea.State.SUBMITTED, Idea.State.ON_AGENDA, Idea.State.PARKED)[n % 3]
            idea = Idea.objects.create(
                title=f"Vækstidé {n}",
                problem="borger",
                benefit="gevinst",
                proposer=grown[n % len(grown)],
                state=state,
                round=round_,
                support_count=n,
            )
            idea.units.set(units[: 1 + n % len(units)])
            idea.co_proposers.set(grown[:3])
            if state == Idea.State.ON_AGENDA and round_.decision_meeting:
                AgendaItem.objects.create(meeting=round_.decision_meeting, idea=idea, position=n)
    for target in (on_agenda, selected):
        Support.objects.bulk_create(
            [Support(idea=target, person=p) for p in grown], ignore_conflicts=True
        )
        Follow.objects.bulk_create(
            [Follow(idea=target, person=p) for p in grown], ignore_conflicts=True
        )
        target.co_proposers.add(*grown[:factor])
        target.units.add(*units)
        for n, person in enumerate(grown):
            top = Comment.objects.create(idea=target, author=person, body=f"Kommentar {n}")
            Comment.objects.create(idea=target, author=grown[0], parent=top, body="Svar")
        criteria = list(target.round.criteria.all()) if target.round else []
        Score.objects.bulk_create(
            [
                Score(idea=target, criterion=c, member=p, value=1 + (p.pk + c.pk) % 5)
                for p in grown
                for c in criteria
            ],
            ignore_conflicts=True,
        )
    for person in Person.objects.filter(user__isnull=False):
        Notification.objects.bulk_create(
            [
                Notification(person=person, kind="idea.comment", target_title="X", url="/")
                for _n in range(factor * 5)
            ]
        )
    for n in range(factor * 3):
        network = Network.objects.create(title=f"Vækstnetværk {n}", kind="welfare")
        network.units.set(units)


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
