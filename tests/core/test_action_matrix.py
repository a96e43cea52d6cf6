"""Every action (POST) × every demo role: who may do it, and that a refusal changes nothing.

The pages are in the registry (test_permission_matrix.py); actions change data, so each allowed
role is checked in a fresh database and each refused one against the audit log's length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.core.pages import ANONYMOUS, INTERNAL, ROLES, SECRETARIAT
from netvaerk.ideas.models import Criterion, Idea, Round, Support
from netvaerk.organisation.models import ForumMeeting


def _idea(state: str, proposer: str = "") -> int:
    ideas = Idea.objects.filter(state=state).order_by("pk")
    if proposer:
        ideas = ideas.filter(proposer__user__username=proposer)
    idea = ideas.first()
    assert idea is not None
    return idea.pk


def _open_round() -> Round:
    found = Round.objects.order_by("deadline").last()
    assert found is not None
    return found


def _score_data() -> dict[str, str]:
    return {f"c{c.pk}": "3" for c in Criterion.objects.filter(round=_open_round())}


def _meeting() -> int:
    return ForumMeeting.objects.filter(forum__slug="chefforum").order_by("pk").first().pk  # type: ignore[union-attr]


@dataclass(frozen=True)
class Action:
    name: str
    path: Callable[[], str]
    data: Callable[[], dict[str, str]]
    allowed: tuple[str, ...]
    # What a role outside `allowed` gets: 403, or 404 where the object is hidden from them.
    denied: int = 403
    # The status of a successful POST (a redirect after the change, usually).
    ok: int = 302
    # Refused roles that get another status than `denied`.
    overrides: tuple[tuple[str, int], ...] = ()
    # How to see that an allowed role's POST worked; by default, a new audit entry.
    done: Callable[[str], bool] | None = None


def _url(name: str, *args: Callable[[], object]) -> Callable[[], str]:
    return lambda: reverse(name, args=[arg() for arg in args])


CREATE_DATA = {
    "title": "En ny idé",
    "perspective": "citizen",
    "kind": "welfare",
    "problem": "Et problem",
    "benefit": "En gevinst",
    "action": "submit",
}

ACTIONS = [
    Action("ideas:create", _url("ideas:create"), lambda: CREATE_DATA, INTERNAL),
    Action(
        "ideas:edit",
        _url("ideas:edit", lambda: _idea("submitted", "medarbejder")),
        lambda: {**CREATE_DATA, "action": "save", "version": "1"},
        ("medarbejder",),
    ),
    Action(
        "ideas:support",
        _url("ideas:support", lambda: _idea("submitted")),
        lambda: {"action": "add"},
        INTERNAL,
        # Some demo roles support the idea already; supporting again changes nothing.
        done=lambda role: Support.objects.filter(
            idea_id=_idea("submitted"), person__user__username=role
        ).exists(),
    ),
    Action(
        "ideas:follow",
        _url("ideas:follow", lambda: _idea("submitted")),
        lambda: {"action": "add"},
        INTERNAL,
    ),
    Action(
        "ideas:comment",
        _url("ideas:comment", lambda: _idea("submitted")),
        lambda: {"body": "Godt forslag"},
        INTERNAL,
    ),
    Action(
        "ideas:comment(draft)",
        _url("ideas:comment", lambda: _idea("draft")),
        lambda: {"body": "Hej"},
        (),  # a draft takes no comments, and is hidden from everyone but its proposer
        denied=404,
        overrides=(("medarbejder", 403),),
    ),
    Action(
        "ideas:question",
        _url("ideas:question", lambda: _idea("submitted")),
        lambda: {"body": "Hvem er målgruppen?"},
        SECRETARIAT,
    ),
    Action(
        "ideas:step(screen)",
        lambda: reverse("ideas:step", args=[_idea("submitted"), "screen"]),
        dict,
        SECRETARIAT,
    ),
    Action(
        "ideas:step(put_on_agenda)",
        lambda: reverse("ideas:step", args=[_idea("screening"), "put_on_agenda"]),
        lambda: {"meeting": str(_meeting())},
        SECRETARIAT,
    ),
    Action(
        "ideas:step(decide)",
        lambda: reverse("ideas:step", args=[_idea("on_agenda"), "decide"]),
        lambda: {"outcome": "rejected", "reason": "Ikke nu"},
        # The secretariat, and the chair and secretary of the deciding forum (Chefforum:
        # direktor is its chair, konsulent its secretary); chef is a member only.
        SECRETARIAT,
    ),
    Action(
        "ideas:score",
        _url("ideas:score", lambda: _idea("on_agenda")),
        _score_data,
        # Members of the forum whose meeting has the idea on its agenda (Chefforum).
        ("direktor", "konsulent", "chef"),
    ),
    Action(
        "ideas:round_create",
        _url("ideas:round_create"),
        lambda: {"title": "Ny runde", "deadline": "2099-05-01T12:00", "criteria": "A | 2"},
        SECRETARIAT,
    ),
    Action(
        "organisation:forum(meeting)",
        _url("organisation:forum", lambda: "chefforum"),
        lambda: {"title": "Møde", "starts_at": "2099-01-10T09:00"},
        SECRETARIAT,
    ),
]


def _network(title: str = "Sammenhængende forløb for ældre efter udskrivning") -> int:
    from netvaerk.networks.models import Network

    return Network.objects.get(title=title).pk


def _network_edit_data() -> dict[str, str]:
    from netvaerk.networks.models import Network

    network = Network.objects.get(pk=_network())
    return {
        "title": network.title,
        "kind": network.kind,
        "citizen_service": network.citizen_service,
        "purpose": "Ny formulering",
        "version": str(network.version),
    }


def _participation() -> int:
    from netvaerk.networks.models import Participation

    return Participation.objects.get(network_id=_network(), person__user__username="medarbejder").pk


# Those who run the demo's welfare network: the secretariat, its sponsor and its leader.
RUNS_ELDERLY = ("direktor", "konsulent", "chef", "netvaerksleder")
# politiker cannot see the network at all (404); the other refused roles get 403.
HIDDEN_FROM_POLITICIAN = (("politiker", 404),)

ACTIONS += [
    Action(
        "networks:edit",
        _url("networks:edit", _network),
        _network_edit_data,
        RUNS_ELDERLY,
        overrides=HIDDEN_FROM_POLITICIAN,
    ),
    Action(
        "networks:phase(close)",
        _url("networks:phase", lambda: _network("Tidlig indsats for familier med små børn")),
        lambda: {"target": "closed"},
        (),  # nobody: the gate needs a closing summary; allowed roles get 400, others 403
        overrides=(("direktor", 400), ("konsulent", 400), ("politiker", 404), ("borger", 404)),
    ),
    Action(
        "networks:participants(add)",
        _url("networks:participants", _network),
        lambda: {
            "person": "demo-p23@demo.invalid",
            "role": "participant",
            "kind": "core",
            "hours_per_week": "1",
        },
        RUNS_ELDERLY,
        overrides=HIDDEN_FROM_POLITICIAN,
    ),
    Action(
        "networks:participants(invite)",
        _url("networks:participants", _network),
        lambda: {"action": "invite", "name": "Gæst", "email": "gaest@example.org"},
        RUNS_ELDERLY,
        overrides=HIDDEN_FROM_POLITICIAN,
    ),
    Action(
        "networks:participation(end)",
        _url("networks:participation", _network, _participation),
        lambda: {"action": "end"},
        RUNS_ELDERLY,
        overrides=HIDDEN_FROM_POLITICIAN,
    ),
]

# Everyone chooses their own notification settings (core/notifications.py).
ACTIONS += [
    Action(
        "core:notification_settings",
        _url("core:notification_settings"),
        lambda: {"idea.comment": "daily", "idea.decided": "off"},
        ROLES,
    ),
]


def _post(client_as, action: Action, role: str) -> int:
    return client_as(role).post(action.path(), action.data()).status_code


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_refused_roles_get_the_declared_status_and_change_nothing(client_as, action) -> None:
    before = AuditEntry.objects.count()
    got = {}
    for role in [ANONYMOUS, *ROLES]:
        if role in action.allowed:
            continue
        expected = 302 if role == ANONYMOUS else dict(action.overrides).get(role, action.denied)
        status = _post(client_as, action, role)
        if status != expected:
            got[role] = (expected, status)
    assert not got, f"(expected, got): {got}"
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("action", "role"),
    [(a, role) for a in ACTIONS for role in a.allowed],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_allowed_roles_can_act(client_as, action, role) -> None:
    before = AuditEntry.objects.count()
    assert _post(client_as, action, role) == action.ok
    if action.done is not None:
        assert action.done(role)
    else:
        assert AuditEntry.objects.count() > before
