"""Who may see the dashboard and the resources. The only place these decisions live.

The dashboard shows only counts and sums, so every internal user (not guests) may see it. The
resources name people and their hours: the secretariat sees them all, a unit's manager sees
them too, but the per-person table only for their own unit and the units below it (the view
narrows it through `selectors.managed_unit`).
"""

from __future__ import annotations

from typing import Any

import rules

from netvaerk.organisation.rules import is_internal, is_secretariat, person_of


@rules.predicate
def is_manager(user: Any) -> bool:
    person = person_of(user)
    return bool(person and person.is_manager and person.unit_id is not None)


rules.add_perm("insights.view_insights", is_internal)
rules.add_perm("insights.view_resources", is_secretariat | (is_internal & is_manager))
