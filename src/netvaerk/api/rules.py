"""Who may create and revoke API tokens. The only place these decisions live.

Everyone signed in may create tokens for themself; a token is revoked by its owner. What a
token may then read and write is decided by the other apps' rules, as for the pages.
"""

from __future__ import annotations

from typing import Any

import rules

from .models import ApiToken


@rules.predicate
def owns_token(user: Any, token: ApiToken | None) -> bool:
    return token is not None and token.user_id == getattr(user, "pk", None)


rules.add_perm("api.add_token", rules.is_authenticated)
rules.add_perm("api.revoke_token", owns_token)
