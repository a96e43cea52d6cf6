"""Small builders for the idea tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone, translation
from django.utils.html import escape

from netvaerk.core.models import User
from netvaerk.ideas import services
from netvaerk.ideas.models import Idea, Round
from netvaerk.organisation.models import Forum, ForumMeeting, Person, Unit
from netvaerk.organisation.services import forum_meeting_create

# The demo's submitted idea, proposed by the demo user "medarbejder" (Camilla Nørgaard).
DEMO_IDEA = "Bedre overgang fra hjemmepleje til plejebolig"
DEMO_DRAFT = "Fælles introduktion for nye medarbejdere på tværs af centre"


def user(username: str) -> User:
    return User.objects.get(username=username)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def idea(title: str) -> Idea:
    return Idea.objects.get(title=title)


def unit(external_id: str) -> Unit:
    return Unit.objects.get(external_id=external_id)


def danish(text: str) -> str:
    """`text` as the Danish pages show it: translated and HTML-escaped."""
    with translation.override("da"):
        return escape(translation.gettext(text))


def in_danish(lazy: Any) -> str:
    with translation.override("da"):
        return escape(str(lazy))


def idea_post(**overrides: Any) -> dict[str, Any]:
    """The fields of the idea form, filled in as a proposer would."""
    data: dict[str, Any] = {
        "title": "Fælles sprog for overlevering",
        "perspective": Idea.Perspective.CITIZEN,
        "problem": "Ældre borgere fortæller deres historie mange gange.",
        "kind": Idea.Kind.WELFARE,
        "benefit": "Færre misforståelser ved overleveringer.",
        "co_proposer_emails": "",
        "action": "submit",
    }
    data.update(overrides)
    return data


def submitted(
    *,
    title: str = "En idé til test",
    by: str = "medarbejder",
    problem: str = "Et problem, der skal løses.",
    benefit: str = "En gevinst for borgerne.",
    kind: str = Idea.Kind.WELFARE,
    units: Sequence[Unit] = (),
) -> Idea:
    """An idea submitted through the service by a demo user."""
    return services.idea_create(
        title=title,
        problem=problem,
        benefit=benefit,
        kind=kind,
        units=units,
        submit=True,
        by=user(by),
    )


def meeting(forum: str = "chefforum", *, days: int = 45, title: str = "Udvælgelse") -> ForumMeeting:
    return forum_meeting_create(
        forum=Forum.objects.get(slug=forum),
        title=title,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        by=None,
    )


def new_round(
    *,
    title: str = "Testrunde",
    days: float = 30,
    criteria: Sequence[tuple[str, int]] = (),
    decision_meeting: ForumMeeting | None = None,
    by: str = "konsulent",
) -> Round:
    """A round whose deadline is `days` from now (negative: passed)."""
    return services.round_create(
        title=title,
        deadline=timezone.now() + datetime.timedelta(days=days),
        decision_meeting=decision_meeting,
        criteria=criteria,
        by=user(by),
    )


def on_agenda(idea: Idea, agenda: ForumMeeting, *, by: str = "konsulent") -> Idea:
    """Screen the idea and put it on the meeting's agenda, as the secretariat."""
    services.idea_screen(idea=idea, by=user(by))
    return services.idea_put_on_agenda(idea=idea, meeting=agenda, by=user(by))


def close_all_rounds() -> None:
    """Time passes: every round's deadline is behind us."""
    Round.objects.update(deadline=timezone.now() - datetime.timedelta(hours=1))
