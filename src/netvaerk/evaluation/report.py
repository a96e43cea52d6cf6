"""A network's effect report: plan, indicators, survey results, marked learning notes and the
conclusion the forum decided — on screen, as PDF (weasyprint) and as DOCX (python-docx).

Survey results come from the surveys' and questionnaires' own report selectors, which have
already left out every group (or questionnaire) below the anonymity threshold.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from netvaerk.core.documents import (
    DOCUMENT_LANGUAGE,
    DOCX_TYPE,
    attachment,
    clean,
    docx_bytes,
    docx_table,
    render_pdf,
    text_date,
    text_number,
)
from netvaerk.networks.logbook.selectors import notes_for_status_report
from netvaerk.networks.models import Network

from . import selectors
from .models import Level
from .tokens import min_group_size

FORMATS = ("pdf", "docx")


def context(network: Network) -> dict[str, Any]:
    """Everything the report shows, in a bounded number of queries."""
    from .questionnaires.selectors import network_report as questionnaire_reports
    from .surveys.selectors import network_report as survey_reports

    plan = selectors.plan_for_page(network)
    items = selectors.indicator_list(plan) if plan else []
    charts = selectors.charts_for(items)
    return {
        "network": network,
        "plan": plan,
        "questions": _questions(plan),
        "indicators": [(item, charts[item.pk]) for item in items],
        "surveys": survey_reports(network),
        "questionnaires": questionnaire_reports(network),
        "notes": list(notes_for_status_report(network)),
        "minimum": min_group_size(),
    }


def _questions(plan: Any) -> list[tuple[str, str]]:
    if plan is None:
        return []
    return [
        (str(Level.CITIZENS.label), plan.questions_citizens),
        (str(Level.NETWORK.label), plan.questions_network),
        (str(Level.PARTICIPANTS.label), plan.questions_participants),
    ]


def _filename(network: Network, ext: str) -> str:
    slug = slugify(network.title)[:60] or "netvaerk"
    return f"effektrapport-{slug}.{ext}"


# The pages' own stylesheets for the charts, heat maps and bars, printed into the PDF too.
PRINT_CSS = ("css/evaluation-surveys.css", "css/evaluation-questionnaires.css")


def _print_css() -> str:
    from django.contrib.staticfiles import finders

    parts = []
    for name in PRINT_CSS:
        path = finders.find(name)
        if isinstance(path, str):
            with open(path, encoding="utf-8") as file:
                parts.append(file.read())
    return "\n".join(parts)


def pdf_response(request: HttpRequest, report: dict[str, Any]) -> HttpResponse:
    report = {**report, "extra_print_css": _print_css()}
    pdf = render_pdf("evaluation/report_print.html", report, request)
    return attachment(pdf, "application/pdf", _filename(report["network"], "pdf"))


def docx_response(report: dict[str, Any]) -> HttpResponse:
    with translation.override(DOCUMENT_LANGUAGE):
        content = _docx(report)
    return attachment(content, DOCX_TYPE, _filename(report["network"], "docx"))


def _docx(report: dict[str, Any]) -> bytes:
    from docx import Document

    network: Network = report["network"]
    plan = report["plan"]
    document = Document()
    document.core_properties.title = clean(_("Effect report: %(network)s") % {"network": network})
    document.add_heading(clean(_("Effect report: %(network)s") % {"network": network}), level=0)
    document.add_paragraph(
        clean(f"{network.get_kind_display()}, {_('phase')} {network.get_phase_display()}.")
    )

    document.add_heading(_("Conclusion"), level=1)
    if network.evaluation_result:
        meeting = plan.decision_meeting if plan else None
        document.add_paragraph(clean(network.evaluation_result))
        if plan and plan.concluded_on:
            document.add_paragraph(
                clean(
                    _("Decided on %(date)s") % {"date": text_date(plan.concluded_on)}
                    + (f" ({meeting})" if meeting else "")
                )
            )
    else:
        document.add_paragraph(_("The forum has not yet decided on a conclusion."))

    document.add_heading(_("Evaluation plan"), level=1)
    if plan is None:
        document.add_paragraph(_("The network has no evaluation plan yet."))
    else:
        document.add_paragraph(clean(plan.purpose) or "–")
        for level, text in report["questions"]:
            document.add_heading(clean(level), level=2)
            document.add_paragraph(clean(text) or "–")
        document.add_heading(_("Timing"), level=2)
        for name in ("baseline_on", "mid_on", "end_on", "follow_up_on"):
            label = str(plan._meta.get_field(name).verbose_name).capitalize()
            document.add_paragraph(
                f"{label}: {text_date(getattr(plan, name))}", style="List Bullet"
            )
        responsible = plan.responsible.name if plan.responsible else "–"
        document.add_paragraph(f"{_('Responsible')}: {clean(responsible)}")

    document.add_heading(_("Indicators"), level=1)
    if report["indicators"]:
        docx_table(
            document,
            [_("Indicator"), _("Level"), _("Baseline"), _("Target"), _("Latest"), _("Status")],
            [
                [
                    f"{item.name} ({item.unit})",
                    item.get_level_display(),
                    text_number(item.baseline),
                    text_number(item.target),
                    f"{text_number(item.latest_value)} ({text_date(item.latest_on)})"
                    if item.latest_value is not None
                    else "–",
                    str(item.status.label),
                ]
                for item, _chart in report["indicators"]
            ],
        )
    else:
        document.add_paragraph(_("No indicators yet."))

    document.add_heading(_("Relational coordination"), level=1)
    if not report["surveys"]:
        document.add_paragraph(_("No tie survey yet."))
    for survey in report["surveys"]:
        document.add_heading(clean(survey.survey.title), level=2)
        docx_table(
            document,
            [_("Wave"), _("Respondents"), _("Index"), _("Communication"), _("Relationships")],
            [
                [
                    wave.label,
                    str(wave.result.respondents),
                    text_number(wave.result.index),
                    text_number(wave.result.communication),
                    text_number(wave.result.relationship),
                ]
                for wave in survey.waves
            ],
        )
        hidden = max((wave.result.hidden for wave in survey.waves), default=0)
        if hidden:
            document.add_paragraph(
                _("Groups with fewer than %(minimum)s respondents are not shown.")
                % {"minimum": report["minimum"]}
            )
        if survey.comparison:
            difference = survey.comparison.get("index")
            if difference and difference.difference is not None:
                document.add_paragraph(clean(_comparison_text(difference)))

    document.add_heading(_("Questionnaires"), level=1)
    if not report["questionnaires"]:
        document.add_paragraph(_("No questionnaire yet."))
    for questionnaire in report["questionnaires"]:
        document.add_heading(clean(questionnaire.questionnaire.title), level=2)
        if not questionnaire.shown:
            document.add_paragraph(
                _("Fewer than %(minimum)s answers; the results are not shown.")
                % {"minimum": report["minimum"]}
            )
            continue
        document.add_paragraph(
            _("%(respondents)s of %(invited)s answered.")
            % {"respondents": questionnaire.respondents, "invited": questionnaire.invited}
        )
        for summary in questionnaire.questions:
            document.add_paragraph(clean(summary.question.text), style="List Bullet")
            if summary.mean is not None:
                document.add_paragraph(f"{_('Mean')}: {text_number(summary.mean)}")
            for option, count in summary.options:
                document.add_paragraph(clean(f"{option}: {count}"))
            for text in summary.texts:
                document.add_paragraph(clean(f"“{text}”"))

    document.add_heading(_("From the learning log"), level=1)
    if not report["notes"]:
        document.add_paragraph(_("No notes are marked for the report."))
    for note in report["notes"]:
        document.add_paragraph(
            clean(f"{text_date(note.written_on)}: {note.text}"), style="List Bullet"
        )
    return docx_bytes(document)


def _comparison_text(difference: Any) -> str:
    values = {
        "before": text_number(difference.before),
        "after": text_number(difference.after),
        "difference": text_number(difference.difference),
        "low": text_number(difference.low),
        "high": text_number(difference.high),
    }
    text = (
        _(
            "The index went from %(before)s to %(after)s, a change of %(difference)s "
            "(95 %% confidence interval %(low)s to %(high)s)."
        )
        % values
    )
    if difference.low is not None and difference.low <= 0 <= difference.high:
        text += " " + _("The interval includes 0: no clear change.")
    return text
