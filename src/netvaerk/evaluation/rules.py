"""Who may see and do what with a network's evaluation. The only place these decisions live.

The evaluation belongs to the network: whoever may see the network sees its plan, indicators
and the (anonymised) survey results; whoever runs it (its leader, co-driver and sponsor) and the
secretariat change the plan, record measurements, run surveys and questionnaires, and record
the conclusion the forum decided. The portfolio of all networks and the instruments' wording are
the secretariat's. Tie surveys and questionnaires use these permissions on their network.
"""

from __future__ import annotations

import rules

from netvaerk.networks.rules import can_view_network, runs_network
from netvaerk.organisation.rules import is_secretariat

rules.add_perm("evaluation.view_evaluation", can_view_network)
rules.add_perm("evaluation.change_evaluation", is_secretariat | runs_network)
rules.add_perm("evaluation.view_portfolio", is_secretariat)
rules.add_perm("evaluation.manage_instruments", is_secretariat)
rules.add_perm("evaluation.manage_templates", is_secretariat)
