"""A readable line-by-line comparison of two texts (pure: strings in, rows out).

Lines that differ are paired where they can be, and within a pair the changed words are
marked, so a reader sees exactly what was removed and added, not two whole paragraphs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

Part = tuple[str, str]  # ("same" | "del" | "ins", text)

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffRow:
    status: str  # "same", "changed", "removed" or "added"
    old: list[Part]  # the line in the earlier text ([] when added)
    new: list[Part]  # the line in the later text ([] when removed)


def _words(old: str, new: str) -> tuple[list[Part], list[Part]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    old_parts: list[Part] = []
    new_parts: list[Part] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_parts.append(("same", "".join(a[i1:i2])))
            new_parts.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            new_parts.append(("ins", "".join(b[j1:j2])))
    return old_parts, new_parts


def text_diff(old: str, new: str) -> list[DiffRow]:
    """The rows of a side-by-side comparison of `old` and `new`, line by line."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow("same", [("same", line)], [("same", line)]) for line in a[i1:i2])
            continue
        removed, added = a[i1:i2], b[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        for old_line, new_line in zip(removed[:paired], added[:paired], strict=True):
            rows.append(DiffRow("changed", *_words(old_line, new_line)))
        rows.extend(DiffRow("removed", [("del", line)], []) for line in removed[paired:])
        rows.extend(DiffRow("added", [], [("ins", line)]) for line in added[paired:])
    return rows


def has_changes(rows: list[DiffRow]) -> bool:
    return any(row.status != "same" for row in rows)
