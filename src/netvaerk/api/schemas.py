"""What the API reads and writes (the OpenAPI schema is built from these)."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, Field, field_validator

TEXT_LIMIT = 5_000


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("Fill in this field.")
    return value


Text = Annotated[str, Field(max_length=TEXT_LIMIT), AfterValidator(_no_nul)]
Title = Annotated[
    str, Field(min_length=1, max_length=200), AfterValidator(_no_nul), AfterValidator(_not_blank)
]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorBody


# --- ideas ------------------------------------------------------------------------------------


IdeaState = Literal[
    "draft", "submitted", "screening", "on_agenda", "selected", "parked", "rejected", "merged"
]
IdeaKind = Literal["welfare", "innovation", "learning", "unknown"]
Perspective = Literal["citizen", "employee"]


class IdeaOut(Schema):
    id: int
    title: str
    state: IdeaState
    kind: IdeaKind
    proposer: str
    round_id: int | None
    support_count: int
    comment_count: int
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None


class UnitRef(Schema):
    id: int
    name: str


class IdeaDetailOut(IdeaOut):
    problem: str
    benefit: str
    perspective: Perspective
    units: list[UnitRef]
    network_id: int | None
    supported_by_me: bool


class IdeaPage(Schema):
    items: list[IdeaOut]
    next_cursor: str | None


class IdeaIn(Schema):
    title: Title
    problem: Text = ""
    benefit: Text = ""
    perspective: Perspective = "citizen"
    kind: IdeaKind = "unknown"
    submit: bool = Field(True, description="Submit at once (else the idea is saved as a draft).")


class SupportOut(Schema):
    idea_id: int
    supported: bool
    changed: bool
    support_count: int


# --- networks ---------------------------------------------------------------------------------


NetworkKind = Literal["welfare", "innovation", "learning"]


class NetworkOut(Schema):
    id: int
    title: str
    kind: str
    phase: str
    is_private: bool
    leader: str | None
    sponsor: str | None
    participant_count: int
    created_at: datetime.datetime


class NetworkDetailOut(NetworkOut):
    purpose: str
    problem: str
    units: list[UnitRef]
    committee: str | None


class NetworkPage(Schema):
    items: list[NetworkOut]
    next_cursor: str | None


class ParticipantOut(Schema):
    id: int
    person_id: int
    name: str
    unit: str | None
    role: str
    kind: str
    joined_on: datetime.date


class ParticipantPage(Schema):
    items: list[ParticipantOut]
    next_cursor: str | None


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str


class MeetingPage(Schema):
    items: list[MeetingOut]
    next_cursor: str | None


class TieOut(Schema):
    source: str
    target: str
    score: float
    communication: float | None
    relationship: float | None
    respondents: int


class SurveyResultOut(Schema):
    survey_id: int
    survey: str
    wave_id: int
    wave: str
    is_open: bool
    invited: int
    finished: int
    respondents: int
    hidden_groups: int = Field(
        description="Groups left out because they had fewer respondents than the threshold."
    )
    min_group_size: int
    index: float | None
    communication: float | None
    relationship: float | None
    groups: list[str]
    ties: list[TieOut]


class EvaluationOut(Schema):
    network_id: int
    surveys: list[SurveyResultOut]


Group = Literal["citizens", "users", "relatives", "partners", "employees", "other"]
Method = Literal["interview", "workshop", "test", "panel", "survey", "observation", "other"]


def _not_in_future(value: datetime.date | None) -> datetime.date | None:
    if value is not None and value > timezone.localdate():
        raise ValueError("The date cannot be in the future.")
    return value


class InvolvementIn(Schema):
    group: Group
    method: Method
    happened_on: datetime.date
    what_changed: Annotated[Text, AfterValidator(_not_blank)]
    who: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] = ""
    people_count: int | None = Field(None, ge=1, le=100_000)

    _check_date = field_validator("happened_on")(lambda cls, v: _not_in_future(v))


class InvolvementOut(Schema):
    id: int
    network_id: int
    group: str
    method: str
    happened_on: datetime.date
    what_changed: str
    who: str
    people_count: int | None


class LearningNoteIn(Schema):
    text: Annotated[Text, AfterValidator(_not_blank)]
    kind: Literal["note", "story", "quote"] = "note"
    written_on: datetime.date | None = None

    _check_date = field_validator("written_on")(lambda cls, v: _not_in_future(v))


class LearningNoteOut(Schema):
    id: int
    network_id: int
    kind: str
    written_on: datetime.date
    text: str


# --- organisation ------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    name: str
    level: int
    parent_id: int | None
    external_id: str | None


class UnitPage(Schema):
    items: list[UnitOut]
    next_cursor: str | None


class PersonOut(Schema):
    id: int
    name: str
    title: str
    email: str
    kind: str
    unit_id: int | None
    unit: str | None
    is_manager: bool


class PersonPage(Schema):
    items: list[PersonOut]
    next_cursor: str | None
