"""Finding and replacing text copies of a person's name and e-mail in every table.

Names are copied as text in many places: the audit log (who changed what, and the values
before and after), notifications, the import summaries, invitations, handbook revisions, free
text people wrote. Rather than list those columns (and miss the next one), anonymisation
searches every text and JSON column of every model for the name and the e-mail address, as
whole words and in any letter case, and puts the placeholder in their place.

The people's own rows (organisation.Person, core.User) are not searched: the person's own row
is rewritten by the service, and another person with the same name keeps theirs. A free-text
mention of someone else with the very same full name would be replaced too; that is accepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

# Shorter needles would match inside ordinary words.
MIN_LENGTH = 4
# Models never searched: the people's own rows, tables holding no copied text, and survey
# responses and answers, which are pseudonymous and stay exactly as they were given.
SKIPPED = {
    "organisation.person",
    "core.user",
    "surveys.tieresponse",
    "surveys.tieanswer",
    "questionnaires.questionnaireresponse",
    "questionnaires.questionanswer",
    "auth.permission",
    "contenttypes.contenttype",
    "sessions.session",
}


@dataclass(frozen=True)
class Scrubber:
    """Replaces each needle (a name or e-mail) in text and JSON values with its replacement."""

    replacements: dict[str, str]

    @classmethod
    def build(cls, replacements: dict[str, str]) -> Scrubber:
        kept = {
            needle.strip(): value
            for needle, value in replacements.items()
            if len(needle.strip()) >= MIN_LENGTH
        }
        return cls(kept)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.replacements:
            return None
        needles = sorted(self.replacements, key=len, reverse=True)
        alternatives = "|".join(re.escape(needle) for needle in needles)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def _replacement(self, match: re.Match[str]) -> str:
        found = match.group(0)
        for needle, value in self.replacements.items():
            if needle.casefold() == found.casefold():
                # A casefolded copy (a search column) gets a casefolded placeholder.
                lowered = found == found.casefold() and needle != needle.casefold()
                return value.casefold() if lowered else value
        return ""  # pragma: no cover - the pattern only matches needles

    def text(self, value: str) -> str:
        pattern = self.pattern
        return pattern.sub(self._replacement, value) if pattern else value

    def data(self, value: Any) -> Any:
        """A JSON value with every string (keys too) scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.data(item) for item in value]
        if isinstance(value, dict):
            return {self.text(str(key)): self.data(item) for key, item in value.items()}
        return value

    def variants(self) -> set[str]:
        """What the database is asked for: each needle as typed, lowercased, and as JSON
        escapes it (SQLite keeps JSON with non-ASCII letters escaped)."""
        found: set[str] = set()
        for needle in self.replacements:
            for form in (needle, needle.lower(), needle.casefold()):
                found.add(form)
                found.add(json.dumps(form)[1:-1])
        return found


def text_fields(model: type[models.Model]) -> tuple[list[str], list[str]]:
    """The model's text columns and its JSON columns."""
    texts, jsons = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.JSONField):
            jsons.append(field.name)
        elif isinstance(field, models.CharField | models.TextField):
            texts.append(field.name)
    return texts, jsons


def searched_models() -> Iterable[type[models.Model]]:
    for model in apps.get_models():
        if model._meta.label_lower not in SKIPPED and not model._meta.proxy:
            yield model


def scrub_everywhere(scrubber: Scrubber) -> int:
    """Replace the needles in every searched column of every model; the number of rows changed."""
    if not scrubber.replacements:
        return 0
    variants = scrubber.variants()
    changed = 0
    for model in searched_models():
        texts, jsons = text_fields(model)
        if not texts and not jsons:
            continue
        manager = model._base_manager
        casts = {f"_scrub_{name}": Cast(name, TextField()) for name in jsons}
        query = Q()
        for variant in variants:
            for name in [*texts, *casts]:
                query |= Q(**{f"{name}__icontains": variant})
        rows = manager.annotate(**casts).filter(query).only("pk", *texts, *jsons)
        for row in list(rows):
            updates: dict[str, Any] = {}
            for name in texts:
                value = getattr(row, name)
                if isinstance(value, str) and (new := scrubber.text(value)) != value:
                    updates[name] = new
            for name in jsons:
                value = getattr(row, name)
                if (new := scrubber.data(value)) != value:
                    updates[name] = new
            if updates:
                # An update, not save(): no signals, no new revision of a historical model.
                manager.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed
