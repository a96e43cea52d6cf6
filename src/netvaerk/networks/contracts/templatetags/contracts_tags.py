"""Template tags of the contracts app."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("contracts/_pending.html", takes_context=True)
def pending_approvals(context: Any) -> dict[str, Any]:
    """The approvals waiting for the signed-in person (shown on the overview page)."""
    return {"items": []}
