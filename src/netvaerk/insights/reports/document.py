"""The status report as PDF (weasyprint) and DOCX (python-docx), from the same context as the
page. Headings and section order follow the page; documents are always in Danish."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
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

from .analysis import Block

FORMATS = ("pdf", "docx")
# The pages' own stylesheets for the bar charts, printed into the PDF too.
PRINT_CSS = ("css/evaluation.css", "css/reports.css")


def _print_css() -> str:
    from django.contrib.staticfiles import finders

    parts = []
    for name in PRINT_CSS:
        path = finders.find(name)
        if isinstance(path, str):
            with open(path, encoding="utf-8") as file:
                parts.append(file.read())
    return "\n".join(parts)


def _filename(context: dict[str, Any], ext: str) -> str:
    label = context["report"].label.replace(" – ", "_").replace(" ", "")
    return f"statusrapport-{label}.{ext}"


def pdf_response(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    context = {**context, "extra_print_css": _print_css()}
    pdf = render_pdf("reports/status_print.html", context, request)
    return attachment(pdf, "application/pdf", _filename(context, "pdf"))


def docx_response(context: dict[str, Any]) -> HttpResponse:
    with translation.override(DOCUMENT_LANGUAGE):
        content = _docx(context)
    return attachment(content, DOCX_TYPE, _filename(context, "docx"))


def _blocks(document: Any, blocks: list[Block]) -> None:
    for block in blocks:
        if block.items:
            for item in block.items:
                document.add_paragraph(clean(item), style="List Bullet")
        else:
            document.add_paragraph(clean(block.text))


def _docx(context: dict[str, Any]) -> bytes:
    from docx import Document

    report = context["report"]
    texts: dict[str, list[Block]] = context["texts"]
    document = Document()
    title = _("Status report %(period)s") % {"period": report.label}
    document.core_properties.title = clean(title)
    document.add_heading(clean(title), level=0)
    document.add_paragraph(
        clean(_("The network structure, %(start)s to %(end)s.") % context["period_dates"])
    )

    document.add_heading(_("Background"), level=1)
    _blocks(document, texts["background"])
    if not texts["background"]:
        document.add_paragraph(_("The secretariat has not written the background yet."))

    document.add_heading(_("Phases and timeline"), level=1)
    _blocks(document, texts["intro_phases"])
    for event in report.timeline:
        document.add_paragraph(clean(f"{text_date(event.day)}: {event.text}"), style="List Bullet")
    if not report.timeline:
        document.add_paragraph(_("Nothing happened in the period."))
    document.add_heading(_("Networks by type and phase"), level=2)
    docx_table(
        document,
        [_("Type"), *report.phase_labels, _("Total")],
        [
            [label, *[str(n) for n in row], str(total)]
            for label, row, total in zip(
                report.kind_labels, report.phases.cells, report.phases.row_totals, strict=True
            )
        ],
    )

    document.add_heading(_("Networks started"), level=1)
    _blocks(document, texts["intro_networks"])
    document.add_paragraph(
        clean(
            _("%(count)s networks started in the period.") % {"count": report.started_total}
            + (f" {report.spanning_text}" if report.spanning_text else "")
        )
    )
    for group in report.started:
        document.add_heading(clean(f"{group.label} ({group.count})"), level=2)
        for row in group.shown:
            document.add_paragraph(
                clean(
                    _("%(network)s, since %(date)s (%(phase)s)")
                    % {
                        "network": row.network.name,
                        "date": text_date(row.started),
                        "phase": row.phase,
                    }
                ),
                style="List Bullet",
            )
        if group.more:
            document.add_paragraph(_("… and %(count)s more.") % {"count": group.more})

    evaluation = report.evaluation
    document.add_heading(_("What the evaluation shows"), level=1)
    _blocks(document, texts["intro_evaluation"])
    document.add_paragraph(clean(context["evaluation_text"]))
    if evaluation.rows:
        docx_table(
            document,
            [
                _("Network"),
                _("Latest index"),
                _("Change"),
                _("Indicators"),
                _("Target reached"),
                _("Moving towards the target"),
                _("Not moving"),
            ],
            [
                [
                    row.network.name,
                    text_number(row.index),
                    text_number(row.index_change),
                    str(row.indicators),
                    str(row.reached),
                    str(row.progressing),
                    str(row.not_progressing),
                ]
                for row in evaluation.rows
            ],
        )
        for row in evaluation.rows:
            if row.notes:
                document.add_heading(clean(row.network.name), level=2)
                for note in row.notes:
                    document.add_paragraph(
                        clean(f"{text_date(note.written_on)}: {note.text}"), style="List Bullet"
                    )
    if evaluation.more:
        document.add_paragraph(
            _("%(count)s more networks are in the evaluation portfolio.")
            % {"count": evaluation.more}
        )

    document.add_heading(_("Ideas received"), level=1)
    _blocks(document, texts["intro_ideas"])
    if report.ideas:
        docx_table(
            document,
            [_("Round"), _("Received"), _("Selected"), _("Parked"), _("Rejected"), _("Undecided")],
            [
                [
                    outcome.round.title,
                    str(outcome.received),
                    str(outcome.count("selected")),
                    str(outcome.count("parked")),
                    str(outcome.count("rejected")),
                    str(outcome.count("undecided")),
                ]
                for outcome in report.ideas
            ],
        )
    else:
        document.add_paragraph(_("No ideas were received in the period."))
    if report.selected:
        document.add_heading(_("Selected ideas"), level=2)
        for item in report.selected:
            document.add_paragraph(clean(item.text), style="List Bullet")

    document.add_heading(_("Staffing"), level=1)
    _blocks(document, texts["intro_staffing"])
    docx_table(
        document,
        [_("Person"), _("Role"), _("Hours per week"), _("From"), _("Until")],
        [
            [
                assignment.person,
                role,
                hours,
                text_date(assignment.starts_on),
                text_date(assignment.ends_on),
            ]
            for assignment, role, hours in context["staffing_rows"]
        ],
    )
    document.add_paragraph(clean(context["staffing_text"]))
    document.add_heading(_("Innovators in training"), level=2)
    document.add_paragraph(clean(context["innovators_text"]))
    for name in report.innovators.names:
        document.add_paragraph(clean(name), style="List Bullet")
    if report.innovators.more:
        document.add_paragraph(_("… and %(count)s more.") % {"count": report.innovators.more})

    document.add_heading(_("Next steps"), level=1)
    _blocks(document, texts["next_steps"])
    if not texts["next_steps"]:
        document.add_paragraph(_("The secretariat has not written the next steps yet."))
    return docx_bytes(document)
