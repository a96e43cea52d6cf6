"""Template helpers that render Django forms and pages with the dkfds design system."""

from typing import Any

from django import forms, template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def dkfds_widget(field: forms.BoundField) -> str:
    """The field's widget with the dkfds class for its kind."""
    widget = field.field.widget
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = "form-checkbox"
    elif isinstance(widget, forms.FileInput):
        css = "form-file-input"
    else:
        css = "form-input"
    return field.as_widget(attrs={"class": css})


@register.filter
def choice_group(field: forms.BoundField) -> str:
    """ "radio" or "checkbox" for a field shown as a group of options in a fieldset, else ""."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkbox"
    return ""


@register.simple_tag(takes_context=True)
def page_url(context: Any, page_number: int, param: str = "side") -> str:
    """The current URL with only the page number changed, so filters survive paging."""
    query: QueryDict = context["request"].GET.copy()
    query[param] = str(page_number)
    return "?" + query.urlencode()


@register.simple_tag
def elided_pages(page: Any) -> list[Any]:
    """Page numbers around the current one, with an ellipsis where pages are left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
