"""Supports at the same moment, from threads with their own connections (PostgreSQL only).

SQLite serialises writers on the whole file, so only PostgreSQL can show a lost update.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from netvaerk.ideas import services
from netvaerk.ideas.models import Support

from .helpers import DEMO_IDEA, idea, person, user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and connections"
    ),
]


def _at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads that start together; each thread closes its connection."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # reported by the test below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    return results


def test_two_people_supporting_at_the_same_moment_both_count(demo) -> None:
    target = idea(DEMO_IDEA)
    before = target.support_count
    chef, leader = user("chef"), user("netvaerksleder")
    for _repeat in range(5):
        results = _at_once(
            [
                lambda: services.idea_support(idea=target, by=chef),
                lambda: services.idea_support(idea=target, by=leader),
            ]
        )
        assert results == [True, True], results
        target.refresh_from_db()
        assert target.support_count == before + 2
        assert Support.objects.filter(idea=target).count() == before + 2
        _at_once(
            [
                lambda: services.idea_unsupport(idea=target, by=chef),
                lambda: services.idea_unsupport(idea=target, by=leader),
            ]
        )
        target.refresh_from_db()
        assert target.support_count == before == Support.objects.filter(idea=target).count()
    connection.close()


def test_the_same_person_in_two_threads_counts_once(demo) -> None:
    target = idea(DEMO_IDEA)
    before = target.support_count
    chef = user("chef")
    results = _at_once([lambda: services.idea_support(idea=target, by=chef)] * 2)
    assert sorted(results, key=str) == [False, True], results
    target.refresh_from_db()
    assert target.support_count == before + 1
    assert Support.objects.filter(idea=target, person=person("chef")).count() == 1
    connection.close()


def test_several_people_at_once_all_count(demo) -> None:
    target = idea(DEMO_IDEA)
    before = target.support_count
    names = ["direktor", "konsulent", "chef", "leder", "netvaerksleder", "politiker"]
    supporters = [
        user(name)
        for name in names
        if not target.supports.filter(person__user__username=name).exists()
    ]
    results = _at_once([(lambda u=u: services.idea_support(idea=target, by=u)) for u in supporters])
    assert all(result is True for result in results), results
    target.refresh_from_db()
    assert target.support_count == before + len(supporters)
    assert target.support_count == Support.objects.filter(idea=target).count()
    connection.close()
