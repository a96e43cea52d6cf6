"""Cursor pagination: walking every page gives every row once, in order."""

from __future__ import annotations

import pytest

from netvaerk.api.pagination import MAX_LIMIT, decode, encode
from netvaerk.organisation.models import Person, Unit


def _walk(client, path: str, limit: int) -> list[int]:
    ids: list[int] = []
    cursor = None
    for _page in range(1000):
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(path + query)
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        assert len(body["items"]) <= limit
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids
    raise AssertionError("the pages never ended")


@pytest.mark.parametrize("path", ["/api/ideas", "/api/networks", "/api/units", "/api/people"])
def test_walking_the_pages_gives_every_row_once_in_order(api_as, path: str) -> None:
    client = api_as("konsulent", "read")
    # Rows that share a sort key are told apart by their id.
    unit = Unit.objects.order_by("pk").first()
    Person.objects.bulk_create(Person(name="Samme Navn", unit=unit) for _ in range(7))
    Unit.objects.bulk_create(Unit(name="Samme Enhed", level=unit.level) for _ in range(7))
    everything = client.get(f"{path}?limit={MAX_LIMIT}").json()
    assert everything["next_cursor"] is None
    expected = [item["id"] for item in everything["items"]]
    assert len(expected) > 3
    for limit in (1, 3):
        walked = _walk(client, path, limit)
        assert walked == expected
        assert len(set(walked)) == len(walked)


def test_rows_added_meanwhile_do_not_shift_the_pages(api_as) -> None:
    client = api_as("konsulent", "read")
    first = client.get("/api/people?limit=2").json()
    seen = [item["id"] for item in first["items"]]
    Person.objects.create(name="Aaaa Først")  # sorts before the first page
    rest = _walk_from(client, "/api/people", first["next_cursor"])
    assert not set(seen) & set(rest)


def _walk_from(client, path: str, cursor: str) -> list[int]:
    ids: list[int] = []
    while cursor:
        body = client.get(f"{path}?limit=50&cursor={cursor}").json()
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
    return ids


def test_a_cursor_holds_the_sort_key_and_id() -> None:
    assert decode(encode("Navn", 17)) == ("Navn", 17)
