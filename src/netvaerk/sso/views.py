"""The single sign-on views: the libraries' views, closed (404) until configured, with a clear
refusal page instead of the libraries' bare errors."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from djangosaml2 import views as saml_views
from mozilla_django_oidc import views as oidc_views

from .services import SignInRefused

logger = logging.getLogger(__name__)

FAILED = "failed"  # the protocol exchange failed (state, nonce, signature, audience, ...)


def refusal(request: HttpRequest, reason: str) -> HttpResponse:
    """The page that says why signing in did not work and whom to contact (400 or 403)."""
    status = 400 if reason == FAILED else 403
    return render(
        request,
        "sso/refused.html",
        {
            "reason": reason,
            "support_email": settings.SSO_SUPPORT_EMAIL,
            "create_people": settings.SSO_CREATE_PEOPLE,
        },
        status=status,
    )


def only_when(enabled: Callable[[], bool]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """404 (not 500) for a protocol's URLs while it is not configured."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not enabled():
                raise Http404("Single sign-on is not configured.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


# --- OpenID Connect -----------------------------------------------------------------------


class OIDCCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """The provider's redirect back: the library checks state and (in the backend) nonce."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SignInRefused as refused:
            return refusal(request, refused.reason)
        except SuspiciousOperation as error:
            logger.warning("OIDC sign-in failed: %s", error)
            return refusal(request, FAILED)
        except requests.RequestException as error:
            logger.warning("OIDC provider error: %s", error)
            return refusal(request, FAILED)

    def login_failure(self) -> HttpResponse:
        return refusal(self.request, FAILED)


# --- SAML 2.0 -----------------------------------------------------------------------------


class SAMLACSView(saml_views.AssertionConsumerServiceView):
    """The IdP's POSTed response: djangosaml2 and pysaml2 validate it, we match the person."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except SignInRefused as refused:
            return refusal(request, refused.reason)

    def handle_acs_failure(
        self,
        request: HttpRequest,
        exception: Exception | None = None,
        status: int = 403,
        **kwargs: Any,
    ) -> HttpResponse:
        logger.warning("SAML sign-in failed: %r", exception)
        return refusal(request, FAILED)
