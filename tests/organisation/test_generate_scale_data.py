"""`manage.py generate_scale_data`: a deterministic large organisation, through the import."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from netvaerk.core.models import AuditEntry
from netvaerk.organisation.management.commands.generate_scale_data import scale_data
from netvaerk.organisation.models import Forum, Person, Unit

PEOPLE, UNITS = 300, 40


def generate(seed: int = 1, *, people: int = PEOPLE, units: int = UNITS) -> str:
    out = StringIO()
    call_command(
        "generate_scale_data",
        people=people,
        units=units,
        seed=seed,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


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
