#!/usr/bin/env python
"""Compile every django.po under src/netvaerk/locale to django.mo with polib.

No system gettext is needed. Before anything is written, each catalogue is checked; the script
exits with status 1 and names the problems when one of them

- cannot be parsed, or holds the same msgid twice;
- has no charset in its header, or no Plural-Forms although it has plural entries;
- has a translated plural entry with the wrong number of forms;
- has a translation that drops, adds or renames a placeholder of its msgid (`%(name)s`, `%s`,
  `{name}`).

Fuzzy and untranslated entries are left out of the .mo (as msgfmt does) and only reported.
A .mo file is rewritten only when its content changes, so an unchanged catalogue leaves git clean.

    python scripts/compile_messages.py            # compile
    python scripts/compile_messages.py --check    # fail if a .mo file is missing or stale
    python scripts/compile_messages.py PATH ...   # other locale folders or .po files
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parents[1] / "src" / "netvaerk" / "locale"

# printf-style conversions as Python's % operator reads them, with an optional (name).
PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)
NAMED_PYTHON_FORMAT = re.compile(r"%\((?P<name>[^)]+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_FORMAT = re.compile(r"(?<!\{)\{(?P<name>[A-Za-z_][\w.\[\]]*)?(?:![rsa])?(?::[^{}]*)?\}")
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# polib's parser forgives some broken lines (an unterminated string, say) that msgfmt refuses.
QUOTED = r'"(?:[^"\\]|\\[\\"abfnrtv0-7xX?])*"'
PO_LINE = re.compile(
    rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{QUOTED}|{QUOTED}|#.*|)\s*"
)


def placeholders(text: str, flags: Iterable[str] = ()) -> Counter[str]:
    """The placeholders in `text`, as a multiset; positional ones keep their order."""
    flags = set(flags)
    found: Counter[str] = Counter()
    if "python-format" in flags:
        position = 0
        for match in PYTHON_FORMAT.finditer(text):
            if match["conv"] == "%":
                continue
            if match["name"] is not None:
                found[f"%({match['name']})"] += 1
            else:
                found[f"%#{position}{match['conv']}"] += 1
                position += 1
    else:
        # Without the flag only named placeholders are certain to be placeholders.
        found.update(f"%({match['name']})" for match in NAMED_PYTHON_FORMAT.finditer(text))
    if "python-brace-format" in flags:
        found.update(f"{{{match['name'] or ''}}}" for match in BRACE_FORMAT.finditer(text))
    return found


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """How the translations of `entry` differ from its msgid in placeholders."""
    pairs: list[tuple[str, str, str]] = []
    if entry.msgid_plural:
        for index, msgstr in sorted(entry.msgstr_plural.items()):
            source = entry.msgid if int(index) == 0 else entry.msgid_plural
            pairs.append((f"msgstr[{index}]", source, msgstr))
    else:
        pairs.append(("msgstr", entry.msgid, entry.msgstr))
    problems = []
    for label, source, translation in pairs:
        if not translation:
            continue
        expected = placeholders(source, entry.flags)
        actual = placeholders(translation, entry.flags)
        if expected != actual:
            missing = sorted((expected - actual).elements())
            extra = sorted((actual - expected).elements())
            problems.append(
                f"{label} of {entry.msgid!r}: placeholders differ"
                + (f"; missing {missing}" if missing else "")
                + (f"; unexpected {extra}" if extra else "")
            )
    return problems


def syntax_problems(text: str) -> list[str]:
    """Lines that are not a keyword with a quoted string, a continued string or a comment."""
    return [
        f"syntax error on line {number}: {line.strip()[:60]}"
        for number, line in enumerate(text.splitlines(), start=1)
        if not PO_LINE.fullmatch(line)
    ]


def load(po_path: Path) -> polib.POFile:
    """Parse a catalogue; raises ValueError with a readable message if it is broken."""
    try:
        text = po_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot be read: {error}") from error
    problems = syntax_problems(text)
    if problems:
        raise ValueError("; ".join(problems[:10]))
    try:
        return polib.pofile(str(po_path), check_for_duplicates=True, wrapwidth=79)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot be read: {error}") from error


def catalogue_problems(po: polib.POFile) -> list[str]:
    """Every reason the catalogue must not be compiled."""
    problems = []
    content_type = po.metadata.get("Content-Type", "")
    if "charset=" not in content_type:
        problems.append("the header has no charset (Content-Type: text/plain; charset=UTF-8)")
    entries = [entry for entry in po if not entry.obsolete]
    plural_forms = po.metadata.get("Plural-Forms", "")
    nplurals_match = NPLURALS.search(plural_forms)
    if any(entry.msgid_plural for entry in entries) and not nplurals_match:
        problems.append("the header has no Plural-Forms, but the catalogue has plural entries")
    nplurals = int(nplurals_match.group(1)) if nplurals_match else None
    for entry in entries:
        if entry.fuzzy:
            continue  # left out of the .mo, so it cannot do harm there
        forms = sorted(int(index) for index in entry.msgstr_plural)
        expected_forms = list(range(nplurals)) if nplurals is not None else forms
        if entry.msgid_plural and entry.translated() and forms != expected_forms:
            problems.append(
                f"{entry.msgid!r} has the plural forms {forms}, the header says nplurals={nplurals}"
            )
        problems.extend(placeholder_problems(entry))
    return problems


def mo_messages(catalogue: polib.POFile | polib.MOFile) -> dict[tuple[str, str, str], object]:
    """The messages a compiled catalogue serves, to compare a .po with a .mo."""
    messages: dict[tuple[str, str, str], object] = {}
    for entry in catalogue.translated_entries():
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            messages[key] = tuple(value for _, value in sorted(entry.msgstr_plural.items()))
        else:
            messages[key] = entry.msgstr
    return messages


def is_up_to_date(po: polib.POFile, mo_path: Path) -> bool:
    if not mo_path.exists():
        return False
    try:
        mo = polib.mofile(str(mo_path))
    except (OSError, ValueError):
        return False
    return mo_messages(mo) == mo_messages(po) and mo.metadata == po.metadata


def find_catalogues(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob("django.po")))
        elif path.suffix == ".po":
            found.append(path)
        else:
            raise SystemExit(f"Not a locale folder or .po file: {path}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[LOCALE_DIR],
        help="locale folders or .po files (default: src/netvaerk/locale)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if a .mo file is stale"
    )
    args = parser.parse_args(argv)

    catalogues = find_catalogues(args.paths)
    if not catalogues:
        print("No django.po files found.", file=sys.stderr)
        return 1
    failed = False
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        try:
            po = load(po_path)
        except ValueError as error:
            print(f"ERROR {po_path}: {error}", file=sys.stderr)
            failed = True
            continue
        problems = catalogue_problems(po)
        if problems:
            failed = True
            for problem in problems:
                print(f"ERROR {po_path}: {problem}", file=sys.stderr)
            continue
        entries = [entry for entry in po if not entry.obsolete]
        fuzzy = sum(1 for entry in entries if entry.fuzzy)
        translated = len(po.translated_entries())
        note = f"{translated} of {len(entries)} translated" + (f", {fuzzy} fuzzy" if fuzzy else "")
        if args.check:
            if not is_up_to_date(po, mo_path):
                print(f"STALE {mo_path}: run scripts/compile_messages.py", file=sys.stderr)
                failed = True
            else:
                print(f"ok    {mo_path} ({note})")
            continue
        binary = po.to_binary()
        if mo_path.exists() and mo_path.read_bytes() == binary:
            print(f"same  {mo_path} ({note})")
        else:
            mo_path.write_bytes(binary)
            print(f"wrote {mo_path} ({note})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
