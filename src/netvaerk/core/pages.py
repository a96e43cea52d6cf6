"""The registry of pages: the browser (axe) suite, the permission matrix and `manage.py benchmark`
all walk this one list. Every new page is added here, with who may see it.

A page's `path` is built from the demo data (DESIGN.md §9), so the registry also documents
which demo object each check uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

ANONYMOUS = "anonymous"
# The demo sign-ins of DESIGN.md §9.
ROLES = (
    "direktor",
    "konsulent",
    "chef",
    "leder",
    "netvaerksleder",
    "medarbejder",
    "politiker",
    "borger",
)
SECRETARIAT = ("direktor", "konsulent")
INTERNAL = tuple(role for role in ROLES if role != "borger")

OK, REDIRECT, BAD_REQUEST, FORBIDDEN, NOT_FOUND = 200, 302, 400, 403, 404


def access(
    allowed: tuple[str, ...], *, anonymous: int = REDIRECT, denied: int = FORBIDDEN
) -> dict[str, int]:
    """Expected status for every role: 200 for `allowed`, `denied` for the others."""
    statuses = {role: OK if role in allowed else denied for role in ROLES}
    statuses[ANONYMOUS] = anonymous
    return statuses


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[], str]
    statuses: dict[str, int]
    # Roles the browser suite signs in as to run axe (the first is the benchmark's role).
    axe_roles: tuple[str, ...] = field(default=())

    @property
    def benchmark_role(self) -> str:
        return self.axe_roles[0] if self.axe_roles else ANONYMOUS


def _person_path(username: str) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.organisation.models import Person

        return reverse("organisation:person", args=[Person.objects.get(user__username=username).pk])

    return build


def _unit_path(external_id: str) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.organisation.models import Unit

        return reverse("organisation:unit", args=[Unit.objects.get(external_id=external_id).pk])

    return build


def _import_preview_path() -> str:
    from netvaerk.organisation.models import OrgImport

    record = OrgImport.objects.order_by("pk").first()  # the demo's own import
    assert record is not None, "the demo data includes an import"
    return reverse("organisation:import_preview", args=[record.pk])


def _static(name: str, *args: str) -> Callable[[], str]:
    return lambda: reverse(name, args=args)


PAGES: list[Page] = [
    Page(
        "core:login",
        _static("core:login"),
        {**access(ROLES, anonymous=OK, denied=OK), **{role: REDIRECT for role in ROLES}},
        axe_roles=(ANONYMOUS,),
    ),
    Page("core:home", _static("core:home"), access(ROLES), axe_roles=("medarbejder", "borger")),
    Page("core:account", _static("core:account"), access(ROLES), axe_roles=("medarbejder",)),
    Page("core:audit_log", _static("core:audit_log"), access(SECRETARIAT), axe_roles=("direktor",)),
    Page(
        "organisation:tree",
        _static("organisation:tree"),
        access(INTERNAL),
        axe_roles=("medarbejder",),
    ),
    Page(
        "organisation:tree?q",
        lambda: reverse("organisation:tree") + "?q=a",
        access(INTERNAL),
        axe_roles=("chef",),
    ),
    Page("organisation:unit", _unit_path("demo-c-sund"), access(INTERNAL), axe_roles=("leder",)),
    Page(
        "organisation:person",
        _person_path("medarbejder"),
        access(INTERNAL),
        axe_roles=("politiker",),
    ),
    Page(
        "organisation:forums", _static("organisation:forums"), access(INTERNAL), axe_roles=("chef",)
    ),
    Page(
        "organisation:forum",
        _static("organisation:forum", "chefforum"),
        access(INTERNAL),
        axe_roles=("chef",),
    ),
    Page(
        "organisation:import",
        _static("organisation:import"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "organisation:import_preview",
        _import_preview_path,
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page("core:healthz", _static("core:healthz"), access(ROLES, anonymous=OK, denied=OK)),
]


def page(name: str) -> Page:
    return next(p for p in PAGES if p.name == name)
