"""The API in the page registry (core/pages.py adds them to PAGES).

The permission matrix and `manage.py benchmark` call each read endpoint with a signed-in
session (the API accepts a session for reads); anonymous callers get 401, never a redirect.
The statuses are those of the matching pages. Writes are walked by tests/api.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import (
    ANONYMOUS,
    INTERNAL,
    NOT_FOUND,
    OK,
    ROLES,
    SECRETARIAT,
    Page,
    access,
)

UNAUTHORIZED = 401

EVERYONE = access(ROLES, anonymous=OK, denied=OK)
SIGNED_IN = access(ROLES, anonymous=UNAUTHORIZED)
INTERNAL_ONLY = access(INTERNAL, anonymous=UNAUTHORIZED)
ELDERLY_READERS = {**SIGNED_IN, "politiker": NOT_FOUND}
CAMPUS_READERS = {**SIGNED_IN, "borger": NOT_FOUND}


def _network(name: str, suffix: str = "") -> Callable[[], str]:
    """A demo network by its constant's name in networks/demo.py (ELDERLY, CAMPUS, YOUNG)."""

    def build() -> str:
        from netvaerk.networks import demo
        from netvaerk.networks.models import Network

        pk = Network.objects.only("pk").get(title=getattr(demo, name)).pk
        return f"{reverse('api:api-root')}networks/{pk}{suffix}"

    return build


def _idea(state: str) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.ideas.models import Idea

        idea = Idea.objects.filter(state=state).order_by("pk").first()
        assert idea is not None, f"the demo data has an idea that is {state}"
        return f"{reverse('api:api-root')}ideas/{idea.pk}"

    return build


def _person(username: str) -> str:
    from netvaerk.organisation.models import Person

    pk = Person.objects.get(user__username=username).pk
    return f"{reverse('api:api-root')}people/{pk}"


def _unit(external_id: str) -> str:
    from netvaerk.organisation.models import Unit

    pk = Unit.objects.get(external_id=external_id).pk
    return f"{reverse('api:api-root')}units/{pk}"


def _api(path: str) -> Callable[[], str]:
    return lambda: reverse("api:api-root") + path


PAGES: list[Page] = [
    Page("api:docs", _api("docs"), EVERYONE, bench_role=ANONYMOUS),
    Page("api:openapi", _api("openapi.json"), EVERYONE, bench_role=ANONYMOUS),
    Page("api:ideas", _api("ideas"), INTERNAL_ONLY, bench_role="medarbejder"),
    Page("api:idea", _idea("selected"), INTERNAL_ONLY, bench_role="medarbejder"),
    Page(
        "api:idea(draft)",
        _idea("draft"),
        {**access(("medarbejder",), denied=NOT_FOUND), ANONYMOUS: UNAUTHORIZED},
        bench_role="medarbejder",
    ),
    Page("api:networks", _api("networks"), SIGNED_IN, bench_role="leder"),
    Page("api:network", _network("ELDERLY"), ELDERLY_READERS, bench_role="netvaerksleder"),
    Page(
        "api:network(private)",
        _network("YOUNG"),
        {**access(SECRETARIAT, denied=NOT_FOUND), ANONYMOUS: UNAUTHORIZED},
        bench_role="direktor",
    ),
    Page(
        "api:participants",
        _network("ELDERLY", "/participants"),
        ELDERLY_READERS,
        bench_role="netvaerksleder",
    ),
    Page(
        "api:meetings",
        _network("ELDERLY", "/meetings"),
        ELDERLY_READERS,
        bench_role="netvaerksleder",
    ),
    Page(
        "api:evaluation(campus)",
        _network("CAMPUS", "/evaluation"),
        CAMPUS_READERS,
        bench_role="konsulent",
    ),
    Page("api:units", _api("units"), INTERNAL_ONLY, bench_role="leder"),
    Page("api:unit", lambda: _unit("demo-c-sund"), INTERNAL_ONLY, bench_role="leder"),
    Page("api:people", _api("people"), SIGNED_IN, bench_role="medarbejder"),
    Page(
        "api:person",
        lambda: _person("medarbejder"),
        INTERNAL_ONLY,
        bench_role="politiker",
    ),
]
