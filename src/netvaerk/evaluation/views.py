"""The evaluation pages of a network, the secretariat's portfolio, and the answer link. Thin.

Every network page starts from `network_or_404`: a network the user may not see does not
exist for them, and neither does its evaluation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.views import edit_conflict, paginate, request_user
from netvaerk.networks.models import Network
from netvaerk.networks.services import StaleNetwork
from netvaerk.networks.views import network_or_404, require_perm

from . import report, selectors, services
from .forms import (
    ConclusionForm,
    IndicatorForm,
    MeasurementForm,
    PlanForm,
    PortfolioFilterForm,
    TemplateForm,
)
from .models import EvaluationPlan, EvaluationTemplate, Indicator

STALE = gettext_lazy(
    "Someone else saved this while you were editing it. Your text is kept below; compare it "
    "with theirs and save again."
)


def _overview_url(network: Network) -> str:
    return reverse("evaluation:overview", args=[network.pk])


def _plan_or_404(network: Network) -> EvaluationPlan:
    plan = selectors.plan_for_page(network)
    if plan is None:
        raise Http404
    return plan


def _changeable_plan(request: HttpRequest, pk: int) -> EvaluationPlan:
    """The network's plan, for someone who may change the evaluation (else 403 or 404)."""
    network = network_or_404(request, pk)
    require_perm(request, "evaluation.change_evaluation", network)
    return _plan_or_404(network)


def _indicator_or_404(network: Network, pk: int) -> Indicator:
    indicator = selectors.indicator_in_network(network, pk)
    if indicator is None:
        raise Http404
    return indicator


class OverviewView(LoginRequiredMixin, View):
    """The plan, the indicators with their status, and the conclusion."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        plan = selectors.plan_for_page(network)
        context = {
            "network": network,
            "plan": plan,
            "indicators": selectors.indicator_list(plan) if plan else [],
            "can_change": request.user.has_perm("evaluation.change_evaluation", network),
        }
        return render(request, "evaluation/overview.html", context)


class PlanCreateView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        require_perm(request, "evaluation.change_evaluation", network)
        services.plan_create(network=network, by=request_user(request))
        messages.success(request, _("The evaluation plan was made from the guide’s template."))
        return redirect(reverse("evaluation:plan_edit", args=[network.pk]))


class PlanEditView(LoginRequiredMixin, View):
    template_name = "evaluation/plan_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        form = PlanForm(instance=plan, initial={"version": plan.version})
        return render(request, self.template_name, {"network": plan.network, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        form = PlanForm(request.POST, instance=EvaluationPlan.objects.get(pk=plan.pk))
        context: dict[str, Any] = {"network": plan.network, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.plan_update(
                plan=plan,
                version=data["version"],
                by=request_user(request),
                **{name: data[name] for name in services.PLAN_FIELDS},
            )
        except services.StaleEvaluation as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=services.PLAN_FIELDS,
                message=STALE,
                template_name=self.template_name,
                context=context,
            )
        messages.success(request, _("The evaluation plan was saved."))
        return redirect(_overview_url(plan.network))


class ConclusionView(LoginRequiredMixin, View):
    """Record the conclusion the forum decided; it is the network's evaluation result."""

    template_name = "evaluation/conclusion_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        network = plan.network
        form = ConclusionForm(
            initial={
                "network_version": network.version,
                "conclusion": network.evaluation_result,
                "decided_on": plan.concluded_on,
            }
        )
        return render(request, self.template_name, {"network": network, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        form = ConclusionForm(request.POST)
        context: dict[str, Any] = {"network": plan.network, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.conclusion_record(
                plan=plan,
                network_version=data["network_version"],
                conclusion=data["conclusion"],
                decided_on=data["decided_on"],
                meeting=data["meeting"],
                by=request_user(request),
            )
        except StaleNetwork as stale:
            rebound = ConclusionForm(
                {**request.POST.dict(), "network_version": stale.current.version}
            )
            rebound.is_valid()
            rebound.add_error(None, STALE)
            context.update(form=rebound, current_result=stale.current.evaluation_result)
            return render(request, self.template_name, context, status=409)
        messages.success(
            request, _("The conclusion was recorded as the network’s evaluation result.")
        )
        return redirect(_overview_url(plan.network))


class IndicatorCreateView(LoginRequiredMixin, View):
    template_name = "evaluation/indicator_form.html"

    def _render(
        self, request: HttpRequest, plan: EvaluationPlan, form: IndicatorForm, status: int = 200
    ) -> HttpResponse:
        suggestions = selectors.template_suggestions(plan.network)
        context = {"network": plan.network, "form": form, "suggestions": suggestions}
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        return self._render(request, plan, IndicatorForm(network=plan.network))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _changeable_plan(request, pk)
        form = IndicatorForm(request.POST, network=plan.network)
        if not form.is_valid():
            return self._render(request, plan, form, status=400)
        data = form.cleaned_data
        indicator = services.indicator_create(
            plan=plan,
            by=request_user(request),
            **{name: data[name] for name in services.INDICATOR_FIELDS},
        )
        messages.success(request, _("The indicator was added."))
        return redirect(reverse("evaluation:indicator", args=[plan.network.pk, indicator.pk]))


class IndicatorView(LoginRequiredMixin, View):
    """An indicator's chart, its measurements (paged), and the form to record one."""

    template_name = "evaluation/indicator.html"

    def _render(
        self,
        request: HttpRequest,
        indicator: Indicator,
        form: MeasurementForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        network = indicator.plan.network
        can_change = request.user.has_perm("evaluation.change_evaluation", network)
        context = {
            "network": network,
            "indicator": indicator,
            "chart": selectors.indicator_chart(indicator),
            "measurements": paginate(request, selectors.measurement_list(indicator)),
            "can_change": can_change,
            "form": (form or MeasurementForm()) if can_change else None,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
        indicator = _indicator_or_404(network_or_404(request, pk), indicator_pk)
        return self._render(request, indicator)

    def post(self, request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        indicator = _indicator_or_404(network, indicator_pk)
        require_perm(request, "evaluation.change_evaluation", network)
        form = MeasurementForm(request.POST)
        if not form.is_valid():
            return self._render(request, indicator, form, status=400)
        services.measurement_add(
            indicator=indicator,
            by=request_user(request),
            **{name: form.cleaned_data[name] for name in services.MEASUREMENT_FIELDS},
        )
        messages.success(request, _("The measurement was recorded."))
        return redirect(reverse("evaluation:indicator", args=[network.pk, indicator.pk]))


class IndicatorEditView(LoginRequiredMixin, View):
    template_name = "evaluation/indicator_form.html"

    def _indicator(self, request: HttpRequest, pk: int, indicator_pk: int) -> Indicator:
        network = network_or_404(request, pk)
        require_perm(request, "evaluation.change_evaluation", network)
        return _indicator_or_404(network, indicator_pk)

    def get(self, request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
        indicator = self._indicator(request, pk, indicator_pk)
        form = IndicatorForm(instance=indicator, initial={"version": indicator.version})
        context = {"network": indicator.plan.network, "indicator": indicator, "form": form}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
        indicator = self._indicator(request, pk, indicator_pk)
        form = IndicatorForm(request.POST, instance=Indicator.objects.get(pk=indicator.pk))
        network = indicator.plan.network
        context: dict[str, Any] = {"network": network, "indicator": indicator, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.indicator_update(
                indicator=indicator,
                version=data["version"] or 0,
                by=request_user(request),
                **{name: data[name] for name in services.INDICATOR_FIELDS},
            )
        except services.StaleEvaluation as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=services.INDICATOR_FIELDS,
                message=STALE,
                template_name=self.template_name,
                context=context,
            )
        messages.success(request, _("Your changes were saved."))
        return redirect(reverse("evaluation:indicator", args=[network.pk, indicator.pk]))


class IndicatorDeleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        indicator = _indicator_or_404(network, indicator_pk)
        services.indicator_delete(indicator=indicator, by=request_user(request))
        messages.success(request, _("The indicator and its measurements were deleted."))
        return redirect(_overview_url(network))


class MeasurementDeleteView(LoginRequiredMixin, View):
    def post(
        self, request: HttpRequest, pk: int, indicator_pk: int, measurement_pk: int
    ) -> HttpResponse:
        network = network_or_404(request, pk)
        indicator = _indicator_or_404(network, indicator_pk)
        measurement = indicator.measurements.filter(pk=measurement_pk).first()
        if measurement is None:
            raise Http404
        measurement.indicator = indicator
        services.measurement_delete(measurement=measurement, by=request_user(request))
        messages.success(request, _("The measurement was deleted."))
        return redirect(reverse("evaluation:indicator", args=[network.pk, indicator.pk]))


class ReportView(LoginRequiredMixin, View):
    """The effect report: on screen, or `?format=pdf|docx` as a download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        network = network_or_404(request, pk)
        fmt = request.GET.get("format", "")
        if fmt not in ("", *report.FORMATS):
            return HttpResponseBadRequest(_("Choose the format pdf or docx."))
        context = report.context(network)
        if fmt == "pdf":
            return report.pdf_response(request, context)
        if fmt == "docx":
            return report.docx_response(context)
        return render(request, "evaluation/report.html", context)


class PortfolioView(PermissionRequiredMixin, View):
    """All networks' latest relational-coordination index and indicator status side by side."""

    permission_required = "evaluation.view_portfolio"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PortfolioFilterForm(request.GET)
        if not form.is_valid():
            return render(request, "evaluation/portfolio.html", {"form": form}, status=400)
        networks = selectors.portfolio(
            kind=form.cleaned_data["kind"], area=form.cleaned_data["area"]
        )
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            return _portfolio_export(fmt, selectors.portfolio_rows(list(networks)))
        if fmt:
            return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
        page = paginate(request, networks)
        rows = selectors.portfolio_rows(list(page.object_list))
        query = request.GET.copy()
        query.pop("side", None)
        query.pop("format", None)
        context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
        return render(request, "evaluation/portfolio.html", context)


def _portfolio_export(fmt: str, rows: list[selectors.PortfolioRow]) -> HttpResponse:
    header = [
        _("Network"),
        _("Type"),
        _("Phase"),
        _("Relational coordination index"),
        _("Previous index"),
        _("Respondents"),
        _("Indicators"),
        _("Target reached"),
        _("Moving towards the target"),
        _("Not moving towards the target"),
        _("Not measured yet"),
    ]
    data = [
        [
            row.network.title,
            row.network.get_kind_display(),
            row.network.get_phase_display(),
            row.latest.index if row.latest else "",
            row.latest.previous_index if row.latest else "",
            row.latest.respondents if row.latest else "",
            row.indicators,
            row.counts["reached"],
            row.counts["progressing"],
            row.counts["not_progressing"],
            row.counts["no_data"],
        ]
        for row in rows
    ]
    if fmt == "csv":
        return csv_response("evalueringsportefolje.csv", header, data)
    return xlsx_response("evalueringsportefolje.xlsx", header, data, sheet=_("Portfolio"))


class TemplateListView(PermissionRequiredMixin, View):
    """The evaluation guide's starting plans, one per type of network (the secretariat's)."""

    permission_required = "evaluation.manage_templates"

    def get(self, request: HttpRequest) -> HttpResponse:
        templates = EvaluationTemplate.objects.select_related("handbook_page")
        return render(request, "evaluation/template_list.html", {"templates": templates})


class TemplateEditView(PermissionRequiredMixin, View):
    permission_required = "evaluation.manage_templates"
    template_name = "evaluation/template_form.html"

    def _template(self, pk: int) -> EvaluationTemplate:
        template = EvaluationTemplate.objects.filter(pk=pk).first()
        if template is None:
            raise Http404
        return template

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        template = self._template(pk)
        context = {"template": template, "form": TemplateForm(instance=template)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        template = self._template(pk)
        form = TemplateForm(request.POST, instance=EvaluationTemplate.objects.get(pk=pk))
        if not form.is_valid():
            context = {"template": template, "form": form}
            return render(request, self.template_name, context, status=400)
        services.template_update(
            template=template,
            by=request_user(request),
            **{name: form.cleaned_data[name] for name in services.TEMPLATE_EDIT_FIELDS},
        )
        messages.success(request, _("The template was saved. New evaluation plans start from it."))
        return redirect(reverse("evaluation:templates"))


class AnswerView(View):
    """`/svar/<token>/`: answering a tie survey or a questionnaire, with or without an account.

    The token is the credential. Each kind of survey answers through its own `answer` view; a
    token that matches no invitation gets a clear page and a 404.
    """

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        from .questionnaires.models import QuestionnaireInvitation
        from .questionnaires.views import answer as answer_questionnaire
        from .surveys.models import TieInvitation
        from .surveys.views import answer as answer_tie_survey

        token = str(kwargs["token"])
        tie = (
            TieInvitation.objects.select_related("wave__survey__network", "group", "person")
            .filter(token=token)
            .first()
        )
        if tie is not None:
            return answer_tie_survey(request, tie)
        questionnaire = (
            QuestionnaireInvitation.objects.select_related("questionnaire__network", "person")
            .filter(token=token)
            .first()
        )
        if questionnaire is not None:
            return answer_questionnaire(request, questionnaire)
        return render(request, "evaluation/answer_unknown.html", status=404)
