"""System checks: a configuration that would leave nobody able to sign in is reported."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register

from . import conf


@register()
def check_some_sign_in_is_possible(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if conf.local_login() or conf.oidc_enabled() or conf.saml_enabled():
        return []
    return [
        Warning(
            "LOCAL_LOGIN is off and no single sign-on provider is configured: nobody can sign in.",
            hint="Configure OpenID Connect or SAML (docs/SSO.md), or set LOCAL_LOGIN=true.",
            id="sso.W001",
        )
    ]
