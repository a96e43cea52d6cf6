"""This app's pages in the page registry (core/pages.py adds them to PAGES).

Every signed-in user reads the handbook, the invited guest too; the secretariat writes it and
sees its versions. The demo's facilitation guide has two versions (the first is compared with
the current text); the welfare contract template's page shows the linked template.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import ROLES, SECRETARIAT, Page, access

GUIDE = "faciliteringsvejledning"
CONTRACT_TEMPLATE = "kontraktskabelon-velfaerdsnetvaerk"


def _page(name: str, slug: str) -> Callable[[], str]:
    return lambda: reverse(name, args=[slug])


def _first_revision() -> str:
    from .models import Page as HandbookPage

    revision = HandbookPage.history.filter(slug=GUIDE).order_by("history_id").first()
    assert revision is not None, "the demo's facilitation guide has revisions"
    return reverse("handbook:revision", args=[GUIDE, revision.history_id])


PAGES: list[Page] = [
    Page(
        "handbook:index",
        lambda: reverse("handbook:index"),
        access(ROLES),
        axe_roles=("medarbejder", "borger"),
    ),
    Page(
        "handbook:index?q",
        lambda: reverse("handbook:index") + "?q=borger",
        access(ROLES),
        axe_roles=("leder",),
    ),
    Page("handbook:page", _page("handbook:page", GUIDE), access(ROLES), axe_roles=("borger",)),
    Page(
        "handbook:page(template)",
        _page("handbook:page", CONTRACT_TEMPLATE),
        access(ROLES),
        axe_roles=("konsulent", "netvaerksleder"),
    ),
    Page(
        "handbook:edit",
        _page("handbook:edit", GUIDE),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "handbook:create",
        lambda: reverse("handbook:create"),
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
    Page(
        "handbook:revisions",
        _page("handbook:revisions", GUIDE),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page("handbook:revision", _first_revision, access(SECRETARIAT), axe_roles=("direktor",)),
]
