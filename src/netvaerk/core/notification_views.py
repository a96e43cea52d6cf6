"""Saving my notification settings (a section of the account page, /konto/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from netvaerk.organisation.rules import person_of

from .notifications import KINDS, Delivery, notification_settings_save
from .views import AccountView, request_user


class NotificationSettingsView(AccountView):
    """Save the choice for every kind at once; a bad kind or value shows the page with 400."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = person_of(request.user)
        if person is None:
            return self._refuse(
                request,
                _(
                    "Notification settings belong to a person record, and your account has "
                    "none. Ask the network secretariat to connect your account to your person."
                ),
            )
        choices = {}
        for key, values in request.POST.lists():
            if key == "csrfmiddlewaretoken":
                continue
            if key not in KINDS:
                return self._refuse(
                    request,
                    _("There is no kind of notification called “%(kind)s”.") % {"kind": key[:50]},
                )
            if len(values) != 1 or values[0] not in Delivery.values:
                return self._refuse(
                    request,
                    _("Choose one of the offered ways to hear about “%(kind)s”.")
                    % {"kind": KINDS[key].label},
                )
            choices[key] = values[0]
        notification_settings_save(person=person, choices=choices, by=request_user(request))
        messages.success(request, _("Your notification settings were saved."))
        return redirect(reverse("core:account") + "#notifications")

    def _refuse(self, request: HttpRequest, text: str) -> HttpResponse:
        messages.error(request, text)
        return self.render_to_response(self.get_context_data(), status=400)
