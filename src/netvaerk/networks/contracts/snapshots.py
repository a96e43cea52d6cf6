"""A contract as a readable snapshot, and the differences between two snapshots.

A ContractVersion keeps `contract_snapshot(contract)`: the text fields, the dates, the
anchoring owner, the milestones and the participants, so any two versions can be compared
(`snapshot_diff`) even after the milestones or participants have changed.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netvaerk.networks.models import Participation

from .models import TEXT_FIELDS, Contract

# The roles a contract names, in the order it names them (the others are participants).
ROLE_ORDER = [
    Participation.Role.LEADER,
    Participation.Role.CO_DRIVER,
    Participation.Role.SPONSOR,
    Participation.Role.FACILITATOR,
    Participation.Role.PARTICIPANT,
    Participation.Role.GUEST,
]
# Texts longer than this (or with line breaks) are compared word by word.
LONG_TEXT = 80


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def contract_snapshot(contract: Contract) -> dict[str, Any]:
    """The whole contract as plain data (two queries: milestones and participants)."""
    network = contract.network
    owner = contract.anchoring_owner
    data: dict[str, Any] = {name: getattr(contract, name) for name in TEXT_FIELDS}
    data["starts_on"] = _date(contract.starts_on)
    data["ends_on"] = _date(contract.ends_on)
    data["anchoring_owner"] = f"{owner.name} <{owner.email}>" if owner else ""
    data["milestones"] = [
        {"title": m.title, "due_on": _date(m.due_on), "done": m.done}
        for m in network.milestones.order_by("due_on", "id")
    ]
    participations = (
        Participation.objects.filter(network=network, left_on=None)
        .select_related("person")
        .order_by("person__name", "id")
    )
    data["participants"] = sorted(
        (
            {
                "name": p.person.name,
                "role": p.role,
                "hours": str(p.hours_per_week),
                "contribution": p.expected_contribution or p.application_plan,
            }
            for p in participations
        ),
        key=lambda row: ROLE_ORDER.index(row["role"]) if row["role"] in ROLE_ORDER else 99,
    )
    return data


def _labels() -> dict[str, Any]:
    fields = {
        f.name: f.verbose_name for f in Contract._meta.get_fields() if hasattr(f, "verbose_name")
    }
    labels = {name: fields[name] for name in TEXT_FIELDS}
    labels.update(
        starts_on=fields["starts_on"],
        ends_on=fields["ends_on"],
        anchoring_owner=fields["anchoring_owner"],
        milestones=gettext_lazy("milestones"),
        participants=gettext_lazy("participants and hours"),
    )
    return labels


def _show_date(iso: str) -> str:
    if not iso:
        return ""
    try:
        return date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT")
    except ValueError:
        return iso


def _lines(name: str, value: Any) -> str:
    """A snapshot value as the text a reader compares."""
    if name in ("starts_on", "ends_on"):
        return _show_date(value or "")
    if name == "milestones":
        return "\n".join(
            f"{_show_date(m.get('due_on', ''))}: {m.get('title', '')}"
            + (f" ({_('done')})" if m.get("done") else "")
            for m in value or []
        )
    if name == "participants":
        roles = dict(Participation.Role.choices)
        return "\n".join(
            _("%(name)s, %(role)s, %(hours)s hours a week: %(contribution)s")
            % {
                "name": p.get("name", ""),
                "role": roles.get(p.get("role", ""), p.get("role", "")),
                "hours": p.get("hours", ""),
                "contribution": p.get("contribution", "") or "–",
            }
            for p in value or []
        )
    return str(value or "")


@dataclass
class Change:
    """One changed field: its label, the text before and after, and for long texts the
    pieces of each marked as kept, removed ("del") or added ("ins")."""

    name: str
    label: Any
    before: str
    after: str
    before_parts: list[tuple[str, str]] = field(default_factory=list)
    after_parts: list[tuple[str, str]] = field(default_factory=list)


def _tokens(text: str, by_line: bool) -> list[str]:
    if by_line:
        return text.splitlines(keepends=True)
    # Words with the space after them, so a changed run of words reads as one piece.
    return re.findall(r"\S+\s*|\s+", text)


def _parts(before: str, after: str, by_line: bool) -> tuple[list[tuple[str, str]], ...]:
    old, new = _tokens(before, by_line), _tokens(after, by_line)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(("", "".join(old[i1:i2])))
            right.append(("", "".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(("del", "".join(old[i1:i2])))
        if j2 > j1:
            right.append(("ins", "".join(new[j1:j2])))
    return left, right


def snapshot_diff(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> list[Change]:
    """The fields that differ between two snapshots, in the contract's order."""
    before, after = before or {}, after or {}
    changes = []
    for name, label in _labels().items():
        if before.get(name) == after.get(name):
            continue
        old, new = _lines(name, before.get(name)), _lines(name, after.get(name))
        change = Change(name, label, old, new)
        by_line = name in ("milestones", "participants")
        if by_line or max(len(old), len(new)) > LONG_TEXT or "\n" in old + new:
            change.before_parts, change.after_parts = _parts(old, new, by_line)
        changes.append(change)
    return changes
