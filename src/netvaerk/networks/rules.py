"""Who may see networks. The networks issue adds private networks, guests and committees."""

from __future__ import annotations

import rules

from netvaerk.organisation.rules import is_internal

rules.add_perm("networks.view_network_list", is_internal)
rules.add_perm("networks.view_network", is_internal)
