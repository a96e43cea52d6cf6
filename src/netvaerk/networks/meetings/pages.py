"""This app's pages in the page registry (core/pages.py adds them to PAGES)."""

from __future__ import annotations

from netvaerk.core.pages import Page

PAGES: list[Page] = []
