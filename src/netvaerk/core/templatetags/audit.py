from functools import cache
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

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


@cache
def _value_labels(object_type: str, field: str) -> dict[Any, Any] | None:
    """The labels of a changed field's coded values: its model field's choices, or for a
    notification setting (its field is the kind) the ways to hear of it."""
    from netvaerk.core.models import NotificationSetting
    from netvaerk.core.notifications import KINDS

    if field in KINDS:
        return dict(NotificationSetting.Delivery.choices)
    try:
        model_field = apps.get_model(object_type)._meta.get_field(field)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    choices = getattr(model_field, "flatchoices", None)
    return dict(choices) if choices else None


@register.simple_tag
def audit_value(object_type: str, field: str, value: Any) -> Any:
    """A value before or after a change as readers know it: a choice's label, yes or no."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    labels = _value_labels(object_type, field)
    if labels is not None and isinstance(value, str | int):
        return labels.get(value, value)
    return value


@register.simple_tag
def notification_text(notification: Any) -> str:
    """A notification worded in the reader's language."""
    from netvaerk.core.notifications import message

    return message(notification)
