"""Request middleware of our own."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class DanishByDefaultMiddleware:
    """Show Danish unless the user chose otherwise (language cookie or account setting).

    Municipal PCs often run an English Windows and browser; their Accept-Language header must
    not turn the platform English. Placed before Django's LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
