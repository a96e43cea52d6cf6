"""This app's part of the first-run demo."""

from __future__ import annotations


def load() -> None:
    pass
