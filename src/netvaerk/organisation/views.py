"""Organisation pages: the unit tree, units, people, forums and the import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.views import CachedObjectMixin, paginate, request_user

from . import selectors
from .forms import MeetingForm, OrgImportForm, TrainingForm
from .importers import ImportFileError, parse_files
from .models import Forum, OrgImport, Person, Training, Unit
from .services import (
    ImportAlreadyApplied,
    forum_meeting_create,
    org_import_apply,
    org_import_plan,
    org_import_recheck_failed,
    org_import_upload,
    training_add,
    training_remove,
)


class OrganisationView(PermissionRequiredMixin, TemplateView):
    permission_required = "organisation.view_organisation"
    template_name = "organisation/tree.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.get("q", "").strip()[:100]
        context = super().get_context_data(**kwargs)
        context["tree"] = selectors.unit_tree()
        context["query"] = query
        if query:
            context["results"] = paginate(self.request, selectors.person_search(query))
        return context


class UnitView(CachedObjectMixin, PermissionRequiredMixin, DetailView):
    permission_required = "organisation.view_organisation"
    template_name = "organisation/unit.html"
    context_object_name = "unit"

    def get_queryset(self) -> QuerySet[Unit]:
        return Unit.objects.select_related("parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        unit = self.object
        context = super().get_context_data(**kwargs)
        context["ancestors"] = selectors.unit_ancestors(unit)
        context["managers"] = selectors.unit_managers(unit)
        context["children"] = paginate(self.request, selectors.unit_children(unit), param="enheder")
        context["people"] = paginate(self.request, selectors.unit_people(unit))
        return context


class PersonView(PermissionRequiredMixin, DetailView):
    permission_required = "organisation.view_person"
    template_name = "organisation/person.html"
    context_object_name = "person"

    def get_object(self, queryset: QuerySet[Person] | None = None) -> Person:
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.person_for_page(int(self.kwargs["pk"]))
            except Person.DoesNotExist as missing:
                raise Http404 from missing
        return self._object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["managers"] = selectors.person_managers(self.object)
        context["can_export"] = self.request.user.has_perm(
            "organisation.export_person_data", self.object
        )
        context["can_anonymise"] = self.request.user.has_perm(
            "privacy.anonymise_person", self.object
        )
        context.update(_portfolio_context(self.request, self.object))
        return context


def _training_kinds(request: HttpRequest) -> tuple[str, ...] | None:
    """The kinds of training this user may record: all (the secretariat) or their own courses."""
    from .rules import SELF_KINDS

    if request.user.has_perm("organisation.manage_training"):
        return None
    return tuple(str(kind) for kind in SELF_KINDS)


def _portfolio_context(
    request: HttpRequest, person: Person, form: TrainingForm | None = None
) -> dict[str, Any]:
    """The person page's career portfolio: networks, trainings, and the add form if allowed."""
    user = request.user
    can_add = user.has_perm("organisation.add_training", person)
    trainings = selectors.person_trainings(person)
    return {
        "portfolio": selectors.person_portfolio(person, user),
        "trainings": [
            (training, user.has_perm("organisation.remove_training", training))
            for training in trainings
        ],
        "can_download_portfolio": user.has_perm("organisation.view_portfolio", person),
        "training_form": form
        or (TrainingForm(kinds=_training_kinds(request)) if can_add else None),
    }


def _person_or_404(pk: int) -> Person:
    try:
        return selectors.person_for_page(pk)
    except Person.DoesNotExist as missing:
        raise Http404 from missing


class TrainingAddView(LoginRequiredMixin, View):
    """Add a training or course to a person's portfolio (the secretariat; a person their own)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _person_or_404(pk)
        if not request.user.has_perm("organisation.add_training", person):
            raise PermissionDenied
        form = TrainingForm(request.POST, kinds=_training_kinds(request))
        if not form.is_valid():
            context = {
                "person": person,
                "managers": selectors.person_managers(person),
                "can_export": request.user.has_perm("organisation.export_person_data", person),
                **_portfolio_context(request, person, form),
            }
            return render(request, "organisation/person.html", context, status=400)
        training_add(person=person, by=request_user(request), **form.cleaned_data)
        messages.success(request, _("The training was added to the portfolio."))
        return redirect(person.get_absolute_url() + "#uddannelse")


class TrainingRemoveView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
        training = (
            Training.objects.select_related("person", "person__user")
            .filter(pk=training_pk, person_id=pk)
            .first()
        )
        if training is None:
            raise Http404
        if not request.user.has_perm("organisation.remove_training", training):
            raise PermissionDenied
        person = training.person
        training_remove(training=training, by=request_user(request))
        messages.success(request, _("The training was removed from the portfolio."))
        return redirect(person.get_absolute_url() + "#uddannelse")


class PortfolioPdfView(LoginRequiredMixin, View):
    """The person's career portfolio as PDF (the person themself and the secretariat)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from django.utils.text import slugify

        from netvaerk.core.documents import attachment, render_pdf

        person = _person_or_404(pk)
        if not request.user.has_perm("organisation.view_portfolio", person):
            raise PermissionDenied
        context = {
            "person": person,
            "portfolio": selectors.person_portfolio(person, request.user),
            "trainings": selectors.person_trainings(person),
            "today": timezone.localdate(),
        }
        pdf = render_pdf("organisation/portfolio_print.html", context, request)
        filename = f"portefolje-{slugify(person.name)[:60] or person.pk}.pdf"
        return attachment(pdf, "application/pdf", filename)


class PersonDataView(LoginRequiredMixin, View):
    """Everything the platform holds about a person, as JSON (the person and the secretariat)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from netvaerk.core.personal_data import person_data_download

        person = Person.objects.select_related("unit", "user").filter(pk=pk).first()
        if person is None:
            raise Http404
        if not request.user.has_perm("organisation.export_person_data", person):
            raise PermissionDenied
        return person_data_download(person, f"persondata-{person.pk}.json")


class ForumListView(PermissionRequiredMixin, ListView):
    permission_required = "organisation.view_organisation"
    template_name = "organisation/forum_list.html"
    context_object_name = "forums"
    paginate_by = 25

    def get_queryset(self) -> QuerySet[Forum]:
        return selectors.forum_list()


class ForumView(CachedObjectMixin, PermissionRequiredMixin, DetailView):
    permission_required = "organisation.view_organisation"
    template_name = "organisation/forum.html"
    context_object_name = "forum"
    model = Forum

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["members"] = paginate(self.request, selectors.forum_members(self.object))
        context["meetings"] = paginate(
            self.request, selectors.forum_meetings(self.object), param="moeder"
        )
        context["next_meeting"], context["next_agenda"] = selectors.forum_next_meeting(self.object)
        if self.request.user.has_perm("organisation.manage_forums"):
            context.setdefault("meeting_form", MeetingForm())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Schedule a meeting of the forum (the secretariat)."""
        self.object = forum = Forum.objects.get(pk=self.get_object().pk)
        if not request.user.has_perm("organisation.manage_forums"):
            raise PermissionDenied
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(meeting_form=form), status=400)
        meeting = forum_meeting_create(forum=forum, by=request_user(request), **form.cleaned_data)
        messages.success(request, _("The meeting was scheduled."))
        return redirect(meeting)


def _uploaded(upload: Any) -> tuple[Any, str] | None:
    if not upload:
        return None
    upload.seek(0)
    return upload, upload.name


class ImportView(PermissionRequiredMixin, View):
    """Upload organisation files; the result is a dry-run preview, nothing is changed yet."""

    permission_required = "organisation.import_org"
    template_name = "organisation/import.html"

    def _render(self, request: HttpRequest, form: OrgImportForm, status: int = 200) -> HttpResponse:
        imports = Paginator(OrgImport.objects.select_related("created_by"), 10).get_page(1)
        return render(
            request, self.template_name, {"form": form, "imports": imports}, status=status
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, OrgImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OrgImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        units_file = form.cleaned_data.get("units_file")
        people_file = form.cleaned_data.get("people_file")
        try:
            parsed = parse_files(
                units_file=_uploaded(units_file), people_file=_uploaded(people_file)
            )
        except ImportFileError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=400)
        plan = org_import_plan(parsed=parsed)
        for upload in (units_file, people_file):
            if upload:
                upload.seek(0)
        record = org_import_upload(
            units_file=units_file, people_file=people_file, plan=plan, by=request_user(request)
        )
        return redirect("organisation:import_preview", pk=record.pk)


class ImportPreviewView(PermissionRequiredMixin, View):
    """Show what an uploaded import would do; applying it re-checks against today's data."""

    permission_required = "organisation.import_org"
    template_name = "organisation/import_preview.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(OrgImport, pk=pk)
        return render(request, self.template_name, {"record": record, "summary": record.summary})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(OrgImport, pk=pk)
        if record.status == OrgImport.Status.EXPIRED:
            messages.error(request, _("This preview has expired. Upload the files again."))
            return redirect("organisation:import_preview", pk=record.pk)
        if record.status != OrgImport.Status.PREVIEWED:
            messages.error(request, _("This import has already been applied."))
            return redirect("organisation:import_preview", pk=record.pk)
        files = {}
        for name in ("units_file", "people_file"):
            stored = getattr(record, name)
            if stored:
                stored.open("rb")
                files[name] = (stored, stored.name)
        try:
            parsed = parse_files(**files)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("organisation:import_preview", pk=record.pk)
        finally:
            for stored, _name in files.values():
                stored.close()
        plan = org_import_plan(parsed=parsed)
        if not plan.is_valid:
            org_import_recheck_failed(record=record, plan=plan, by=request_user(request))
            messages.error(request, _("The import has errors and was not applied."))
            return render(
                request,
                self.template_name,
                {"record": record, "summary": record.summary},
                status=400,
            )
        try:
            org_import_apply(plan=plan, by=request_user(request), record=record)
        except ImportAlreadyApplied:
            messages.error(request, _("This import has already been applied."))
            return redirect("organisation:import_preview", pk=record.pk)
        counts = record.summary["counts"]
        messages.success(
            request,
            _(
                "The organisation was updated: %(created)d created, %(updated)d changed, "
                "%(removed)d removed."
            )
            % {
                "created": counts["unit_create"] + counts["person_create"],
                "updated": counts["unit_update"] + counts["person_update"],
                "removed": counts["unit_remove"] + counts["person_remove"],
            },
        )
        return redirect("organisation:import_preview", pk=record.pk)
