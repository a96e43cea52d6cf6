"""Who may read and change the handbook. The only place these decisions live.

Everyone signed in reads it, invited guests too (it explains how the networks work); the
secretariat writes it, keeps its revisions and links the templates to their pages.
"""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_secretariat

rules.add_perm("handbook.view_handbook", rules.is_authenticated)
rules.add_perm("handbook.change_page", is_secretariat)
rules.add_perm("handbook.view_revisions", is_secretariat)
