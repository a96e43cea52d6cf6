"""Reading organisation files (CSV or XLSX) into validated rows.

This module only parses and validates; `services.org_import_*` compares with the database
and applies. Column names are accepted in Danish or English, in any order and case.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Unit

MAX_ROWS = 200_000
MAX_CELL = 1000

UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "eksternt_id", "eksternt id", "id"),
    "name": ("name", "navn"),
    "parent": ("parent", "overordnet", "overordnet enhed", "parent_id"),
    "level": ("level", "niveau"),
}
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "eksternt_id", "eksternt id", "id"),
    "name": ("name", "navn"),
    "unit": ("unit", "enhed"),
    "title": ("title", "stilling", "stillingsbetegnelse"),
    "email": ("email", "e-mail", "mail"),
    "manager": ("manager", "leder"),
}
REQUIRED_UNIT_COLUMNS = ("external_id", "name", "level")
REQUIRED_PERSON_COLUMNS = ("external_id", "name", "unit")

# The headers as a user sees them in error messages (the Danish template's names).
COLUMN_LABELS = {
    "external_id": gettext_lazy("external id"),
    "name": gettext_lazy("name"),
    "parent": gettext_lazy("parent"),
    "level": gettext_lazy("level"),
    "unit": gettext_lazy("unit"),
    "title": gettext_lazy("title"),
    "email": gettext_lazy("e-mail"),
    "manager": gettext_lazy("manager"),
}

LEVELS = {
    "0": Unit.Level.ORGANISATION,
    "organisation": Unit.Level.ORGANISATION,
    "1": Unit.Level.AREA,
    "area": Unit.Level.AREA,
    "direktørområde": Unit.Level.AREA,
    "direktoromrade": Unit.Level.AREA,
    "2": Unit.Level.CENTRE,
    "centre": Unit.Level.CENTRE,
    "center": Unit.Level.CENTRE,
    "3": Unit.Level.TEAM,
    "team": Unit.Level.TEAM,
    "afdeling": Unit.Level.TEAM,
}
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "1", "x"}
FALSE_WORDS = {"nej", "n", "no", "false", "0", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, no header, too large)."""


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("%(sheet)s, row %(row)s, column “%(column)s”: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class UnitRow:
    row: int
    external_id: str
    name: str
    parent: str
    level: int


@dataclass
class PersonRow:
    row: int
    external_id: str
    name: str
    unit: str
    title: str
    email: str
    is_manager: bool


@dataclass
class ParsedFile:
    units: list[UnitRow] | None = None
    people: list[PersonRow] | None = None
    errors: list[RowError] = field(default_factory=list)


RawRows = list[tuple[int, list[str]]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(data: bytes) -> RawRows:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFileError(_("The file is not valid text (UTF-8 or Windows-1252)."))
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [(number, [_cell(c) for c in row]) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        raise ImportFileError(_("The CSV file could not be read: %s") % error) from error


def _xlsx_sheets(data: bytes) -> dict[str, RawRows]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file is not a valid XLSX workbook.")) from error
    sheets: dict[str, RawRows] = {}
    try:
        for sheet in workbook.worksheets:
            rows: RawRows = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    raise ImportFileError(_("The file has more than %d rows.") % MAX_ROWS)
                rows.append((number, [_cell(c) for c in row]))
            sheets[sheet.title.strip().lower()] = rows
    finally:
        workbook.close()
    return sheets


def read_sheets(upload: IO[bytes], filename: str) -> dict[str, RawRows]:
    """All tables in a file: one for a CSV, one per sheet for an XLSX workbook."""
    data = upload.read()
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _xlsx_sheets(data)
    if filename.lower().endswith((".csv", ".txt")):
        return {"csv": _csv_rows(data)}
    raise ImportFileError(_("Only CSV and XLSX files can be imported."))


def _header_map(
    sheet: str, rows: RawRows, columns: dict[str, tuple[str, ...]], required: Iterable[str]
) -> tuple[dict[str, int], list[RowError]]:
    """Which position each known column has; errors for required columns that are missing."""
    if not rows:
        return {}, [RowError(sheet, 1, "", _("The sheet has no header row."))]
    header = [cell.strip().lower() for cell in rows[0][1]]
    positions: dict[str, int] = {}
    for key, aliases in columns.items():
        for alias in aliases:
            if alias in header:
                positions[key] = header.index(alias)
                break
    errors = [
        RowError(sheet, 1, str(COLUMN_LABELS[key]), _("The column is missing."))
        for key in required
        if key not in positions
    ]
    return positions, errors


def _records(rows: RawRows, positions: dict[str, int]) -> Iterable[tuple[int, dict[str, str]]]:
    for number, cells in rows[1:]:
        if not any(cells):
            continue  # blank lines at the end of spreadsheets are common
        record = {
            key: cells[index] if index < len(cells) else "" for key, index in positions.items()
        }
        yield number, record


def _check_text(
    sheet: str, number: int, key: str, value: str, errors: list[RowError], *, required: bool
) -> str:
    label = str(COLUMN_LABELS[key])
    if required and not value:
        errors.append(RowError(sheet, number, label, _("A value is required.")))
    elif len(value) > (100 if key == "external_id" else 200):
        errors.append(RowError(sheet, number, label, _("The value is too long.")))
    elif any(ord(char) < 32 for char in value):
        errors.append(RowError(sheet, number, label, _("The value contains control characters.")))
    return value


def parse_units(sheet: str, rows: RawRows) -> tuple[list[UnitRow], list[RowError]]:
    positions, errors = _header_map(sheet, rows, UNIT_COLUMNS, REQUIRED_UNIT_COLUMNS)
    if errors:
        return [], errors
    result: list[UnitRow] = []
    seen: dict[str, int] = {}
    for number, record in _records(rows, positions):
        external_id = _check_text(
            sheet, number, "external_id", record["external_id"], errors, required=True
        )
        name = _check_text(sheet, number, "name", record["name"], errors, required=True)
        parent = _check_text(
            sheet, number, "parent", record.get("parent", ""), errors, required=False
        )
        level = LEVELS.get(record["level"].strip().lower())
        if level is None:
            errors.append(
                RowError(
                    sheet,
                    number,
                    str(COLUMN_LABELS["level"]),
                    _(
                        "“%(value)s” is not a level; "
                        "use organisation, direktørområde, center or team."
                    )
                    % {"value": record["level"][:50]},
                )
            )
        if external_id in seen:
            errors.append(
                RowError(
                    sheet,
                    number,
                    str(COLUMN_LABELS["external_id"]),
                    _("The id “%(id)s” is also used in row %(row)s.")
                    % {"id": external_id, "row": seen[external_id]},
                )
            )
        seen.setdefault(external_id, number)
        if parent and parent == external_id:
            errors.append(
                RowError(
                    sheet,
                    number,
                    str(COLUMN_LABELS["parent"]),
                    _("A unit cannot be its own parent."),
                )
            )
        result.append(UnitRow(number, external_id, name, parent, int(level or 0)))
    return result, errors


def _parse_flag(value: str) -> bool | None:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_people(sheet: str, rows: RawRows) -> tuple[list[PersonRow], list[RowError]]:
    positions, errors = _header_map(sheet, rows, PERSON_COLUMNS, REQUIRED_PERSON_COLUMNS)
    if errors:
        return [], errors
    result: list[PersonRow] = []
    seen: dict[str, int] = {}
    for number, record in _records(rows, positions):
        external_id = _check_text(
            sheet, number, "external_id", record["external_id"], errors, required=True
        )
        name = _check_text(sheet, number, "name", record["name"], errors, required=True)
        unit = _check_text(sheet, number, "unit", record["unit"], errors, required=True)
        title = _check_text(sheet, number, "title", record.get("title", ""), errors, required=False)
        email = record.get("email", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    RowError(
                        sheet,
                        number,
                        str(COLUMN_LABELS["email"]),
                        _("“%(value)s” is not a valid e-mail address.") % {"value": email[:100]},
                    )
                )
        flag = _parse_flag(record.get("manager", ""))
        if flag is None:
            errors.append(
                RowError(
                    sheet,
                    number,
                    str(COLUMN_LABELS["manager"]),
                    _("Write “ja” or “nej”, not “%(value)s”.") % {"value": record["manager"][:50]},
                )
            )
        if external_id in seen:
            errors.append(
                RowError(
                    sheet,
                    number,
                    str(COLUMN_LABELS["external_id"]),
                    _("The id “%(id)s” is also used in row %(row)s.")
                    % {"id": external_id, "row": seen[external_id]},
                )
            )
        seen.setdefault(external_id, number)
        result.append(PersonRow(number, external_id, name, unit, title, email, bool(flag)))
    return result, errors


UNIT_SHEET_NAMES = ("enheder", "units")
PEOPLE_SHEET_NAMES = ("personer", "people", "medarbejdere")


def _pick(sheets: dict[str, RawRows], names: tuple[str, ...]) -> tuple[str, RawRows] | None:
    for name in names:
        if name in sheets:
            return name, sheets[name]
    return None


def parse_files(
    *,
    units_file: tuple[IO[bytes], str] | None = None,
    people_file: tuple[IO[bytes], str] | None = None,
) -> ParsedFile:
    """Parse a units file and/or a people file; a workbook may hold both as named sheets.

    Raises ImportFileError when a file cannot be read at all.
    """
    parsed = ParsedFile()
    units_sheet: tuple[str, RawRows] | None = None
    people_sheet: tuple[str, RawRows] | None = None
    if units_file is not None:
        sheets = read_sheets(*units_file)
        units_sheet = _pick(sheets, UNIT_SHEET_NAMES) or next(iter(sheets.items()), None)
        if people_file is None:
            people_sheet = _pick(sheets, PEOPLE_SHEET_NAMES)
    if people_file is not None:
        sheets = read_sheets(*people_file)
        people_sheet = _pick(sheets, PEOPLE_SHEET_NAMES) or next(iter(sheets.items()), None)
    if units_sheet is None and people_sheet is None:
        raise ImportFileError(_("Choose a file with units, people or both."))
    if units_sheet is not None:
        parsed.units, errors = parse_units(_sheet_label(units_sheet[0], "units"), units_sheet[1])
        parsed.errors.extend(errors)
    if people_sheet is not None:
        parsed.people, errors = parse_people(
            _sheet_label(people_sheet[0], "people"), people_sheet[1]
        )
        parsed.errors.extend(errors)
    return parsed


def _sheet_label(name: str, kind: str) -> str:
    return _("Units") if kind == "units" else _("People")
