"""Apply the retention rules: remove idle guest accounts, delete old notifications and the
uploaded files of finished organisation imports.

    manage.py apply_retention [--dry-run]

The periods are the settings RETENTION_GUEST_IDLE_DAYS, RETENTION_NOTIFICATION_DAYS and
RETENTION_IMPORT_FILE_DAYS.
Run it daily (cron); the background task privacy.tasks.apply_retention does the same.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from netvaerk.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Remove guest accounts idle for too long and delete old notifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be removed."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = retention_apply(dry_run=options["dry_run"])
        verb = "would be removed" if result.dry_run else "removed"
        self.stdout.write(
            f"Guest accounts idle for more than {settings.RETENTION_GUEST_IDLE_DAYS} days "
            f"{verb}: {result.guests}"
        )
        self.stdout.write(
            f"Notifications older than {settings.RETENTION_NOTIFICATION_DAYS} days {verb}: "
            f"{result.notifications}"
        )
        self.stdout.write(
            f"Files of organisation imports uploaded more than "
            f"{settings.RETENTION_IMPORT_FILE_DAYS} days ago {verb}: {result.import_files}"
        )
