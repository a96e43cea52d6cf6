"""This app's pages in the page registry (core/pages.py adds them to PAGES).

Every internal user sees the silo analysis (it names units, not people); guests do not.
"""

from __future__ import annotations

from django.urls import reverse

from netvaerk.core.pages import INTERNAL, Page, access

PAGES: list[Page] = [
    Page(
        "silos:analysis",
        lambda: reverse("silos:analysis"),
        access(INTERNAL),
        axe_roles=("direktor", "medarbejder"),
    ),
    Page(
        "silos:analysis(2013, hours)",
        lambda: reverse("silos:analysis") + "?half_year=2013-2&weight=hours",
        access(INTERNAL),
        axe_roles=("politiker",),
    ),
    Page(
        "silos:analysis(csv)",
        lambda: reverse("silos:analysis") + "?format=csv&table=areas",
        access(INTERNAL),
        bench_role="konsulent",
    ),
]
