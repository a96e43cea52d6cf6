"""Who may see and do what with network contracts. The only place these decisions live.

- Seeing a contract is seeing its network (`networks.view_network`; otherwise a 404).
- Those who may change the network create and edit its contract.
- The sponsor (referenceleder) approves it.
- A participant's manager approves their hours (`networks.approve_hours`, on the Participation).
- The secretariat edits the contract templates.
"""

from __future__ import annotations

import rules

from netvaerk.networks.rules import can_view_network, is_sponsor, runs_network
from netvaerk.organisation.rules import is_internal, is_secretariat

rules.add_perm("contracts.view_contract", can_view_network)
rules.add_perm("contracts.change_contract", is_secretariat | runs_network)
rules.add_perm("contracts.approve_contract", is_sponsor)
rules.add_perm("contracts.manage_templates", is_secretariat)
rules.add_perm("contracts.view_approvals", is_internal)
