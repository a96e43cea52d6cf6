"""The line-by-line comparison on small hand-made texts."""

from __future__ import annotations

from netvaerk.handbook.diff import has_changes, text_diff


def test_same_text_has_no_changes() -> None:
    rows = text_diff("a\nb", "a\nb")
    assert [row.status for row in rows] == ["same", "same"]
    assert not has_changes(rows)


def test_added_removed_and_changed_lines() -> None:
    rows = text_diff("første\nanden linje\ntredje", "første\nanden række\nfjerde\nfemte")
    assert [row.status for row in rows] == ["same", "changed", "changed", "added"]
    changed = rows[1]
    assert ("del", "linje") in changed.old
    assert ("ins", "række") in changed.new
    assert ("same", "anden ") in changed.old
    assert rows[3].old == [] and rows[3].new == [("ins", "femte")]


def test_removed_lines() -> None:
    rows = text_diff("a\nb\nc", "a")
    assert [row.status for row in rows] == ["same", "removed", "removed"]
    assert rows[1].new == []
