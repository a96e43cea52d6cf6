"""This app's pages in the page registry (core/pages.py adds them to PAGES).

The dashboard is every internal user's (the guest, borger, is refused). The resources are the
secretariat's and the unit managers' (chef leads Center for Sundhed og Omsorg, leder leads
Hjemmeplejen Syd); a manager sees only their own people in the per-person table.
"""

from __future__ import annotations

from django.urls import reverse

from netvaerk.core.pages import INTERNAL, SECRETARIAT, Page, access

RESOURCE_READERS = access((*SECRETARIAT, "chef", "leder"))

PAGES: list[Page] = [
    Page(
        "insights:dashboard",
        lambda: reverse("insights:dashboard"),
        access(INTERNAL),
        axe_roles=("konsulent", "medarbejder"),
    ),
    Page(
        "insights:dashboard?2013",
        lambda: reverse("insights:dashboard") + "?period=2013",
        access(INTERNAL),
        axe_roles=("direktor",),
    ),
    Page(
        "insights:dashboard?area",
        lambda: (
            reverse("insights:dashboard")
            + "?start=2013-07-01&end=2013-12-31&area="
            + str(_area_pk())
        ),
        access(INTERNAL),
        axe_roles=("chef",),
    ),
    Page(
        "insights:resources",
        lambda: reverse("insights:resources"),
        RESOURCE_READERS,
        axe_roles=("direktor", "leder"),
    ),
    Page(
        "insights:resources?unit",
        lambda: reverse("insights:resources") + "?sort=-hours&unit=" + str(_area_pk()),
        RESOURCE_READERS | {"chef": 400, "leder": 400},
        axe_roles=("konsulent",),
    ),
    # A download (no axe).
    Page(
        "insights:dashboard(csv)",
        lambda: reverse("insights:dashboard") + "?period=2013&table=types&format=csv",
        access(INTERNAL),
        bench_role="konsulent",
    ),
]


def _area_pk() -> int:
    from netvaerk.organisation.models import Unit

    return Unit.objects.only("pk").get(external_id="demo-a1").pk
