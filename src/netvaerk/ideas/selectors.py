"""Reads of ideas and rounds, each with a number of queries that does not grow with the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from netvaerk.organisation.models import ForumMeeting, Person, Unit

from .models import AgendaItem, Comment, Criterion, Follow, Idea, Round, Score, Support


def idea_list(
    *,
    query: str = "",
    state: str = "",
    kind: str = "",
    round: Round | None = None,
    area: Unit | None = None,
    sort: str = "",
) -> QuerySet[Idea]:
    """Submitted ideas (never drafts), searched, filtered and sorted."""
    ideas = (
        Idea.objects.exclude(state=Idea.State.DRAFT)
        .select_related("proposer", "round")
        .defer("problem", "benefit", "search_text", "search_vector", "decision_reason")
    )
    if state:
        ideas = ideas.filter(state=state)
    if kind:
        ideas = ideas.filter(kind=kind)
    if round is not None:
        ideas = ideas.filter(round=round)
    if area is not None:
        ideas = ideas.filter(
            Exists(
                Idea.units.through._default_manager.filter(
                    idea_id=OuterRef("pk"), unit__path__startswith=area.path
                )
            )
        )
    ranked = False
    if query:
        if connection.vendor == "postgresql":
            search = SearchQuery(query, config="danish", search_type="websearch")
            ideas = ideas.filter(search_vector=search)
            if not sort:
                ideas = ideas.annotate(rank=SearchRank(F("search_vector"), search))
                ranked = True
        else:
            for word in query.casefold().split():
                ideas = ideas.filter(search_text__contains=word)
    if sort == "support":
        return ideas.order_by("-support_count", "-created_at", "-id")
    if ranked:
        return ideas.order_by("-rank", "-created_at", "-id")
    return ideas.order_by("-created_at", "-id")


def my_ideas(person: Person) -> QuerySet[Idea]:
    """The ideas a person proposed or co-proposed, drafts included.

    The ids come from the two indexed relations first, so the newest-first sort only looks at
    the person's own ideas, however many ideas there are.
    """
    co_proposed = Idea.co_proposers.through._default_manager.filter(person=person)
    ids = {*Idea.objects.filter(proposer=person).values_list("pk", flat=True)}
    ids.update(co_proposed.values_list("idea_id", flat=True))
    return (
        Idea.objects.filter(pk__in=ids)
        .only("title", "state", "created_at")
        .order_by("-created_at", "-id")
    )


def idea_for_page(idea_id: int, person: Person | None = None) -> Idea:
    """The idea with all the page shows; `my_support`/`my_follow` say what `person` does."""
    person_id = person.pk if person else 0  # no person supports or follows anything
    return (
        Idea.objects.annotate(
            my_support=Exists(Support.objects.filter(idea=OuterRef("pk"), person_id=person_id)),
            my_follow=Exists(Follow.objects.filter(idea=OuterRef("pk"), person_id=person_id)),
        )
        .select_related("proposer", "proposer__unit", "round", "merged_into", "network")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.only("name")),
            Prefetch("co_proposers", queryset=Person.objects.only("name")),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting__forum"),
            ),
        )
        .get(pk=idea_id)
    )


def idea_comments(idea: Idea) -> QuerySet[Comment]:
    """The idea's top-level comments, newest thread last, each with its replies."""
    return (
        Comment.objects.filter(idea=idea, parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=Comment.objects.select_related("author")))
        .order_by("created_at", "id")
    )


def person_state(idea: Idea) -> dict[str, bool]:
    """What the page's person does with the idea (see idea_for_page)."""
    return {
        "supports": bool(getattr(idea, "my_support", False)),
        "follows": bool(getattr(idea, "my_follow", False)),
    }


def merge_candidates(idea: Idea) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(
            state__in=[Idea.State.SUBMITTED, Idea.State.SCREENING, Idea.State.ON_AGENDA]
        )
        .exclude(pk=idea.pk)
        .only("title")
        .order_by("title")
    )


def upcoming_meetings() -> QuerySet[ForumMeeting]:
    return ForumMeeting.objects.select_related("forum").order_by("starts_at", "pk")


# --- scores -----------------------------------------------------------------------------------


@dataclass
class ScoreRow:
    """An idea's mean score per criterion and its weighted score, for the side-by-side view."""

    idea: Any
    means: list[float | None]
    weighted: float | None
    scorers: int


def score_table(ideas: list[Idea], criteria: list[Criterion]) -> list[ScoreRow]:
    """Mean score per idea and criterion, and the weighted mean over scored criteria.

    Two queries, whatever the number of ideas, criteria and forum members.
    """
    idea_ids = [idea.pk for idea in ideas]
    means: dict[tuple[int, int], float] = {
        (row["idea_id"], row["criterion_id"]): row["mean"]
        for row in Score.objects.filter(idea_id__in=idea_ids)
        .values("idea_id", "criterion_id")
        .annotate(mean=Avg("value"))
    }
    scorers = dict(
        Score.objects.filter(idea_id__in=idea_ids)
        .values("idea_id")
        .annotate(n=Count("member_id", distinct=True))
        .values_list("idea_id", "n")
    )
    rows = []
    for idea in ideas:
        row_means = [means.get((idea.pk, c.pk)) for c in criteria]
        weights = [(c.weight, m) for c, m in zip(criteria, row_means, strict=True) if m is not None]
        total = sum(w for w, _m in weights)
        weighted = sum(w * m for w, m in weights) / total if total else None
        rows.append(ScoreRow(idea, row_means, weighted, scorers.get(idea.pk, 0)))
    return rows


def member_scores(idea: Idea, person: Person | None) -> dict[int, int]:
    if person is None:
        return {}
    return dict(Score.objects.filter(idea=idea, member=person).values_list("criterion_id", "value"))


# --- rounds and meetings ----------------------------------------------------------------------


def round_list() -> QuerySet[Round]:
    """Rounds, newest first, each with its number of submitted ideas.

    The count is a subquery per round on the round index, not a join grouped over every idea.
    """
    counts = (
        Idea.objects.filter(round=OuterRef("pk"))
        .exclude(state=Idea.State.DRAFT)
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Round.objects.select_related("decision_meeting__forum")
        .annotate(idea_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        .order_by("-deadline", "-id")
    )


def round_ideas(round: Round) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(round=round)
        .exclude(state=Idea.State.DRAFT)
        .select_related("proposer")
        .only("title", "state", "kind", "support_count", "comment_count", "proposer__name")
        .order_by("-support_count", "title", "id")
    )


def later_rounds(round: Round | None) -> QuerySet[Round]:
    rounds = Round.objects.order_by("deadline", "pk")
    if round is not None:
        rounds = rounds.filter(deadline__gt=round.deadline)
    return rounds


def meeting_agenda(meeting: ForumMeeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("idea__proposer", "idea__round")
        .order_by("position", "id")
    )


def export_rows(round: Round) -> list[list[Any]]:
    """The round's ideas for the forum's paper packet: one row per idea, in two queries."""
    ideas = list(
        Idea.objects.filter(round=round)
        .exclude(state=Idea.State.DRAFT)
        .select_related("proposer")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.only("name")))
        .order_by("-support_count", "title", "id")
    )
    criteria = list(round.criteria.all())
    scores = {row.idea.pk: row for row in score_table(ideas, criteria)}
    rows = []
    for idea in ideas:
        weighted = scores[idea.pk].weighted
        rows.append(
            [
                idea.pk,
                idea.title,
                idea.get_state_display(),
                idea.get_kind_display(),
                idea.proposer.name,
                ", ".join(unit.name for unit in idea.units.all()),
                idea.problem,
                idea.benefit,
                idea.support_count,
                idea.comment_count,
                round_score(weighted),
                timezone.localdate(idea.submitted_at).isoformat() if idea.submitted_at else "",
            ]
        )
    return rows


def round_score(value: float | None) -> float | str:
    return "" if value is None else round(value, 2)
