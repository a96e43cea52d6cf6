"""Every contract action (POST) × every demo role, and the query counts of the contract pages
at two sizes of data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.networks.contracts import services
from netvaerk.networks.contracts.models import Contract, ContractTemplate
from netvaerk.networks.contracts.pages import ELDERLY_EDITORS
from netvaerk.networks.models import Milestone, Participation
from netvaerk.organisation.models import Person

from .helpers import ELDERLY, contract, edit_data, network, participation, url

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, str]]
    allowed: tuple[str, ...]
    overrides: tuple[tuple[str, int], ...] = ()
    # How to see that an allowed role's POST worked; by default, a new audit entry.
    done: Callable[[], bool] | None = None


_POLITIKER_404 = (("politiker", 404),)

ACTIONS = [
    Action(
        "contracts:create",
        lambda: url("contracts:create"),
        dict,
        ELDERLY_EDITORS,
        _POLITIKER_404,
        # The demo network has its contract: creating again changes nothing, and says so.
        done=lambda: Contract.objects.filter(network__title=ELDERLY).count() == 1,
    ),
    Action(
        "contracts:edit",
        lambda: url("contracts:edit"),
        lambda: edit_data(contract(), purpose="Et nyt formål"),
        ELDERLY_EDITORS,
        _POLITIKER_404,
    ),
    Action(
        "contracts:approve",
        lambda: url("contracts:approve"),
        lambda: {"version": str(contract().version)},
        ("chef",),
        _POLITIKER_404,
    ),
    Action(
        "contracts:approve_hours",
        lambda: reverse("contracts:approve_hours", args=[participation("medarbejder").pk]),
        lambda: {"hours": "2.0"},
        ("leder",),
    ),
    Action(
        "contracts:template_edit",
        lambda: reverse(
            "contracts:template_edit", args=[ContractTemplate.objects.get(kind="welfare").pk]
        ),
        lambda: {"title": "Skabelon", "purpose": "Nyt"},
        SECRETARIAT,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_or_404_and_change_nothing(client_as, action) -> None:
    before = AuditEntry.objects.count()
    elderly = contract()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = 302 if role == ANONYMOUS else dict(action.overrides).get(role, 403)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert AuditEntry.objects.count() == before
    after = contract()
    assert (after.version, after.purpose, after.approved_version) == (
        elderly.version,
        elderly.purpose,
        elderly.approved_version,
    )
    assert not participation("medarbejder").hours_approved


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    assert client_as(role).post(action.path(), action.data()).status_code == 302
    if action.done is not None:
        assert action.done()
    else:
        assert AuditEntry.objects.count() > before


# --- query counts ------------------------------------------------------------------------------


def _pages() -> dict[str, tuple[str, str]]:
    elderly = network()
    return {
        "detail": ("chef", reverse("contracts:detail", args=[elderly.pk])),
        "detail(manager)": ("leder", reverse("contracts:detail", args=[elderly.pk])),
        "edit": ("netvaerksleder", reverse("contracts:edit", args=[elderly.pk])),
        "version": ("chef", reverse("contracts:version", args=[elderly.pk, contract().version])),
        "approvals": ("leder", reverse("contracts:approvals")),
        "home(leder)": ("leder", "/"),
        "home(chef)": ("chef", "/"),
        "templates": ("konsulent", reverse("contracts:templates")),
    }


def _counts(client_as) -> dict[str, int]:
    counts = {}
    for name, (role, path) in _pages().items():
        client = client_as(role)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def _grow(factor: int) -> None:
    """More participants (whose hours leder approves), milestones and versions."""
    elderly = network()
    unit = Person.objects.get(user__username="medarbejder").unit
    people = Person.objects.bulk_create(
        [
            Person(name=f"Ekstra {n}", unit=unit, email=f"ekstra{n}@example.org")
            for n in range(factor)
        ]
    )
    Participation.objects.bulk_create(
        [
            Participation(network=elderly, person=p, hours_per_week=n % 5 + 1)
            for n, p in enumerate(people)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(network=elderly, title=f"Milepæl {n}", due_on=f"2014-0{n % 9 + 1}-01")
            for n in range(factor)
        ]
    )
    for n in range(factor // 5):
        current = contract()
        services.contract_update(
            contract=current, version=current.version, scope=f"Omfang {n}", by=None
        )
    # Contracts waiting for chef: chef sponsors more networks.
    from netvaerk.networks import services as network_services

    for n in range(factor // 5):
        extra = network_services.network_create(
            title=f"Ekstra netværk {n}", kind="welfare", by=None
        )
        network_services.participation_add(
            network=extra,
            person=Person.objects.get(user__username="chef"),
            role=Participation.Role.SPONSOR,
            by=None,
        )
        services.contract_create(network=extra, by=None)


def test_contract_pages_make_as_many_queries_with_more_data(client_as) -> None:
    small = _counts(client_as)
    _grow(40)
    large = _counts(client_as)
    grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grew, f"query count (demo, grown) changed for: {grew}"
    assert max(large.values()) <= 20, large
