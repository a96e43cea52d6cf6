"""The organisation import: parsing, dry-run, apply, re-import, removals and bad files."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from netvaerk.core.models import AuditEntry
from netvaerk.organisation.importers import ImportFileError, parse_files
from netvaerk.organisation.models import Person, Unit
from netvaerk.organisation.services import org_import_apply, org_import_plan

UNITS_CSV = """eksternt id;navn;overordnet;niveau
k;Kommunen;;organisation
a1;Område Nord;k;direktørområde
c1;Center for Natur;a1;center
t1;Team Skov;c1;team
"""
PEOPLE_CSV = """eksternt id;navn;enhed;stilling;e-mail;leder
p1;Ane Skov;t1;Skovarbejder;ane@example.invalid;nej
p2;Bo Natur;c1;Centerchef;bo@example.invalid;ja
"""


def csv_file(text: str, name: str = "file.csv") -> tuple[io.BytesIO, str]:
    return io.BytesIO(text.encode("utf-8")), name


def run_import(units: str | None = UNITS_CSV, people: str | None = PEOPLE_CSV, **kwargs):
    parsed = parse_files(
        units_file=csv_file(units) if units is not None else None,
        people_file=csv_file(people) if people is not None else None,
    )
    plan = org_import_plan(parsed=parsed, **kwargs)
    if plan.is_valid:
        org_import_apply(plan=plan, by=None)
    return plan


@pytest.mark.django_db
def test_a_first_import_creates_the_tree_and_the_people_with_audit_entries() -> None:
    plan = run_import()
    assert plan.is_valid
    assert plan.count("unit", "create") == 4
    assert plan.count("person", "create") == 2
    team = Unit.objects.get(external_id="t1")
    assert [u.name for u in Unit.objects.filter(pk__in=team.ancestor_ids()).order_by("level")] == [
        "Kommunen",
        "Område Nord",
        "Center for Natur",
    ]
    bo = Person.objects.get(external_id="p2")
    assert bo.is_manager and bo.unit.name == "Center for Natur"
    entry = AuditEntry.objects.get(action="organisation.person.create", subject=bo)
    assert entry.changes["name"] == [None, "Bo Natur"]
    assert AuditEntry.objects.filter(action="organisation.unit.create").count() == 4


@pytest.mark.django_db
def test_importing_the_same_files_again_changes_nothing_and_never_duplicates() -> None:
    run_import()
    entries = AuditEntry.objects.count()
    plan = run_import()
    assert plan.changes == []
    assert Unit.objects.count() == 4 and Person.objects.count() == 2
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_a_reimport_updates_by_external_id_and_removes_what_is_missing() -> None:
    run_import()
    people = PEOPLE_CSV.replace("Ane Skov;t1;Skovarbejder", "Ane Skov-Hansen;c1;Skovfoged")
    people = "\n".join(line for line in people.splitlines() if not line.startswith("p2"))
    plan = org_import_apply_plan = run_import(people=people)
    assert org_import_apply_plan.is_valid
    assert plan.count("person", "update") == 1 and plan.count("person", "remove") == 1
    ane = Person.objects.get(external_id="p1")
    assert (ane.name, ane.unit.external_id, ane.title) == ("Ane Skov-Hansen", "c1", "Skovfoged")
    assert not Person.objects.get(external_id="p2").is_active
    change = AuditEntry.objects.filter(action="organisation.person.update", subject=ane).get()
    assert change.changes["unit_external_id"] == ["t1", "c1"]
    assert change.changes["name"] == ["Ane Skov", "Ane Skov-Hansen"]


@pytest.mark.django_db
def test_the_dry_run_lists_changes_but_saves_nothing() -> None:
    parsed = parse_files(units_file=csv_file(UNITS_CSV), people_file=csv_file(PEOPLE_CSV))
    plan = org_import_plan(parsed=parsed)
    assert plan.summary()["counts"]["unit_create"] == 4
    assert not Unit.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_errors_name_row_column_and_problem_and_nothing_changes() -> None:
    run_import()
    bad_people = PEOPLE_CSV + "p3;;t1;Gartner;ikke-en-mail;måske\np1;Dublet;x9;;;nej\n"
    plan = run_import(people=bad_people)
    messages = [str(error) for error in plan.errors]
    assert not plan.is_valid
    assert any("række 4" in m and "navn" in m for m in messages), messages
    assert any("række 4" in m and "e-mail" in m and "ikke-en-mail" in m for m in messages)
    assert any("række 4" in m and "leder" in m for m in messages)
    assert any("række 5" in m and "række 2" in m for m in messages)  # duplicate id
    assert any("række 5" in m and "x9" in m for m in messages)  # unknown unit
    assert Person.objects.count() == 2
    assert Person.objects.get(external_id="p1").name == "Ane Skov"


@pytest.mark.django_db
def test_a_parent_loop_and_an_unknown_level_are_errors() -> None:
    units = UNITS_CSV + "x1;Løkke A;x2;team\nx2;Løkke B;x1;team\nx3;Ukendt;k;kontor\n"
    plan = run_import(units=units, people=None)
    messages = " ".join(str(error) for error in plan.errors)
    assert "række 6" in messages and "række 7" in messages and "i ring" in messages
    assert "kontor" in messages
    assert not Unit.objects.exists()


@pytest.mark.parametrize(
    "payload, name",
    [
        (b"", "tom.csv"),
        (b"\x00\x01\x02binary", "data.csv"),
        (b"PK\x03\x04 not really a zip", "org.xlsx"),
        (b"hello", "org.pdf"),
    ],
)
def test_unreadable_files_raise_a_clear_error(payload: bytes, name: str) -> None:
    with pytest.raises(ImportFileError):
        parse_files(units_file=(io.BytesIO(payload), name))


@pytest.mark.django_db
def test_missing_columns_are_reported_and_nothing_changes() -> None:
    plan = run_import(units="navn;niveau\nKommunen;organisation\n", people=None)
    assert [str(error) for error in plan.errors] == [
        "Enheder, række 1, kolonne “eksternt id”: Kolonnen mangler."
    ]
    assert not Unit.objects.exists()


def workbook_bytes() -> bytes:
    workbook = Workbook()
    units = workbook.active
    units.title = "Enheder"
    for line in UNITS_CSV.strip().splitlines():
        units.append(line.split(";"))
    people = workbook.create_sheet("Personer")
    for line in PEOPLE_CSV.strip().splitlines():
        people.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_one_workbook_with_both_sheets_imports_units_and_people() -> None:
    parsed = parse_files(units_file=(io.BytesIO(workbook_bytes()), "org.xlsx"))
    plan = org_import_plan(parsed=parsed)
    assert plan.is_valid, plan.errors
    org_import_apply(plan=plan, by=None)
    assert Person.objects.get(external_id="p1").unit.external_id == "t1"


@pytest.mark.django_db
def test_the_command_shows_a_progress_bar_and_supports_dry_run(tmp_path, capsys) -> None:
    path = tmp_path / "org.xlsx"
    path.write_bytes(workbook_bytes())
    call_command("import_org", str(path), "--dry-run")
    assert not Unit.objects.exists()
    call_command("import_org", str(path))
    captured = capsys.readouterr()
    assert "Importing" in captured.err and "100%" in captured.err
    assert Unit.objects.count() == 4


@pytest.mark.django_db
def test_the_command_refuses_a_file_with_errors(tmp_path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("eksternt id;navn;niveau\nk;;organisation\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_org", "--units", str(path))
    assert not Unit.objects.exists()
