"""Time every registered page on the current database, signed in as the page's benchmark role.

The numbers are printed, never asserted: they depend on the machine. The query counts do not,
and show whether a page's reads stay flat as the organisation grows.
"""

from __future__ import annotations

import statistics
import time
import warnings
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from netvaerk.core.models import AuditEntry, User
from netvaerk.core.pages import ANONYMOUS, PAGES, Page
from netvaerk.organisation.models import ForumMembership, Person, Unit

HOST = "127.0.0.1"


@dataclass
class Result:
    page: Page
    role: str
    status: int
    median_ms: float
    queries: int


class Command(BaseCommand):
    help = (
        "Request every page of the page registry on the current database, as its benchmark role "
        "(a demo user), and print the median time and the number of SQL queries per page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat", type=int, default=10, help="Timed requests per page, after one warm-up"
        )
        parser.add_argument(
            "--pages", nargs="+", metavar="NAME", help="Only these pages (names as in pages.py)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        repeat = options["repeat"]
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        pages = self._pages(options["pages"])
        roles = {page.benchmark_role for page in pages} - {ANONYMOUS}
        users = User.objects.in_bulk(roles, field_name="username")
        missing = sorted(roles - set(users))
        if missing:
            raise CommandError(
                f"No user named {', '.join(missing)}: load the demo first (manage.py load_demo)."
            )

        self._describe_data()
        # The test client's host must pass ALLOWED_HOSTS; requests are marked secure so that
        # production's HTTPS redirect does not answer instead of the page.
        with (
            override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, HOST]),
            warnings.catch_warnings(),
        ):
            # WhiteNoise warns when collectstatic has not run; the pages' HTML is what we time.
            warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
            results = [
                self._measure(page, users.get(page.benchmark_role), repeat) for page in pages
            ]
        self._print_table(results, repeat)

    def _pages(self, names: list[str] | None) -> list[Page]:
        if not names:
            return list(PAGES)
        known = {page.name: page for page in PAGES}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                f"Unknown page {', '.join(unknown)}; the pages are: {', '.join(known)}."
            )
        return [known[name] for name in names]

    def _describe_data(self) -> None:
        version = ".".join(str(part) for part in connection.get_database_version())
        self.stdout.write(
            f"Database: {connection.vendor} {version} ({connection.settings_dict['NAME']})"
        )
        self.stdout.write(
            f"Data: {Unit.objects.count()} units, {Person.objects.count()} people, "
            f"{ForumMembership.objects.count()} forum memberships, "
            f"{AuditEntry.objects.count()} audit entries"
        )

    def _measure(self, page: Page, user: User | None, repeat: int) -> Result:
        client = Client(raise_request_exception=False, HTTP_HOST=HOST)
        if user is not None:
            client.force_login(user)
        path = page.path()
        try:
            client.get(path, secure=True)  # warm-up: templates, translations, connection
            timings = []
            for _run in range(repeat):
                cache.clear()  # measure the work, not a cached result (insights/cache.py)
                started = time.perf_counter()
                client.get(path, secure=True)
                timings.append((time.perf_counter() - started) * 1000)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, secure=True)
        finally:
            client.logout()  # leaves no session behind in the measured database
        return Result(
            page=page,
            role=page.benchmark_role,
            status=response.status_code,
            median_ms=statistics.median(timings),
            queries=len(queries),
        )

    def _print_table(self, results: list[Result], repeat: int) -> None:
        self.stdout.write(f"Median of {repeat} requests per page, after one warm-up.\n")
        name_width = max(len("page"), *(len(r.page.name) for r in results))
        role_width = max(len("role"), *(len(r.role) for r in results))
        header = (
            f"| {'page':<{name_width}} | {'role':<{role_width}} | status | median ms | queries |"
        )
        self.stdout.write(header)
        self.stdout.write(
            f"|{'-' * (name_width + 2)}|{'-' * (role_width + 2)}|-------:|----------:|--------:|"
        )
        for result in results:
            expected = result.page.statuses.get(result.role)
            status = str(result.status)
            if expected is not None and result.status != expected:
                status += "!"  # not what the page registry says this role gets
            self.stdout.write(
                f"| {result.page.name:<{name_width}} | {result.role:<{role_width}} "
                f"| {status:>6} | {result.median_ms:>9.1f} | {result.queries:>7} |"
            )
