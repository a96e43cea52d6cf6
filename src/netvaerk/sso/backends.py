"""Authentication backends: the local-login switch and the two single sign-on protocols.

Both protocol backends only turn verified claims into an `Identity` and leave the matching to
`services.sign_in_user`, so OIDC and SAML match people the same way. They answer no permission
questions (rules and ModelBackend do that).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from djangosaml2.backends import Saml2Backend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from netvaerk.core.models import User

from . import conf
from .services import Identity, sign_in_user


class LocalLoginSwitch:
    """Refuses user name and password sign-ins that LOCAL_LOGIN does not allow: all of them
    when it is off, all but invited guests' when it is "guests".

    Placed before ModelBackend: PermissionDenied stops Django from asking the backends after
    it, so the admin's sign-in form is closed too. Under "guests", someone else is told to use
    single sign-on only when the password was right (`request.local_login_refused`); a wrong
    one fails as any wrong password does, so the form does not tell who is a guest.
    """

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        if password is None or conf.password_allowed(username):
            return None
        if conf.local_login_mode() == conf.GUESTS:
            user = User.objects.filter(username=username or "").first()
            if user is None or not user.check_password(password):
                return None  # ModelBackend refuses it like any wrong password
            if request is not None:
                request.local_login_refused = True
        raise PermissionDenied("Local sign-in is switched off (LOCAL_LOGIN).")


class NoPermissionsMixin:
    """Sign-in only: permissions come from rules and ModelBackend, asked once."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

    def get_user(self, user_id: Any) -> User | None:
        return ModelBackend().get_user(user_id)


def _first(values: Any) -> str:
    """The first non-empty value of a claim or attribute (a string or a list of them)."""
    if isinstance(values, list | tuple):
        for value in values:
            if value is not None and str(value).strip():
                return str(value).strip()
        return ""
    return str(values).strip() if values is not None else ""


def _lookup(source: dict[str, Any], names: list[str]) -> str:
    for name in names:
        value = _first(source.get(name))
        if value:
            return value
    return ""


def _email_verified(claim: Any) -> bool:
    """Whether the provider vouches for the e-mail address (`email_verified`).

    True or "true" is trusted. Without the claim (Microsoft Entra ID sends none) the address is
    trusted only with SSO_OIDC_TRUST_EMAIL, for a single-tenant provider whose administrators
    set the addresses; otherwise anyone able to set their own address could take over the
    person with that address.
    """
    if claim is None:
        return bool(getattr(settings, "SSO_OIDC_TRUST_EMAIL", False))
    if isinstance(claim, str):
        return claim.strip().lower() == "true"
    return claim is True


class OIDCBackend(NoPermissionsMixin, OIDCAuthenticationBackend):
    """OpenID Connect (authorisation code flow, with state, nonce and PKCE checked)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = conf.oidc_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        # Only the callback view (which has checked the state) passes a nonce; a user name and
        # password sign-in never reaches the provider.
        if not self.enabled or "nonce" not in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, algorithm, expiry and nonce; add audience and issuer."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is not meant for this client (aud).")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer (iss).")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The ID token's claims with the userinfo answer over them (same subject required)."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo answer is about another subject.")
        return {**payload, **userinfo}

    def identity(self, claims: dict[str, Any]) -> Identity:
        email = _lookup(claims, conf.setting_list("SSO_OIDC_EMAIL_CLAIM"))
        if not _email_verified(claims.get("email_verified")):
            email = ""  # not vouched for by the provider: never match (or create) on it
        return Identity(
            provider="oidc",
            external_id=_lookup(claims, conf.setting_list("SSO_OIDC_EXTERNAL_ID_CLAIM")),
            email=email,
            name=_lookup(claims, conf.setting_list("SSO_OIDC_NAME_CLAIM")),
            given_name=_first(claims.get("given_name")),
            family_name=_first(claims.get("family_name")),
        )

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        return sign_in_user(identity=self.identity(claims))


class SAMLBackend(NoPermissionsMixin, Saml2Backend):
    """SAML 2.0: djangosaml2 has checked the response (signatures, audience, time, request id)."""

    def authenticate(
        self,
        request: Any,
        session_info: dict[str, Any] | None = None,
        attribute_mapping: Any = None,
        create_unknown_user: bool = True,
        assertion_info: Any = None,
        **kwargs: Any,
    ) -> User | None:
        if session_info is None or not conf.saml_enabled():
            return None
        return sign_in_user(identity=self.identity(session_info.get("ava") or {}))

    @staticmethod
    def identity(attributes: dict[str, Any]) -> Identity:
        return Identity(
            provider="saml",
            external_id=_lookup(attributes, conf.setting_list("SAML_ATTR_EXTERNAL_ID")),
            email=_lookup(attributes, conf.setting_list("SAML_ATTR_EMAIL")),
            name=_lookup(attributes, conf.setting_list("SAML_ATTR_NAME")),
            given_name=_lookup(attributes, conf.setting_list("SAML_ATTR_GIVEN_NAME")),
            family_name=_lookup(attributes, conf.setting_list("SAML_ATTR_SURNAME")),
        )
