"""Handbook pages. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import edit_conflict, paginate, request_user

from . import selectors, services
from .forms import PageForm, SearchForm
from .markdown import render as render_markdown
from .models import Chapter, Page


def _page(slug: str) -> Page:
    try:
        return selectors.page_for_page(slug)
    except Page.DoesNotExist as missing:
        raise Http404 from missing


class IndexView(PermissionRequiredMixin, View):
    """The table of contents by chapter, or the pages that match a search."""

    permission_required = "handbook.view_handbook"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = SearchForm(request.GET)
        if not form.is_valid():
            toc = {"form": form, "chapters": selectors.table_of_contents()}
            return render(request, "handbook/index.html", toc, status=400)
        query = form.cleaned_data["q"].strip()
        context: dict[str, Any] = {"form": form, "query": query}
        if query:
            context["results"] = paginate(request, selectors.page_search(query))
        else:
            context["chapters"] = selectors.table_of_contents()
        return render(request, "handbook/index.html", context)


class PageView(PermissionRequiredMixin, View):
    permission_required = "handbook.view_handbook"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = _page(slug)
        previous, following = selectors.neighbours(page)
        template = selectors.template_content(page)
        context = {
            "page": page,
            "chapter": Chapter(page.chapter).label,
            "previous": previous,
            "next": following,
            "template": template,
            "can_edit_template": bool(
                template and template.edit_url and request.user.has_perm(template.edit_permission)
            ),
        }
        return render(request, "handbook/page.html", context)


class _FormView(PermissionRequiredMixin, View):
    permission_required = "handbook.change_page"
    template_name = "handbook/form.html"

    def _render(self, request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
        return render(request, self.template_name, context, status=status)

    def _preview(self, request: HttpRequest, form: PageForm, **context: Any) -> HttpResponse:
        """The form again with the text as it will look; nothing is saved."""
        if not form.is_valid():
            return self._render(request, 400, form=form, **context)
        preview = render_markdown(form.cleaned_data["body"])
        return self._render(request, form=form, preview=preview, **context)


class PageCreateView(_FormView):
    def get(self, request: HttpRequest) -> HttpResponse:
        chapter = request.GET.get("kapitel", "")
        initial = {"chapter": int(chapter)} if chapter in {str(c.value) for c in Chapter} else {}
        return self._render(request, form=PageForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PageForm(request.POST)
        if request.POST.get("action") == "preview":
            return self._preview(request, form)
        if not form.is_valid():
            return self._render(request, 400, form=form)
        data = form.cleaned_data
        try:
            page = services.page_create(
                slug=data["slug"],
                reason=data["reason"],
                by=request_user(request),
                **{name: data[name] for name in services.PAGE_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, 400, form=form)
        messages.success(request, _("The page was created."))
        return redirect(page)


class PageEditView(_FormView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = _page(slug)
        return self._render(request, form=PageForm(instance=page), page=page)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = _page(slug)
        form = PageForm(request.POST, instance=Page.objects.get(pk=page.pk))
        if request.POST.get("action") == "preview":
            return self._preview(request, form, page=page)
        if not form.is_valid():
            return self._render(request, 400, form=form, page=page)
        data = form.cleaned_data
        try:
            page = services.page_update(
                page=page,
                version=data["version"] or 0,
                reason=data["reason"],
                by=request_user(request),
                **{name: data[name] for name in services.PAGE_FIELDS},
            )
        except services.StalePage as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=services.PAGE_FIELDS,
                message=_(
                    "Someone else saved this page while you were editing it. Your text is kept "
                    "below; compare it with theirs and save again."
                ),
                template_name=self.template_name,
                context={"page": stale.current},
            )
        messages.success(request, _("Your changes were saved."))
        return redirect(page)


class RevisionListView(PermissionRequiredMixin, View):
    permission_required = "handbook.view_revisions"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = _page(slug)
        revisions = paginate(request, selectors.revision_list(page))
        return render(request, "handbook/revisions.html", {"page": page, "revisions": revisions})


class RevisionView(PermissionRequiredMixin, View):
    """One earlier version compared with the current text; restoring it is a POST."""

    permission_required = "handbook.view_revisions"
    template_name = "handbook/revision.html"

    def _context(self, slug: str, revision_id: int) -> dict[str, Any]:
        page = _page(slug)
        try:
            revision = selectors.revision_of(page, revision_id)
        except ObjectDoesNotExist as missing:
            raise Http404 from missing
        return {
            "page": page,
            "revision": revision,
            "comparison": selectors.compare(revision, page),
        }

    def get(self, request: HttpRequest, slug: str, revision_id: int) -> HttpResponse:
        return render(request, self.template_name, self._context(slug, revision_id))

    def post(self, request: HttpRequest, slug: str, revision_id: int) -> HttpResponse:
        context = self._context(slug, revision_id)
        if not request.user.has_perm("handbook.change_page", context["page"]):
            raise PermissionDenied
        raw = request.POST.get("version", "")
        if not raw.isdigit():
            messages.error(request, _("The form was incomplete. Try again."))
            return render(request, self.template_name, context, status=400)
        try:
            page = services.page_restore(
                page=context["page"],
                revision_id=revision_id,
                version=int(raw),
                by=request_user(request),
            )
        except services.StalePage:
            messages.error(
                request,
                _(
                    "Someone else saved this page since you opened this version. Compare it "
                    "with the current text again before you restore it."
                ),
            )
            return render(request, self.template_name, self._context(slug, revision_id), status=409)
        messages.success(request, _("The earlier version is the current text again."))
        return redirect(page)
