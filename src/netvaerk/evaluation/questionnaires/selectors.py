"""Reads of questionnaires and their results, each with a number of queries that does not grow.

Results exist only for a questionnaire with at least `min_group_size()` finished responses:
below that, a report says how many have answered and nothing else. Nothing here returns who
answered what; free-text answers are handed out sorted, not in the order they were given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from netvaerk.evaluation.tokens import min_group_size
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

from .models import (
    Question,
    QuestionAnswer,
    Questionnaire,
    QuestionnaireInvitation,
    QuestionnaireResponse,
)


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    answered: int
    # Choice: (option, count) in the options' order; scale: ("1".."5", count).
    options: list[tuple[str, int]]
    mean: float | None  # scale only
    texts: list[str]  # free text only

    @property
    def rows(self) -> list[tuple[str, int, float]]:
        """(label, count, percent of those who answered the question) for tables and bars."""
        return [
            (label, count, 100 * count / self.answered if self.answered else 0.0)
            for label, count in self.options
        ]


@dataclass(frozen=True)
class QuestionnaireReport:
    questionnaire: Questionnaire
    invited: int
    respondents: int
    shown: bool
    questions: list[QuestionSummary]  # empty when not shown

    @property
    def minimum(self) -> int:
        return min_group_size()


def _respondents() -> Coalesce:
    finished = (
        QuestionnaireResponse.objects.filter(questionnaire=OuterRef("pk"), finished=True)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(finished, output_field=IntegerField()), 0)


def _with_counts(questionnaires: QuerySet[Questionnaire]) -> QuerySet[Questionnaire]:
    """Each with `invited`, `finished` (invitations) and `respondents` (finished responses)."""
    return questionnaires.annotate(
        invited=Count("invitations", distinct=True),
        finished_count=Count("invitations", filter=Q(invitations__finished=True), distinct=True),
        respondents=_respondents(),
    )


def questionnaire_list(network: Network) -> QuerySet[Questionnaire]:
    return _with_counts(
        Questionnaire.objects.filter(network=network).select_related("network")
    ).order_by("-created_at", "-id")


def questionnaire_in_network(network: Network, pk: int) -> Questionnaire | None:
    """The questionnaire with `pk` if it belongs to `network` (else None: a 404), with counts."""
    return (
        _with_counts(Questionnaire.objects.filter(network=network, pk=pk))
        .select_related("network", "created_by")
        .first()
    )


def question_in_questionnaire(questionnaire: Questionnaire, pk: int) -> Question | None:
    return Question.objects.filter(questionnaire=questionnaire, pk=pk).first()


def questions(questionnaire: Questionnaire) -> list[Question]:
    return list(Question.objects.filter(questionnaire=questionnaire).order_by("order", "pk"))


def stored_answers(questionnaire: Questionnaire, key: str) -> dict[int, tuple[list[int], str]]:
    """A respondent's saved answers (question id → (values, text)), found by their key only."""
    rows = QuestionAnswer.objects.filter(
        response__questionnaire=questionnaire, response__key=key
    ).values_list("question_id", "values", "text")
    return {question: (list(values or []), text) for question, values, text in rows}


def _summaries(
    questions: list[Question], answers: list[tuple[int, Any, str]]
) -> list[QuestionSummary]:
    by_question: dict[int, list[tuple[Any, str]]] = defaultdict(list)
    for question_id, values, text in answers:
        by_question[question_id].append((values or [], text))
    summaries = []
    for question in questions:
        given = by_question.get(question.pk, [])
        if question.kind == Question.Kind.TEXT:
            texts = sorted((text for _values, text in given if text.strip()), key=str.casefold)
            summaries.append(QuestionSummary(question, len(texts), [], None, texts))
            continue
        counts: Counter[int] = Counter()
        answered = 0
        for values, _text in given:
            if values:
                answered += 1
                counts.update(int(v) for v in values)
        mean = None
        if question.kind == Question.Kind.SCALE:
            options = [(str(value), counts[value]) for value in range(1, 6)]
            total = sum(value * n for value, n in counts.items() if 1 <= value <= 5)
            mean = total / answered if answered else None
        else:
            options = [(label, counts[position]) for position, label in enumerate(question.options)]
        summaries.append(QuestionSummary(question, answered, options, mean, []))
    return summaries


def reports(questionnaires: list[Questionnaire]) -> list[QuestionnaireReport]:
    """Reports of questionnaires annotated by `_with_counts`, in two more queries at most."""
    minimum = min_group_size()
    shown_ids = [q.pk for q in questionnaires if q.respondents >= minimum]  # type: ignore[attr-defined]
    by_questionnaire: dict[int, list[Question]] = defaultdict(list)
    answers: dict[int, list[tuple[int, Any, str]]] = defaultdict(list)
    if shown_ids:
        for question in Question.objects.filter(questionnaire__in=shown_ids).order_by(
            "questionnaire", "order", "pk"
        ):
            by_questionnaire[question.questionnaire_id].append(question)
        rows = QuestionAnswer.objects.filter(
            response__questionnaire__in=shown_ids, response__finished=True
        ).values_list("response__questionnaire_id", "question_id", "values", "text")
        for questionnaire_id, question_id, values, text in rows:
            answers[questionnaire_id].append((question_id, values, text))
    result = []
    for questionnaire in questionnaires:
        shown = questionnaire.pk in shown_ids
        result.append(
            QuestionnaireReport(
                questionnaire=questionnaire,
                invited=questionnaire.invited,  # type: ignore[attr-defined]
                respondents=questionnaire.respondents,  # type: ignore[attr-defined]
                shown=shown,
                questions=_summaries(by_questionnaire[questionnaire.pk], answers[questionnaire.pk])
                if shown
                else [],
            )
        )
    return result


def questionnaire_report(questionnaire: Questionnaire) -> QuestionnaireReport:
    """The report of one questionnaire (from `questionnaire_in_network`, which counts)."""
    return reports([questionnaire])[0]


def network_report(network: Network) -> list[QuestionnaireReport]:
    """The results of the network's opened and closed questionnaires, oldest first."""
    questionnaires = list(
        _with_counts(
            Questionnaire.objects.filter(network=network)
            .exclude(state=Questionnaire.State.DRAFT)
            .select_related("network")
        ).order_by("opened_at", "pk")
    )
    return reports(questionnaires)


def pending_invitations(person: Person) -> list[QuestionnaireInvitation]:
    """The person's invitations to questionnaires that still take answers, not yet finished."""
    today = timezone.localdate()
    return list(
        QuestionnaireInvitation.objects.filter(
            person=person, finished=False, questionnaire__state=Questionnaire.State.OPEN
        )
        .filter(Q(questionnaire__closes_on=None) | Q(questionnaire__closes_on__gte=today))
        .select_related("questionnaire__network")
        .order_by("questionnaire__closes_on", "pk")
    )
