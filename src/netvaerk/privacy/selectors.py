"""Reads for the privacy pages, each with a fixed number of queries."""

from __future__ import annotations

from typing import Any

from netvaerk.handbook.markdown import render
from netvaerk.organisation.models import Person

from .models import PrivacyNotice
from .starter import STARTER_NOTICE


def own_person(user: Any) -> Person | None:
    """The signed-in user's own person, with what the export reads of it at once."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("unit", "user").filter(user=user).first()


def notice_for_page() -> PrivacyNotice:
    """The saved privacy notice; until the secretariat saves one, the starter text (version 0)."""
    notice = PrivacyNotice.objects.select_related("updated_by").order_by("pk").first()
    if notice is None:
        notice = PrivacyNotice(body=STARTER_NOTICE, body_html=render(STARTER_NOTICE), version=0)
    return notice
