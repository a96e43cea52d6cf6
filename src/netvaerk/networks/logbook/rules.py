"""Who may change what in a network's involvement log, learning log and documents.

Reading follows the network (`networks.view_network`); writing a new entry follows
`networks.write_logs` (the secretariat and participants other than guests). An entry is
changed or deleted by its author, while they may still write in the network, or by the
secretariat. A learning note is marked for the status report by those who may change the
network, and by its author.
"""

from __future__ import annotations

from typing import Any

import rules

from netvaerk.organisation.rules import is_secretariat, person_of

from .models import Document, Involvement, LearningNote

Entry = Involvement | LearningNote | Document


def _author_id(entry: Entry) -> int | None:
    if isinstance(entry, Involvement):
        return entry.created_by_id
    if isinstance(entry, LearningNote):
        return entry.author_id
    return entry.uploaded_by_id


@rules.predicate
def is_author(user: Any, entry: Entry | None) -> bool:
    person = person_of(user)
    return entry is not None and person is not None and _author_id(entry) == person.pk


@rules.predicate
def writes_in_network(user: Any, entry: Entry | None) -> bool:
    return entry is not None and user.has_perm("networks.write_logs", entry.network)


@rules.predicate
def changes_network(user: Any, entry: Entry | None) -> bool:
    return entry is not None and user.has_perm("networks.change_network", entry.network)


own_entry = is_secretariat | (is_author & writes_in_network)

rules.add_perm("logbook.change_involvement", own_entry)
rules.add_perm("logbook.change_learningnote", own_entry)
rules.add_perm("logbook.mark_learningnote", changes_network | (is_author & writes_in_network))
rules.add_perm("logbook.delete_document", own_entry)
