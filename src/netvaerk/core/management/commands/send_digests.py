"""Mail the daily or weekly notification digests (core.tasks.send_digests).

Run it from cron or a systemd timer beside `db_worker`: `--period daily` every morning and
`--period weekly` once a week. `--enqueue` hands the work to the worker instead.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from netvaerk.core.notifications import DIGESTS
from netvaerk.core.tasks import send_digests

PERIODS = [period.value for period in DIGESTS]


class Command(BaseCommand):
    help = "Mail each person the digest of their notifications for a period (daily or weekly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", choices=PERIODS, required=True)
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the work for db_worker instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = options["period"]
        if options["enqueue"]:
            result = send_digests.enqueue(period)
            self.stdout.write(f"Queued the {period} digests ({result.id}).")
            return
        sent = send_digests.call(period)
        self.stdout.write(f"Sent {sent} {period} digest(s).")
