from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.core.models import User
from netvaerk.organisation.os2mo import OS2moConfig, OS2moError, os2mo_import


class Command(BaseCommand):
    help = (
        "Import org units, engagements and managers from OS2mo's GraphQL API through the same "
        "import as import_org (matched by OS2mo uuid). Settings: OS2MO_URL, OS2MO_TOKEN_URL, "
        "OS2MO_CLIENT_ID, OS2MO_CLIENT_SECRET. Units and people that OS2mo no longer has are "
        "deactivated only with --remove-missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show the changes, save nothing")
        parser.add_argument(
            "--remove-missing",
            action="store_true",
            help="Deactivate imported units and people missing from OS2mo",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the import as a background task for `manage.py db_worker`",
        )
        parser.add_argument("--by", help="User name recorded in the audit log as the importer")

    def handle(self, *args: Any, **options: Any) -> None:
        by = None
        if options["by"]:
            by = User.objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user named {options['by']!r}.")
        try:
            config = OS2moConfig.from_environment()
        except OS2moError as error:
            raise CommandError(str(error)) from error
        if options["enqueue"]:
            if options["dry_run"] or by is not None:
                raise CommandError("--enqueue cannot be combined with --dry-run or --by.")
            from netvaerk.organisation.tasks import import_os2mo

            result = import_os2mo.enqueue(remove_missing=options["remove_missing"])
            self.stdout.write(f"Queued the OS2mo import as task {result.id}.")
            return
        try:
            plan = os2mo_import(
                dry_run=options["dry_run"],
                remove_missing=options["remove_missing"],
                by=by,
                config=config,
            )
        except OS2moError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        for row_error in plan.errors:
            self.stderr.write(str(row_error))
        self.stdout.write(
            "Units:  {unit_create} to create, {unit_update} to change, {unit_remove} to remove\n"
            "People: {person_create} to create, {person_update} to change, "
            "{person_remove} to remove".format(**plan.summary()["counts"])
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
        self.stdout.write(self.style.SUCCESS("The organisation was imported from OS2mo."))
