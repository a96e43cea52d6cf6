"""Who may see the silo analysis. The only place this decision lives.

The analysis names units, not people, so every internal user may see it; guests may not.
"""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_internal

rules.add_perm("silos.view_silos", is_internal)
