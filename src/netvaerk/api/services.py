"""Every write to API tokens goes through here (with an audit entry), and the token check."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from netvaerk.core.audit import audit_record
from netvaerk.core.models import User
from netvaerk.core.services import require_permission

from .models import ApiToken

TOKEN_PREFIX = "nvk_"  # noqa: S105 - a marker, not a secret
# How often the "last used" time is written: at most once a minute per token.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, user: User, name: str, scope: str, by: User | None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its secret, which is shown only this once."""
    require_permission(by, "api.add_token")
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            scope=scope,
            key_hash=hash_token(raw),
            prefix=raw[: len(TOKEN_PREFIX) + 4],
        )
        audit_record(
            actor=by,
            action="api.token.create",
            target=token,
            after={"name": name, "scope": scope, "user": user.get_username()},
        )
    return token, raw


def token_revoke(*, token: ApiToken, by: User | None) -> ApiToken:
    """Revoke a token; it is refused from then on (revoking twice changes nothing)."""
    require_permission(by, "api.revoke_token", token)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_record(
                actor=by,
                action="api.token.revoke",
                target=locked,
                before={"revoked": False},
                after={"revoked": True},
            )
    return locked


def token_authenticate(raw: str) -> ApiToken | None:
    """The live token with this secret (its user active), or None; notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # Bookkeeping, not a change of data: no audit entry.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
