"""Permissions for the core pages: the audit log and the account page."""

from typing import Any

import rules

from netvaerk.organisation.rules import is_secretariat

rules.add_perm("core.view_audit_log", is_secretariat)
rules.add_perm("core.view_account", rules.is_authenticated)


@rules.predicate
def is_own_person(user: Any, person: Any) -> bool:
    """The person is the signed-in user's own (notification settings are one's own only)."""
    return person is not None and person.user_id is not None and person.user_id == user.pk


rules.add_perm("core.change_notification_settings", is_own_person)
