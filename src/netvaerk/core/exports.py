"""Tables as CSV and XLSX downloads, for paper packets and spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx")
# A cell starting with one of these is a formula to a spreadsheet; prefix it so it stays text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _xlsx_cell(value: Any) -> Any:
    """Control characters cannot be stored in a workbook; they are left out."""
    if isinstance(value, str):
        return _safe(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV file that Excel opens correctly: UTF-8 with BOM and semicolons (Danish locale)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_safe(h) for h in header])
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append([str(h) for h in header])
    for row in rows:
        worksheet.append([_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = _disposition(filename)
    return response
