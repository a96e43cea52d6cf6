"""Who may see and do what with ideas and rounds. The only place these decisions live."""

from __future__ import annotations

from typing import Any

import rules

from netvaerk.organisation.models import ForumMembership
from netvaerk.organisation.rules import is_internal, is_secretariat, person_id_of, person_of

from .lifecycle import EDITABLE, SUPPORTABLE
from .models import AgendaItem, Idea


@rules.predicate
def has_person(user: Any) -> bool:
    return person_of(user) is not None


@rules.predicate
def is_proposer(user: Any, idea: Idea | None) -> bool:
    """The proposer or a co-proposer."""
    person_id = person_id_of(user)
    if idea is None or person_id is None:
        return False
    if idea.proposer_id == person_id:
        return True
    # all() uses the page's prefetch when there is one.
    return any(person.pk == person_id for person in idea.co_proposers.all())


@rules.predicate
def is_draft(user: Any, idea: Idea | None) -> bool:
    return idea is not None and idea.state == Idea.State.DRAFT


@rules.predicate
def is_editable(user: Any, idea: Idea | None) -> bool:
    return idea is not None and idea.state in EDITABLE


@rules.predicate
def is_supportable(user: Any, idea: Idea | None) -> bool:
    return idea is not None and idea.state in SUPPORTABLE


@rules.predicate
def is_open_for_comments(user: Any, idea: Idea | None) -> bool:
    return idea is not None and idea.state not in (Idea.State.DRAFT, Idea.State.MERGED)


def _forum_roles(user: Any, idea: Idea) -> set[str]:
    """The user's roles in the forums whose meetings have the idea on their agenda."""
    cache = getattr(user, "_idea_forum_roles", None)
    if cache is None:
        cache = user._idea_forum_roles = {}
    if idea.pk not in cache:
        person_id = person_id_of(user)
        forum_ids = AgendaItem.objects.filter(idea=idea).values("meeting__forum_id")
        cache[idea.pk] = (
            set(
                ForumMembership.objects.filter(
                    person_id=person_id, forum_id__in=forum_ids
                ).values_list("role", flat=True)
            )
            if person_id
            else set()
        )
    return cache[idea.pk]


@rules.predicate
def is_on_agenda(user: Any, idea: Idea | None) -> bool:
    return idea is not None and idea.state == Idea.State.ON_AGENDA


@rules.predicate
def is_deciding_forum_member(user: Any, idea: Idea | None) -> bool:
    return idea is not None and bool(_forum_roles(user, idea))


@rules.predicate
def is_deciding_forum_chair(user: Any, idea: Idea | None) -> bool:
    roles = _forum_roles(user, idea) if idea is not None else set()
    return bool(roles & {ForumMembership.Role.CHAIR, ForumMembership.Role.SECRETARY})


can_see_idea = (is_draft & is_proposer) | (~is_draft & is_internal)

rules.add_perm("ideas.view_ideas", is_internal)
rules.add_perm("ideas.add_idea", is_internal & has_person)
rules.add_perm("ideas.view_idea", can_see_idea)
rules.add_perm("ideas.change_idea", is_proposer & is_editable)
rules.add_perm("ideas.support_idea", is_internal & has_person & is_supportable)
rules.add_perm("ideas.follow_idea", can_see_idea & has_person)
rules.add_perm("ideas.comment_idea", is_internal & has_person & is_open_for_comments)
rules.add_perm("ideas.screen_idea", is_secretariat)
rules.add_perm("ideas.score_idea", is_on_agenda & is_deciding_forum_member)
rules.add_perm("ideas.decide_idea", is_on_agenda & (is_secretariat | is_deciding_forum_chair))
rules.add_perm("ideas.view_rounds", is_internal)
rules.add_perm("ideas.manage_rounds", is_secretariat)
rules.add_perm("ideas.view_meeting", is_internal)
