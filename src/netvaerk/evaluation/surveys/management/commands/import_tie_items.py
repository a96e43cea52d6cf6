"""Import an organisation's licensed tie survey item texts from a CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.evaluation.surveys import services


class Command(BaseCommand):
    help = (
        "Import tie survey item texts from a CSV file with the columns dimension (1-7), "
        "language, text, low_label, high_label (UTF-8, ; or , separated)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--name", required=True, help="The instrument's name.")
        parser.add_argument("--source", default="", help="Where the texts come from; licence.")
        parser.add_argument(
            "--default", action="store_true", help="Use the instrument for new surveys."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            items = services.parse_items_csv(data)
            instrument = services.instrument_import(
                name=options["name"],
                source=options["source"],
                items=items,
                make_default=options["default"],
                by=None,
            )
        except services.InstrumentError as error:
            raise CommandError("\n".join(error.errors)) from error
        languages = sorted({item.language for item in items})
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{instrument.name}” ({len(items)} items; {', '.join(languages)})."
            )
        )
