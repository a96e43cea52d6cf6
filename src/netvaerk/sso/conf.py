"""Which sign-in methods are switched on. Everything reads settings at call time, so tests
(and a changed environment) take effect without re-importing anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def setting_list(name: str) -> list[str]:
    """A setting holding a comma-separated list (or a list) as a list of non-empty names."""
    value: Any = getattr(settings, name, "")
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item.strip()]


def oidc_enabled() -> bool:
    return all(getattr(settings, name, "") for name in OIDC_REQUIRED)


def saml_enabled() -> bool:
    return bool(
        getattr(settings, "SAML_SP_ENTITY_ID", "")
        and (
            getattr(settings, "SAML_IDP_METADATA_URL", "")
            or getattr(settings, "SAML_IDP_METADATA_FILE", "")
        )
        and getattr(settings, "SAML_SP_KEY_FILE", "")
        and getattr(settings, "SAML_SP_CERT_FILE", "")
    )


GUESTS = "guests"


def local_login_mode() -> str:
    """LOCAL_LOGIN read as "all", "guests" (invited guests only) or "off"."""
    value: Any = getattr(settings, "LOCAL_LOGIN", True)
    if isinstance(value, str):
        value = value.strip().lower()
        if value == GUESTS:
            return GUESTS
        value = value in {"1", "true", "yes", "on"}
    return "all" if value else "off"


def local_login() -> bool:
    """Whether the sign-in page shows the user name and password form at all."""
    return local_login_mode() != "off"


def password_allowed(username: str | None) -> bool:
    """Whether this user name may sign in with a password under LOCAL_LOGIN."""
    mode = local_login_mode()
    if mode != GUESTS:
        return mode == "all"
    from netvaerk.organisation.models import Person

    return Person.objects.filter(
        user__username=username or "", kind=Person.Kind.GUEST, is_active=True
    ).exists()


@dataclass(frozen=True)
class Provider:
    label: str
    url: str


def providers() -> list[Provider]:
    """The single sign-on buttons for the sign-in page, in a fixed order."""
    found = []
    if oidc_enabled():
        found.append(
            Provider(
                getattr(settings, "SSO_OIDC_LABEL", "") or _("Sign in with single sign-on"),
                reverse("oidc_authentication_init"),
            )
        )
    if saml_enabled():
        found.append(
            Provider(
                getattr(settings, "SSO_SAML_LABEL", "") or _("Sign in with your organisation"),
                reverse("saml2_login"),
            )
        )
    return found


def login_context() -> dict[str, Any]:
    """What the sign-in page needs to know (core.views.LoginView adds it)."""
    return {
        "sso_providers": providers(),
        "local_login": local_login(),
        "local_login_guests_only": local_login_mode() == GUESTS,
    }
