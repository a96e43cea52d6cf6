import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from netvaerk.core.models import User
from netvaerk.organisation.importers import ImportFileError, parse_files
from netvaerk.organisation.services import org_import_apply, org_import_plan


class Command(BaseCommand):
    help = (
        "Import the organisation from CSV or XLSX: units (eksternt id, navn, overordnet, niveau) "
        "and people (eksternt id, navn, enhed, stilling, e-mail, leder). A workbook may hold "
        "both as sheets. Updates by external id; units and people missing from the file are "
        "deactivated unless --keep-missing is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help="A workbook with the sheets Enheder and Personer"
        )
        parser.add_argument("--units", help="A CSV or XLSX file with units")
        parser.add_argument("--people", help="A CSV or XLSX file with people")
        parser.add_argument("--dry-run", action="store_true", help="Show the changes, save nothing")
        parser.add_argument("--keep-missing", action="store_true", help="Do not deactivate")
        parser.add_argument("--by", help="User name recorded in the audit log as the importer")

    def handle(self, *args: Any, **options: Any) -> None:
        units_path = options["units"] or options["file"]
        people_path = options["people"]
        if not units_path and not people_path:
            raise CommandError("Give a workbook, or --units and/or --people.")
        by = None
        if options["by"]:
            by = User.objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user named {options['by']!r}.")
        handles = []
        try:
            files: dict[str, Any] = {}
            for key, name in (("units_file", units_path), ("people_file", people_path)):
                if name:
                    try:
                        handle = Path(name).open("rb")  # noqa: SIM115 - closed below
                    except OSError as open_error:
                        raise CommandError(f"Cannot open {name}: {open_error}") from open_error
                    handles.append(handle)
                    files[key] = (handle, name)
            try:
                parsed = parse_files(**files)
            except ImportFileError as error:
                raise CommandError(str(error)) from error
        finally:
            for handle in handles:
                handle.close()

        plan = org_import_plan(parsed=parsed, remove_missing=not options["keep_missing"])
        summary = plan.summary()
        for row_error in plan.errors:
            self.stderr.write(str(row_error))
        counts = summary["counts"]
        self.stdout.write(
            "Units:  {unit_create} to create, {unit_update} to change, {unit_remove} to remove\n"
            "People: {person_create} to create, {person_update} to change, "
            "{person_remove} to remove".format(**counts)
        )
        if options["verbosity"] > 1:
            for change in plan.changes:
                self.stdout.write(
                    f"  {change.kind:<6} {change.model:<6} {change.external_id}: "
                    f"{change.label} {change.changes}"
                )
        if not plan.is_valid:
            raise CommandError(f"{len(plan.errors)} errors; nothing was changed.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was changed.")
            return
        total = len(plan.units or []) + len(plan.people or [])
        with tqdm(total=total, unit="rows", desc="Importing", file=sys.stderr) as bar:
            org_import_apply(plan=plan, by=by, progress=bar.update)
        self.stdout.write(self.style.SUCCESS("The organisation was imported."))
