"""The logbook pages ask the database the same number of times with few and many entries."""

from __future__ import annotations

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.networks.logbook import services
from netvaerk.organisation.models import Person

from .helpers import ELDERLY, network

PAGES = ("logbook:involvement", "logbook:learning", "logbook:documents")


def _counts(client) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        for query in ("", "?markeret=1") if name == "logbook:learning" else ("",):
            path = reverse(name, args=[network(ELDERLY).pk]) + query
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            counts[name + query] = len(queries)
    return counts


def _grow(count: int) -> None:
    """`count` more entries of each kind, by many different authors."""
    elderly = network(ELDERLY)
    authors = list(Person.objects.all()[:count])
    for n in range(count):
        author = authors[n % len(authors)]
        services.involvement_create(
            network=elderly,
            group=("citizens", "partners", "users")[n % 3],
            method=("panel", "survey")[n % 2],
            happened_on=datetime.date(2013, 11, 1 + n % 28),
            what_changed=f"Ændring {n}",
            by=None,
            author=author,
        )
        services.learning_note_create(
            network=elderly, text=f"Note {n}", for_status_report=n % 2 == 0, by=None, author=author
        )
        services.document_upload(
            network=elderly,
            upload=io.BytesIO(b"tekst"),
            name=f"fil-{n}.txt",
            size=5,
            by=None,
            author=author,
        )


def test_query_counts_stay_flat_as_the_logs_grow(client_as) -> None:
    # A writer (sees edit and delete buttons per row) and the guest (reads only). Both sizes
    # have entries on every page (an empty page skips the query for its rows).
    _grow(2)
    writer, guest = client_as("netvaerksleder"), client_as("borger")
    small = (_counts(writer), _counts(guest))
    _grow(40)  # more than one page (PAGE_SIZE is 25)
    large = (_counts(writer), _counts(guest))
    assert small == large
    assert max(small[0].values()) <= 20, small
