"""The idea lifecycle of DESIGN.md §3, declared once.

    draft → submitted → screening → on_agenda → selected | parked | rejected
    submitted | screening → merged;  on_agenda → screening;  parked → screening

Each step names the permission that allows it (see rules.py). The services refuse a step
that is not declared here; the idea page lists the steps the user may take next and, for the
others, who can take them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Idea

State = Idea.State


@dataclass(frozen=True)
class Step:
    action: str
    sources: tuple[str, ...]
    target: str
    label: str | Promise
    permission: str
    who: str | Promise  # who can take the step, as the page explains it


STEPS: tuple[Step, ...] = (
    Step(
        "submit",
        (State.DRAFT,),
        State.SUBMITTED,
        _("Submit the idea"),
        "ideas.change_idea",
        _("the proposer"),
    ),
    Step(
        "screen",
        (State.SUBMITTED,),
        State.SCREENING,
        _("Start screening"),
        "ideas.screen_idea",
        _("the network secretariat"),
    ),
    Step(
        "put_on_agenda",
        (State.SCREENING,),
        State.ON_AGENDA,
        _("Put on a forum meeting's agenda"),
        "ideas.screen_idea",
        _("the network secretariat"),
    ),
    Step(
        "merge",
        (State.SUBMITTED, State.SCREENING),
        State.MERGED,
        _("Merge into another idea"),
        "ideas.screen_idea",
        _("the network secretariat"),
    ),
    Step(
        "take_off_agenda",
        (State.ON_AGENDA,),
        State.SCREENING,
        _("Take off the agenda"),
        "ideas.screen_idea",
        _("the network secretariat"),
    ),
    Step(
        "decide",
        (State.ON_AGENDA,),
        State.SELECTED,  # or PARKED or REJECTED: the decision says which
        _("Record the forum's decision"),
        "ideas.decide_idea",
        _("the forum's chair or secretary, or the network secretariat"),
    ),
    Step(
        "reopen",
        (State.PARKED,),
        State.SCREENING,
        _("Take up again in the current round"),
        "ideas.screen_idea",
        _("the network secretariat"),
    ),
)

DECISIONS = (State.SELECTED, State.PARKED, State.REJECTED)
EDITABLE = (State.DRAFT, State.SUBMITTED)
SUPPORTABLE = (State.SUBMITTED, State.SCREENING, State.ON_AGENDA)
CLOSED = (State.SELECTED, State.REJECTED, State.MERGED)


def step(action: str) -> Step:
    for candidate in STEPS:
        if candidate.action == action:
            return candidate
    raise KeyError(action)


def next_steps(idea: Idea) -> list[Step]:
    """The steps the lifecycle allows from the idea's state, whoever may take them."""
    return [s for s in STEPS if idea.state in s.sources]


def allowed(idea: Idea, action: str) -> bool:
    try:
        return idea.state in step(action).sources
    except KeyError:
        return False
