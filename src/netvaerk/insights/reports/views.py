"""The status report page, its downloads and the narrative editor. Thin: the sections come from
`selectors.generated` (cached), the narrative from the StatusReport of the period."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.core.charts import bar_chart
from netvaerk.core.documents import DOCUMENT_LANGUAGE
from netvaerk.core.views import edit_conflict, request_user
from netvaerk.insights.analytics import FULL_TIME_HOURS, Period

from . import analysis, document, selectors, services
from .forms import NarrativeForm, PeriodForm
from .models import NARRATIVE_FIELDS, StatusReport

STALE = gettext_lazy(
    "Someone else saved this while you were editing it. Your text is kept below; compare it "
    "with theirs and save again."
)


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    chosen = form.cleaned_data.get("year") or form.cleaned_data.get("start")
    return form, form.period(0 if chosen else selectors.latest_year())


def _query(period: Period) -> str:
    label = analysis.period_label(period)
    if label.isdigit():
        return urlencode({"year": label})
    start, end = analysis.dates(period)
    return urlencode({"start": start.isoformat(), "end": end.isoformat()})


def _hours(value: Any) -> str:
    text = number_format(value.normalize() if value is not None else 0, use_l10n=True)
    if value is not None and value >= FULL_TIME_HOURS:
        return _("%(hours)s (full time)") % {"hours": text}
    return text


def build_context(request: HttpRequest, period: Period) -> dict[str, Any]:
    """Everything the page and the documents show, for this reader (private networks masked)."""
    start, end = analysis.dates(period)
    report = selectors.generated(period)
    report = analysis.mask(report, selectors.hidden_networks(request.user, report))
    story = selectors.narrative(period)
    texts = {name: analysis.blocks(getattr(story, name, "") or "") for name in NARRATIVE_FIELDS}
    evaluation = report.evaluation
    totals = evaluation.indicators
    staffing = report.staffing
    return {
        "report": report,
        "period": period,
        "period_dates": {"start": date_format(start), "end": date_format(end)},
        "query": _query(period),
        "narrative": story,
        "texts": texts,
        "evaluation_text": _(
            "%(active)s networks ran in the period; %(with_index)s of them have measured "
            "relational coordination (mean index %(mean)s). Indicators: %(reached)s target "
            "reached, %(progressing)s moving towards the target, %(not_progressing)s not moving, "
            "%(no_data)s not measured yet."
        )
        % {
            "active": evaluation.active,
            "with_index": evaluation.with_index,
            "mean": number_format(evaluation.mean_index, decimal_pos=2)
            if evaluation.mean_index is not None
            else "–",
            **totals,
        },
        "staffing_rows": [
            (assignment, role, _hours(assignment.hours_per_week))
            for assignment, role in report.staffing_rows
        ],
        "staffing_text": _(
            "On %(date)s the secretariat is staffed with %(hours)s hours a week, "
            "%(fte)s full-time equivalents."
        )
        % {
            "date": date_format(staffing.on),
            "hours": number_format(staffing.hours.normalize(), use_l10n=True),
            "fte": number_format(staffing.fte, decimal_pos=2),
        },
        "innovators_text": ngettext(
            "%(count)s innovator in training",
            "%(count)s innovators in training",
            report.innovators.count,
        )
        % {"count": report.innovators.count}
        + (f" ({', '.join(report.innovators.trainings)})." if report.innovators.trainings else "."),
        "charts": {
            "started": bar_chart(
                [(group.label, group.count) for group in report.started],
                title=_("Networks started per type"),
                label_header=_("Type"),
                value_header=_("Networks"),
            ),
            "ideas": bar_chart(
                [(outcome.round.title, outcome.received) for outcome in report.ideas],
                title=_("Ideas received per round"),
                label_header=_("Round"),
                value_header=_("Ideas"),
            ),
        },
        "kind_rows": [
            (label, (row, total))
            for label, row, total in zip(
                report.kind_labels, report.phases.cells, report.phases.row_totals, strict=True
            )
        ],
        "idea_rows": [
            (
                outcome.round.title,
                [
                    outcome.received,
                    *[outcome.count(name) for name in ("selected", "parked", "rejected")],
                    outcome.count("undecided"),
                ],
            )
            for outcome in report.ideas
        ],
        "can_change": request.user.has_perm("reports.change_report"),
    }


class StatusReportView(PermissionRequiredMixin, View):
    """The status report of a period: on screen, or `?format=pdf|docx` as a download."""

    permission_required = "reports.view_report"

    def get(self, request: HttpRequest) -> HttpResponse:
        fmt = request.GET.get("format", "")
        if fmt not in ("", *document.FORMATS):
            return render(
                request,
                "reports/status.html",
                {"form": PeriodForm(), "error": _("Choose the format pdf or docx.")},
                status=400,
            )
        form, period = _period(request)
        if period is None:
            return render(request, "reports/status.html", {"form": form}, status=400)
        if fmt:
            with translation.override(DOCUMENT_LANGUAGE):
                context = build_context(request, period)
            if fmt == "pdf":
                return document.pdf_response(request, context)
            return document.docx_response(context)
        return render(
            request, "reports/status.html", {"form": form, **build_context(request, period)}
        )


class NarrativeEditView(PermissionRequiredMixin, View):
    """The secretariat writes the report's background, section introductions and next steps."""

    permission_required = "reports.change_report"
    template_name = "reports/narrative_form.html"

    def _context(self, period: Period, form: NarrativeForm) -> dict[str, Any]:
        return {
            "form": form,
            "period": period,
            "label": analysis.period_label(period),
            "report_url": reverse("reports:status") + "?" + _query(period),
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        period_form, period = _period(request)
        if period is None:
            return render(request, "reports/status.html", {"form": period_form}, status=400)
        story = selectors.narrative(period) or StatusReport(version=0)
        form = NarrativeForm(instance=story, initial={"version": story.version})
        return render(request, self.template_name, self._context(period, form))

    def post(self, request: HttpRequest) -> HttpResponse:
        period_form, period = _period(request)
        if period is None:
            return render(request, "reports/status.html", {"form": period_form}, status=400)
        start, end = analysis.dates(period)
        story = selectors.narrative(period) or StatusReport(starts_on=start, ends_on=end, version=0)
        form = NarrativeForm(request.POST, instance=story)
        context = self._context(period, form)
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.status_report_save(
                starts_on=start,
                ends_on=end,
                version=data["version"],
                by=request_user(request),
                **{name: data[name] for name in NARRATIVE_FIELDS},
            )
        except services.StaleReport as stale:
            return edit_conflict(
                request,
                form=form,
                current=stale.current,
                fields=NARRATIVE_FIELDS,
                message=STALE,
                template_name=self.template_name,
                context=context,
            )
        messages.success(request, _("The status report’s text was saved."))
        return redirect(context["report_url"])
