"""The involvement log, the learning log and documents of a network. Thin views.

Every page starts from `network_or_404`: a network the user may not see does not exist for
them, and neither do its entries or files.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from netvaerk.core.views import edit_conflict, paginate, request_user
from netvaerk.networks.models import Network
from netvaerk.networks.views import network_or_404, require_perm

from . import selectors, services, uploads
from .forms import DocumentForm, InvolvementForm, LearningNoteForm, MarkForm, NoteFilterForm
from .models import Document, Involvement, LearningNote


def _entry(
    model: type[Involvement] | type[LearningNote] | type[Document], network: Network, pk: int
) -> Any:
    entry = selectors.entry_in_network(model, network, pk)
    if entry is None:
        raise Http404
    return entry


STALE_ENTRY = gettext_lazy(
    "Someone else saved this entry while you were editing it. Your text is kept "
    "below; compare it with theirs and save again."
)


def _with_permissions(page: Page, permissions: dict[str, str], user: Any) -> Page:
    """Evaluate the page once and tell each entry what the user may do with it."""
    page.object_list = list(page.object_list)
    for entry in page.object_list:
        entry.can = {name: user.has_perm(perm, entry) for name, perm in permissions.items()}
    return page


def _url(name: str, network: Network) -> str:
    return reverse(name, args=[network.pk])


# --- involvement log ---------------------------------------------------------------------------


def _involvement_page(
    request: HttpRequest, network: Network, form: InvolvementForm | None = None, status: int = 200
) -> HttpResponse:
    can_write = request.user.has_perm("networks.write_logs", network)
    entries = _with_permissions(
        paginate(request, selectors.involvement_list(network)),
        {"change": "logbook.change_involvement"},
        request.user,
    )
    context = {
        "network": network,
        "entries": entries,
        "summary": selectors.involvement_summary(network),
        "form": (form or InvolvementForm()) if can_write else None,
    }
    return render(request, "logbook/involvement.html", context, status=status)


class InvolvementView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _involvement_page(request, network_or_404(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "networks.write_logs", network)
        form = InvolvementForm(request.POST)
        if not form.is_valid():
            return _involvement_page(request, network, form, status=400)
        data = form.cleaned_data
        services.involvement_create(
            network=network,
            by=request_user(request),
            **{name: data[name] for name in services.INVOLVEMENT_FIELDS},
        )
        messages.success(request, _("The involvement was added to the log."))
        return redirect(_url("logbook:involvement", network))


class InvolvementEditView(LoginRequiredMixin, View):
    template_name = "logbook/involvement_form.html"

    def _entry(self, request: HttpRequest, pk: int, entry_pk: int) -> Involvement:
        entry = _entry(Involvement, network_or_404(request, pk), entry_pk)
        require_perm(request, "logbook.change_involvement", entry)
        return entry

    def get(self, request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
        entry = self._entry(request, pk, entry_pk)
        context = {
            "network": entry.network,
            "entry": entry,
            "form": InvolvementForm(instance=entry),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
        entry = self._entry(request, pk, entry_pk)
        form = InvolvementForm(request.POST, instance=Involvement.objects.get(pk=entry.pk))
        context: dict[str, Any] = {"network": entry.network, "entry": entry, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.involvement_update(
                entry=entry,
                version=data["version"] or 0,
                by=request_user(request),
                **{name: data[name] for name in services.INVOLVEMENT_FIELDS},
            )
        except services.StaleEntry as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=InvolvementForm.Meta.fields,
                message=STALE_ENTRY,
                template_name=self.template_name,
                context=context,
            )
        messages.success(request, _("Your changes were saved."))
        return redirect(_url("logbook:involvement", entry.network))


class InvolvementDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
        entry = _entry(Involvement, network_or_404(request, pk), entry_pk)
        services.involvement_delete(entry=entry, by=request_user(request))
        messages.success(request, _("The involvement was deleted."))
        return redirect(_url("logbook:involvement", entry.network))


# --- learning log ------------------------------------------------------------------------------


def _learning_page(
    request: HttpRequest, network: Network, form: LearningNoteForm | None = None, status: int = 200
) -> HttpResponse:
    can_write = request.user.has_perm("networks.write_logs", network)
    filter_form = NoteFilterForm(request.GET)
    marked_only = filter_form.is_valid() and filter_form.cleaned_data["markeret"]
    notes = _with_permissions(
        paginate(request, selectors.learning_notes(network, marked_only=marked_only)),
        {"change": "logbook.change_learningnote", "mark": "logbook.mark_learningnote"},
        request.user,
    )
    context = {
        "network": network,
        "notes": notes,
        "filter_form": filter_form,
        "marked_only": marked_only,
        "form": (form or LearningNoteForm()) if can_write else None,
    }
    return render(request, "logbook/learning.html", context, status=status)


class LearningView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _learning_page(request, network_or_404(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "networks.write_logs", network)
        form = LearningNoteForm(request.POST)
        if not form.is_valid():
            return _learning_page(request, network, form, status=400)
        data = form.cleaned_data
        services.learning_note_create(
            network=network,
            by=request_user(request),
            **{name: data[name] for name in services.NOTE_FIELDS},
        )
        messages.success(request, _("The note was added to the learning log."))
        return redirect(_url("logbook:learning", network))


class LearningEditView(LoginRequiredMixin, View):
    template_name = "logbook/learning_form.html"

    def _note(self, request: HttpRequest, pk: int, note_pk: int) -> LearningNote:
        note = _entry(LearningNote, network_or_404(request, pk), note_pk)
        require_perm(request, "logbook.change_learningnote", note)
        return note

    def get(self, request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
        note = self._note(request, pk, note_pk)
        context = {"network": note.network, "note": note, "form": LearningNoteForm(instance=note)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
        note = self._note(request, pk, note_pk)
        form = LearningNoteForm(request.POST, instance=LearningNote.objects.get(pk=note.pk))
        context: dict[str, Any] = {"network": note.network, "note": note, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.learning_note_update(
                note=note,
                version=data["version"] or 0,
                by=request_user(request),
                **{name: data[name] for name in services.NOTE_FIELDS},
            )
        except services.StaleEntry as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=LearningNoteForm.Meta.fields,
                message=STALE_ENTRY,
                template_name=self.template_name,
                context=context,
            )
        messages.success(request, _("Your changes were saved."))
        return redirect(_url("logbook:learning", note.network))


class LearningMarkView(LoginRequiredMixin, View):
    """Mark a note for the status report (`for_status_report=1`) or take the mark off."""

    def post(self, request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
        note = _entry(LearningNote, network_or_404(request, pk), note_pk)
        form = MarkForm(request.POST)
        form.is_valid()  # a checkbox: anything but a true value is "not marked"
        marked = bool(form.cleaned_data.get("for_status_report"))
        services.learning_note_mark(note=note, for_status_report=marked, by=request_user(request))
        messages.success(
            request,
            _("The note will be used in the status report.")
            if marked
            else _("The note will not be used in the status report."),
        )
        return redirect(f"{_url('logbook:learning', note.network)}#note-{note.pk}")


class LearningDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
        note = _entry(LearningNote, network_or_404(request, pk), note_pk)
        services.learning_note_delete(note=note, by=request_user(request))
        messages.success(request, _("The note was deleted."))
        return redirect(_url("logbook:learning", note.network))


# --- documents ---------------------------------------------------------------------------------


def _documents_page(
    request: HttpRequest, network: Network, form: DocumentForm | None = None, status: int = 200
) -> HttpResponse:
    can_write = request.user.has_perm("networks.write_logs", network)
    documents = _with_permissions(
        paginate(request, selectors.document_list(network)),
        {"delete": "logbook.delete_document"},
        request.user,
    )
    context = {
        "network": network,
        "documents": documents,
        "form": (form or DocumentForm()) if can_write else None,
    }
    return render(request, "logbook/documents.html", context, status=status)


class DocumentsView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _documents_page(request, network_or_404(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "networks.write_logs", network)
        form = DocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return _documents_page(request, network, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                network=network,
                upload=upload,
                name=upload.name or "",
                size=upload.size or 0,
                title=form.cleaned_data["title"],
                by=request_user(request),
            )
        except ValidationError as error:
            form.add_error("file", error)
            return _documents_page(request, network, form, status=400)
        messages.success(request, _("The document was uploaded."))
        return redirect(_url("logbook:documents", network))


class DocumentDownloadView(LoginRequiredMixin, View):
    """The file, always as an attachment with a type from the allow-list; never inline."""

    def get(self, request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
        document: Document = _entry(Document, network_or_404(request, pk), document_pk)
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, ValueError) as missing:
            raise Http404 from missing
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.filename,
            content_type=uploads.download_content_type(document.content_type, document.filename),
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


class DocumentDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
        document = _entry(Document, network_or_404(request, pk), document_pk)
        services.document_delete(document=document, by=request_user(request))
        messages.success(request, _("The document was deleted."))
        return redirect(_url("logbook:documents", document.network))
