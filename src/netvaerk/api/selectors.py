"""Reads of API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from netvaerk.core.models import User

from .models import ApiToken


def user_tokens(user: User) -> QuerySet[ApiToken]:
    """A user's tokens, the newest first (revoked ones too, marked as such)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
