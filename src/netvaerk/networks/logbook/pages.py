"""This app's pages in the page registry (core/pages.py adds them to PAGES).

ELDERLY is public: everyone signed in sees its logs except the politician (not on its
committee: 404); the guest (borger) takes part and reads, but does not write. CAMPUS is seen by
the politician through the committee, and not by the guest. The edit pages belong to the
entry's author and the secretariat; other internal users get 403.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import NOT_FOUND, ROLES, SECRETARIAT, Page, access, network_path


def _involvement_edit_path() -> str:
    from netvaerk.networks.demo import ELDERLY

    from .models import Involvement

    entry = (
        Involvement.objects.filter(
            network__title=ELDERLY, created_by__user__username="netvaerksleder"
        )
        .order_by("pk")
        .first()
    )
    assert entry is not None, "the demo has an involvement entry by netvaerksleder"
    return reverse("logbook:involvement_edit", args=[entry.network_id, entry.pk])


def _learning_edit_path() -> str:
    from netvaerk.networks.demo import PROCESS

    from .models import LearningNote

    note = (
        LearningNote.objects.filter(network__title=PROCESS, author__user__username="leder")
        .order_by("pk")
        .first()
    )
    assert note is not None, "the demo has a learning note by leder"
    return reverse("logbook:learning_edit", args=[note.network_id, note.pk])


def _elderly(name: str, query: str = "") -> Callable[[], str]:
    from netvaerk.networks.demo import ELDERLY

    return network_path(ELDERLY, name, query)


def _campus(name: str, query: str = "") -> Callable[[], str]:
    from netvaerk.networks.demo import CAMPUS

    return network_path(CAMPUS, name, query)


ELDERLY_READERS = {**access(ROLES), "politiker": NOT_FOUND}
CAMPUS_READERS = {**access(ROLES), "borger": NOT_FOUND}
# Others who may see the network but did not write the entry get 403.
ELDERLY_ENTRY = {**access(("netvaerksleder", *SECRETARIAT)), "politiker": NOT_FOUND}
PROCESS_ENTRY = {
    **access(("leder", *SECRETARIAT)),
    "politiker": NOT_FOUND,
    "borger": NOT_FOUND,
}

PAGES: list[Page] = [
    Page(
        "logbook:involvement",
        _elderly("logbook:involvement"),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "logbook:involvement(campus)",
        _campus("logbook:involvement"),
        CAMPUS_READERS,
        axe_roles=("politiker",),
    ),
    Page(
        "logbook:involvement_edit",
        _involvement_edit_path,
        ELDERLY_ENTRY,
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "logbook:learning",
        _elderly("logbook:learning"),
        ELDERLY_READERS,
        axe_roles=("medarbejder", "borger"),
    ),
    Page(
        "logbook:learning(campus)",
        _campus("logbook:learning"),
        CAMPUS_READERS,
        axe_roles=("konsulent", "politiker"),
    ),
    Page(
        "logbook:learning?markeret",
        _campus("logbook:learning", "?markeret=1"),
        CAMPUS_READERS,
        axe_roles=("chef",),
    ),
    Page(
        "logbook:learning_edit",
        _learning_edit_path,
        PROCESS_ENTRY,
        axe_roles=("leder",),
    ),
    Page(
        "logbook:documents",
        _elderly("logbook:documents"),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
]
