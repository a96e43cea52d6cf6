from typing import Any

from django import template

from netvaerk.core.audit import ACTION_LABELS, FIELD_LABELS

register = template.Library()


@register.filter
def action_label(code: str) -> Any:
    return ACTION_LABELS.get(code, code)


@register.filter
def field_label(name: str) -> Any:
    return FIELD_LABELS.get(name, name)


@register.simple_tag
def notification_text(notification: Any) -> str:
    """A notification worded in the reader's language."""
    from netvaerk.core.notifications import message

    return message(notification)
