"""Template tags of the contracts app."""

from __future__ import annotations

from typing import Any

from django import template

from netvaerk.organisation.rules import person_of

from .. import selectors

register = template.Library()


@register.inclusion_tag("contracts/_pending.html", takes_context=True)
def pending_approvals(context: Any) -> dict[str, Any]:
    """The approvals waiting for the signed-in person (shown on the overview page).

    At most OVERVIEW_LIMIT of each kind, in two queries; the rest are on /godkendelser/.
    """
    request = context.get("request")
    person = person_of(getattr(request, "user", None))
    limit = selectors.OVERVIEW_LIMIT
    contracts = list(selectors.contracts_waiting_for(person)[: limit + 1])
    hours = list(selectors.hours_waiting_for(person)[: limit + 1])
    return {
        "request": request,
        "contracts": contracts[:limit],
        "hours": hours[:limit],
        "more": len(contracts) > limit or len(hours) > limit,
    }
