"""The contract as a PDF (weasyprint, from its own print template) and as a DOCX (python-docx).

Both are served as attachments (core.documents: nothing fetched, text cleaned for XML).
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
    render_pdf,
    text_date,
)

from .models import TEXT_FIELDS, Contract

FORMATS = ("pdf", "docx")


def _filename(contract: Contract, ext: str) -> str:
    slug = slugify(contract.network.title)[:60] or "netvaerk"
    return f"kontrakt-{slug}-v{contract.version}.{ext}"


def pdf_response(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    pdf = render_pdf("contracts/print.html", context, request)
    return attachment(pdf, "application/pdf", _filename(context["contract"], "pdf"))


def _label(contract: Contract, name: str) -> str:
    return str(Contract._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]


def docx_response(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    with translation.override(DOCUMENT_LANGUAGE):
        return _docx(context)


def _docx(context: dict[str, Any]) -> HttpResponse:
    from docx import Document

    contract: Contract = context["contract"]
    network = contract.network
    document = Document()
    document.core_properties.title = clean(network.title)
    document.add_heading(clean(network.title), level=0)
    document.add_paragraph(
        clean(
            _("Network contract, version %(version)s. %(kind)s, phase %(phase)s.")
            % {
                "version": contract.version,
                "kind": network.get_kind_display(),
                "phase": network.get_phase_display(),
            }
        )
    )
    document.add_paragraph(clean(context["approval_text"]))
    for name in TEXT_FIELDS[:5]:
        document.add_heading(_label(contract, name), level=1)
        document.add_paragraph(clean(getattr(contract, name)) or "–")

    document.add_heading(_("Roles"), level=1)
    for participation in context["roles"]:
        document.add_paragraph(
            clean(f"{participation.get_role_display()}: {participation.person.name}"),
            style="List Bullet",
        )

    document.add_heading(_("Participants"), level=1)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [_("Name"), _("Role"), _("Hours per week"), _("Expected contribution")],
        strict=True,
    ):
        cell.text = text
    for p in context["participants"]:
        hours = f"{p.hours_per_week}" + (f" ({_('approved')})" if p.hours_approved else "")
        row = table.add_row().cells
        row[0].text = clean(p.person.name)
        row[1].text = clean(p.get_role_display())
        row[2].text = clean(hours)
        row[3].text = clean(p.expected_contribution or p.application_plan)

    document.add_heading(_("Time line"), level=1)
    document.add_paragraph(f"{_label(contract, 'starts_on')}: {text_date(contract.starts_on)}")
    for milestone in context["milestones"]:
        done = f" ({_('done')})" if milestone.done else ""
        document.add_paragraph(
            clean(f"{text_date(milestone.due_on)}: {milestone.title}{done}"), style="List Bullet"
        )
    document.add_paragraph(f"{_label(contract, 'ends_on')}: {text_date(contract.ends_on)}")

    for name in TEXT_FIELDS[5:]:
        document.add_heading(_label(contract, name), level=1)
        document.add_paragraph(clean(getattr(contract, name)) or "–")
    document.add_heading(_label(contract, "anchoring_owner"), level=1)
    owner = contract.anchoring_owner
    document.add_paragraph(clean(owner.name if owner else "–"))

    return attachment(docx_bytes(document), DOCX_TYPE, _filename(contract, "docx"))
