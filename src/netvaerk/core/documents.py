"""What every generated document (PDF with weasyprint, DOCX with python-docx) shares.

Documents are served as attachments with `nosniff`. A PDF is rendered without fetching
anything: every URL the HTML might name is refused, so text typed by users cannot reach the
network. Text going into a DOCX is stripped of the characters XML cannot hold.
"""

from __future__ import annotations

import io
import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, number_format

# Documents belong to the Danish organisation, whatever language the reader uses.
DOCUMENT_LANGUAGE = "da"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters XML (and so a DOCX) cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _refuse_urls(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"a generated PDF fetches nothing: {url[:80]}")


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest) -> bytes:
    """The template rendered in the document language and printed by weasyprint."""
    from weasyprint import HTML

    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=_refuse_urls, base_url=None).write_pdf()


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def clean(value: Any) -> str:
    """Text safe for a DOCX."""
    return _CONTROL.sub("", str(value or ""))


def text_date(value: Any) -> str:
    """A date as a document writes it (Danish long form), or a dash."""
    return date_format(value, "DATE_FORMAT") if value else "–"


def text_number(value: Any, decimals: int = 2) -> str:
    """A number as a document writes it, or a dash."""
    return "–" if value is None else number_format(value, decimal_pos=decimals)


def docx_table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    """A bordered table in a python-docx document: a header row, then the rows."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = clean(text)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = clean(text)
