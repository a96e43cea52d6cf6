"""Set Danish translations for the given msgids and clear their fuzzy flags.

    .venv/bin/python scripts/translate_da.py translations.json

The JSON maps msgid to msgstr (or to a list [singular, plural] for plural entries). Entries
with a context (pgettext) are left alone: set those with polib directly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "src/netvaerk/locale/da/LC_MESSAGES/django.po"


def main(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(CATALOGUE))
    done = 0
    for entry in po:
        if entry.obsolete or entry.msgctxt or entry.msgid not in translations:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        done += 1
    po.save(str(CATALOGUE))
    print(f"translated {done} of {len(translations)}")


if __name__ == "__main__":
    main(sys.argv[1])
