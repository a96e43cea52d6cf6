"""The secret tokens of survey links, and the pseudonymous key a response is stored under.

The token is in the invitation (so a reminder can resend the same link) and in the e-mail. A
response stores only an HMAC of the token under the site's secret key: nothing in the database
ties a response to an invitation without the link itself, and no page or export shows either.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token() -> str:
    return secrets.token_urlsafe(32)


def response_key(token: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, b"survey-response:" + token.encode(), hashlib.sha256).hexdigest()


def min_group_size() -> int:
    """Fewer respondents than this in a group (or a questionnaire) are never shown."""
    return int(getattr(settings, "EVALUATION_MIN_GROUP_SIZE", 5))
