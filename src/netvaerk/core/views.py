"""Core pages: my overview, my account, the audit log, sign-in and the health check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, connection
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from netvaerk.organisation.rules import person_of

from . import selectors
from .forms import AuditFilterForm, LoginForm
from .models import User
from .notifications import account_context as notification_settings_context
from .notifications import mark_all_read
from .services import user_set_language


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a view that requires sign-in."""
    user = request.user
    assert isinstance(user, User), "this view requires a signed-in user"
    return user


def paginate(request: HttpRequest, queryset: QuerySet[Any], *, param: str = "side") -> Page:
    """One page of a queryset; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, settings.PAGE_SIZE)
    raw = request.GET.get(param, "1")
    if not raw.isdigit() or not 1 <= int(raw) <= max(paginator.num_pages, 1):
        raise Http404
    page = paginator.page(int(raw))
    page.param = param  # type: ignore[attr-defined]
    return page


def edit_conflict(
    request: HttpRequest,
    *,
    form: Any,
    current: Model,
    fields: Iterable[str],
    message: str | Promise,
    template_name: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Someone saved first (409): show what they saved beside what this user typed.

    The user's text is kept in a form bound to the current version, so saving again
    knowingly replaces the other's. `form` is the user's validated form.
    """
    changes = [
        (form.fields[name].label, getattr(current, name), form.cleaned_data[name])
        for name in fields
        if str(getattr(current, name)) != str(form.cleaned_data[name])
    ]
    data = request.POST.copy()
    data["version"] = str(current.version)  # type: ignore[attr-defined]
    rebound = type(form)(data, instance=current)
    rebound.is_valid()
    rebound.add_error(None, message)
    return render(
        request, template_name, {**context, "form": rebound, "conflict": changes}, status=409
    )


class CachedObjectMixin:
    """Fetch a detail view's object once, though both the permission check and the view ask."""

    def get_object(self, queryset: QuerySet[Any] | None = None) -> Model:
        if not hasattr(self, "_object"):
            self._object = super().get_object(queryset)  # type: ignore[misc]
        return self._object


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        from netvaerk.ideas.selectors import my_ideas
        from netvaerk.networks.selectors import network_list

        person = selectors.person_overview(self.request.user)
        context["person"] = person
        notifications = selectors.notifications_for(person)
        context["notifications"] = list(notifications.filter(read_at=None)[:5])
        context["unread_count"] = notifications.filter(read_at=None).count()
        context["my_ideas"] = list(my_ideas(person)[:5]) if person else []
        context["my_networks"] = list(network_list(person=person)[:10]) if person else []
        return context


class NotificationListView(LoginRequiredMixin, TemplateView):
    """All my notifications, newest first; reading them here marks them read."""

    template_name = "core/notifications.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = person_of(self.request.user)
        context["notifications"] = paginate(self.request, selectors.notifications_for(person))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = person_of(request.user)
        if person is not None:
            mark_all_read(person=person)
            messages.success(request, _("All notifications are marked as read."))
        return redirect("core:notifications")


class AccountView(LoginRequiredMixin, TemplateView):
    """My account: my language, and every audit entry about me."""

    template_name = "core/account.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request.POST.get("language", "")
        if language not in dict(settings.LANGUAGES):
            messages.error(request, _("Choose Danish or English."))
            return self.render_to_response(self.get_context_data(), status=400)
        user_set_language(user=request_user(request), language=language)
        with translation.override(language):
            messages.success(request, _("The language was saved."))
        response = redirect("core:account")
        _set_language_cookie(response, language)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        person = person_of(self.request.user)
        context["person"] = person
        context["entries"] = paginate(self.request, selectors.audit_entries_about(person))
        from netvaerk.api.views import account_context  # the API section (tokens)

        context.update(account_context(self.request))
        context.update(notification_settings_context(self.request))  # notification settings
        return context


class AuditLogView(PermissionRequiredMixin, TemplateView):
    """The secretariat's view of every change, filterable by text, person, type and date."""

    permission_required = "core.view_audit_log"
    template_name = "core/audit_log.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AuditFilterForm(request.GET or None)
        valid = not form.is_bound or form.is_valid()
        filters = form.cleaned_data if form.is_bound and valid else {}
        query = request.GET.copy()
        query.pop("side", None)
        context = {
            "form": form,
            "entries": paginate(request, selectors.audit_entries(**filters)),
            "filter_query": query.urlencode(),
        }
        # Bad filter values are explained in the form; the list is shown unfiltered.
        return self.render_to_response(context, status=200 if valid else 400)


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from netvaerk.sso.conf import login_context  # single sign-on buttons, LOCAL_LOGIN

        return {**super().get_context_data(**kwargs), **login_context()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from netvaerk.sso.conf import local_login

        if not local_login():  # LOCAL_LOGIN off: only single sign-on
            context = self.get_context_data(local_login_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        if getattr(self.request, "local_login_refused", False):  # LOCAL_LOGIN=guests
            context = self.get_context_data(form=form, local_login_refused=True)
            return self.render_to_response(context, status=403)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language:
            _set_language_cookie(response, language)
        return response


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
