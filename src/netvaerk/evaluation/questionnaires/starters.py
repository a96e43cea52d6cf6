"""The starter sets a new questionnaire can begin from, written for this project.

Each is a list of questions in English gettext strings; a questionnaire made from one gets the
questions in the language of the person who creates it, and they can be edited freely while
the questionnaire is a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Question, Questionnaire

Kind = Question.Kind


@dataclass(frozen=True)
class StarterQuestion:
    kind: str
    text: Promise
    options: tuple[Promise, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Starter:
    label: Promise
    purpose: str
    questions: tuple[StarterQuestion, ...]


STARTERS: dict[str, Starter] = {
    "satisfaction": Starter(
        _("Participant satisfaction"),
        Questionnaire.Purpose.SATISFACTION,
        (
            StarterQuestion(
                Kind.SCALE,
                _("How useful were the network meetings for your work?"),
                required=True,
            ),
            StarterQuestion(
                Kind.SCALE, _("How well were the meetings prepared and led?"), required=True
            ),
            StarterQuestion(
                Kind.SINGLE,
                _("Was the time you spent in the network well spent?"),
                (_("Yes, fully"), _("Mostly"), _("Partly"), _("No")),
            ),
            StarterQuestion(
                Kind.MULTIPLE,
                _("What did you get most out of?"),
                (
                    _("Knowledge from the other participants"),
                    _("New contacts across units"),
                    _("Tools and methods"),
                    _("Solutions we could test with citizens"),
                ),
            ),
            StarterQuestion(Kind.TEXT, _("What should the network do differently?")),
        ),
    ),
    "learning": Starter(
        _("Learning outcomes"),
        Questionnaire.Purpose.LEARNING,
        (
            StarterQuestion(
                Kind.SCALE, _("How much have you learned in the network?"), required=True
            ),
            StarterQuestion(
                Kind.MULTIPLE,
                _("Which of the network’s tools have you used in your own unit?"),
                (
                    _("Planning a process"),
                    _("Facilitating a meeting"),
                    _("Involving citizens or users"),
                    _("Following up on agreements"),
                    _("None yet"),
                ),
            ),
            StarterQuestion(
                Kind.SINGLE,
                _("Have you shared what you learned with your colleagues?"),
                (_("Yes, at a staff meeting"), _("Yes, informally"), _("Not yet")),
            ),
            StarterQuestion(
                Kind.TEXT, _("What will you do differently in your work?"), required=True
            ),
            StarterQuestion(Kind.TEXT, _("What do you need to keep using what you learned?")),
        ),
    ),
}


def starter_choices() -> list[tuple[str, Promise | str]]:
    return [
        ("", _("No starter set: I write the questions")),
        *[(key, starter.label) for key, starter in STARTERS.items()],
    ]
