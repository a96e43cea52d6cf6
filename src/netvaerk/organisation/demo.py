"""The organisation part of the demo: Albertslund-like, end of 2013, fictional people.

Everything is written through the services, so the demo also shows up in the audit log.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from netvaerk.core.models import User
from netvaerk.core.services import user_create

from .importers import ParsedFile, PersonRow, UnitRow
from .models import Forum, Person, SecretariatAssignment, Training, Unit
from .services import (
    forum_create,
    forum_member_add,
    org_import_apply,
    org_import_plan,
    org_import_upload,
    person_create,
    person_link_user,
    person_update,
    secretariat_assign,
    training_add,
)

ROOT = "demo-root"

# external id, name, parent, level
UNITS: list[tuple[str, str, str, int]] = [
    (ROOT, "Albertslund Kommune", "", Unit.Level.ORGANISATION),
    ("demo-net", "Netværksstrukturen", ROOT, Unit.Level.CENTRE),
    ("demo-a1", "Direktørområde Borger og Velfærd", ROOT, Unit.Level.AREA),
    ("demo-a2", "Direktørområde By og Fællesskab", ROOT, Unit.Level.AREA),
    ("demo-c-born", "Center for Børn og Familie", "demo-a1", Unit.Level.CENTRE),
    ("demo-c-sund", "Center for Sundhed og Omsorg", "demo-a1", Unit.Level.CENTRE),
    ("demo-c-skole", "Center for Skole og Dagtilbud", "demo-a1", Unit.Level.CENTRE),
    ("demo-c-by", "Center for Byudvikling", "demo-a2", Unit.Level.CENTRE),
    ("demo-c-kultur", "Center for Kultur og Fritid", "demo-a2", Unit.Level.CENTRE),
    ("demo-c-okonomi", "Center for Økonomi og Personale", "demo-a2", Unit.Level.CENTRE),
    ("demo-t-hjemme", "Hjemmeplejen Syd", "demo-c-sund", Unit.Level.TEAM),
    ("demo-t-trae", "Træning og Rehabilitering", "demo-c-sund", Unit.Level.TEAM),
    ("demo-t-familie", "Familierådgivningen", "demo-c-born", Unit.Level.TEAM),
    ("demo-t-sundplej", "Sundhedsplejen", "demo-c-born", Unit.Level.TEAM),
    ("demo-t-ppr", "Pædagogisk Psykologisk Rådgivning", "demo-c-skole", Unit.Level.TEAM),
    ("demo-t-byg", "Byggesag", "demo-c-by", Unit.Level.TEAM),
    ("demo-t-bibl", "Bibliotekerne", "demo-c-kultur", Unit.Level.TEAM),
    ("demo-t-hr", "HR og Løn", "demo-c-okonomi", Unit.Level.TEAM),
]

# external id, name, unit, title, manager, demo user name
PEOPLE: list[tuple[str, str, str, str, bool, str]] = [
    ("demo-p01", "Hanne Mølgaard", "demo-net", "Netværksdirektør", True, "direktor"),
    ("demo-p02", "Jonas Krag", "demo-net", "Netværkskonsulent", False, "konsulent"),
    ("demo-p03", "Bodil Skov", "demo-net", "Netværkskonsulent", False, ""),
    ("demo-p04", "Line Damgaard", "demo-net", "Administrativ medarbejder", False, ""),
    ("demo-p05", "Torben Vestergaard", "demo-a1", "Direktør", True, ""),
    ("demo-p06", "Susanne Falk", "demo-a2", "Direktør", True, ""),
    ("demo-p07", "Karin Holm", "demo-c-sund", "Centerchef", True, "chef"),
    ("demo-p08", "Mads Riis", "demo-c-born", "Centerchef", True, ""),
    ("demo-p09", "Pia Lund", "demo-c-skole", "Centerchef", True, ""),
    ("demo-p10", "Henrik Bach", "demo-c-by", "Centerchef", True, ""),
    ("demo-p11", "Rikke Thygesen", "demo-c-kultur", "Centerchef", True, ""),
    ("demo-p12", "Ole Bruun", "demo-c-okonomi", "Centerchef", True, ""),
    ("demo-p13", "Anne Winther", "demo-t-hjemme", "Afdelingsleder", True, "leder"),
    (
        "demo-p14",
        "Camilla Nørgaard",
        "demo-t-hjemme",
        "Social- og sundhedsassistent",
        False,
        "medarbejder",
    ),
    ("demo-p15", "Lars Dahl", "demo-t-trae", "Fysioterapeut", False, "netvaerksleder"),
    ("demo-p16", "Mette Juhl", "demo-t-trae", "Afdelingsleder", True, ""),
    ("demo-p17", "Sofie Kjær", "demo-t-familie", "Socialrådgiver", False, ""),
    ("demo-p18", "Peter Lindholm", "demo-t-familie", "Afdelingsleder", True, ""),
    ("demo-p19", "Nanna Brandt", "demo-t-sundplej", "Sundhedsplejerske", False, ""),
    ("demo-p20", "Jakob Friis", "demo-t-ppr", "Psykolog", False, ""),
    ("demo-p21", "Eva Mortensen", "demo-t-ppr", "Leder af PPR", True, ""),
    ("demo-p22", "Kasper Holt", "demo-t-byg", "Byggesagsbehandler", False, ""),
    ("demo-p23", "Maria Søndergaard", "demo-t-bibl", "Bibliotekar", False, ""),
    ("demo-p24", "Thomas Ravn", "demo-t-hr", "HR-konsulent", False, ""),
    ("demo-p25", "Ida Kristoffersen", "demo-t-hjemme", "Sygeplejerske", False, ""),
    ("demo-p26", "Anders Nyborg", "demo-c-by", "Planlægger", False, ""),
    ("demo-p27", "Gitte Hald", "demo-t-bibl", "Biblioteksleder", True, ""),
    ("demo-p28", "Rasmus Koch", "demo-t-hr", "Leder af HR og Løn", True, ""),
]
INNOVATORS = ["demo-p17", "demo-p19", "demo-p22", "demo-p23", "demo-p25"]

# name, slug, kind, members (external id, role)
FORUMS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "Direktørforum",
        "direktorforum",
        Forum.Kind.DIRECTORS,
        [("demo-p05", "chair"), ("demo-p06", "member"), ("demo-p01", "member")],
    ),
    (
        "Chefforum",
        "chefforum",
        Forum.Kind.CHIEFS,
        [
            ("demo-p07", "member"),
            ("demo-p08", "member"),
            ("demo-p09", "member"),
            ("demo-p10", "member"),
            ("demo-p11", "member"),
            ("demo-p12", "member"),
            ("demo-p01", "chair"),
            ("demo-p02", "secretary"),
        ],
    ),
    (
        "Lederforum",
        "lederforum",
        Forum.Kind.LEADERS,
        [
            ("demo-p13", "member"),
            ("demo-p16", "member"),
            ("demo-p18", "member"),
            ("demo-p21", "member"),
            ("demo-p27", "member"),
            ("demo-p28", "member"),
        ],
    ),
    (
        "Rådhus-MED",
        "raadhus-med",
        Forum.Kind.MED,
        [("demo-p06", "chair"), ("demo-p24", "member"), ("demo-p04", "member")],
    ),
    (
        "KommuneMED",
        "kommunemed",
        Forum.Kind.MED,
        [("demo-p05", "chair"), ("demo-p14", "member"), ("demo-p20", "member")],
    ),
]

# external id, role, hours per week, from
SECRETARIAT = [
    ("demo-p01", SecretariatAssignment.Role.DIRECTOR, Decimal("37"), datetime.date(2013, 5, 1)),
    ("demo-p02", SecretariatAssignment.Role.CONSULTANT, Decimal("15"), datetime.date(2013, 5, 1)),
    ("demo-p03", SecretariatAssignment.Role.CONSULTANT, Decimal("9"), datetime.date(2013, 5, 1)),
    (
        "demo-p04",
        SecretariatAssignment.Role.ADMINISTRATION,
        Decimal("20"),
        datetime.date(2013, 12, 1),
    ),
]

# Demo sign-ins, all with the password "demo". (user name, what they are)
DEMO_USERS = [
    ("direktor", "netværksdirektør, sekretariatet"),
    ("konsulent", "netværkskonsulent, sekretariatet"),
    ("chef", "centerchef, medlem af Chefforum"),
    ("leder", "afdelingsleder"),
    ("netvaerksleder", "medarbejder, leder et velfærdsnetværk"),
    ("medarbejder", "medarbejder"),
    ("politiker", "medlem af et udvalg"),
    ("borger", "inviteret gæst (borger)"),
]
# The career portfolios (DESIGN.md §9): the five innovators on KL and KTO's innovator training
# from the autumn of 2013, the network leaders on a facilitator course, and a few signed up for
# the diploma module in network management in March 2014.
_INNOVATOR_TRAINING = (
    Training.Kind.INNOVATOR,
    "Innovatøruddannelse (KL og KTO)",
    "KL og KTO",
    datetime.date(2013, 9, 1),
    None,
    None,
    None,
)
_FACILITATOR_COURSE = (
    Training.Kind.FACILITATOR,
    "Facilitering af netværksmøder",
    "Netværkssekretariatet",
    datetime.date(2013, 11, 12),
    datetime.date(2013, 11, 13),
    Decimal("14"),
    None,
)
_DIPLOMA = (
    Training.Kind.DIPLOMA,
    "Netværksledelse i den offentlige opgaveløsning",
    "Metropol, Institut for Ledelse og Forvaltning",
    datetime.date(2014, 3, 1),
    None,
    None,
    Decimal("5"),
)
TRAININGS: list[tuple[Any, ...]] = [
    *[(external_id, *_INNOVATOR_TRAINING) for external_id in INNOVATORS],
    *[
        (external_id, *_FACILITATOR_COURSE)
        for external_id in ("demo-p15", "demo-p19", "demo-p17", "demo-p26", "demo-p03", "demo-p02")
    ],
    *[(external_id, *_DIPLOMA) for external_id in ("demo-p15", "demo-p19", "demo-p26")],
]
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo password, only with demo data


def is_loaded() -> bool:
    return Unit.objects.filter(external_id=ROOT).exists()


def load() -> None:
    """Create the demo organisation, forums, secretariat and sign-ins (once)."""
    parsed = ParsedFile(
        units=[
            UnitRow(n, ext, name, parent, level)
            for n, (ext, name, parent, level) in enumerate(UNITS, start=2)
        ],
        people=[
            PersonRow(n, ext, name, unit, title, f"{ext}@demo.invalid", manager)
            for n, (ext, name, unit, title, manager, _user) in enumerate(PEOPLE, start=2)
        ],
    )
    plan = org_import_plan(parsed=parsed, remove_missing=False)
    assert plan.is_valid, plan.errors
    record = org_import_upload(units_file=None, people_file=None, plan=plan, by=None)
    org_import_apply(plan=plan, by=None, record=record)
    people = {p.external_id: p for p in Person.objects.filter(external_id__startswith="demo-")}
    for external_id in INNOVATORS:
        person_update(person=people[external_id], is_innovator=True, by=None)
    for name, slug, kind, members in FORUMS:
        forum = forum_create(name=name, slug=slug, kind=kind, by=None)
        for external_id, role in members:
            forum_member_add(forum=forum, person=people[external_id], role=role, by=None)
    for external_id, role, hours, starts_on in SECRETARIAT:
        secretariat_assign(
            person=people[external_id],
            role=role,
            hours_per_week=hours,
            starts_on=starts_on,
            by=None,
        )
    users: dict[str, User] = {}
    for username, _description in DEMO_USERS:
        users[username] = user_create(
            username=username, password=DEMO_PASSWORD, email=f"{username}@demo.invalid", by=None
        )
    for external_id, *_rest, username in PEOPLE:
        if username:
            person_link_user(person=people[external_id], user=users[username], by=None)
    for name, kind, username in [
        ("Birgitte Aagaard", Person.Kind.POLITICIAN, "politiker"),
        ("Erik Jessen", Person.Kind.GUEST, "borger"),
    ]:
        person = person_create(name=name, kind=kind, email=f"{username}@demo.invalid", by=None)
        person_link_user(person=person, user=users[username], by=None)
    for external_id, kind, title, provider, started_on, completed_on, hours, ects in TRAININGS:
        training_add(
            person=people[external_id],
            kind=kind,
            title=title,
            provider=provider,
            started_on=started_on,
            completed_on=completed_on,
            hours=hours,
            ects=ects,
            by=None,
        )
