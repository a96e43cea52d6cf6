"""Handbook Markdown is rendered safely: no raw HTML, no script links, no event handlers."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from netvaerk.handbook.markdown import TAGS, render

HOSTILE = [
    "<script>alert(1)</script>",
    "Tekst <script>alert(1)</script> mere",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "[klik](vbscript:msgbox)",
    '<a href="https://x.dk" onclick="alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    "![billede](https://x.dk/a.png)",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<iframe src='https://evil.example'></iframe>",
    '<p onmouseover="alert(1)">x</p>',
    "<!-- kommentar --><svg onload=alert(1)>",
]


class _Elements(HTMLParser):
    """Every element's tag and attributes in a piece of HTML (text is not elements)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_gives_no_active_html(text: str) -> None:
    html = render(text)
    for tag, attrs in _elements(html):
        assert tag in TAGS, (text, html)
        assert set(attrs) <= {"href", "title", "rel", "start", "class"}, (text, html)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http:", "https:", "mailto:", "/")), (text, html)


def test_script_links_are_not_links() -> None:
    assert "<a" not in render("[klik](javascript:alert(1))")
    assert "<a" not in render("[klik](data:text/html,x)")


def test_raw_html_is_shown_as_text() -> None:
    assert render("<b>fed</b>") == "<p>&lt;b&gt;fed&lt;/b&gt;</p>\n"


def test_allowed_markdown_is_kept() -> None:
    html = render(
        "## Overskrift\n\n- punkt\n- *kursiv* og **fed** og `kode`\n\n1. et\n2. to\n\n"
        "> citat\n\n```\nblok\n```\n\n| a | b |\n|---|---|\n| æ | ø |\n"
    )
    for tag in ("<h2>", "<ul>", "<li>", "<em>", "<strong>", "<code>", "<ol>", "<blockquote>",
                "<pre>", "<table", "<thead>", "<th>", "<td>æ</td>"):  # fmt: skip
        assert tag in html, tag


@pytest.mark.parametrize(
    "href",
    [
        "https://albertslund.dk/",
        "http://example.dk/a",
        "mailto:netvaerk@example.dk",
        "/haandbog/x/",
    ],
)
def test_allowed_links_keep_their_address_and_get_noopener(href: str) -> None:
    html = render(f"[link]({href})")
    assert f'href="{href}"' in html
    assert 'rel="noopener noreferrer"' in html


def test_a_table_gets_the_design_systems_class() -> None:
    assert '<table class="table table--zebra">' in render("| a |\n|---|\n| b |\n")
