"""Fixtures for the API tests: clients that call with a personal token of a demo role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from netvaerk.api.models import ApiToken
from netvaerk.api.services import token_create
from netvaerk.core.models import User
from netvaerk.core.pages import ANONYMOUS


def make_token(username: str, scope: str = ApiToken.Scope.READ_WRITE) -> str:
    user = User.objects.get(username=username)
    _token, raw = token_create(user=user, name="test", scope=scope, by=user)
    return raw


@pytest.fixture
def api_as(demo: None) -> Callable[..., Client]:
    """A client that sends a token of the role (read-write unless told); anonymous: none."""

    def make(role: str, scope: str = ApiToken.Scope.READ_WRITE) -> Client:
        if role == ANONYMOUS:
            return Client()
        return Client(headers={"Authorization": f"Bearer {make_token(role, scope)}"})

    return make
