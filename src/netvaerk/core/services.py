"""Account writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .audit import audit_record
from .models import User


def require_permission(user: User | None, permission: str, obj: Any = None) -> None:
    """The one permission check of every service; `user` None is the system (demo, commands)."""
    if user is not None and not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def user_create(*, username: str, password: str | None, email: str = "", by: User | None) -> User:
    """Create a sign-in account (password None: SSO only, no local password)."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password)
        audit_record(
            actor=by,
            action="core.user.create",
            target=user,
            after={"username": username, "email": email},
        )
    return user


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a user chose, so it follows them to other devices."""
    with transaction.atomic():
        before = {"preferred_language": user.preferred_language}
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        audit_record(
            actor=user,
            action="core.user.set_language",
            target=user,
            before=before,
            after={"preferred_language": language},
        )
    return user
