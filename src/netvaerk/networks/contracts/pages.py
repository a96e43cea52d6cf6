"""This app's pages in the page registry (core/pages.py adds them to PAGES).

The contract pages use the demo network on the elderly: everyone signed in sees it but the
politician (it is not their committee's), so the politician gets a 404. Those who may change
the network (the secretariat, chef as sponsor, netvaerksleder as leader) may edit its contract.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import INTERNAL, NOT_FOUND, ROLES, SECRETARIAT, Page, access

ELDERLY_EDITORS = ("direktor", "konsulent", "chef", "netvaerksleder")


def _network_id(title: str) -> int:
    from netvaerk.networks.models import Network

    return Network.objects.get(title=title).pk


def _elderly(name: str, *extra: int) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.networks.demo import ELDERLY

        return reverse(name, args=[_network_id(ELDERLY), *extra])

    return build


def _campus_contract() -> str:
    from netvaerk.networks.demo import CAMPUS

    return reverse("contracts:detail", args=[_network_id(CAMPUS)])


def _template_edit() -> str:
    from .models import ContractTemplate

    return reverse(
        "contracts:template_edit", args=[ContractTemplate.objects.get(kind="welfare").pk]
    )


_ELDERLY_SEEN = {**access(ROLES), "politiker": NOT_FOUND}

PAGES: list[Page] = [
    Page(
        "contracts:detail",
        _elderly("contracts:detail"),
        _ELDERLY_SEEN,
        axe_roles=("chef", "leder", "borger"),
    ),
    Page(
        "contracts:detail(campus)",
        _campus_contract,
        # Campus is public and has politiker's committee; borger is a guest of another network.
        {**access(INTERNAL), "borger": NOT_FOUND},
        axe_roles=("politiker",),
    ),
    Page(
        "contracts:edit",
        _elderly("contracts:edit"),
        {**access(ELDERLY_EDITORS), "politiker": NOT_FOUND},
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "contracts:version",
        _elderly("contracts:version", 2),
        _ELDERLY_SEEN,
        axe_roles=("chef",),
    ),
    Page(
        "contracts:version(1)",
        _elderly("contracts:version", 1),
        _ELDERLY_SEEN,
        axe_roles=("medarbejder",),
    ),
    Page(
        "contracts:templates",
        lambda: reverse("contracts:templates"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page("contracts:template_edit", _template_edit, access(SECRETARIAT), axe_roles=("konsulent",)),
    Page(
        "contracts:approvals",
        lambda: reverse("contracts:approvals"),
        access(INTERNAL),
        axe_roles=("leder", "chef"),
    ),
]
