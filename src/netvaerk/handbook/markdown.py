"""Handbook Markdown to safe HTML: markdown-it-py (CommonMark and tables), then nh3.

Raw HTML in the Markdown is never passed on: markdown-it escapes it (html=False), and nh3
keeps only the tags and attributes listed here, links only to http, https, mailto or relative
addresses, and gives every link rel="noopener noreferrer".
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6",
    "p", "br", "hr",
    "ul", "ol", "li",
    "a",
    "em", "strong", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# The design system's look for tables written in Markdown.
SET_ATTRIBUTES = {"table": {"class": "table table--zebra"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def sanitise(html: str) -> str:
    """Only the allowed tags, attributes and link schemes of `html` (relative links stay)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values=SET_ATTRIBUTES,
    )


def render(text: str) -> str:
    """The Markdown `text` as sanitised HTML."""
    return sanitise(_parser.render(text))
