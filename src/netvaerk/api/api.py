"""The REST API at /api/ (django-ninja), documented at /api/docs.

Every read asks the same rules as the pages (`user.has_perm`, `visible_networks`): what a
page would hide is a 404 here too, what a page refuses is a 403. Every write calls the
existing services, which check permissions and write the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Path, Query, Status
from ninja.openapi.docs import Swagger

from netvaerk.core.models import User
from netvaerk.evaluation.surveys.selectors import network_report
from netvaerk.ideas import selectors as idea_selectors
from netvaerk.ideas import services as idea_services
from netvaerk.ideas.models import Idea
from netvaerk.networks import selectors as network_selectors
from netvaerk.networks.logbook import services as logbook_services
from netvaerk.networks.meetings.models import Meeting
from netvaerk.networks.models import Network, Participation
from netvaerk.networks.rules import visible_networks
from netvaerk.organisation.models import Person, Unit
from netvaerk.organisation.rules import person_of

from . import errors
from .auth import TokenAuth, require_write
from .pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from .schemas import ErrorOut as E
from .schemas import (
    EvaluationOut,
    IdeaDetailOut,
    IdeaIn,
    IdeaPage,
    IdeaState,
    InvolvementIn,
    InvolvementOut,
    LearningNoteIn,
    LearningNoteOut,
    MeetingPage,
    NetworkDetailOut,
    NetworkKind,
    NetworkPage,
    ParticipantPage,
    PersonOut,
    PersonPage,
    SupportOut,
    SurveyResultOut,
    TieOut,
    UnitOut,
    UnitPage,
)


class Docs(Swagger):
    """Swagger UI from static files (no CDN, no inline script: the CSP allows only 'self')."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        import json

        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api}
        return render(request, "api/docs.html", context)


api = NinjaAPI(
    title="Netværk API",
    version="1",
    description=(
        "Read ideas, networks, participants, meetings, evaluation results, units and people; "
        "submit and support ideas; write to a network's involvement and learning logs. "
        "Authenticate with a personal token from your account page: "
        "`Authorization: Bearer <token>`. Lists are paged with `?cursor=`."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs=Docs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

ERRORS: dict[int, Any] = {400: E, 401: E, 403: E, 404: E, 409: E, 422: E}
Id = Annotated[int, Path(ge=1, le=2**53)]
Cursor = Annotated[
    str | None, Query(None, max_length=500, description="next_cursor of the previous page")
]
Limit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size")]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "the API authenticates every call"
    return user


def _require(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(permission)


# --- ideas -------------------------------------------------------------------------------------


def _idea_out(idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.pk,
        "title": idea.title,
        "state": idea.state,
        "kind": idea.kind,
        "proposer": idea.proposer.name,
        "round_id": idea.round_id,
        "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "created_at": idea.created_at,
        "submitted_at": idea.submitted_at,
    }


def _idea(request: HttpRequest, idea_id: int) -> Idea:
    """The idea as its page shows it: someone else's draft does not exist (404), 403 if not."""
    try:
        idea = idea_selectors.idea_for_page(idea_id, person_of(request.user))
    except Idea.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("ideas.view_idea", idea):
        if idea.state == Idea.State.DRAFT:
            raise Http404
        raise PermissionDenied
    return idea


def _idea_detail(idea: Idea) -> dict[str, Any]:
    return {
        **_idea_out(idea),
        "problem": idea.problem,
        "benefit": idea.benefit,
        "perspective": idea.perspective,
        "units": [{"id": unit.pk, "name": unit.name} for unit in idea.units.all()],
        "network_id": idea.network_id,
        "supported_by_me": bool(getattr(idea, "my_support", False)),
    }


@api.get("/ideas", response={200: IdeaPage, **ERRORS}, tags=["ideas"], summary="Ideas")
def ideas_list(
    request: HttpRequest,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
    state: IdeaState | None = None,
) -> dict[str, Any]:
    """Submitted ideas (never drafts), the newest first."""
    _require(request, "ideas.view_ideas")
    ideas = idea_selectors.idea_list(state=state or "")
    rows, next_cursor = paginate(
        ideas, key="created_at", descending=True, cursor=cursor, limit=limit
    )
    return {"items": [_idea_out(idea) for idea in rows], "next_cursor": next_cursor}


@api.get(
    "/ideas/{idea_id}", response={200: IdeaDetailOut, **ERRORS}, tags=["ideas"], summary="One idea"
)
def idea_detail(request: HttpRequest, idea_id: Id) -> dict[str, Any]:
    return _idea_detail(_idea(request, idea_id))


@api.post(
    "/ideas", response={201: IdeaDetailOut, **ERRORS}, tags=["ideas"], summary="Submit an idea"
)
def idea_create(request: HttpRequest, payload: IdeaIn) -> Status[dict[str, Any]]:
    """Submit an idea into the open round (or save it as a draft with `submit: false`)."""
    require_write(request)
    idea = idea_services.idea_create(
        title=payload.title,
        problem=payload.problem,
        benefit=payload.benefit,
        perspective=payload.perspective,
        kind=payload.kind,
        submit=payload.submit,
        by=_user(request),
    )
    return Status(201, _idea_detail(_idea(request, idea.pk)))


def _support(request: HttpRequest, idea_id: int, *, support: bool) -> dict[str, Any]:
    require_write(request)
    idea = _idea(request, idea_id)
    if support:
        changed = idea_services.idea_support(idea=idea, by=_user(request))
    else:
        changed = idea_services.idea_unsupport(idea=idea, by=_user(request))
    count = Idea.objects.values_list("support_count", flat=True).get(pk=idea.pk)
    return {"idea_id": idea.pk, "supported": support, "changed": changed, "support_count": count}


@api.post(
    "/ideas/{idea_id}/support",
    response={200: SupportOut, **ERRORS},
    tags=["ideas"],
    summary="Support an idea",
)
def idea_support(request: HttpRequest, idea_id: Id) -> dict[str, Any]:
    """Support the idea (supporting twice changes nothing: `changed` is false)."""
    return _support(request, idea_id, support=True)


@api.delete(
    "/ideas/{idea_id}/support",
    response={200: SupportOut, **ERRORS},
    tags=["ideas"],
    summary="Withdraw support",
)
def idea_unsupport(request: HttpRequest, idea_id: Id) -> dict[str, Any]:
    return _support(request, idea_id, support=False)


# --- networks ----------------------------------------------------------------------------------


def _network(request: HttpRequest, network_id: int) -> Network:
    """The network, if the user may see it; for anyone else it does not exist (404)."""
    try:
        network = network_selectors.network_for_page(network_id)
    except Network.DoesNotExist as missing:
        raise Http404 from missing
    if not request.user.has_perm("networks.view_network", network):
        raise Http404
    return network


def _network_out(network: Network) -> dict[str, Any]:
    return {
        "id": network.pk,
        "title": network.title,
        "kind": network.kind,
        "phase": network.phase,
        "is_private": network.is_private,
        "leader": getattr(network, "leader_name", None),
        "sponsor": getattr(network, "sponsor_name", None),
        "participant_count": getattr(network, "participant_count", 0),
        "created_at": network.created_at,
    }


@api.get("/networks", response={200: NetworkPage, **ERRORS}, tags=["networks"], summary="Networks")
def networks_list(
    request: HttpRequest,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
    kind: NetworkKind | None = None,
) -> dict[str, Any]:
    """The networks the caller may see, the newest first."""
    _require(request, "networks.view_network_list")
    networks = visible_networks(request.user, network_selectors.network_list(kind=kind or ""))
    rows, next_cursor = paginate(
        networks, key="created_at", descending=True, cursor=cursor, limit=limit
    )
    return {"items": [_network_out(n) for n in rows], "next_cursor": next_cursor}


@api.get(
    "/networks/{network_id}",
    response={200: NetworkDetailOut, **ERRORS},
    tags=["networks"],
    summary="One network",
)
def network_detail(request: HttpRequest, network_id: Id) -> dict[str, Any]:
    network = _network(request, network_id)
    leaders = network_selectors.leadership(network)
    leader = leaders.get(Participation.Role.LEADER) or []
    sponsor = leaders.get(Participation.Role.SPONSOR) or []
    count = Participation.objects.filter(network=network, left_on=None).count()
    return {
        **_network_out(network),
        "leader": leader[0].name if leader else None,
        "sponsor": sponsor[0].name if sponsor else None,
        "participant_count": count,
        "purpose": network.purpose,
        "problem": network.problem,
        "units": [{"id": unit.pk, "name": unit.name} for unit in network.units.all()],
        "committee": network.committee.name if network.committee else None,
    }


@api.get(
    "/networks/{network_id}/participants",
    response={200: ParticipantPage, **ERRORS},
    tags=["networks"],
    summary="A network's participants",
)
def network_participants(
    request: HttpRequest, network_id: Id, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The network's active participants, by name."""
    network = _network(request, network_id)
    rows, next_cursor = paginate(
        network_selectors.participants(network),
        key="person__name",
        descending=False,
        cursor=cursor,
        limit=limit,
        key_of=lambda participation: participation.person.name,
    )
    items = [
        {
            "id": p.pk,
            "person_id": p.person_id,
            "name": p.person.name,
            "unit": p.person.unit.name if p.person.unit else None,
            "role": p.role,
            "kind": p.kind,
            "joined_on": p.joined_on,
        }
        for p in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@api.get(
    "/networks/{network_id}/meetings",
    response={200: MeetingPage, **ERRORS},
    tags=["networks"],
    summary="A network's meetings",
)
def network_meetings(
    request: HttpRequest, network_id: Id, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The network's meetings, the earliest first."""
    network = _network(request, network_id)
    meetings = Meeting.objects.filter(network=network).defer("minutes")
    rows, next_cursor = paginate(
        meetings, key="starts_at", descending=False, cursor=cursor, limit=limit
    )
    items = [
        {
            "id": m.pk,
            "kind": m.kind,
            "title": m.title,
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "location": m.location,
        }
        for m in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@api.get(
    "/networks/{network_id}/evaluation",
    response={200: EvaluationOut, **ERRORS},
    tags=["networks"],
    summary="A network's evaluation results",
)
def network_evaluation(request: HttpRequest, network_id: Id) -> dict[str, Any]:
    """Each tie survey's latest wave: the index and the tie scores between groups.

    Groups with fewer respondents than the anonymity threshold are left out (only their number
    is given), as on the pages.
    """
    network = _network(request, network_id)
    _require(request, "evaluation.view_evaluation", network)
    surveys = []
    for report in network_report(network):
        if not report.waves:
            continue
        wave = report.waves[-1]
        result = wave.result
        names: Mapping[Any, str] = wave.names
        surveys.append(
            SurveyResultOut(
                survey_id=report.survey.pk,
                survey=report.survey.title,
                wave_id=wave.wave.pk,
                wave=wave.label,
                is_open=wave.is_open,
                invited=wave.invited,
                finished=wave.finished,
                respondents=result.respondents,
                hidden_groups=result.hidden,
                min_group_size=wave.min_group_size,
                index=result.index,
                communication=result.communication,
                relationship=result.relationship,
                groups=[names[group] for group in result.groups],
                ties=[
                    TieOut(
                        source=tie.source,
                        target=tie.target,
                        score=tie.score,
                        communication=tie.communication,
                        relationship=tie.relationship,
                        respondents=tie.respondents,
                    )
                    for tie in wave.ties
                ],
            )
        )
    return {"network_id": network.pk, "surveys": surveys}


@api.post(
    "/networks/{network_id}/involvements",
    response={201: InvolvementOut, **ERRORS},
    tags=["networks"],
    summary="Register involvement",
)
def involvement_create(
    request: HttpRequest, network_id: Id, payload: InvolvementIn
) -> Status[dict[str, Any]]:
    """Record who the network involved, how, when, and what it changed."""
    require_write(request)
    network = _network(request, network_id)
    entry = logbook_services.involvement_create(
        network=network,
        group=payload.group,
        method=payload.method,
        happened_on=payload.happened_on,
        what_changed=payload.what_changed,
        who=payload.who,
        people_count=payload.people_count,
        by=_user(request),
    )
    return Status(
        201,
        {
            "id": entry.pk,
            "network_id": network.pk,
            "group": entry.group,
            "method": entry.method,
            "happened_on": entry.happened_on,
            "what_changed": entry.what_changed,
            "who": entry.who,
            "people_count": entry.people_count,
        },
    )


@api.post(
    "/networks/{network_id}/learning-notes",
    response={201: LearningNoteOut, **ERRORS},
    tags=["networks"],
    summary="Write a learning note",
)
def learning_note_create(
    request: HttpRequest, network_id: Id, payload: LearningNoteIn
) -> Status[dict[str, Any]]:
    """Write a dated note, story or quote in the network's learning log."""
    require_write(request)
    network = _network(request, network_id)
    note = logbook_services.learning_note_create(
        network=network,
        text=payload.text,
        kind=payload.kind,
        written_on=payload.written_on,
        by=_user(request),
    )
    return Status(
        201,
        {
            "id": note.pk,
            "network_id": network.pk,
            "kind": note.kind,
            "written_on": note.written_on,
            "text": note.text,
        },
    )


# --- organisation ------------------------------------------------------------------------------


def _unit_out(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "name": unit.name,
        "level": unit.level,
        "parent_id": unit.parent_id,
        "external_id": unit.external_id,
    }


@api.get("/units", response={200: UnitPage, **ERRORS}, tags=["organisation"], summary="Units")
def units_list(
    request: HttpRequest, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> dict[str, Any]:
    """The organisation's units, by name (internal users)."""
    _require(request, "organisation.view_organisation")
    units = Unit.objects.only("name", "level", "parent_id", "external_id")
    rows, next_cursor = paginate(units, key="name", descending=False, cursor=cursor, limit=limit)
    return {"items": [_unit_out(unit) for unit in rows], "next_cursor": next_cursor}


@api.get(
    "/units/{unit_id}", response={200: UnitOut, **ERRORS}, tags=["organisation"], summary="One unit"
)
def unit_detail(request: HttpRequest, unit_id: Id) -> dict[str, Any]:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    _require(request, "organisation.view_organisation")
    return _unit_out(unit)


def _person_out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "kind": person.kind,
        "unit_id": person.unit_id,
        "unit": person.unit.name if person.unit else None,
        "is_manager": person.is_manager,
    }


@api.get("/people", response={200: PersonPage, **ERRORS}, tags=["organisation"], summary="People")
def people_list(
    request: HttpRequest, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT
) -> dict[str, Any]:
    """People, by name. A guest sees only themself."""
    people = Person.objects.select_related("unit")
    if not request.user.has_perm("organisation.view_organisation"):
        people = people.filter(user=_user(request))
    rows, next_cursor = paginate(people, key="name", descending=False, cursor=cursor, limit=limit)
    return {"items": [_person_out(person) for person in rows], "next_cursor": next_cursor}


@api.get(
    "/people/{person_id}",
    response={200: PersonOut, **ERRORS},
    tags=["organisation"],
    summary="One person",
)
def person_detail(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    person = Person.objects.select_related("unit").filter(pk=person_id).first()
    if person is None:
        raise Http404
    _require(request, "organisation.view_person", person)
    return _person_out(person)
