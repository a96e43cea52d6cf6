"""This app's part of the demo data (DESIGN.md §9), loaded after the networks and logbook demos.

- PROCESS asked its participants about their learning outcomes in December 2013: five of its
  six participants answered and the questionnaire is closed, so its results show.
- CAMPUS asked about satisfaction in November 2013, but only three answered: its results stay
  hidden ("too few answers").
- ELDERLY has an open satisfaction questionnaire; two have answered, medarbejder and the guest
  borger have not (their links are on their home page), and a draft for the follow-up.

The answers are stored through the answering service by each invitation's token, as the
respondents would.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone, translation

from netvaerk.networks.demo import CAMPUS, ELDERLY, PROCESS
from netvaerk.networks.models import Network

from . import services
from .models import Question, Questionnaire, QuestionnaireInvitation, QuestionnaireResponse
from .starters import STARTERS

# One respondent's answers, in question order: a position, positions, a scale value or text.
Answers = list[Any]

# The learning-outcomes starter: scale, tools used (multiple), shared (single), two texts.
PROCESS_ANSWERS: list[Answers] = [
    [
        5,
        [0, 1],
        0,
        "Jeg planlægger mine afdelingsmøder med en tydelig procesplan og slutter med aftaler.",
        "Tid til at øve mig og en kollega at sparre med.",
    ],
    [4, [1, 3], 1, "Jeg vil lade deltagerne formulere problemet, før vi taler løsninger.", ""],
    [
        4,
        [0, 2],
        0,
        "Jeg inddrager forældrene tidligere i de tværfaglige møder i PPR.",
        "At ledelsen bakker op, når møderne tager lidt længere tid i starten.",
    ],
    [3, [4], 2, "Jeg vil bruge tjeklisten til opfølgning efter møder.", ""],
    [
        5,
        [0, 1, 3],
        1,
        "Jeg bruger check-in og tydelige roller i HR's forandringsprojekter.",
        "Et netværksmøde mere om svære samtaler.",
    ],
]
# The satisfaction starter: two scales, time well spent (single), got most out of
# (multiple), what to do differently (text).
CAMPUS_ANSWERS: list[Answers] = [
    [4, 4, 1, [0, 1], "Flere møder ude på uddannelsesstederne."],
    [5, 4, 0, [1, 3], ""],
    [3, 3, 2, [0], "Kortere dagsorden."],
]
ELDERLY_ANSWERS: dict[str, Answers] = {
    "netvaerksleder": [4, 4, 1, [0, 3], "Mere tid til afprøvningerne mellem møderne."],
    "chef": [4, 3, 1, [1], ""],
}


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 9))


def _answer(token: str, answers: Answers) -> None:
    """Answer as the respondent with `token` would: through the answering service."""
    invitation = QuestionnaireInvitation.objects.select_related("questionnaire").get(token=token)
    questions = list(invitation.questionnaire.questions.order_by("order", "pk"))
    given: dict[int, services.Answer] = {}
    for question, value in zip(questions, answers, strict=True):
        if question.kind == Question.Kind.TEXT:
            given[question.pk] = ([], value)
        elif question.kind == Question.Kind.MULTIPLE:
            given[question.pk] = (list(value), "")
        else:
            given[question.pk] = ([value], "")
    services.response_save(invitation=invitation, answers=given, finish=True)


def _run(
    network: Network,
    *,
    title: str,
    intro: str,
    starter: str,
    answers: list[Answers],
    opened: datetime.datetime,
    closed: datetime.datetime | None,
) -> Questionnaire:
    questionnaire = services.questionnaire_create(
        network=network,
        title=title,
        purpose=STARTERS[starter].purpose,
        intro=intro,
        starter=starter,
        by=None,
    )
    services.questionnaire_open(questionnaire=questionnaire, by=None)
    tokens = list(
        QuestionnaireInvitation.objects.filter(questionnaire=questionnaire)
        .order_by("person__name")
        .values_list("token", flat=True)
    )
    for token, given in zip(tokens, answers, strict=False):
        _answer(token, given)
    if closed is not None:
        services.questionnaire_close(questionnaire=questionnaire, by=None)
    _backdate(questionnaire, opened, closed)
    return questionnaire


def _backdate(
    questionnaire: Questionnaire, opened: datetime.datetime, closed: datetime.datetime | None
) -> None:
    """The demo is set at the end of 2013: its questionnaires ran then, not at loading time."""
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        created_at=opened - datetime.timedelta(days=2), opened_at=opened, closed_at=closed
    )
    QuestionnaireInvitation.objects.filter(questionnaire=questionnaire).update(sent_at=opened)
    QuestionnaireResponse.objects.filter(questionnaire=questionnaire).update(
        updated_on=(opened + datetime.timedelta(days=3)).date()
    )


def load() -> None:
    networks = {n.title: n for n in Network.objects.filter(title__in=[PROCESS, CAMPUS, ELDERLY])}
    # The starter questions in Danish, as a Danish secretariat would create them.
    with translation.override("da"):
        _run(
            networks[PROCESS],
            title="Hvad har du lært i læringsnetværket?",
            intro="Fem minutter om, hvad du har lært, og hvordan du bruger det i din enhed.",
            starter="learning",
            answers=PROCESS_ANSWERS,
            opened=_at(2013, 12, 2),
            closed=_at(2013, 12, 16),
        )
        _run(
            networks[CAMPUS],
            title="Tilfredshed med netværksmøderne, efterår 2013",
            intro="Hvordan har du oplevet netværkets møder i efteråret?",
            starter="satisfaction",
            answers=CAMPUS_ANSWERS,
            opened=_at(2013, 11, 4),
            closed=_at(2013, 11, 22),
        )
        elderly = _run(
            networks[ELDERLY],
            title="Tilfredshed efter opstarten",
            intro="Hjælp os med at gøre de næste møder bedre. Det tager fem minutter.",
            starter="satisfaction",
            answers=[],
            opened=_at(2013, 12, 18),
            closed=None,
        )
        for username, given in ELDERLY_ANSWERS.items():
            invitation = QuestionnaireInvitation.objects.get(
                questionnaire=elderly, person__user__username=username
            )
            _answer(invitation.token, given)
        draft = services.questionnaire_create(
            network=networks[ELDERLY],
            title="Opfølgning efter afprøvningen",
            purpose=Questionnaire.Purpose.LEARNING,
            intro="Spørgsmål til deltagerne, når afprøvningen er slut.",
            by=None,
        )
    services.question_add(
        questionnaire=draft,
        kind=Question.Kind.SCALE,
        text="Hvor godt fungerede det faste telefonnummer for borgerne?",
        required=True,
        by=None,
    )
    services.question_add(
        questionnaire=draft,
        kind=Question.Kind.SINGLE,
        text="Skal netværket fortsætte med afprøvningen?",
        choices="Ja, som den er\nJa, med ændringer\nNej",
        by=None,
    )
    services.question_add(
        questionnaire=draft,
        kind=Question.Kind.TEXT,
        text="Hvad skal vi ændre, før løsningen forankres?",
        by=None,
    )
