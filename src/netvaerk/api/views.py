"""Creating and revoking personal API tokens (a section of the account page, /konto/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from netvaerk.core.views import AccountView, request_user

from . import selectors, services
from .forms import TokenForm
from .models import ApiToken


def account_context(request: HttpRequest, form: TokenForm | None = None) -> dict[str, Any]:
    """The account page's API section: the user's tokens and the form for a new one."""
    return {
        "api_tokens": list(selectors.user_tokens(request_user(request))),
        "token_form": form or TokenForm(),
    }


class TokenCreateView(AccountView):
    """Create a token and show it on the account page, this once (it is never stored)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TokenForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data()
            context["token_form"] = form
            return self.render_to_response(context, status=400)
        token, raw = services.token_create(
            user=request_user(request),
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            by=request_user(request),
        )
        context = self.get_context_data()
        context["new_token"] = raw
        context["new_token_name"] = token.name
        response = self.render_to_response(context)
        response["Cache-Control"] = "no-store"
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = ApiToken.objects.filter(pk=pk, user=request_user(request)).first()
        if token is None:
            raise Http404
        services.token_revoke(token=token, by=request_user(request))
        messages.success(request, _("The token was revoked."))
        return redirect("core:account")
