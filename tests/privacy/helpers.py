"""Shared by the privacy tests: the demo's former employee, and a search of every text column."""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.db import models

from netvaerk.organisation.models import Person
from netvaerk.privacy.demo import FORMER_EMPLOYEE


def former_employee() -> Person:
    return Person.objects.select_related("user").get(name=FORMER_EMPLOYEE)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def where_text_is(needle: str) -> list[str]:
    """Every "app.model.field #pk" of every model whose text or JSON holds `needle` (any case)."""
    found = []
    wanted = needle.casefold()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values("pk", *fields).iterator():
            for name in fields:
                if row[name] is not None and wanted in _text(row[name]).casefold():
                    found.append(f"{model._meta.label}.{name} #{row['pk']}")
    return found
