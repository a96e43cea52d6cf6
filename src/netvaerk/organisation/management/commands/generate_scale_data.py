"""A large, fictional organisation for measuring how the pages hold up at a big municipality's size.

The rows are built from small word lists with `random.Random(seed)`, so the same arguments give
the same organisation; they are written through the organisation import, so every unit and
person has its audit entry, and a second run with the same arguments changes nothing.
"""

from __future__ import annotations

import random
import time
import unicodedata
from dataclasses import dataclass
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from netvaerk.organisation.importers import ParsedFile, PersonRow, UnitRow
from netvaerk.organisation.models import Forum, ForumMembership, Person, Unit
from netvaerk.organisation.services import forum_member_add, org_import_apply, org_import_plan

PREFIX = "scale-"
ROOT = f"{PREFIX}root"
DEMO_ROOT = "demo-root"
FORUM = "chefforum"
FORUM_EVERY = 50  # every 50th generated person joins the forum above
MAX_AREAS = 6
UNITS_PER_CENTRE = 20
EMAIL_DOMAIN = "skala.example"

AREA_THEMES = [
    "Børn og Unge",
    "Social og Sundhed",
    "Beskæftigelse og Integration",
    "By, Land og Kultur",
    "Økonomi og Styring",
    "Teknik og Miljø",
]
CENTRE_TOPICS = [
    "Dagtilbud",
    "Skole",
    "Familie",
    "Ældre og Omsorg",
    "Sundhed",
    "Handicap",
    "Psykiatri",
    "Job",
    "Borgerservice",
    "Byggeri",
    "Natur og Miljø",
    "Kultur og Fritid",
    "Digitalisering",
    "Økonomi",
    "HR",
    "Ejendomme",
    "Trafik og Veje",
    "Forebyggelse",
]
PLACES = [
    "Nord",
    "Syd",
    "Øst",
    "Vest",
    "Centrum",
    "Engen",
    "Parken",
    "Bakken",
    "Skoven",
    "Søndermarken",
    "Vesterby",
    "Østerby",
    "Hyldagerparken",
    "Herstedvang",
    "Kanalen",
    "Birkelunden",
]
TEAM_KINDS = [
    "Hjemmeplejen",
    "Børnehuset",
    "Skolen ved",
    "Dagplejen",
    "Plejecentret",
    "Bostedet",
    "Jobcentret",
    "Sundhedshuset",
    "Familieteamet",
    "Myndighedsteamet",
    "Biblioteket",
    "Driftsteamet",
    "Rehabiliteringsteamet",
    "Sagsbehandlingen",
    "Ungdomsskolen",
    "Klubben",
]
FIRST_NAMES = [
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Lene",
    "Camilla",
    "Louise",
    "Maria",
    "Sofie",
    "Ida",
    "Emma",
    "Freja",
    "Karen",
    "Gitte",
    "Pia",
    "Rikke",
    "Nanna",
    "Line",
    "Birgitte",
    "Tina",
    "Peter",
    "Jens",
    "Lars",
    "Henrik",
    "Søren",
    "Niels",
    "Jesper",
    "Thomas",
    "Martin",
    "Anders",
    "Rasmus",
    "Mads",
    "Jakob",
    "Kasper",
    "Mikkel",
    "Frederik",
    "Christian",
    "Ole",
    "Torben",
    "Bo",
    "Ahmed",
    "Fatima",
    "Ali",
    "Zeynep",
    "Ewa",
    "Tomasz",
]
MIDDLE_NAMES = ["Bach", "Skov", "Holm", "Dam", "Lykke", "Juul", "Munk", "Krog", "Hald"]
LAST_NAMES = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Nørgaard",
    "Kjær",
    "Lund",
    "Friis",
    "Bruun",
    "Vestergaard",
    "Dahl",
    "Ravn",
    "Holst",
    "Yilmaz",
    "Hussein",
    "Kowalski",
]
STAFF_TITLES = [
    "Pædagog",
    "Pædagogmedhjælper",
    "Lærer",
    "Social- og sundhedshjælper",
    "Social- og sundhedsassistent",
    "Sygeplejerske",
    "Fysioterapeut",
    "Ergoterapeut",
    "Socialrådgiver",
    "Sagsbehandler",
    "Jobkonsulent",
    "Psykolog",
    "Konsulent",
    "Specialkonsulent",
    "Administrativ medarbejder",
    "Bibliotekar",
    "Ingeniør",
    "Servicemedarbejder",
    "Kok",
    "Elev",
]
MANAGER_TITLES = {
    Unit.Level.AREA: "Direktør",
    Unit.Level.CENTRE: "Centerchef",
    Unit.Level.TEAM: "Afdelingsleder",
}
ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


@dataclass
class ScaleData:
    units: list[UnitRow]
    people: list[PersonRow]


def _email(name: str, number: int) -> str:
    plain = unicodedata.normalize("NFKD", name.translate(ASCII)).encode("ascii", "ignore")
    local = ".".join(plain.decode().lower().split())
    return f"{local}.{number}@{EMAIL_DOMAIN}"


def _person_name(rng: random.Random) -> str:
    parts = [rng.choice(FIRST_NAMES)]
    if rng.random() < 0.25:
        parts.append(rng.choice(MIDDLE_NAMES))
    parts.append(rng.choice(LAST_NAMES))
    return " ".join(parts)


def scale_data(*, people: int, units: int, seed: int, root: str | None) -> ScaleData:
    """The rows of a deterministic organisation; `root` is the existing unit it hangs under.

    Without a root the organisation gets its own, counted among `units`.
    """
    rng = random.Random(seed)
    unit_rows: list[UnitRow] = []

    def add_unit(external_id: str, name: str, parent: str, level: int) -> UnitRow:
        row = UnitRow(len(unit_rows) + 2, external_id, name, parent, level)
        unit_rows.append(row)
        return row

    if root is None:
        root = ROOT
        add_unit(ROOT, "Skala Kommune", "", Unit.Level.ORGANISATION)
    remaining = units - len(unit_rows)
    area_count = min(MAX_AREAS, max(1, remaining // 100))
    centre_count = max(area_count, round(units / UNITS_PER_CENTRE))
    team_count = remaining - area_count - centre_count
    if team_count < 1:
        raise ValueError(f"{units} units are too few for areas, centres and teams.")

    themes = rng.sample(AREA_THEMES, area_count)
    areas = [
        add_unit(f"{PREFIX}area-{n:02d}", f"Direktørområde {theme}", root, Unit.Level.AREA)
        for n, theme in enumerate(themes, start=1)
    ]
    centres = [
        add_unit(
            f"{PREFIX}centre-{n:04d}",
            f"Center for {rng.choice(CENTRE_TOPICS)} {rng.choice(PLACES)}",
            areas[(n - 1) % area_count].external_id,
            Unit.Level.CENTRE,
        )
        for n in range(1, centre_count + 1)
    ]
    teams = [
        add_unit(
            f"{PREFIX}team-{n:05d}",
            f"{rng.choice(TEAM_KINDS)} {rng.choice(PLACES)} {rng.randint(1, 9)}",
            rng.choice(centres).external_id,
            Unit.Level.TEAM,
        )
        for n in range(1, team_count + 1)
    ]

    staffed = [row for row in unit_rows if row.level != Unit.Level.ORGANISATION]
    if people < len(staffed):
        raise ValueError(
            f"{people} people are too few: every one of {len(staffed)} units needs a manager."
        )
    person_rows: list[PersonRow] = []

    def add_person(unit: UnitRow, title: str, is_manager: bool) -> None:
        number = len(person_rows) + 1
        name = _person_name(rng)
        person_rows.append(
            PersonRow(
                number + 1,
                f"{PREFIX}person-{number:06d}",
                name,
                unit.external_id,
                title,
                _email(name, number),
                is_manager,
            )
        )

    for unit in staffed:
        add_person(unit, MANAGER_TITLES[Unit.Level(unit.level)], True)
    # Teams hold most people and vary in size; centres have a small staff of their own.
    workplaces = [*teams, *centres]
    weights = [rng.uniform(0.3, 2.0) for _team in teams] + [0.3 for _centre in centres]
    for unit in rng.choices(workplaces, weights=weights, k=people - len(staffed)):
        add_person(unit, rng.choice(STAFF_TITLES), False)
    return ScaleData(units=unit_rows, people=person_rows)


class Command(BaseCommand):
    help = (
        "Create (or bring up to date) a large fictional organisation under the demo root, "
        "through the organisation import, for performance measurements. The same seed gives "
        "the same organisation; running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=45_000, help="People in all")
        parser.add_argument("--units", type=int, default=3_000, help="Units in all")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random names")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        has_demo_root = Unit.objects.filter(external_id=DEMO_ROOT).exists()
        try:
            data = scale_data(
                people=options["people"],
                units=options["units"],
                seed=options["seed"],
                root=DEMO_ROOT if has_demo_root else None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Generated {len(data.units)} units and {len(data.people)} people "
            f"under {'the demo root' if has_demo_root else 'a root of their own'}."
        )

        step = time.perf_counter()
        plan = org_import_plan(
            parsed=ParsedFile(units=data.units, people=data.people), remove_missing=False
        )
        if not plan.is_valid:
            for row_error in plan.errors[:20]:
                self.stderr.write(str(row_error))
            raise CommandError(f"{len(plan.errors)} errors; nothing was changed.")
        counts = plan.summary(limit=0)["counts"]
        self.stdout.write(
            "Units:  {unit_create} to create, {unit_update} to change\n"
            "People: {person_create} to create, {person_update} to change".format(**counts)
        )
        self.stdout.write(f"Planned in {time.perf_counter() - step:.1f} s.")

        step = time.perf_counter()
        if plan.changes:
            total = len(data.units) + len(data.people)
            with tqdm(
                total=total, unit="rows", desc="Importing", file=self._progress_stream()
            ) as bar:

                def progress(rows: int) -> None:
                    bar.update(rows)

                org_import_apply(plan=plan, by=None, progress=progress)
            self.stdout.write(f"Applied in {time.perf_counter() - step:.1f} s.")
        else:
            self.stdout.write("Nothing to change.")

        step = time.perf_counter()
        added = self._join_forum(data)
        if added is not None:
            self.stdout.write(
                f"Added {added} people to the forum “{FORUM}” in "
                f"{time.perf_counter() - step:.1f} s."
            )
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s."))

    def _progress_stream(self) -> TextIO:
        # The wrapper adds a newline to every write, which would break tqdm's redrawn line.
        return cast(TextIO, self.stderr._out)

    def _join_forum(self, data: ScaleData) -> int | None:
        """Every FORUM_EVERY-th generated person joins the forum, one service call each."""
        forum = Forum.objects.filter(slug=FORUM).first()
        if forum is None:
            return None
        wanted = [row.external_id for row in data.people[::FORUM_EVERY]]
        already = set(
            ForumMembership.objects.filter(forum=forum, person__external_id__in=wanted).values_list(
                "person__external_id", flat=True
            )
        )
        missing = [external_id for external_id in wanted if external_id not in already]
        people = Person.objects.in_bulk(missing, field_name="external_id")
        # One transaction for all: each service call becomes a savepoint, not a commit of its own.
        with transaction.atomic():
            for external_id in tqdm(
                missing, unit="people", desc="Forum", file=self._progress_stream()
            ):
                forum_member_add(forum=forum, person=people[external_id], by=None)
        return len(missing)
