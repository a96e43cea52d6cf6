"""This app's pages in the page registry (core/pages.py adds them to PAGES).

A meeting page answers like its network: ELDERLY is hidden from the politician (not on its
committee), CAMPUS from the guest (invited into ELDERLY only). The .ics files are not HTML
pages; tests/networks/meetings/ covers them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import NOT_FOUND, ROLES, SECRETARIAT, Page, access


def _network_pk(title: str) -> int:
    from netvaerk.networks.models import Network

    return Network.objects.get(title=title).pk


def _list_path(title: str) -> Callable[[], str]:
    return lambda: reverse("meetings:list", args=[_network_pk(title)])


def _meeting_path(title: str, *, kickoff: bool) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.networks.meetings.models import Meeting

        meetings = Meeting.objects.filter(network__title=title)
        kind = Meeting.Kind.KICKOFF if kickoff else Meeting.Kind.MEETING
        meeting = meetings.filter(kind=kind).order_by("starts_at").last()
        assert meeting is not None, f"the demo data has meetings in {title}"
        return reverse("meetings:detail", args=[meeting.network_id, meeting.pk])

    return build


def _design_edit_path() -> str:
    from netvaerk.networks.meetings.models import WorkshopDesign

    design = WorkshopDesign.objects.order_by("pk").first()
    assert design is not None, "the demo data has workshop designs"
    return reverse("meetings:design_edit", args=[design.pk])


def _static(name: str) -> Callable[[], str]:
    return lambda: reverse(name)


_ELDERLY = "Sammenhængende forløb for ældre efter udskrivning"
_CAMPUS = "Campus Albertslund"
ELDERLY_ACCESS = {**access(ROLES), "politiker": NOT_FOUND}
CAMPUS_ACCESS = {**access(ROLES), "borger": NOT_FOUND}

PAGES: list[Page] = [
    Page(
        "meetings:list(elderly)",
        _list_path(_ELDERLY),
        ELDERLY_ACCESS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "meetings:list(campus)",
        _list_path(_CAMPUS),
        CAMPUS_ACCESS,
        axe_roles=("politiker", "konsulent"),
    ),
    Page(
        "meetings:detail(elderly kickoff)",
        _meeting_path(_ELDERLY, kickoff=True),
        ELDERLY_ACCESS,
        axe_roles=("netvaerksleder", "medarbejder"),
    ),
    Page(
        "meetings:detail(campus)",
        _meeting_path(_CAMPUS, kickoff=False),
        CAMPUS_ACCESS,
        axe_roles=("politiker", "direktor"),
    ),
    Page(
        "meetings:designs",
        _static("meetings:designs"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "meetings:design_create",
        _static("meetings:design_create"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "meetings:design_edit",
        _design_edit_path,
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
    Page("meetings:calendar", _static("meetings:calendar"), access(ROLES), axe_roles=("leder",)),
]
