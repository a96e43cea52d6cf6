"""Fixtures shared by every test: the demo data and clients signed in as its roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from netvaerk.core.demo import load_demo
from netvaerk.core.models import User
from netvaerk.core.pages import ANONYMOUS


@pytest.fixture
def demo(db: None) -> None:
    """The demo organisation of DESIGN.md §9 (loaded through the services)."""
    load_demo()


@pytest.fixture
def client_as(demo: None) -> Callable[[str], Client]:
    """A test client signed in as a demo user (or anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(User.objects.get(username=role))
        return client

    return make
