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
    # The benchmark's role for a page axe does not check (a download); else axe_roles[0].
    bench_role: str | None = None

    @property
    def benchmark_role(self) -> str:
        if self.bench_role is not None:
            return self.bench_role
        return self.axe_roles[0] if self.axe_roles else ANONYMOUS


def _person_path(username: str, name: str = "organisation:person") -> Callable[[], str]:
    def build() -> str:
        from netvaerk.organisation.models import Person

        return reverse(name, args=[Person.objects.get(user__username=username).pk])

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


def _idea_path(state: str, name: str = "ideas:detail") -> Callable[[], str]:
    """The first demo idea in `state` (the demo has one draft, one on the agenda, ...)."""

    def build() -> str:
        from netvaerk.ideas.models import Idea

        idea = Idea.objects.filter(state=state).order_by("pk").first()
        assert idea is not None, f"the demo data has an idea that is {state}"
        return reverse(name, args=[idea.pk])

    return build


def _own_idea_edit_path() -> str:
    from netvaerk.ideas.models import Idea

    idea = Idea.objects.get(state="submitted", proposer__user__username="medarbejder")
    return reverse("ideas:edit", args=[idea.pk])


def _round_path(name: str = "ideas:round", *, open_round: bool = True) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.ideas.models import Round

        rounds = Round.objects.order_by("deadline")
        found = rounds.last() if open_round else rounds.first()
        assert found is not None
        return reverse(name, args=[found.pk])

    return build


def _meeting_path() -> str:
    from netvaerk.organisation.models import ForumMeeting

    meeting = ForumMeeting.objects.filter(forum__slug="chefforum").order_by("pk").first()
    assert meeting is not None
    return reverse("ideas:meeting", args=["chefforum", meeting.pk])


def network_path(
    title: str = "Sammenhængende forløb for ældre efter udskrivning",
    name: str = "networks:detail",
    query: str = "",
) -> Callable[[], str]:
    """The path of a page of the demo network `title` (the network apps' registries use it)."""

    def build() -> str:
        from netvaerk.networks.models import Network

        pk = Network.objects.only("pk").get(title=title).pk
        return reverse(name, args=[pk]) + query

    return build


def _participation_path() -> str:
    from netvaerk.networks.models import Participation

    participation = Participation.objects.get(
        network__title="Sammenhængende forløb for ældre efter udskrivning",
        person__user__username="medarbejder",
    )
    return reverse("networks:participation", args=[participation.network_id, participation.pk])


def _invitation_path() -> str:
    from netvaerk.networks.models import Invitation

    invitation = Invitation.objects.filter(accepted_at=None).order_by("pk").first()
    assert invitation is not None, "the demo has an unused invitation"
    return invitation.get_absolute_url()


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
    # A JSON download (no axe): the person themself and the secretariat.
    Page(
        "organisation:person_data",
        _person_path("medarbejder", "organisation:person_data"),
        access(("medarbejder", *SECRETARIAT)),
        bench_role="medarbejder",
    ),
    # The career portfolio as a PDF: the person themself and the secretariat.
    Page(
        "organisation:portfolio_pdf",
        _person_path("medarbejder", "organisation:portfolio_pdf"),
        access(("medarbejder", *SECRETARIAT)),
        bench_role="medarbejder",
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
    Page(
        "core:notifications",
        _static("core:notifications"),
        access(ROLES),
        axe_roles=("medarbejder",),
    ),
    Page("ideas:list", _static("ideas:list"), access(INTERNAL), axe_roles=("medarbejder",)),
    Page(
        "ideas:list?q",
        lambda: reverse("ideas:list") + "?q=borger&sort=support&state=submitted",
        access(INTERNAL),
        axe_roles=("leder",),
    ),
    Page("ideas:create", _static("ideas:create"), access(INTERNAL), axe_roles=("medarbejder",)),
    Page(
        "ideas:detail",
        _idea_path("selected"),
        access(INTERNAL),
        axe_roles=("medarbejder", "direktor"),
    ),
    Page(
        "ideas:detail(on_agenda)",
        _idea_path("on_agenda"),
        access(INTERNAL),
        axe_roles=("chef", "direktor"),
    ),
    Page(
        "ideas:detail(screening)",
        _idea_path("screening"),
        access(INTERNAL),
        axe_roles=("konsulent",),
    ),
    Page(
        "ideas:detail(draft)",
        _idea_path("draft"),
        access(("medarbejder",), denied=NOT_FOUND),
        axe_roles=("medarbejder",),
    ),
    Page("ideas:edit", _own_idea_edit_path, access(("medarbejder",)), axe_roles=("medarbejder",)),
    Page("ideas:rounds", _static("ideas:rounds"), access(INTERNAL), axe_roles=("chef",)),
    Page("ideas:round", _round_path(), access(INTERNAL), axe_roles=("chef",)),
    Page(
        "ideas:round(2013)",
        _round_path(open_round=False),
        access(INTERNAL),
        axe_roles=("politiker",),
    ),
    Page(
        "ideas:round_create",
        _static("ideas:round_create"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "ideas:round_edit",
        _round_path("ideas:round_edit"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page("ideas:meeting", _meeting_path, access(INTERNAL), axe_roles=("chef",)),
    Page("networks:list", _static("networks:list"), access(ROLES), axe_roles=("leder", "borger")),
    Page(
        "networks:detail",
        network_path(),
        {**access(ROLES), "politiker": NOT_FOUND},
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "networks:detail(private)",
        network_path("Unge på vej mod uddannelse og job"),
        access(SECRETARIAT, denied=NOT_FOUND),
        axe_roles=("direktor",),
    ),
    Page(
        "networks:detail(committee)",
        network_path("Campus Albertslund"),
        {**access(ROLES), "borger": NOT_FOUND},
        axe_roles=("politiker",),
    ),
    Page(
        "networks:edit",
        network_path(name="networks:edit"),
        {
            **access(("direktor", "konsulent", "chef", "netvaerksleder")),
            "politiker": NOT_FOUND,
        },
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "networks:participants",
        network_path(name="networks:participants"),
        {**access(ROLES), "politiker": NOT_FOUND},
        axe_roles=("netvaerksleder", "medarbejder"),
    ),
    Page(
        "networks:participation",
        _participation_path,
        {
            **access(("direktor", "konsulent", "chef", "netvaerksleder")),
            "politiker": NOT_FOUND,
        },
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "networks:composition",
        network_path(name="networks:composition"),
        {**access(ROLES), "politiker": NOT_FOUND},
        axe_roles=("chef",),
    ),
    Page(
        "networks:invitation",
        _invitation_path,
        access(ROLES, anonymous=OK, denied=OK),
        axe_roles=(ANONYMOUS,),
    ),
    Page("core:healthz", _static("core:healthz"), access(ROLES, anonymous=OK, denied=OK)),
]


def _app_pages() -> list[Page]:
    """The pages the network sub-apps register in their own `pages.py`."""
    from netvaerk.api import pages as api
    from netvaerk.evaluation import pages as evaluation
    from netvaerk.evaluation.questionnaires import pages as questionnaires
    from netvaerk.evaluation.surveys import pages as surveys
    from netvaerk.handbook import pages as handbook
    from netvaerk.insights import pages as insights
    from netvaerk.insights.reports import pages as reports
    from netvaerk.insights.silos import pages as silos
    from netvaerk.networks.contracts import pages as contracts
    from netvaerk.networks.logbook import pages as logbook
    from netvaerk.networks.meetings import pages as meetings
    from netvaerk.privacy import pages as privacy

    return [
        *contracts.PAGES,
        *meetings.PAGES,
        *logbook.PAGES,
        *evaluation.PAGES,
        *surveys.PAGES,
        *questionnaires.PAGES,
        *handbook.PAGES,
        *insights.PAGES,
        *silos.PAGES,
        *reports.PAGES,
        *api.PAGES,
        *privacy.PAGES,
    ]


PAGES.extend(_app_pages())


def page(name: str) -> Page:
    return next(p for p in PAGES if p.name == name)
