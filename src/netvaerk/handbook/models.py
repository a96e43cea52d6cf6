"""The digital network handbook: pages in Markdown, grouped in fixed chapters, with revisions.

Every saved change of a page is a revision (django-simple-history), so any earlier text can be
compared with the current one and restored. The rendered, sanitised HTML is kept beside the
Markdown (written by the services), so reading a page never renders it again.

The secretariat's templates (contract templates, workshop designs, evaluation templates) point
to their handbook page (`handbook_page`, a one-to-one on their side); a page reaches its
template through the reverse relations `contract_template`, `workshop_design` and
`evaluation_template`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Chapter(models.IntegerChoices):
    """The handbook's chapters, in the order of its table of contents."""

    STRATEGY = 1, _("Strategy")
    ADMINISTRATIVE_BASIS = 2, _("Administrative basis")
    FACILITATION_GUIDE = 3, _("Facilitation guide")
    CONTRACT_TEMPLATES = 4, _("Contract templates")
    CAREER_PATH = 5, _("Career path")
    EVALUATION_GUIDE = 6, _("Evaluation guide")
    INVOLVEMENT_METHODS = 7, _("Involvement methods")
    WORKSHOP_DESIGNS = 8, _("Start-up workshop designs")


class Page(models.Model):
    chapter = models.PositiveSmallIntegerField(_("chapter"), choices=Chapter.choices)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    # The body as sanitised HTML (handbook.markdown.render), kept by the services.
    body_html = models.TextField(default="", editable=False)
    order = models.PositiveIntegerField(_("order in the chapter"), default=0)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised on every save; an edit made from an older version is refused (409).
    version = models.PositiveIntegerField(default=1)
    # Casefolded title, summary and text: the search on SQLite, where LIKE only folds ASCII.
    search_text = models.TextField(default="", editable=False)
    # Danish full-text document, kept by the services on PostgreSQL (unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["body_html", "search_text", "search_vector"])

    class Meta:
        ordering = ["chapter", "order", "title", "pk"]
        verbose_name = _("handbook page")
        verbose_name_plural = _("handbook pages")
        indexes = [models.Index(fields=["chapter", "order"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handbook:page", args=[self.slug])
