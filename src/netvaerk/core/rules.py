"""Permissions for the core pages: the audit log and the account page."""

import rules

from netvaerk.organisation.rules import is_secretariat

rules.add_perm("core.view_audit_log", is_secretariat)
rules.add_perm("core.view_account", rules.is_authenticated)
