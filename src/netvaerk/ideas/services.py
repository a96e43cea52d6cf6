"""Every write to ideas and rounds goes through a function here.

Each service checks its permission (rules.py), refuses a step the lifecycle does not declare
(lifecycle.py), writes in one transaction with an audit entry, and tells the people who follow
the idea.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.expressions import CombinedExpression
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.notifications import notify
from netvaerk.core.services import require_permission
from netvaerk.networks.models import NetworkType
from netvaerk.networks.services import network_create
from netvaerk.organisation.models import ForumMeeting, Person, Unit
from netvaerk.organisation.rules import person_of

from . import lifecycle
from .models import AgendaItem, Comment, Criterion, Follow, Idea, Round, Score, Support

State = Idea.State
IDEA_FIELDS = ["title", "problem", "perspective", "kind", "benefit"]
AUDIT_FIELDS = [*IDEA_FIELDS, "state", "round"]


class StepNotAllowed(ValidationError):
    """The lifecycle does not allow this step from the idea's current state."""


class StaleIdea(Exception):
    """The idea was saved by someone else since the editor loaded it."""

    def __init__(self, current: Idea) -> None:
        super().__init__("stale idea")
        self.current = current


def _signed_in(by: User | None) -> User:
    if by is None:
        raise PermissionDenied("a person is needed")
    return by


def _person(by: User) -> Person:
    person = person_of(by)
    if person is None:
        raise PermissionDenied("no person")
    return person


def _check_step(idea: Idea, action: str) -> lifecycle.Step:
    step = lifecycle.step(action)
    if idea.state not in step.sources:
        raise StepNotAllowed(
            _("This step is not possible while the idea is “%(state)s”.")
            % {"state": idea.get_state_display()}
        )
    return step


def _locked(idea: Idea) -> Idea:
    """The idea's row, locked for the rest of the transaction, with fresh values."""
    return Idea.objects.select_for_update().get(pk=idea.pk)


def search_text(title: str, problem: str, benefit: str) -> str:
    """What the search on SQLite matches words in: the idea's text, casefolded."""
    return " ".join([title, problem, benefit]).casefold()


def _index(idea_ids: Sequence[int]) -> None:
    """Refresh the search text (and, on PostgreSQL, the Danish full-text vector)."""
    for idea in Idea.objects.filter(pk__in=idea_ids).only("title", "problem", "benefit"):
        text = search_text(idea.title, idea.problem, idea.benefit)
        Idea.objects.filter(pk=idea.pk).update(search_text=text)
    if connection.vendor == "postgresql":
        Idea.objects.filter(pk__in=idea_ids).update(search_vector=search_vector())


def search_vector() -> CombinedExpression:
    return SearchVector("title", weight="A", config="danish") + SearchVector(
        "problem", "benefit", weight="B", config="danish"
    )


def _audience(idea: Idea, *, supporters: bool = False) -> list[Person]:
    """Proposer, co-proposers and followers (and, for decisions, the supporters)."""
    people = Person.objects.filter(
        Q(pk=idea.proposer_id)
        | Q(co_proposed_ideas=idea)
        | Q(idea_follows__idea=idea)
        | (Q(idea_supports__idea=idea) if supporters else Q(pk__in=[]))
    ).distinct()
    return list(people)


def _round_for_submission(now: datetime.datetime) -> Round | None:
    """The round whose deadline is next: late ideas go to the following one."""
    return Round.objects.filter(deadline__gt=now).order_by("deadline", "pk").first()


# --- proposing -------------------------------------------------------------------------------


def _co_proposers_set(idea: Idea, co_proposers: Iterable[Person]) -> None:
    idea.co_proposers.set([p for p in co_proposers if p.pk != idea.proposer_id])


def _require_complete(idea: Idea) -> None:
    missing = {
        name: _("Fill in this field before you submit the idea.")
        for name in ("problem", "benefit")
        if not getattr(idea, name).strip()
    }
    if missing:
        raise ValidationError(missing)


def idea_create(
    *,
    title: str,
    problem: str = "",
    perspective: str = Idea.Perspective.CITIZEN,
    kind: str = Idea.Kind.UNKNOWN,
    benefit: str = "",
    units: Iterable[Unit] = (),
    co_proposers: Iterable[Person] = (),
    submit: bool = False,
    by: User | None,
    proposer: Person | None = None,
) -> Idea:
    """Save a new idea as a draft, or submit it into the open round at once.

    The proposer is the signed-in user's person; the system (by=None: demo, imports) names one.
    """
    require_permission(by, "ideas.add_idea")
    with transaction.atomic():
        idea = Idea.objects.create(
            title=title,
            problem=problem,
            perspective=perspective,
            kind=kind,
            benefit=benefit,
            proposer=proposer or _person(_signed_in(by)),
        )
        idea.units.set(units)
        _co_proposers_set(idea, co_proposers)
        Follow.objects.bulk_create(
            [Follow(idea=idea, person_id=pk) for pk in {idea.proposer_id}], ignore_conflicts=True
        )
        audit_record(
            actor=by,
            action="ideas.idea.create",
            target=idea,
            after=snapshot(idea, AUDIT_FIELDS),
            subject=idea.proposer,
        )
        _index([idea.pk])
        if submit:
            idea = idea_submit(idea=idea, by=by)
    return idea


def idea_update(
    *,
    idea: Idea,
    version: int,
    by: User,
    units: Iterable[Unit] | None = None,
    co_proposers: Iterable[Person] | None = None,
    **fields: Any,
) -> Idea:
    """Change an idea's text; refused with StaleIdea if someone saved it since `version`."""
    unknown = set(fields) - set(IDEA_FIELDS)
    if unknown:
        raise TypeError(f"unknown idea fields: {sorted(unknown)}")
    with transaction.atomic():
        current = _locked(idea)
        require_permission(by, "ideas.change_idea", current)
        if current.version != version:
            raise StaleIdea(current)
        before = snapshot(current, AUDIT_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        if units is not None:
            current.units.set(units)
        if co_proposers is not None:
            _co_proposers_set(current, co_proposers)
        audit_record(
            actor=by,
            action="ideas.idea.update",
            target=current,
            before=before,
            after=snapshot(current, AUDIT_FIELDS),
            subject=current.proposer,
        )
        _index([current.pk])
    return current


def _move(idea: Idea, *, action: str, target: str, by: User | None, **extra: Any) -> Idea:
    """Take a lifecycle step on a locked idea and log it; callers notify."""
    before = snapshot(idea, AUDIT_FIELDS)
    idea.state = target
    for name, value in extra.items():
        setattr(idea, name, value)
    idea.save()
    audit_record(
        actor=by,
        action=f"ideas.idea.{action}",
        target=idea,
        before=before,
        after=snapshot(idea, AUDIT_FIELDS),
        subject=idea.proposer,
    )
    return idea


def _notify_state(idea: Idea, by: User | None) -> None:
    notify(
        people=_audience(idea),
        kind="idea.state",
        target_title=idea.title,
        url=idea.get_absolute_url(),
        params={"state": idea.state},
        actor=by,
    )


def idea_submit(*, idea: Idea, by: User | None) -> Idea:
    """Submit a draft into the round whose deadline has not passed."""
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.change_idea", idea)
        _check_step(idea, "submit")
        _require_complete(idea)
        now = timezone.now()
        _move(
            idea,
            action="submit",
            target=State.SUBMITTED,
            by=by,
            submitted_at=now,
            round=_round_for_submission(now),
        )
        _notify_state(idea, by)
    return idea


# --- screening, agenda and merging ----------------------------------------------------------


def idea_screen(*, idea: Idea, by: User | None) -> Idea:
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.screen_idea", idea)
        _check_step(idea, "screen")
        _move(idea, action="screen", target=State.SCREENING, by=by)
        _notify_state(idea, by)
    return idea


def idea_put_on_agenda(*, idea: Idea, meeting: ForumMeeting, by: User | None) -> Idea:
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.screen_idea", idea)
        _check_step(idea, "put_on_agenda")
        last = AgendaItem.objects.filter(meeting=meeting).order_by("-position").first()
        AgendaItem.objects.get_or_create(
            meeting=meeting,
            idea=idea,
            defaults={"position": (last.position + 1) if last else 1},
        )
        _move(idea, action="put_on_agenda", target=State.ON_AGENDA, by=by)
        _notify_state(idea, by)
    return idea


def idea_take_off_agenda(*, idea: Idea, by: User | None) -> Idea:
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.screen_idea", idea)
        _check_step(idea, "take_off_agenda")
        AgendaItem.objects.filter(idea=idea).delete()
        _move(idea, action="take_off_agenda", target=State.SCREENING, by=by)
        _notify_state(idea, by)
    return idea


def idea_reopen(*, idea: Idea, by: User | None) -> Idea:
    """Take a parked idea up again, in the round that is open now."""
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.screen_idea", idea)
        _check_step(idea, "reopen")
        next_round = _round_for_submission(timezone.now()) or idea.round
        _move(idea, action="reopen", target=State.SCREENING, by=by, round=next_round)
        _notify_state(idea, by)
    return idea


def idea_merge(*, idea: Idea, into: Idea, by: User | None) -> Idea:
    """Merge a duplicate into another idea: its proposers, supporters and followers move along."""
    if idea.pk == into.pk:
        raise ValidationError({"into": _("An idea cannot be merged into itself.")})
    with transaction.atomic():
        # Lock both rows in id order, so two merges cannot deadlock.
        locked = {
            i.pk: i
            for i in Idea.objects.select_for_update()
            .filter(pk__in=[idea.pk, into.pk])
            .order_by("pk")
        }
        idea, into = locked[idea.pk], locked[into.pk]
        require_permission(by, "ideas.screen_idea", idea)
        _check_step(idea, "merge")
        if into.state in (State.DRAFT, *lifecycle.CLOSED):
            raise ValidationError({"into": _("Choose an idea that is still being considered.")})
        proposers = {idea.proposer_id, *idea.co_proposers.values_list("pk", flat=True)}
        into.co_proposers.add(*(proposers - {into.proposer_id}))
        Support.objects.bulk_create(
            [
                Support(idea=into, person_id=person_id)
                for person_id in idea.supports.values_list("person_id", flat=True)
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        Follow.objects.bulk_create(
            [
                Follow(idea=into, person_id=person_id)
                for person_id in {*proposers, *idea.follows.values_list("person_id", flat=True)}
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        into.support_count = into.supports.count()
        into.save(update_fields=["support_count"])
        _move(idea, action="merge", target=State.MERGED, by=by, merged_into=into)
        notify(
            people=_audience(idea),
            kind="idea.merged",
            target_title=idea.title,
            url=into.get_absolute_url(),
            params={"into": into.title},
            actor=by,
        )
    return idea


# --- taking part ----------------------------------------------------------------------------


def idea_support(*, idea: Idea, by: User | None, person: Person | None = None) -> bool:
    """Support an idea once. Returns whether a support was added (a double click adds none).

    The idea's row is locked, so concurrent supports are counted one after the other; the
    unique constraint is the last line against a second support by the same person.
    The system (by=None) supports on behalf of a named person.
    """
    person = person or _person(_signed_in(by))
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.support_idea", idea)
        try:
            with transaction.atomic():
                Support.objects.create(idea=idea, person=person)
        except IntegrityError:
            return False
        Idea.objects.filter(pk=idea.pk).update(support_count=idea.support_count + 1)
        audit_record(actor=by, action="ideas.idea.support", target=idea, subject=person)
    return True


def idea_unsupport(*, idea: Idea, by: User) -> bool:
    """Withdraw one's support. Returns whether there was one to withdraw."""
    person = _person(by)
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.support_idea", idea)
        deleted, _rows = Support.objects.filter(idea=idea, person=person).delete()
        if not deleted:
            return False
        Idea.objects.filter(pk=idea.pk).update(support_count=max(idea.support_count - 1, 0))
        audit_record(actor=by, action="ideas.idea.unsupport", target=idea, subject=person)
    return True


def idea_follow(*, idea: Idea, follow: bool, by: User) -> None:
    person = _person(by)
    require_permission(by, "ideas.follow_idea", idea)
    with transaction.atomic():
        if follow:
            changed = Follow.objects.get_or_create(idea=idea, person=person)[1]
        else:
            changed = Follow.objects.filter(idea=idea, person=person).delete()[0] > 0
        if changed:
            action = "ideas.idea.follow" if follow else "ideas.idea.unfollow"
            audit_record(actor=by, action=action, target=idea, subject=person)


def idea_comment(
    *,
    idea: Idea,
    body: str,
    by: User | None,
    parent: Comment | None = None,
    question: bool = False,
    author: Person | None = None,
) -> Comment:
    """Comment on an idea, or reply to a comment. A reply to a reply joins its thread."""
    author = author or _person(_signed_in(by))
    if question:
        require_permission(by, "ideas.screen_idea", idea)
    else:
        require_permission(by, "ideas.comment_idea", idea)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError({"parent": _("The comment belongs to another idea.")})
        if parent.parent_id is not None:
            parent = parent.parent  # threads are one level deep
    with transaction.atomic():
        comment = Comment.objects.create(
            idea=idea,
            author=author,
            parent=parent,
            body=body,
            kind=Comment.Kind.QUESTION if question else Comment.Kind.COMMENT,
        )
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
        Follow.objects.get_or_create(idea=idea, person=author)
        audit_record(
            actor=by,
            action="ideas.idea.question" if question else "ideas.idea.comment",
            target=idea,
            after={"comment": body[:500]},
            subject=author,
        )
        notify(
            people=_audience(idea),
            kind="idea.question" if question else "idea.comment",
            target_title=idea.title,
            url=idea.get_absolute_url() + f"#kommentar-{comment.pk}",
            actor=by,
            exclude=author,
        )
    return comment


# --- scoring and deciding -------------------------------------------------------------------


def idea_score(
    *, idea: Idea, values: Mapping[int, int], by: User | None, member: Person | None = None
) -> None:
    """A forum member's scores (criterion id → 1..5) of an idea on its round's criteria."""
    member = member or _person(_signed_in(by))
    require_permission(by, "ideas.score_idea", idea)
    criteria = {c.pk: c for c in Criterion.objects.filter(round=idea.round)} if idea.round else {}
    if not criteria:
        raise ValidationError(_("The idea's round has no criteria to score."))
    for criterion_id, value in values.items():
        if criterion_id not in criteria:
            raise ValidationError(_("A criterion does not belong to the idea's round."))
        if not 1 <= int(value) <= 5:
            raise ValidationError(_("A score is a whole number from 1 to 5."))
    with transaction.atomic():
        for criterion_id, value in values.items():
            Score.objects.update_or_create(
                idea=idea,
                criterion_id=criterion_id,
                member=member,
                defaults={"value": int(value)},
            )
        audit_record(
            actor=by,
            action="ideas.idea.score",
            target=idea,
            after={criteria[c].text[:80]: v for c, v in values.items()},
            subject=member,
        )


def idea_decide(
    *,
    idea: Idea,
    outcome: str,
    reason: str,
    by: User | None,
    kind: str = "",
    later_round: Round | None = None,
) -> Idea:
    """Record the forum's decision. Selecting an idea starts a network in phase introduktion."""
    if outcome not in lifecycle.DECISIONS:
        raise ValidationError({"outcome": _("Choose selected, parked or rejected.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the proposer and supporters see.")})
    with transaction.atomic():
        idea = _locked(idea)
        require_permission(by, "ideas.decide_idea", idea)
        _check_step(idea, "decide")
        extra: dict[str, Any] = {"decision_reason": reason, "decided_at": timezone.now()}
        if outcome == State.SELECTED:
            kind = kind or idea.kind
            if kind not in NetworkType.values:
                raise ValidationError({"kind": _("Choose the type of network the idea becomes.")})
            extra["network"] = network_create(
                title=idea.title,
                kind=kind,
                purpose=idea.benefit,
                problem=idea.problem,
                units=idea.units.all(),
                proposer=idea.proposer,
                by=by,
            )
        if outcome == State.PARKED and later_round is not None:
            if idea.round and later_round.deadline <= idea.round.deadline:
                raise ValidationError({"later_round": _("Choose a later round.")})
            extra["round"] = later_round
        _move(idea, action="decide", target=outcome, by=by, **extra)
        notify(
            people=_audience(idea, supporters=True),
            kind="idea.decided",
            target_title=idea.title,
            url=idea.get_absolute_url(),
            params={"state": outcome, "reason": reason[:500]},
            actor=by,
        )
    return idea


# --- rounds -----------------------------------------------------------------------------------


ROUND_FIELDS = ["title", "deadline", "decision_meeting", "description"]


def round_create(
    *,
    title: str,
    deadline: datetime.datetime,
    decision_meeting: ForumMeeting | None = None,
    description: str = "",
    criteria: Sequence[tuple[str, int]] = (),
    by: User | None,
) -> Round:
    """Create a round; submitted ideas waiting for a round whose deadline is ahead join it."""
    require_permission(by, "ideas.manage_rounds")
    with transaction.atomic():
        new = Round.objects.create(
            title=title,
            deadline=deadline,
            decision_meeting=decision_meeting,
            description=description,
        )
        _criteria_set(new, criteria)
        if new.is_open:
            Idea.objects.filter(state__in=[State.SUBMITTED, State.SCREENING], round=None).update(
                round=new
            )
        audit_record(
            actor=by,
            action="ideas.round.create",
            target=new,
            after={**snapshot(new, ROUND_FIELDS), "criteria": _criteria_text(criteria)},
        )
    return new


def round_update(
    *, round: Round, by: User | None, criteria: Sequence[tuple[str, int]], **fields: Any
) -> Round:
    """Change a round and its criteria. Criteria that have scores keep them when kept."""
    require_permission(by, "ideas.manage_rounds", round)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        before = {
            **snapshot(round, ROUND_FIELDS),
            "criteria": _criteria_text([(c.text, c.weight) for c in round.criteria.all()]),
        }
        for name, value in fields.items():
            if name not in ROUND_FIELDS:
                raise TypeError(name)
            setattr(round, name, value)
        round.save()
        _criteria_set(round, criteria)
        audit_record(
            actor=by,
            action="ideas.round.update",
            target=round,
            before=before,
            after={**snapshot(round, ROUND_FIELDS), "criteria": _criteria_text(criteria)},
        )
    return round


def _criteria_text(criteria: Iterable[tuple[str, int]]) -> str:
    return "; ".join(f"{text} ({weight})" for text, weight in criteria)


def _criteria_set(round: Round, criteria: Sequence[tuple[str, int]]) -> None:
    """Make the round's criteria the given list, matching existing ones by text."""
    existing = {c.text: c for c in round.criteria.all()}
    keep = []
    for position, (text, weight) in enumerate(criteria, start=1):
        criterion = existing.get(text)
        if criterion is None:
            criterion = Criterion.objects.create(
                round=round, text=text, weight=weight, position=position
            )
        else:
            criterion.weight, criterion.position = weight, position
            criterion.save(update_fields=["weight", "position"])
        keep.append(criterion.pk)
    round.criteria.exclude(pk__in=keep).delete()
