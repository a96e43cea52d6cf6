"""Every write to the handbook goes through a function here.

Each service checks its permission (rules.py), writes in one transaction with an audit entry,
and keeps what is derived from the Markdown (the sanitised HTML and the search text) in step.
Each save is also a revision (django-simple-history) naming who saved it and why.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.expressions import CombinedExpression
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission

from .markdown import render
from .models import Page

PAGE_FIELDS = ["chapter", "title", "summary", "body", "order"]
AUDIT_FIELDS = ["slug", *PAGE_FIELDS, "version"]
REASON_LIMIT = 100  # simple_history's history_change_reason


class StalePage(Exception):
    """The page was saved by someone else since the editor loaded it."""

    def __init__(self, current: Page) -> None:
        super().__init__("stale page")
        self.current = current


def search_text(title: str, summary: str, body: str) -> str:
    """What the search on SQLite matches words in: the page's text, casefolded."""
    return " ".join([title, summary, body]).casefold()


def search_vector() -> CombinedExpression:
    return (
        SearchVector("title", weight="A", config="danish")
        + SearchVector("summary", weight="B", config="danish")
        + SearchVector("body", weight="C", config="danish")
    )


def _save(page: Page, *, by: User | None, reason: str) -> None:
    """Save with what is derived from the text, as a revision by `by` with `reason`."""
    page.body_html = render(page.body)
    page.search_text = search_text(page.title, page.summary, page.body)
    page.updated_at = timezone.now()
    page.updated_by = by
    page._history_user = by  # type: ignore[attr-defined]
    page._change_reason = reason[:REASON_LIMIT]  # type: ignore[attr-defined]
    page.save()
    if connection.vendor == "postgresql":
        Page.objects.filter(pk=page.pk).update(search_vector=search_vector())


def _check_slug(slug: str) -> None:
    if Page.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another page has this address already.")})


def page_create(
    *,
    slug: str,
    chapter: int,
    title: str,
    body: str,
    summary: str = "",
    order: int = 0,
    reason: str = "",
    by: User | None,
) -> Page:
    """Write a new handbook page (its first revision)."""
    require_permission(by, "handbook.change_page")
    with transaction.atomic():
        _check_slug(slug)
        page = Page(
            slug=slug, chapter=chapter, title=title, summary=summary, body=body, order=order
        )
        _save(page, by=by, reason=reason or _("Page created"))
        audit_record(
            actor=by,
            action="handbook.page.create",
            target=page,
            after=snapshot(page, AUDIT_FIELDS),
        )
    return page


def page_update(
    *, page: Page, version: int, by: User | None, reason: str = "", **fields: Any
) -> Page:
    """Change a page; refused with StalePage if someone saved it since `version`."""
    unknown = set(fields) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown page fields: {sorted(unknown)}")
    require_permission(by, "handbook.change_page", page)
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        if current.version != version:
            raise StalePage(current)
        before = snapshot(current, AUDIT_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version += 1
        _save(current, by=by, reason=reason or _("Page changed"))
        audit_record(
            actor=by,
            action="handbook.page.update",
            target=current,
            before=before,
            after=snapshot(current, AUDIT_FIELDS),
        )
    return current


def page_restore(*, page: Page, revision_id: int, version: int, by: User | None) -> Page:
    """Make an earlier revision's text the current one again (itself a new revision)."""
    require_permission(by, "handbook.change_page", page)
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        if current.version != version:
            raise StalePage(current)
        revision = current.history.get(history_id=revision_id)
        before = snapshot(current, AUDIT_FIELDS)
        for name in PAGE_FIELDS:
            setattr(current, name, getattr(revision, name))
        current.version += 1
        when = timezone.localtime(revision.history_date).strftime("%d.%m.%Y %H:%M")
        _save(current, by=by, reason=_("Restored the version of %(when)s") % {"when": when})
        audit_record(
            actor=by,
            action="handbook.page.restore",
            target=current,
            before=before,
            after={**snapshot(current, AUDIT_FIELDS), "restored_revision": revision_id},
        )
    return current


def template_link(*, template: Model, page: Page | None, by: User | None) -> Model:
    """Point a contract template, workshop design or evaluation template to its handbook page.

    The template keeps the link (`handbook_page`, one-to-one); None removes it.
    """
    require_permission(by, "handbook.change_page", page)
    with transaction.atomic():
        model = type(template)
        current = model._default_manager.select_for_update().get(pk=template.pk)
        before = {"handbook_page": str(current.handbook_page or "")}  # type: ignore[attr-defined]
        if page is not None:
            # One page describes one template of each kind: a page moved here leaves the other.
            model._default_manager.filter(handbook_page=page).exclude(pk=current.pk).update(
                handbook_page=None
            )
        current.handbook_page = page  # type: ignore[attr-defined]
        current.save(update_fields=["handbook_page"])
        audit_record(
            actor=by,
            action="handbook.template.link",
            target=current,
            before=before,
            after={"handbook_page": str(page or "")},
        )
    return current
