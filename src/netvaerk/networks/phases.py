"""The network lifecycle of DESIGN.md §3, declared once.

    introduktion → opstart → design → afprøvning → forankring → closed
    (and from any open phase straight to closed, with a closing summary)

Each gate names what it needs, who can provide it, and a check. The service refuses a step
whose gate is not met (`network_move_phase`); the workspace shows the phase line, what blocks
the next step and who can unblock it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Network, Phase

ORDER = (Phase.INTRO, Phase.STARTUP, Phase.DESIGN, Phase.TESTING, Phase.ANCHORING, Phase.CLOSED)


def _contract_approved(network: Network) -> bool:
    contract = getattr(network, "contract", None)
    return bool(contract and contract.is_approved)


def _kickoff_held(network: Network) -> bool:
    from django.utils import timezone

    return network.meetings.filter(kind="kickoff", starts_at__lte=timezone.now()).exists()


def _has_test_plan(network: Network) -> bool:
    return bool(network.test_plan.strip())


def _evaluated_and_owned(network: Network) -> bool:
    contract = getattr(network, "contract", None)
    return bool(network.evaluation_result.strip()) and bool(
        contract and contract.anchoring_owner_id
    )


def _has_closing_summary(network: Network) -> bool:
    return bool(network.closing_summary.strip())


@dataclass(frozen=True)
class Gate:
    source: str
    target: str
    label: str | Promise  # the step, as a button says it
    needs: str | Promise  # what the gate asks for
    who: str | Promise  # who can provide it
    check: Callable[[Network], bool]


_OPEN = tuple(p for p in ORDER if p != Phase.CLOSED)

GATES: tuple[Gate, ...] = (
    Gate(
        Phase.INTRO,
        Phase.STARTUP,
        _("Start the start-up phase"),
        _("an approved contract"),
        _("the sponsor approves the contract"),
        _contract_approved,
    ),
    Gate(
        Phase.STARTUP,
        Phase.DESIGN,
        _("Start the design phase"),
        _("a start-up workshop that has been held"),
        _("the network leader schedules the start-up workshop"),
        _kickoff_held,
    ),
    Gate(
        Phase.DESIGN,
        Phase.TESTING,
        _("Start the test phase"),
        _("a test plan"),
        _("the network leader writes the test plan"),
        _has_test_plan,
    ),
    Gate(
        Phase.TESTING,
        Phase.ANCHORING,
        _("Start anchoring"),
        _("an evaluation result and an anchoring owner in the line organisation"),
        _("the network leader records the result; the contract names the anchoring owner"),
        _evaluated_and_owned,
    ),
    *(
        Gate(
            source,
            Phase.CLOSED,
            _("Close the network"),
            _("a closing summary"),
            _("the network leader writes the closing summary"),
            _has_closing_summary,
        )
        for source in _OPEN
    ),
)


def gates_from(network: Network) -> list[Gate]:
    """The steps out of the network's phase: the next phase first, closing last."""
    return [g for g in GATES if g.source == network.phase]


def gate(network: Network, target: str) -> Gate | None:
    return next((g for g in gates_from(network) if g.target == target), None)


def next_gate(network: Network) -> Gate | None:
    """The step to the following phase on the line (not an early closing)."""
    gates = gates_from(network)
    return gates[0] if gates else None
