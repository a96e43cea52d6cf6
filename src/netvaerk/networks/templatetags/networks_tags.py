"""Template tags for the network pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The network's sections, each from the app that owns it.
SECTIONS = [
    ("contracts:detail", _("Contract")),
    ("networks:participants", _("Participants")),
    ("networks:composition", _("Composition")),
    ("meetings:list", _("Meetings")),
    ("logbook:involvement", _("Involvement log")),
    ("logbook:learning", _("Learning log")),
    ("logbook:documents", _("Documents")),
    ("evaluation:overview", _("Evaluation")),
]


@register.simple_tag
def network_sections(network: Any) -> list[tuple[str, Any]]:
    """(url, label) of each section of the network's workspace."""
    links = []
    for name, label in SECTIONS:
        try:
            links.append((reverse(name, args=[network.pk]), label))
        except NoReverseMatch:
            continue  # a section whose app is not installed
    return links
