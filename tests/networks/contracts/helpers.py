"""Small builders for the contract tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from netvaerk.core.models import User
from netvaerk.networks.contracts.forms import ContractForm
from netvaerk.networks.contracts.models import Contract
from netvaerk.networks.demo import CAMPUS, ELDERLY
from netvaerk.networks.models import Network, Participation
from netvaerk.organisation.models import Person

__all__ = ["CAMPUS", "ELDERLY"]


def user(username: str) -> User:
    return User.objects.get(username=username)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def network(title: str = ELDERLY) -> Network:
    return Network.objects.get(title=title)


def contract(title: str = ELDERLY) -> Contract:
    return Contract.objects.select_related("network").get(network__title=title)


def participation(username: str, title: str = ELDERLY) -> Participation:
    return Participation.objects.get(network__title=title, person__user__username=username)


def url(name: str, title: str = ELDERLY, *extra: Any) -> str:
    return reverse(name, args=[network(title).pk, *extra])


def edit_data(current: Contract, **changes: Any) -> dict[str, str]:
    """The edit form as a browser posts it, loaded from `current`, with `changes` typed in."""
    initial = ContractForm.initial_for(current)
    data = {
        name: ""
        if value is None
        else (value.isoformat() if hasattr(value, "isoformat") else str(value))
        for name, value in initial.items()
    }
    milestones = list(current.network.milestones.order_by("due_on", "id"))
    data.update(
        {
            "milepael-TOTAL_FORMS": str(len(milestones)),
            "milepael-INITIAL_FORMS": str(len(milestones)),
            "milepael-MIN_NUM_FORMS": "0",
            "milepael-MAX_NUM_FORMS": "1000",
        }
    )
    for n, milestone in enumerate(milestones):
        data[f"milepael-{n}-id"] = str(milestone.pk)
        data[f"milepael-{n}-title"] = milestone.title
        data[f"milepael-{n}-due_on"] = milestone.due_on.isoformat()
        if milestone.done:
            data[f"milepael-{n}-done"] = "on"
    data.update({key: str(value) for key, value in changes.items()})
    return data
