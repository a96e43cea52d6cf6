from typing import Any

from django import template

from netvaerk.core.audit import ACTION_LABELS, FIELD_LABELS, TITLE_LABEL

register = template.Library()


@register.filter
def action_label(code: str) -> Any:
    return ACTION_LABELS.get(code, code)


@register.filter
def field_label(name: str, object_type: str = "") -> Any:
    """A changed field's name as readers know it; `title` is a job title only on a person."""
    if name == "title" and object_type and object_type != "organisation.person":
        return TITLE_LABEL
    return FIELD_LABELS.get(name, name)


@register.simple_tag
def notification_text(notification: Any) -> str:
    """A notification worded in the reader's language."""
    from netvaerk.core.notifications import message

    return message(notification)
