"""Tie survey pages: the list, a survey with its groups, waves and results, exports, the
instruments, and answering by the link's token. Thin views over services and selectors.

Every network page starts from `network_or_404`; a survey or wave of another network is a 404.
Results are built only from `scoring.Result`, so a group below the threshold never appears.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.exports import FORMATS, csv_response, xlsx_response
from netvaerk.core.views import paginate, request_user
from netvaerk.evaluation.tokens import min_group_size
from netvaerk.networks.models import Network
from netvaerk.networks.views import network_or_404, require_perm

from . import selectors, services
from .forms import CompareForm, InstrumentImportForm, SurveyForm, WaveForm
from .models import Dimension, Instrument, TieGroup, TieInvitation, TieSurvey, TieWave

CHANGE = "evaluation.change_evaluation"


def _survey(request: HttpRequest, pk: int, survey_pk: int) -> tuple[Network, TieSurvey]:
    network = network_or_404(request, pk)
    survey = selectors.survey_in_network(network, survey_pk)
    if survey is None:
        raise Http404
    return network, survey


def _wave(survey: TieSurvey, wave_pk: int) -> TieWave:
    wave = TieWave.objects.filter(survey=survey, pk=wave_pk).first()
    if wave is None:
        raise Http404
    wave.survey = survey
    return wave


def _detail_url(survey: TieSurvey) -> str:
    return reverse("surveys:detail", args=[survey.network_id, survey.pk])


# --- list --------------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest, network: Network, form: SurveyForm | None = None, status: int = 200
) -> HttpResponse:
    can_change = request.user.has_perm(CHANGE, network)
    context = {
        "network": network,
        "surveys": paginate(request, selectors.survey_list(network)),
        "form": (form or SurveyForm()) if can_change else None,
        "has_instrument": Instrument.objects.exists(),
        "min_group_size": min_group_size(),
    }
    return render(request, "surveys/list.html", context, status=status)


class SurveyListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "evaluation.view_evaluation", network)
        return _list_page(request, network)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, CHANGE, network)
        form = SurveyForm(request.POST)
        if not form.is_valid():
            return _list_page(request, network, form, status=400)
        try:
            survey = services.survey_create(
                network=network,
                title=form.cleaned_data["title"],
                instrument=form.cleaned_data["instrument"],
                groups=form.group_names(),
                by=request_user(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
            return _list_page(request, network, form, status=400)
        messages.success(
            request, _("The survey was created. Now place the participants in groups.")
        )
        return redirect(_detail_url(survey))


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- detail ------------------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    network: Network,
    survey: TieSurvey,
    *,
    wave_form: WaveForm | None = None,
    members_errors: list[str] | None = None,
    wave_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    can_change = request.user.has_perm(CHANGE, network)
    groups = list(TieGroup.objects.filter(survey=survey).order_by("order", "pk"))
    waves = list(TieWave.objects.filter(survey=survey).order_by("opened_at", "pk"))
    for wave in waves:
        wave.survey = survey
    reports = selectors.wave_reports(waves, groups)
    context: dict[str, Any] = {
        "network": network,
        "survey": survey,
        "groups": groups,
        "reports": reports,
        "can_change": can_change,
        "min_group_size": min_group_size(),
        "members_errors": members_errors or [],
        "wave_errors": wave_errors or [],
    }
    if can_change:
        counts = selectors.group_member_counts(survey)
        context["group_counts"] = [(group, counts.get(group.pk, 0)) for group in groups]
        page = paginate(request, selectors.participants(network))
        rows = list(page.object_list)
        placed = selectors.member_groups(survey, [row.person_id for row in rows])
        page.object_list = rows
        context["participants"] = page
        context["placement"] = [(row, placed.get(row.person_id)) for row in rows]
        context["wave_form"] = wave_form or WaveForm()
        context["has_open_wave"] = any(report.is_open for report in reports)
    # The comparison: the chosen waves, or the first and last.
    labels = [(report.wave.pk, report.label) for report in reports]
    compare_form = CompareForm(
        request.GET if "sammenlign" in request.GET or "med" in request.GET else None,
        waves=labels,
    )
    comparison = None
    if len(reports) >= 2:
        by_pk = {report.wave.pk: report for report in reports}
        if compare_form.is_bound:
            if compare_form.is_valid():
                before = by_pk[compare_form.cleaned_data["sammenlign"]]
                after = by_pk[compare_form.cleaned_data["med"]]
                comparison = selectors.comparison(before, after)
            else:
                status = 400
        else:
            comparison = selectors.comparison(reports[0], reports[-1])
            compare_form = CompareForm(
                initial={"sammenlign": reports[0].wave.pk, "med": reports[-1].wave.pk},
                waves=labels,
            )
    elif compare_form.is_bound:
        status = 400
        compare_form.is_valid()
    context["compare_form"] = compare_form
    context["comparison"] = comparison
    return render(request, "surveys/detail.html", context, status=status)


class SurveyDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, "evaluation.view_evaluation", network)
        return _detail_page(request, network, survey)


class MembersView(LoginRequiredMixin, View):
    """Place the participants shown on one page of the list in groups."""

    def post(self, request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, CHANGE, network)
        group_ids = {str(group_id) for group_id in survey.groups.values_list("pk", flat=True)}
        assignments: dict[int, int | None] = {}
        for raw in request.POST.getlist("person"):
            if not raw.isdigit():
                return _detail_page(
                    request,
                    network,
                    survey,
                    members_errors=[_("Reload the page and try again.")],
                    status=400,
                )
            value = request.POST.get(f"group-{raw}", "")
            if value and value not in group_ids:
                return _detail_page(
                    request,
                    network,
                    survey,
                    members_errors=[_("Choose one of the survey's groups.")],
                    status=400,
                )
            assignments[int(raw)] = int(value) if value else None
        try:
            changed = services.members_assign(
                survey=survey, assignments=assignments, by=request_user(request)
            )
        except ValidationError as error:
            return _detail_page(
                request, network, survey, members_errors=list(error.messages), status=400
            )
        messages.success(
            request,
            ngettext(
                "%(count)s participant was placed.", "%(count)s participants were placed.", changed
            )
            % {"count": changed},
        )
        page = request.GET.get("side", "")
        query = f"?side={page}" if page.isdigit() else ""
        return redirect(_detail_url(survey) + query + "#groups")


class WaveLaunchView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, CHANGE, network)
        form = WaveForm(request.POST)
        if not form.is_valid():
            return _detail_page(request, network, survey, wave_form=form, status=400)
        try:
            wave = services.wave_launch(
                survey=survey,
                kind=form.cleaned_data["kind"],
                closes_on=form.cleaned_data["closes_on"],
                by=request_user(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
            return _detail_page(request, network, survey, wave_form=form, status=400)
        invited = TieInvitation.objects.filter(wave=wave).count()
        messages.success(
            request,
            ngettext(
                "The wave was launched; %(count)s person was invited by e-mail.",
                "The wave was launched; %(count)s people were invited by e-mail.",
                invited,
            )
            % {"count": invited},
        )
        return redirect(_detail_url(survey) + "#waves")


class WaveRemindView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, survey_pk: int, wave_pk: int) -> HttpResponse:
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, CHANGE, network)
        wave = _wave(survey, wave_pk)
        try:
            count = services.wave_remind(wave=wave, by=request_user(request))
        except ValidationError as error:
            return _detail_page(
                request, network, survey, wave_errors=list(error.messages), status=400
            )
        messages.success(
            request,
            ngettext(
                "A reminder was sent to %(count)s person who has not finished.",
                "A reminder was sent to %(count)s people who have not finished.",
                count,
            )
            % {"count": count},
        )
        return redirect(_detail_url(survey) + "#waves")


class WaveCloseView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, survey_pk: int, wave_pk: int) -> HttpResponse:
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, CHANGE, network)
        wave = _wave(survey, wave_pk)
        services.wave_close(wave=wave, by=request_user(request))
        messages.success(request, _("The wave was closed and its results saved."))
        return redirect(_detail_url(survey) + "#waves")


class WaveExportView(LoginRequiredMixin, View):
    """The wave's tie table (shown groups only) as CSV or XLSX."""

    def get(
        self, request: HttpRequest, pk: int, survey_pk: int, wave_pk: int, fmt: str
    ) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404
        network, survey = _survey(request, pk, survey_pk)
        require_perm(request, "evaluation.view_evaluation", network)
        wave = _wave(survey, wave_pk)
        groups = TieGroup.objects.filter(survey=survey).order_by("order", "pk")
        report = selectors.wave_reports([wave], groups)[0]
        header = [
            _("Rating group"),
            _("Rated group"),
            _("Respondents"),
            _("Tie score"),
            _("Communication"),
            _("Relationships"),
        ]
        rows: list[list[Any]] = [
            [
                tie.source,
                tie.target,
                tie.respondents,
                round(tie.score, 2),
                None if tie.communication is None else round(tie.communication, 2),
                None if tie.relationship is None else round(tie.relationship, 2),
            ]
            for tie in report.ties
        ]
        if report.result.hidden:
            rows.append([_hidden_note(report.result.hidden), "", "", "", "", ""])
        filename = f"relationer-{survey.pk}-{wave.pk}.{fmt}"
        if fmt == "csv":
            return csv_response(filename, header, rows)
        return xlsx_response(filename, header, rows, sheet=_("Ties"))


def _hidden_note(hidden: int) -> str:
    return ngettext(
        "%(count)s group had fewer than %(minimum)s respondents and is not shown.",
        "%(count)s groups had fewer than %(minimum)s respondents and are not shown.",
        hidden,
    ) % {"count": hidden, "minimum": min_group_size()}


# --- instruments -------------------------------------------------------------------------------


def _instruments_page(
    request: HttpRequest,
    form: InstrumentImportForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "instruments": selectors.instruments(),
        "form": form or InstrumentImportForm(),
        "import_errors": errors or [],
    }
    return render(request, "surveys/instruments.html", context, status=status)


class InstrumentsView(PermissionRequiredMixin, View):
    permission_required = "evaluation.manage_instruments"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _instruments_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = InstrumentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return _instruments_page(request, form, status=400)
        data = form.cleaned_data
        try:
            items = services.parse_items_csv(data["file"].read())
            instrument = services.instrument_import(
                name=data["name"],
                source=data["source"],
                items=items,
                make_default=data["make_default"],
                by=request_user(request),
            )
        except services.InstrumentError as error:
            return _instruments_page(request, form, error.errors, status=400)
        messages.success(
            request, _("The instrument “%(name)s” was imported.") % {"name": instrument.name}
        )
        return redirect("surveys:instruments")


class InstrumentDefaultView(PermissionRequiredMixin, View):
    permission_required = "evaluation.manage_instruments"

    def post(self, request: HttpRequest, instrument_pk: int) -> HttpResponse:
        instrument = get_object_or_404(Instrument, pk=instrument_pk)
        services.instrument_set_default(instrument=instrument, by=request_user(request))
        messages.success(
            request,
            _("New surveys now use “%(name)s”.") % {"name": instrument.name},
        )
        return redirect("surveys:instruments")


# --- answering ---------------------------------------------------------------------------------


def _field(target: int, dimension: int) -> str:
    return f"a-{target}-{dimension}"


DONT_KNOW = "dk"


def _answer_context(
    invitation: TieInvitation,
    groups: list[TieGroup],
    values: dict[tuple[int, int], str],
    missing: set[tuple[int, int]],
) -> dict[str, Any]:
    survey = invitation.wave.survey
    texts = selectors.item_texts(survey.instrument, translation.get_language() or "da")
    fieldsets = []
    for group in groups:
        items = []
        for dimension in Dimension.values:
            text, low, high = texts.get(dimension, ("{group}", "1", "5"))
            key = (group.pk, dimension)
            items.append(
                {
                    "name": _field(group.pk, dimension),
                    "dimension": dimension,
                    "text": text.replace("{group}", group.name),
                    "low": low,
                    "high": high,
                    "value": values.get(key, ""),
                    "missing": key in missing,
                }
            )
        fieldsets.append({"group": group, "own": group.pk == invitation.group_id, "items": items})
    return {
        "invitation": invitation,
        "survey": survey,
        "network": survey.network,
        "fieldsets": fieldsets,
        "scale": ["1", "2", "3", "4", "5"],
        "dont_know": DONT_KNOW,
        "min_group_size": min_group_size(),
        "missing_count": len(missing),
    }


def answer(request: HttpRequest, invitation: TieInvitation) -> HttpResponse:
    """`/svar/<token>/` for a tie survey: the form, saving a draft, and finishing."""
    wave = invitation.wave
    context: dict[str, Any] = {"survey": wave.survey, "network": wave.survey.network}
    if invitation.finished:
        return render(request, "surveys/answer_done.html", context, status=410)
    if not services.wave_is_open(wave):
        return render(request, "surveys/answer_closed.html", context, status=410)
    survey = TieSurvey.objects.select_related("instrument", "network").get(pk=wave.survey_id)
    invitation.wave.survey = survey
    groups = list(TieGroup.objects.filter(survey=survey).order_by("order", "pk"))
    if request.method == "POST":
        return _answer_post(request, invitation, groups)
    response = services.response_for(invitation)
    values: dict[tuple[int, int], str] = {}
    if response is not None:
        for target, dimension, value in response.answers.values_list(
            "target_id", "dimension", "value"
        ):
            values[target, dimension] = DONT_KNOW if value is None else str(value)
    return render(
        request, "surveys/answer.html", _answer_context(invitation, groups, values, set())
    )


def _answer_post(
    request: HttpRequest, invitation: TieInvitation, groups: list[TieGroup]
) -> HttpResponse:
    action = request.POST.get("action", "save")
    values: dict[tuple[int, int], str] = {}
    answers: dict[tuple[int, int], int | None] = {}
    invalid = False
    for group in groups:
        for dimension in Dimension.values:
            raw = request.POST.get(_field(group.pk, dimension), "").strip()
            if not raw:
                continue
            if raw == DONT_KNOW:
                answers[group.pk, dimension] = None
            elif raw in ("1", "2", "3", "4", "5"):
                answers[group.pk, dimension] = int(raw)
            else:
                invalid = True
                continue
            values[group.pk, dimension] = raw
    if invalid or action not in ("save", "finish"):
        messages.error(
            request,
            _("Some answers could not be read. Choose a value from 1 to 5 or “Don't know”."),
        )
        context = _answer_context(invitation, groups, values, set())
        return render(request, "surveys/answer.html", context, status=400)
    try:
        services.response_save(invitation=invitation, answers=answers, finish=action == "finish")
    except services.WaveClosed:
        context = {"survey": invitation.wave.survey, "network": invitation.wave.survey.network}
        return render(request, "surveys/answer_closed.html", context, status=410)
    except services.AlreadyAnswered:
        context = {"survey": invitation.wave.survey, "network": invitation.wave.survey.network}
        return render(request, "surveys/answer_done.html", context, status=410)
    except services.IncompleteAnswers as incomplete:
        messages.error(
            request,
            ngettext(
                "%(count)s question has no answer yet. Answer it or choose “Don't know”; "
                "your answers so far are saved.",
                "%(count)s questions have no answer yet. Answer them or choose “Don't know”; "
                "your answers so far are saved.",
                len(incomplete.missing),
            )
            % {"count": len(incomplete.missing)},
        )
        context = _answer_context(invitation, groups, values, set(incomplete.missing))
        return render(request, "surveys/answer.html", context, status=400)
    if action == "finish":
        context = {"survey": invitation.wave.survey, "network": invitation.wave.survey.network}
        return render(request, "surveys/answer_thanks.html", context)
    messages.success(request, _("Your answers are saved. You can finish later with the same link."))
    return redirect(reverse("evaluation:answer", args=[invitation.token]))
