"""This app's pages in the page registry (core/pages.py adds them to PAGES).

Every internal user reads the status report (the guest does not); the secretariat edits its
text. The downloads are registered without axe roles.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import INTERNAL, SECRETARIAT, Page, access


def _status(query: str = "", name: str = "reports:status") -> Callable[[], str]:
    return lambda: reverse(name) + query


PAGES: list[Page] = [
    Page(
        "reports:status",
        _status(),
        access(INTERNAL),
        axe_roles=("direktor", "medarbejder"),
    ),
    Page(
        "reports:status(2013)",
        _status("?year=2013"),
        access(INTERNAL),
        axe_roles=("konsulent", "chef"),
    ),
    Page(
        "reports:status(period)",
        _status("?start=2013-05-01&end=2013-12-31"),
        access(INTERNAL),
        axe_roles=("leder",),
    ),
    Page("reports:status(pdf)", _status("?format=pdf"), access(INTERNAL), bench_role="direktor"),
    Page(
        "reports:status(docx)",
        _status("?year=2013&format=docx"),
        access(INTERNAL),
        bench_role="direktor",
    ),
    Page(
        "reports:edit",
        _status("?year=2013", "reports:edit"),
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
]
