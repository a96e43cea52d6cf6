"""The data export (core.personal_data) as a readable document: headings and tables.

Every section of the JSON becomes a section of the document, so the two never differ: a
mapping (one thing) is a table of label and value, a list of mappings a table with a column
per key, a list of values a list. Section and column names and coded values (roles, states,
kinds) are translated; a section or key added to the export later still appears, under its
code, until it is given a label here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SECTION_LABELS: dict[str, Promise] = {
    "person": _("About you"),
    "networks": _("Networks"),
    "ideas": _("Ideas you proposed"),
    "supported_ideas": _("Ideas you support"),
    "training": _("Training and courses"),
    "survey_invitations": _("Surveys you were invited to"),
    "comments": _("Comments"),
    "learning_notes": _("Learning notes"),
    "forums": _("Forums"),
    "secretariat": _("The network secretariat"),
    "account": _("Your account"),
    "notification_settings": _("Notifications"),
    "api_tokens": _("API tokens"),
}
KEY_LABELS: dict[str, Promise] = {
    "name": _("Name"),
    "email": _("E-mail"),
    "job_title": _("Job title"),
    "unit": _("Unit"),
    "kind": _("Kind"),
    "external_id": _("External id"),
    "active": _("Active"),
    "user": _("User name"),
    "network": _("Network"),
    "role": _("Role"),
    "joined_on": _("Joined"),
    "left_on": _("Left"),
    "hours_per_week": _("Hours per week"),
    "title": pgettext_lazy("name of a thing", "Title"),
    "state": _("State"),
    "created_at": _("Created"),
    "provider": _("Provider"),
    "started_on": _("Starts"),
    "completed_on": _("Completed"),
    "wave": _("Wave"),
    "sent_at": _("Sent"),
    "reminders": _("Reminders"),
    "finished": _("Answered"),
    "idea": _("Idea"),
    "written_at": _("Written"),
    "written_on": _("Date"),
    "text": _("Text"),
    "forum": _("Forum"),
    "starts_on": _("From"),
    "ends_on": _("Until"),
    "preferred_language": _("Language"),
    "last_login": _("Last signed in"),
    "scope": _("Access"),
    "last_used_at": _("Last used"),
    "revoked_at": _("Revoked"),
    "delivery": _("How you hear of it"),
}


def _value_labels() -> dict[tuple[str, str], dict[Any, Any]]:
    """The coded values of the export, by (section, key), read as the pages show them."""
    from netvaerk.api.models import ApiToken
    from netvaerk.core.models import NotificationSetting
    from netvaerk.core.notifications import KINDS
    from netvaerk.evaluation.surveys.models import TieWave
    from netvaerk.ideas.models import Idea
    from netvaerk.networks.logbook.models import LearningNote
    from netvaerk.networks.models import Participation
    from netvaerk.organisation.models import (
        ForumMembership,
        Person,
        SecretariatAssignment,
        Training,
    )

    choices: dict[tuple[str, str], type[models.Choices]] = {
        ("person", "kind"): Person.Kind,
        ("networks", "role"): Participation.Role,
        ("ideas", "state"): Idea.State,
        ("training", "kind"): Training.Kind,
        ("learning_notes", "kind"): LearningNote.Kind,
        ("forums", "role"): ForumMembership.Role,
        ("secretariat", "role"): SecretariatAssignment.Role,
        ("api_tokens", "scope"): ApiToken.Scope,
        ("survey_invitations", "wave"): TieWave.Kind,
        ("notification_settings", "delivery"): NotificationSetting.Delivery,
    }
    return {
        **{where: dict(labels.choices) for where, labels in choices.items()},
        ("survey_invitations", "kind"): SURVEY_KINDS,
        ("notification_settings", "kind"): {code: kind.label for code, kind in KINDS.items()},
        ("account", "preferred_language"): LANGUAGES,
    }


SURVEY_KINDS = {"tie_survey": _("Tie survey"), "questionnaire": _("Questionnaire")}
LANGUAGES = {"da": "Dansk", "en": "English"}


@dataclass
class Section:
    key: str
    title: str
    # One of: "fields" (rows of label, value), "table" (columns, rows), "list" (items).
    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _label(key: str) -> str:
    return str(KEY_LABELS.get(key, key))


def readable(
    section: str, key: str, value: Any, value_labels: dict[tuple[str, str], dict[Any, Any]]
) -> str:
    """One value as a reader understands it: dates in Danish, yes/no, choice labels."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    labels = value_labels.get((section, key))
    if labels is not None:
        return str(labels.get(value, value))
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return date_format(moment.date(), "DATE_FORMAT")
        return date_format(moment, "DATETIME_FORMAT")
    if isinstance(value, dict | list):
        return (
            ", ".join(f"{k}: {v}" for k, v in value.items())
            if isinstance(value, dict)
            else (", ".join(str(item) for item in value))
        )
    return str(value)


def sections(data: dict[str, Any]) -> list[Section]:
    """The export `data` as document sections, in the export's order."""
    found = []
    labels = _value_labels()
    for key, value in data.items():
        title = str(SECTION_LABELS.get(key, key))
        if isinstance(value, dict):
            rows = [[_label(k), readable(key, k, v, labels)] for k, v in value.items()]
            found.append(Section(key, title, "fields", rows=rows))
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            columns = list(dict.fromkeys(k for item in value for k in item))
            rows = [[readable(key, c, item.get(c), labels) for c in columns] for item in value]
            found.append(Section(key, title, "table", [_label(c) for c in columns], rows))
        elif isinstance(value, list):
            found.append(Section(key, title, "list", rows=[[str(item)] for item in value]))
        else:
            found.append(
                Section(key, title, "fields", rows=[[title, readable(key, key, value, labels)]])
            )
    return found
