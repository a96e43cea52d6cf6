"""The handbook pages ask the database the same number of times with few and many pages and
revisions."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.handbook import services
from netvaerk.handbook.models import Chapter, Page
from netvaerk.networks.contracts.models import ContractTemplate
from netvaerk.networks.models import NetworkType

GUIDE = "faciliteringsvejledning"


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def _grow(count: int) -> None:
    """`count` more pages in every chapter, and `count` more revisions of the guide."""
    start = Page.objects.filter(slug__startswith="vaekst-").count()
    for n in range(start, start + count):
        for chapter in Chapter:
            services.page_create(
                slug=f"vaekst-{n}-{chapter.value}",
                chapter=chapter,
                order=n,
                title=f"Vækst {n} borger",
                summary="Mere indhold",
                body=f"## Afsnit {n}\n\nTekst om borger og netværk.",
                by=None,
            )
        guide = Page.objects.get(slug=GUIDE)
        services.page_update(page=guide, version=guide.version, body=guide.body + f"\n{n}", by=None)


def test_handbook_pages_make_as_many_queries_with_more_data(client_as) -> None:
    cache.clear()
    template_page = ContractTemplate.objects.get(kind=NetworkType.WELFARE).handbook_page
    first = Page.objects.get(slug=GUIDE).history.order_by("history_id").first()
    paths = {
        "index": reverse("handbook:index"),
        "index?q": reverse("handbook:index") + "?q=borger",
        "page": reverse("handbook:page", args=[GUIDE]),
        "template page": template_page.get_absolute_url(),
        "edit": reverse("handbook:edit", args=[GUIDE]),
        "create": reverse("handbook:create"),
        "revisions": reverse("handbook:revisions", args=[GUIDE]),
        "revision": reverse("handbook:revision", args=[GUIDE, first.history_id]),
    }
    client = client_as("konsulent")
    _grow(1)
    before = {name: _queries(client, path) for name, path in paths.items()}
    _grow(30)  # more than a page (PAGE_SIZE is 25) of search results and of revisions
    after = {name: _queries(client, path) for name, path in paths.items()}
    assert before == after
    assert max(before.values()) <= 15, before
