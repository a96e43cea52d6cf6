"""Who may see and do what with meetings and workshop designs.

A meeting belongs to its network: whoever may see the network (`networks.view_network`) sees
its meetings and their calendar files; whoever may change it (`networks.change_network`)
schedules meetings, edits their agenda and writes the minutes. Workshop designs are the
secretariat's.
"""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_secretariat

rules.add_perm("meetings.manage_designs", is_secretariat)
rules.add_perm("meetings.view_calendar", rules.is_authenticated)
