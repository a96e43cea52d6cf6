"""Reads of the handbook, each with a number of queries that does not grow with the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .diff import DiffRow, text_diff
from .models import Chapter, Page

LIST_FIELDS = ("slug", "chapter", "title", "summary", "order")
TEMPLATE_RELATIONS = ("contract_template", "workshop_design", "evaluation_template")


@dataclass(frozen=True)
class ChapterEntry:
    chapter: Chapter
    pages: list[Page]

    @property
    def label(self) -> str:
        return str(self.chapter.label)


def table_of_contents() -> list[ChapterEntry]:
    """Every chapter in its fixed order with its pages in order (one query)."""
    by_chapter: dict[int, list[Page]] = {chapter.value: [] for chapter in Chapter}
    for page in Page.objects.only(*LIST_FIELDS).order_by("chapter", "order", "title", "pk"):
        by_chapter.setdefault(page.chapter, []).append(page)
    return [ChapterEntry(chapter, by_chapter[chapter.value]) for chapter in Chapter]


def page_search(query: str) -> QuerySet[Page]:
    """Pages whose title, summary or text match `query`: best match first on PostgreSQL
    (Danish full text, web-search syntax), every word as a part of a word on SQLite."""
    pages = Page.objects.only(*LIST_FIELDS)
    if connection.vendor == "postgresql":
        search = SearchQuery(query, config="danish", search_type="websearch")
        return (
            pages.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "chapter", "order", "pk")
        )
    for word in query.casefold().split():
        pages = pages.filter(search_text__contains=word)
    return pages.order_by("chapter", "order", "title", "pk")


def page_for_page(slug: str) -> Page:
    """The page with who changed it last and the template it describes, if any (one query)."""
    return (
        Page.objects.defer("search_text", "search_vector")
        .select_related("updated_by__person", *TEMPLATE_RELATIONS)
        .get(slug=slug)
    )


def neighbours(page: Page) -> tuple[Page | None, Page | None]:
    """The previous and the next page in the page's chapter (two queries)."""
    siblings = Page.objects.filter(chapter=page.chapter).only("slug", "title")
    before = Q(order__lt=page.order) | Q(order=page.order, title__lt=page.title)
    after = Q(order__gt=page.order) | Q(order=page.order, title__gt=page.title)
    previous = siblings.filter(before).order_by("-order", "-title", "-pk").first()
    following = siblings.filter(after).order_by("order", "title", "pk").first()
    return previous, following


def revision_list(page: Page) -> QuerySet[Any]:
    """The page's revisions, newest first, with who saved them."""
    return (
        page.history.select_related("history_user__person")
        .defer("body", "summary")
        .order_by("-history_date", "-history_id")
    )


def revision_of(page: Page, revision_id: int) -> Any:
    """One revision of the page (DoesNotExist when it is not this page's)."""
    return page.history.select_related("history_user__person").get(history_id=revision_id)


@dataclass(frozen=True)
class FieldChange:
    label: str | Promise
    old: str
    new: str


@dataclass(frozen=True)
class Comparison:
    fields: list[FieldChange]
    body: list[DiffRow]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(row.status != "same" for row in self.body)


def compare(revision: Any, page: Page) -> Comparison:
    """An earlier revision against the page as it is now (no queries)."""
    labels = {
        "title": _("Title"),
        "summary": _("Summary"),
        "chapter": _("Chapter"),
        "order": _("Order in the chapter"),
    }

    def shown(name: str, obj: Any) -> str:
        value = getattr(obj, name)
        return str(Chapter(value).label) if name == "chapter" else str(value)

    fields = [
        FieldChange(label, shown(name, revision), shown(name, page))
        for name, label in labels.items()
        if getattr(revision, name) != getattr(page, name)
    ]
    return Comparison(fields, text_diff(revision.body, page.body))


# --- the template a page describes -------------------------------------------------------------


@dataclass(frozen=True)
class TemplateContent:
    """What a linked template holds, for reading on its handbook page."""

    kind: str  # "contract", "design" or "evaluation"
    title: str
    edit_url: str  # "" when it is not edited in the platform
    edit_permission: str
    use_text: str | Promise
    use_url: str
    sections: list[tuple[str, str]] = field(default_factory=list)
    agenda: list[tuple[int | None, str]] = field(default_factory=list)
    indicators: list[tuple[str, str, str, str]] = field(default_factory=list)
    duration_minutes: int | None = None


def _related(page: Page, name: str) -> Any:
    return getattr(page, name, None)  # a missing reverse one-to-one raises AttributeError


def _label(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def parse_indicators(text: str) -> list[tuple[str, str, str, str]]:
    """The suggested indicators, one per line "level | name | unit | data source"."""
    from netvaerk.evaluation.models import Level

    levels = {value: str(label) for value, label in Level.choices}
    rows = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 4 and parts[1]:
            rows.append((levels.get(parts[0], parts[0]), parts[1], parts[2], parts[3]))
    return rows


def template_content(page: Page) -> TemplateContent | None:
    """The template the page describes (already loaded by page_for_page: no queries)."""
    from django.core.exceptions import ValidationError

    from netvaerk.networks.contracts.models import TEXT_FIELDS
    from netvaerk.networks.meetings.services import parse_agenda

    contract = _related(page, "contract_template")
    if contract is not None:
        return TemplateContent(
            kind="contract",
            title=contract.title,
            edit_url=reverse("contracts:template_edit", args=[contract.pk]),
            edit_permission="contracts.manage_templates",
            use_text=_(
                "When a network of this type writes its contract, the contract starts from "
                "this template's text. The network leader then fills in the network's own "
                "purpose and problem, and the sponsor approves the contract."
            ),
            use_url=reverse("networks:list"),
            sections=[
                (_label(contract, name), getattr(contract, name))
                for name in TEXT_FIELDS
                if getattr(contract, name).strip()
            ],
        )
    design = _related(page, "workshop_design")
    if design is not None:
        try:
            agenda = parse_agenda(design.agenda)
        except ValidationError:
            agenda = [(None, line) for line in design.agenda.splitlines() if line.strip()]
        return TemplateContent(
            kind="design",
            title=design.title,
            edit_url=reverse("meetings:design_edit", args=[design.pk]),
            edit_permission="meetings.manage_designs",
            use_text=_(
                "When a network schedules its start-up workshop from this design, the workshop "
                "gets the design's agenda, which the network can then change."
            ),
            use_url=reverse("networks:list"),
            sections=[(_label(design, "description"), design.description)]
            if design.description.strip()
            else [],
            agenda=agenda,
            duration_minutes=design.duration_minutes,
        )
    evaluation = _related(page, "evaluation_template")
    if evaluation is not None:
        names = ("purpose", "questions_citizens", "questions_network", "questions_participants")
        return TemplateContent(
            kind="evaluation",
            title=evaluation.title,
            edit_url=reverse("evaluation:template_edit", args=[evaluation.pk]),
            edit_permission="evaluation.manage_templates",
            use_text=_(
                "When a network of this type makes its evaluation plan, the plan starts from "
                "this template's purpose and questions, and the suggested indicators are "
                "offered when the network adds its indicators."
            ),
            use_url=reverse("networks:list"),
            sections=[
                (_label(evaluation, name), getattr(evaluation, name))
                for name in names
                if getattr(evaluation, name).strip()
            ],
            indicators=parse_indicators(evaluation.indicators),
        )
    return None
