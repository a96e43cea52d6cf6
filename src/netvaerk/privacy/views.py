"""Personal data pages. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.documents import DOCUMENT_LANGUAGE, attachment, render_pdf
from netvaerk.core.personal_data import person_data, person_data_download
from netvaerk.core.views import edit_conflict, request_user
from netvaerk.handbook.markdown import render as render_markdown
from netvaerk.organisation.models import Person

from . import selectors, services
from .document import sections
from .forms import NoticeForm

NO_PERSON = "privacy/no_person.html"


class _OwnDataView(LoginRequiredMixin, View):
    """The signed-in user's own data; a user without a person is told there is none."""

    def get(self, request: HttpRequest) -> HttpResponse:
        person = selectors.own_person(request.user)
        if person is None:
            return render(request, NO_PERSON, status=404)
        return self.download(request, person)

    def download(self, request: HttpRequest, person: Person) -> HttpResponse:
        raise NotImplementedError


class MyDataJsonView(_OwnDataView):
    def download(self, request: HttpRequest, person: Person) -> HttpResponse:
        return person_data_download(person, "mine-data.json")


class MyDataPdfView(_OwnDataView):
    def download(self, request: HttpRequest, person: Person) -> HttpResponse:
        with translation.override(DOCUMENT_LANGUAGE):
            document = sections(person_data(person))
        context = {"person": person, "sections": document, "today": timezone.localdate()}
        pdf = render_pdf("privacy/my_data_print.html", context, request)
        return attachment(pdf, "application/pdf", "mine-data.pdf")


class AnonymiseView(LoginRequiredMixin, View):
    """Confirm (GET) and anonymise (POST) a person who has left; the secretariat only."""

    template_name = "privacy/anonymise.html"

    def _person(self, request: HttpRequest, pk: int) -> Person:
        person = Person.objects.select_related("unit", "user").filter(pk=pk).first()
        if person is None:
            raise Http404
        if not request.user.has_perm("privacy.anonymise_person", person):
            raise PermissionDenied
        return person

    def _refused(
        self, request: HttpRequest, person: Person, refused: services.AnonymiseRefused
    ) -> HttpResponse:
        context = {"person": person, "refusal": str(refused)}
        return render(request, self.template_name, context, status=400)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self._person(request, pk)
        try:
            services.check_anonymisable(person)
        except services.AnonymiseRefused as refused:
            return self._refused(request, person, refused)
        context = {"person": person, "placeholder": services.placeholder_for(person)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self._person(request, pk)
        try:  # the service checks again under its lock (someone may have done it just now)
            person = services.person_anonymise(person=person, by=request_user(request))
        except services.AnonymiseRefused as refused:
            return self._refused(request, person, refused)
        messages.success(
            request, _("The person was anonymised. Their contributions are kept under this name.")
        )
        return redirect(person)


class NoticeView(View):
    """The privacy notice: anyone may read it, signed in or not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        notice = selectors.notice_for_page()
        can_edit = request.user.has_perm("privacy.change_notice")
        return render(request, "privacy/notice.html", {"notice": notice, "can_edit": can_edit})


class NoticeEditView(PermissionRequiredMixin, View):
    permission_required = "privacy.change_notice"
    template_name = "privacy/notice_form.html"

    def _render(self, request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, form=NoticeForm(instance=selectors.notice_for_page()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NoticeForm(request.POST, instance=selectors.notice_for_page())
        if not form.is_valid():
            return self._render(request, 400, form=form)
        if request.POST.get("action") == "preview":
            preview = render_markdown(form.cleaned_data["body"])
            return self._render(request, form=form, preview=preview)
        try:
            services.notice_update(
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
                by=request_user(request),
            )
        except services.StaleNotice as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=["body"],
                message=_(
                    "Someone else saved the privacy notice while you were editing it. Your text "
                    "is kept below; compare it with theirs and save again."
                ),
                template_name=self.template_name,
                context={},
            )
        messages.success(request, _("The privacy notice was saved."))
        return redirect("privacy:notice")
