"""This app's part of the demo data (DESIGN.md §9), loaded after the networks demo."""

from __future__ import annotations


def load() -> None:
    """Nothing yet."""
