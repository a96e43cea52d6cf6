"""Every evaluation action (POST) × every demo role: who may do it, and that a refusal changes
nothing. ELDERLY is changed by the secretariat, its leader (netvaerksleder) and its sponsor
(chef); the politician does not see it (404). CAMPUS is changed only by the secretariat among
the demo sign-ins; the guest does not see it (404)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, ROLES, SECRETARIAT
from netvaerk.evaluation.models import EvaluationPlan, Indicator, Measurement
from netvaerk.networks.demo import CAMPUS, ELDERLY, YOUNG
from netvaerk.networks.models import Network

ELDERLY_CHANGE = (*SECRETARIAT, "netvaerksleder", "chef")
ELDERLY_HIDDEN = (("politiker", 404),)
CAMPUS_HIDDEN = (("borger", 404),)


def _pk(title: str) -> int:
    return Network.objects.get(title=title).pk


def _campus_indicator() -> Indicator | None:
    return Indicator.objects.filter(
        plan__network__title=CAMPUS, name="Virksomheder i praktiksamarbejde med skolerne"
    ).first()


def _elderly_plan() -> EvaluationPlan:
    return EvaluationPlan.objects.get(network__title=ELDERLY)


def _counts() -> tuple[int, ...]:
    return (
        AuditEntry.objects.count(),
        EvaluationPlan.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
        Network.objects.exclude(evaluation_result="").count(),
        EvaluationPlan.objects.filter(purpose="Nyt formål").count(),
    )


def _plan_post() -> dict[str, object]:
    plan = _elderly_plan()
    return {
        "version": plan.version,
        "purpose": "Nyt formål",
        "questions_citizens": "a",
        "questions_network": "b",
        "questions_participants": "c",
    }


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, object]]
    allowed: tuple[str, ...]
    overrides: tuple[tuple[str, int], ...]
    done: Callable[[], bool]


ACTIONS = [
    Action(
        "plan:create",
        lambda: reverse("evaluation:plan_create", args=[_pk(YOUNG)]),
        dict,
        # YOUNG is private: only its participants and the secretariat see it.
        SECRETARIAT,
        tuple((role, 404) for role in ROLES if role not in SECRETARIAT),
        lambda: EvaluationPlan.objects.filter(network__title=YOUNG).exists(),
    ),
    Action(
        "plan:edit",
        lambda: reverse("evaluation:plan_edit", args=[_pk(ELDERLY)]),
        _plan_post,
        ELDERLY_CHANGE,
        ELDERLY_HIDDEN,
        lambda: _elderly_plan().purpose == "Nyt formål",
    ),
    Action(
        "indicator:create",
        lambda: reverse("evaluation:indicator_create", args=[_pk(ELDERLY)]),
        lambda: {
            "level": "citizens",
            "name": "Ny indikator",
            "unit": "antal",
            "target": "5",
            "direction": "up",
            "data_source": "Optælling",
        },
        ELDERLY_CHANGE,
        ELDERLY_HIDDEN,
        lambda: Indicator.objects.filter(name="Ny indikator").exists(),
    ),
    Action(
        "measurement:add",
        lambda: reverse("evaluation:indicator", args=[_pk(CAMPUS), _campus_indicator().pk]),
        lambda: {"measured_on": "2013-12-20", "value": "11"},
        SECRETARIAT,
        CAMPUS_HIDDEN,
        lambda: Measurement.objects.filter(value=11).exists(),
    ),
    Action(
        "measurement:delete",
        lambda: reverse(
            "evaluation:measurement_delete",
            args=[
                _pk(CAMPUS),
                _campus_indicator().pk,
                _campus_indicator().measurements.order_by("pk").first().pk,
            ],
        ),
        dict,
        SECRETARIAT,
        CAMPUS_HIDDEN,
        lambda: _campus_indicator().measurements.count() == 1,
    ),
    Action(
        "indicator:delete",
        lambda: reverse("evaluation:indicator_delete", args=[_pk(CAMPUS), _campus_indicator().pk]),
        dict,
        SECRETARIAT,
        CAMPUS_HIDDEN,
        lambda: _campus_indicator() is None,
    ),
    Action(
        "conclusion",
        lambda: reverse("evaluation:conclusion", args=[_pk(CAMPUS)]),
        lambda: {
            "network_version": Network.objects.get(title=CAMPUS).version,
            "conclusion": "Forummets konklusion",
            "decided_on": "2014-03-11",
        },
        SECRETARIAT,
        CAMPUS_HIDDEN,
        lambda: Network.objects.get(title=CAMPUS).evaluation_result == "Forummets konklusion",
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_403_or_404_and_change_nothing(client_as, action) -> None:
    before = _counts()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = 302 if role == ANONYMOUS else dict(action.overrides).get(role, 403)
        status = client_as(role).post(action.path(), action.data()).status_code
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert _counts() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act_and_it_is_audited(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    response = client_as(role).post(action.path(), action.data())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert action.done()
    assert AuditEntry.objects.filter(action__startswith="evaluation.").count() > 0
    # One entry per change; the conclusion also changes the network (its own entry).
    assert AuditEntry.objects.count() == before + (2 if action.name == "conclusion" else 1)
