"""This app's pages in the page registry (core/pages.py adds them to PAGES).

ELDERLY is public: everyone signed in sees its evaluation except the politician (not on its
committee: 404); it is changed by the secretariat, its leader (netvaerksleder) and its sponsor
(chef). CAMPUS is seen by the politician through the committee and not by the guest; no demo
sign-in but the secretariat runs it. The portfolio is the secretariat's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import (
    ANONYMOUS,
    NOT_FOUND,
    ROLES,
    SECRETARIAT,
    Page,
    access,
    network_path,
)


def _elderly(name: str, query: str = "") -> Callable[[], str]:
    from netvaerk.networks.demo import ELDERLY

    return network_path(ELDERLY, name, query)


def _campus(name: str, query: str = "") -> Callable[[], str]:
    from netvaerk.networks.demo import CAMPUS

    return network_path(CAMPUS, name, query)


def _campus_indicator(name: str) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.networks.demo import CAMPUS

        from .models import Indicator

        indicator = (
            Indicator.objects.filter(plan__network__title=CAMPUS, measurements__isnull=False)
            .order_by("pk")
            .first()
        )
        assert indicator is not None, "the demo has a measured Campus indicator"
        return reverse(name, args=[indicator.plan.network_id, indicator.pk])

    return build


def _template_edit() -> str:
    from .models import EvaluationTemplate

    template = EvaluationTemplate.objects.order_by("pk").first()
    assert template is not None, "the demo has evaluation templates"
    return reverse("evaluation:template_edit", args=[template.pk])


ELDERLY_READERS = {**access(ROLES), "politiker": NOT_FOUND}
CAMPUS_READERS = {**access(ROLES), "borger": NOT_FOUND}
ELDERLY_CHANGE = {**access((*SECRETARIAT, "netvaerksleder", "chef")), "politiker": NOT_FOUND}
CAMPUS_CHANGE = {**access(SECRETARIAT), "borger": NOT_FOUND}

PAGES: list[Page] = [
    Page(
        "evaluation:overview",
        _elderly("evaluation:overview"),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "evaluation:overview(campus)",
        _campus("evaluation:overview"),
        CAMPUS_READERS,
        axe_roles=("politiker", "konsulent"),
    ),
    Page(
        "evaluation:plan_edit",
        _elderly("evaluation:plan_edit"),
        ELDERLY_CHANGE,
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "evaluation:conclusion",
        _campus("evaluation:conclusion"),
        CAMPUS_CHANGE,
        axe_roles=("direktor",),
    ),
    Page(
        "evaluation:indicator_create",
        _elderly("evaluation:indicator_create"),
        ELDERLY_CHANGE,
        axe_roles=("chef",),
    ),
    Page(
        "evaluation:indicator",
        _campus_indicator("evaluation:indicator"),
        CAMPUS_READERS,
        axe_roles=("konsulent", "medarbejder"),
    ),
    Page(
        "evaluation:indicator_edit",
        _campus_indicator("evaluation:indicator_edit"),
        CAMPUS_CHANGE,
        axe_roles=("konsulent",),
    ),
    Page(
        "evaluation:report",
        _campus("evaluation:report"),
        CAMPUS_READERS,
        axe_roles=("politiker", "direktor"),
    ),
    Page(
        "evaluation:report(elderly)",
        _elderly("evaluation:report"),
        ELDERLY_READERS,
        axe_roles=("borger",),
    ),
    Page(
        "evaluation:portfolio",
        lambda: reverse("evaluation:portfolio"),
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
    Page(
        "evaluation:portfolio?type",
        lambda: reverse("evaluation:portfolio") + "?kind=welfare",
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "evaluation:templates",
        lambda: reverse("evaluation:templates"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "evaluation:template_edit",
        _template_edit,
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
    Page(
        "evaluation:answer(unknown)",
        lambda: reverse("evaluation:answer", args=["ukendt-link"]),
        access((), anonymous=NOT_FOUND, denied=NOT_FOUND),
        axe_roles=(ANONYMOUS,),
    ),
]
