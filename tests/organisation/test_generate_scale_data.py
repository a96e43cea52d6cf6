"""`manage.py generate_scale_data`: a deterministic large organisation, through the import,
ideas at scale with their rounds, supports, comments, agendas and scores, and networks with
their participants, milestones, contracts and meetings."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, QuerySet
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.ideas.models import AgendaItem, Comment, Follow, Idea, Round, Score, Support
from netvaerk.ideas.selectors import idea_list
from netvaerk.networks.contracts.models import Contract, ContractVersion
from netvaerk.networks.contracts.snapshots import contract_snapshot
from netvaerk.networks.meetings.models import AgendaItem as MeetingItem
from netvaerk.networks.meetings.models import Meeting
from netvaerk.networks.meetings.services import parse_agenda
from netvaerk.networks.models import Milestone, Network, NetworkType, Participation, Phase
from netvaerk.networks.phases import ORDER
from netvaerk.organisation.management.commands.generate_scale_data import (
    planned_states,
    scale_data,
)
from netvaerk.organisation.models import Forum, ForumMeeting, ForumMembership, Person, Unit

PEOPLE, UNITS = 300, 40
IDEAS = {"people": 300, "units": 30, "ideas": 200, "supports": 1000, "comments": 500}


def generate(
    seed: int = 1,
    *,
    people: int = PEOPLE,
    units: int = UNITS,
    ideas: int = 0,
    supports: int = 0,
    comments: int = 0,
    networks: int = 0,
    participations: int = 0,
    meetings: int = 0,
    survey_answers: int = 0,
) -> str:
    out = StringIO()
    call_command(
        "generate_scale_data",
        people=people,
        units=units,
        seed=seed,
        ideas=ideas,
        supports=supports,
        comments=comments,
        networks=networks,
        participations=participations,
        meetings=meetings,
        survey_answers=survey_answers,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def generated_ideas() -> list[Idea]:
    return list(Idea.objects.filter(proposer__external_id__startswith="scale-").order_by("pk"))


def organisation() -> set[tuple[str, str, str]]:
    """Every generated unit and person as (external id, name, parent or unit)."""
    units = Unit.objects.filter(external_id__startswith="scale-").values_list(
        "external_id", "name", "parent__external_id"
    )
    people = Person.objects.filter(external_id__startswith="scale-").values_list(
        "external_id", "name", "unit__external_id"
    )
    return {(str(ext), name, str(parent)) for ext, name, parent in [*units, *people]}


def test_creates_the_organisation_under_the_demo_root(demo: None) -> None:
    output = generate()

    assert "Units:  40 to create" in output
    assert "People: 300 to create" in output
    units = Unit.objects.filter(external_id__startswith="scale-")
    assert units.count() == UNITS
    assert units.filter(level=Unit.Level.AREA).count() == 1
    assert units.filter(level=Unit.Level.CENTRE).count() == 2
    assert units.filter(level=Unit.Level.TEAM).count() == 37
    assert set(
        units.filter(level=Unit.Level.AREA).values_list("parent__external_id", flat=True)
    ) == {"demo-root"}
    assert all(unit.path.startswith(unit.parent.path) for unit in units.select_related("parent"))
    people = Person.objects.filter(external_id__startswith="scale-")
    assert people.count() == PEOPLE
    for unit in units:
        assert people.filter(unit=unit, is_manager=True).count() == 1, unit.external_id
    chefforum = Forum.objects.get(slug="chefforum")
    assert chefforum.members.filter(external_id__startswith="scale-").count() == PEOPLE // 50


def test_every_created_person_and_unit_has_an_audit_entry(demo: None) -> None:
    generate()

    people = dict(Person.objects.filter(external_id__startswith="scale-").values_list("pk", "name"))
    entries = AuditEntry.objects.filter(action="organisation.person.create", subject__in=people)
    assert {int(entry.object_id) for entry in entries} == set(people)
    assert all(entry.actor_name == "system" for entry in entries)
    units = Unit.objects.filter(external_id__startswith="scale-").values_list("pk", flat=True)
    created_units = AuditEntry.objects.filter(
        action="organisation.unit.create", object_type="organisation.unit"
    ).values_list("object_id", flat=True)
    assert {str(pk) for pk in units} <= set(created_units)
    assert (
        AuditEntry.objects.filter(
            action="organisation.forum_member.add", subject__external_id__startswith="scale-"
        ).count()
        == PEOPLE // 50
    )


def test_running_again_with_the_same_seed_changes_nothing(demo: None) -> None:
    generate()
    before = organisation()
    entries = AuditEntry.objects.count()

    output = generate()

    assert "Units:  0 to create, 0 to change" in output
    assert "People: 0 to create, 0 to change" in output
    assert "Added 0 people" in output
    assert organisation() == before
    assert AuditEntry.objects.count() == entries


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_names() -> None:
    first = scale_data(people=PEOPLE, units=UNITS, seed=1, root="demo-root")
    again = scale_data(people=PEOPLE, units=UNITS, seed=1, root="demo-root")
    other = scale_data(people=PEOPLE, units=UNITS, seed=2, root="demo-root")

    assert first == again
    assert [row.name for row in other.people] != [row.name for row in first.people]
    assert {row.external_id for row in other.people} == {row.external_id for row in first.people}


def test_another_seed_renames_the_same_people(demo: None) -> None:
    generate(seed=1)
    first = organisation()

    output = generate(seed=2)

    assert "0 to create" in output
    second = organisation()
    assert {ext for ext, _name, _unit in second} == {ext for ext, _name, _unit in first}
    assert {name for _ext, name, _unit in second} != {name for _ext, name, _unit in first}


def test_without_the_demo_it_makes_its_own_root(db: None) -> None:
    generate(people=50, units=12)

    root = Unit.objects.get(external_id="scale-root")
    assert root.level == Unit.Level.ORGANISATION
    assert Unit.objects.filter(external_id__startswith="scale-").count() == 12
    assert Person.objects.filter(external_id__startswith="scale-").count() == 50
    # The root has no manager; every other unit has one.
    assert Person.objects.filter(is_manager=True).count() == 11


@pytest.mark.parametrize(("people", "units"), [(10, 40), (300, 3)])
def test_refuses_sizes_that_cannot_make_an_organisation(db: None, people: int, units: int) -> None:
    with pytest.raises(CommandError):
        generate(people=people, units=units)
    assert not Unit.objects.filter(external_id__startswith="scale-").exists()


# --- ideas -------------------------------------------------------------------------------------


def test_generates_ideas_with_supports_comments_agendas_and_scores(demo: None) -> None:
    output = generate(**IDEAS)

    assert "Ideas: created 200" in output
    ideas = generated_ideas()
    assert len(ideas) == 200
    pks = [idea.pk for idea in ideas]
    states = {state: sum(idea.state == state for idea in ideas) for state in Idea.State.values}
    assert states[Idea.State.SUBMITTED] + states[Idea.State.SCREENING] > 150
    assert all(states[state] > 0 for state in Idea.State.values if state != Idea.State.MERGED)
    assert states[Idea.State.MERGED] == 0

    supports = Support.objects.filter(idea__in=pks)
    assert supports.count() == 1000
    per_idea = dict(supports.values("idea").annotate(n=Count("pk")).values_list("idea", "n"))
    assert {idea.pk: idea.support_count for idea in ideas} == {
        pk: per_idea.get(pk, 0) for pk in pks
    }
    assert not supports.filter(idea__state=Idea.State.DRAFT).exists()
    assert not supports.filter(person=F("idea__proposer")).exists()

    comments = Comment.objects.filter(idea__in=pks)
    assert comments.count() == 500
    per_idea = dict(comments.values("idea").annotate(n=Count("pk")).values_list("idea", "n"))
    assert {idea.pk: idea.comment_count for idea in ideas} == {
        pk: per_idea.get(pk, 0) for pk in pks
    }
    assert not comments.filter(idea__state=Idea.State.DRAFT).exists()
    replies = comments.exclude(parent=None).select_related("parent")
    assert replies.count() > 50
    for reply in replies:
        assert reply.parent is not None
        assert reply.parent.parent_id is None  # threads are one level deep
        assert reply.parent.idea_id == reply.idea_id
        assert reply.created_at >= reply.parent.created_at
    # Everyone who wrote a comment follows the idea, like the proposer does.
    follows = set(Follow.objects.filter(idea__in=pks).values_list("idea", "person"))
    assert set(comments.values_list("idea", "author")) <= follows
    assert Follow.objects.filter(idea__in=pks, person=F("idea__proposer")).count() == 200

    rounds = list(Round.objects.filter(description__contains="Skaladata").order_by("deadline"))
    assert len(rounds) == 5
    assert [round.is_open for round in rounds] == [False] * 4 + [True]
    assert all(round.criteria.count() >= 5 for round in rounds)
    chefforum = Forum.objects.get(slug="chefforum")
    assert all(round.decision_meeting.forum == chefforum for round in rounds)
    for idea in ideas:
        if idea.state == Idea.State.DRAFT:
            assert idea.round is None and idea.submitted_at is None
            continue
        assert idea.round in rounds and idea.submitted_at is not None
        assert idea.created_at <= idea.submitted_at <= idea.round.deadline
        items = AgendaItem.objects.filter(idea=idea)
        if idea.state in (
            Idea.State.ON_AGENDA,
            Idea.State.SELECTED,
            Idea.State.PARKED,
            Idea.State.REJECTED,
        ):
            assert [item.meeting_id for item in items] == [idea.round.decision_meeting_id]
        else:
            assert not items.exists()
        assert (idea.network is not None) == (idea.state == Idea.State.SELECTED)
        assert bool(idea.decision_reason) == (idea.decided_at is not None)
    scores = Score.objects.filter(idea__in=pks)
    assert scores.exists()
    assert not scores.exclude(criterion__round=F("idea__round")).exists()
    members = ForumMembership.objects.filter(forum=chefforum).values("person")
    assert not scores.exclude(member__in=members).exists()
    assert not scores.exclude(
        idea__state__in=[
            Idea.State.ON_AGENDA,
            Idea.State.SELECTED,
            Idea.State.PARKED,
            Idea.State.REJECTED,
        ]
    ).exists()

    entry = AuditEntry.objects.get(action="ideas.scale.generate")
    assert entry.object_id == str(rounds[0].pk)
    assert entry.changes["ideas"] == [None, 200]
    assert entry.changes["supports"] == [None, 1000]
    assert entry.changes["comments"] == [None, 500]


def test_running_again_adds_no_ideas(demo: None) -> None:
    generate(**IDEAS)
    before = [
        (idea.title, idea.state, idea.support_count, idea.comment_count)
        for idea in generated_ideas()
    ]
    rows = (
        Support.objects.count(),
        Comment.objects.count(),
        Score.objects.count(),
        AgendaItem.objects.count(),
        Round.objects.count(),
    )
    entries = AuditEntry.objects.count()

    output = generate(**IDEAS)

    assert "Ideas: 200 generated ideas are already there; none added." in output
    assert "Supports: already there" in output
    assert "Comments: already there" in output
    assert [
        (idea.title, idea.state, idea.support_count, idea.comment_count)
        for idea in generated_ideas()
    ] == before
    assert (
        Support.objects.count(),
        Comment.objects.count(),
        Score.objects.count(),
        AgendaItem.objects.count(),
        Round.objects.count(),
    ) == rows
    assert AuditEntry.objects.count() == entries


def test_the_search_finds_a_generated_idea_by_a_word_of_its_text(demo: None) -> None:
    generate(**IDEAS)
    idea = next(idea for idea in generated_ideas() if idea.state != Idea.State.DRAFT)
    word = max(re.findall(r"\w+", idea.problem), key=len)

    assert idea.search_text == f"{idea.title} {idea.problem} {idea.benefit}".casefold()
    assert idea in idea_list(query=word.upper())


def idea_content() -> list[tuple[object, ...]]:
    """The generated ideas as they read, without their ids."""
    return [
        (
            idea.title,
            idea.problem,
            idea.benefit,
            idea.state,
            idea.kind,
            idea.proposer.external_id,
            idea.round.title if idea.round else "",
            idea.support_count,
            idea.comment_count,
            sorted(idea.comments.values_list("body", "author__external_id")),
        )
        for idea in Idea.objects.filter(proposer__external_id__startswith="scale-")
        .select_related("proposer", "round")
        .order_by("pk")
    ]


def remove_generated_ideas() -> None:
    Idea.objects.filter(proposer__external_id__startswith="scale-").delete()
    rounds = Round.objects.filter(description__contains="Skaladata")
    ForumMeeting.objects.filter(rounds__in=rounds).delete()
    rounds.delete()


def test_the_same_seed_gives_the_same_ideas_and_another_seed_others(demo: None) -> None:
    sizes = {**IDEAS, "ideas": 60, "supports": 200, "comments": 100}
    generate(**sizes)
    first = idea_content()
    remove_generated_ideas()

    generate(**sizes)
    assert idea_content() == first
    remove_generated_ideas()

    generate(seed=2, **sizes)
    assert [row[0] for row in idea_content()] != [row[0] for row in first]
    assert planned_states(200).count(Idea.State.DRAFT) == 6


def test_without_chefforum_there_are_no_ideas(db: None) -> None:
    output = generate(people=50, units=12, ideas=20, supports=10, comments=10)

    assert "no ideas generated" in output
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    "sizes",
    [
        {"ideas": -1},
        {"ideas": 10, "supports": 10 * 300},
        {"ideas": 1, "comments": 0, "supports": -5},
    ],
)
def test_refuses_impossible_idea_sizes(demo: None, sizes: dict[str, int]) -> None:
    with pytest.raises(CommandError):
        generate(**{"people": 300, "units": 30, **sizes})
    assert not Idea.objects.filter(proposer__external_id__startswith="scale-").exists()
    assert not Unit.objects.filter(external_id__startswith="scale-").exists()


# --- networks ----------------------------------------------------------------------------------

NETWORKS = {
    **IDEAS,
    "networks": 20,
    "participations": 300,
    "meetings": 150,
}
Role = Participation.Role


def generated_networks() -> QuerySet[Network]:
    return Network.objects.filter(proposer__external_id__startswith="scale-").order_by("pk")


def network_rows() -> tuple[int, ...]:
    networks = generated_networks()
    return (
        networks.count(),
        Participation.objects.filter(network__in=networks).count(),
        Milestone.objects.filter(network__in=networks).count(),
        Contract.objects.filter(network__in=networks).count(),
        ContractVersion.objects.filter(contract__network__in=networks).count(),
        Meeting.objects.filter(network__in=networks).count(),
        MeetingItem.objects.filter(meeting__network__in=networks).count(),
    )


def test_generates_networks_with_participants_contracts_and_meetings(demo: None) -> None:
    output = generate(**NETWORKS)

    networks = list(generated_networks())
    from_ideas = [network for network in networks if Idea.objects.filter(network=network)]
    assert len(networks) == 20
    assert len(from_ideas) == 2  # the selected ideas' networks are counted, not doubled
    assert "Networks: created 18 besides the 2 of the selected ideas" in output
    assert {network.phase for network in networks} >= {Phase.DESIGN, Phase.TESTING}
    assert Idea.objects.exclude(network=None).count() == 2 + 3  # and the demo's three

    participations = Participation.objects.filter(network__in=networks)
    assert participations.count() == 300
    # Distinct people in each network (the database refuses doubles too).
    assert participations.values("network", "person").distinct().count() == 300
    managers = set(Person.objects.filter(is_manager=True).values_list("pk", flat=True))
    for network in networks:
        people = list(participations.filter(network=network))
        assert 5 <= len(people) <= 30
        roles = [p.role for p in people]
        assert roles.count(Role.LEADER) == 1, network
        assert roles.count(Role.SPONSOR) == 1, network
        sponsor = next(p for p in people if p.role == Role.SPONSOR)
        assert sponsor.person_id in managers
        for p in people:
            assert 1 <= p.hours_per_week <= 6
            if p.approved_hours is not None:
                assert p.hours_approved and p.approved_by_id in managers
            if network.kind == NetworkType.LEARNING and p.role == Role.PARTICIPANT:
                assert p.application_plan
    assert participations.filter(role__in=[Role.CO_DRIVER, Role.FACILITATOR]).exists()
    assert not participations.filter(role=Role.FACILITATOR, person__is_innovator=False).exists()
    assert participations.exclude(approved_hours=None).count() > 200

    for network in networks:
        assert 2 <= network.milestones.count() <= 5

    for network in networks:
        meetings = list(Meeting.objects.filter(network=network).order_by("starts_at", "pk"))
        if network.phase == Phase.INTRO:
            assert not meetings
            continue
        assert meetings, network
        kickoff = meetings[0]
        assert kickoff.kind == Meeting.Kind.KICKOFF
        assert [m.kind for m in meetings[1:]] == [Meeting.Kind.MEETING] * (len(meetings) - 1)
        # The start-up workshop follows one of the secretariat's designs (the demo has two).
        assert kickoff.design is not None
        assert kickoff.agenda.count() == len(parse_agenda(kickoff.design.agenda))
        for meeting in meetings:
            assert meeting.ends_at > meeting.starts_at
            positions = list(meeting.agenda.values_list("position", flat=True))
            assert positions == list(range(1, len(positions) + 1))
            assert 2 <= len(positions) <= 6
            assert bool(meeting.minutes) == (meeting.starts_at < timezone.now())
    assert Meeting.objects.filter(network__in=networks).count() == 150

    contracts = Contract.objects.filter(network__in=networks).select_related("network")
    assert contracts.count() >= 18
    for contract in contracts:
        numbers = sorted(contract.versions.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1)) and 1 <= len(numbers) <= 6
        assert contract.version == numbers[-1]
        latest = contract.versions.get(number=contract.version)
        assert latest.data == contract_snapshot(contract)  # as the contract's service saves it
        if contract.network.phase != Phase.INTRO:
            assert contract.is_approved
            sponsor = contract.network.participations.get(role=Role.SPONSOR)
            assert contract.approved_by_id == sponsor.person_id

    entry = AuditEntry.objects.get(action="networks.scale.generate")
    assert entry.changes["networks"] == [None, 18]
    assert entry.changes["participations"] == [None, 300]
    assert entry.changes["meetings"] == [None, 150]


def test_the_generated_networks_have_passed_their_gates(demo: None) -> None:
    generate(**NETWORKS)

    now = timezone.now()
    for network in generated_networks().select_related("contract"):
        history = ORDER[: ORDER.index(network.phase) + 1]
        if network.phase == Phase.CLOSED:
            assert network.closing_summary
        if network.phase not in (Phase.INTRO, Phase.STARTUP):
            assert network.contract.is_approved
            assert network.meetings.filter(kind="kickoff", starts_at__lte=now).exists()
        if Phase.ANCHORING in history and network.phase != Phase.CLOSED:
            assert network.test_plan and network.evaluation_result
            assert network.contract.anchoring_owner_id
        if network.kind == NetworkType.WELFARE:
            assert network.citizen_service
        if network.kind == NetworkType.INNOVATION:
            assert network.political_vision


def test_running_again_adds_no_networks(demo: None) -> None:
    generate(**NETWORKS)
    before = network_rows()
    entries = AuditEntry.objects.count()

    output = generate(**NETWORKS)

    assert "Networks: already there; none added." in output
    assert "Participations: already there" in output
    assert "Contracts: already there" in output
    assert "Meetings: already there" in output
    assert network_rows() == before
    assert AuditEntry.objects.count() == entries


def network_content() -> list[tuple[object, ...]]:
    """The generated networks as they read, without their ids or the moment they were made."""
    return [
        (
            network.title,
            network.kind,
            network.phase,
            network.is_private,
            sorted(network.participations.values_list("person__external_id", "role")),
            list(network.milestones.values_list("title", flat=True)),
            list(network.meetings.values_list("title", "minutes")),
            list(network.contract.versions.values_list("number", flat=True))
            if hasattr(network, "contract")
            else [],
        )
        for network in generated_networks()
    ]


def test_the_same_seed_gives_the_same_networks_and_another_seed_others(demo: None) -> None:
    sizes = {"people": 300, "units": 30, "networks": 10, "participations": 120, "meetings": 60}
    generate(**sizes)
    first = network_content()
    generated_networks().delete()

    generate(**sizes)
    assert network_content() == first
    generated_networks().delete()

    generate(seed=2, **sizes)
    assert [row[0] for row in network_content()] != [row[0] for row in first]


def test_no_participations_or_meetings_when_asked_for_none(demo: None) -> None:
    generate(people=300, units=30, networks=10, participations=0, meetings=0)

    networks = generated_networks()
    assert networks.count() == 10
    assert not Participation.objects.filter(network__in=networks).exists()
    assert not Meeting.objects.filter(network__in=networks).exists()


def test_a_later_run_adds_the_meetings_left_out_before(demo: None) -> None:
    sizes = {"people": 300, "units": 30, "networks": 10, "participations": 100}
    generate(**sizes, meetings=0)
    before = network_rows()

    output = generate(**sizes, meetings=40)

    assert "Meetings: created 40" in output
    after = network_rows()
    assert after[:5] == before[:5]  # networks, participations, milestones, contracts, versions
    assert after[5] == 40
    entries = AuditEntry.objects.filter(action="networks.scale.generate").order_by("pk")
    assert entries.last().changes == {
        "meetings": [None, 40],
        "agenda_items": [None, after[6]],
        "seed": [None, 1],
    }


@pytest.mark.parametrize(
    "sizes",
    [
        {"networks": -1},
        {"networks": 10, "participations": 49},
        {"networks": 10, "participations": 301},
        {"networks": 10, "participations": 100, "meetings": -1},
    ],
)
def test_refuses_impossible_network_sizes(demo: None, sizes: dict[str, int]) -> None:
    with pytest.raises(CommandError):
        generate(**{"people": 300, "units": 30, **sizes})
    assert not generated_networks().exists()
