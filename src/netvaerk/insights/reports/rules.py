"""Who may read and write the status report. The only place these decisions live.

Every internal user reads it (private networks stay masked for those who cannot see them);
the secretariat writes its narrative.
"""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_internal, is_secretariat

rules.add_perm("reports.view_report", is_internal)
rules.add_perm("reports.change_report", is_secretariat)
