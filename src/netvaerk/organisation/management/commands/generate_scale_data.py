"""A large, fictional organisation for measuring how the pages hold up at a big municipality's size.

The rows are built from small word lists with `random.Random(seed)`, so the same arguments give
the same organisation; they are written through the organisation import, so every unit and
person has its audit entry, and a second run with the same arguments changes nothing.

With Chefforum there (the demo), it then adds ideas at scale: a few selection rounds with their
criteria and forum meetings (through the services), and ideas proposed by the generated people,
with supports, comments, agenda items and forum members' scores. Those are far too many for the
services, so they are written with `bulk_create`, one phase at a time, and summed up in a single
audit entry. Each phase is skipped when its rows are already there, so a second run adds nothing.
"""

from __future__ import annotations

import datetime
import random
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from tqdm import tqdm

from netvaerk.core.audit import audit_record
from netvaerk.ideas.demo import CRITERIA_DA
from netvaerk.ideas.models import (
    AgendaItem,
    Comment,
    Criterion,
    Follow,
    Idea,
    Round,
    Score,
    Support,
)
from netvaerk.ideas.services import round_create, search_text, search_vector
from netvaerk.networks.models import Network, NetworkType, Phase
from netvaerk.organisation.importers import ParsedFile, PersonRow, UnitRow
from netvaerk.organisation.models import (
    Forum,
    ForumMeeting,
    ForumMembership,
    Person,
    SecretariatAssignment,
    Unit,
)
from netvaerk.organisation.services import (
    forum_meeting_create,
    forum_member_add,
    org_import_apply,
    org_import_plan,
)

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


# --- ideas -----------------------------------------------------------------------------------

State = Idea.State
M = TypeVar("M", bound=models.Model)

IDEA_ACTION = "ideas.scale.generate"
BATCH = 5000
# The generated rounds say so in their description; a second run finds them by it.
ROUND_NOTE = "(Skaladata til ydelsesmålinger.)"
PAST_ROUNDS = 4
DEADLINE_MONTHS = {3: "forår", 9: "efterår"}  # a round twice a year, deadline on the 1st
MEETING_AFTER = datetime.timedelta(days=28)
LOCATIONS = [
    "Rådhuset, mødelokale 1",
    "Rådhuset, mødelokale 2",
    "Rådhuset, byrådssalen",
    "Medborgerhuset, sal 3",
]
# How the ideas spread over the states, in per cent.
STATE_SHARES: dict[str, int] = {
    State.DRAFT: 3,
    State.SUBMITTED: 44,
    State.SCREENING: 40,
    State.ON_AGENDA: 2,
    State.SELECTED: 1,
    State.PARKED: 3,
    State.REJECTED: 7,
}
DECIDED = (State.SELECTED, State.PARKED, State.REJECTED)
# How much support and debate an idea in a state draws, relative to one in screening.
STATE_PULL: dict[str, float] = {
    State.SUBMITTED: 0.6,
    State.SCREENING: 1.0,
    State.ON_AGENDA: 2.0,
    State.SELECTED: 4.0,
    State.PARKED: 1.5,
    State.REJECTED: 0.8,
}
# The range of an idea's mean score from the forum members, by state.
STATE_QUALITY: dict[str, tuple[float, float]] = {
    State.ON_AGENDA: (2.0, 4.5),
    State.SELECTED: (3.6, 4.8),
    State.PARKED: (2.6, 4.0),
    State.REJECTED: (1.4, 3.2),
}
POPULARITY_TAIL = 1.6  # Pareto shape: a few ideas gather most of the supports and comments
# The phase a selected idea's network has reached, by the days since the decision.
NETWORK_PHASES = [
    (120, Phase.INTRO),
    (240, Phase.STARTUP),
    (420, Phase.DESIGN),
    (10**6, Phase.TESTING),
]
REPLY_SHARE = 0.3
QUESTION_SHARE = 0.02
KIND_WEIGHTS = {
    Idea.Kind.WELFARE: 40,
    Idea.Kind.INNOVATION: 20,
    Idea.Kind.LEARNING: 20,
    Idea.Kind.UNKNOWN: 20,
}

TITLE_ADJECTIVES = [
    "Fælles",
    "Digital",
    "Bedre",
    "Tidlig",
    "Sammenhængende",
    "Tværfaglig",
    "Mobil",
    "Ny",
    "Enklere",
    "Hurtigere",
    "Lokal",
    "Grøn",
    "Tryg",
    "Fleksibel",
    "Forebyggende",
    "Målrettet",
    "Koordineret",
    "Helhedsorienteret",
]
TITLE_NOUNS = [
    "indsats",
    "indgang",
    "overgang",
    "koordinering",
    "træning",
    "vejledning",
    "opfølgning",
    "dokumentation",
    "planlægning",
    "kommunikation",
    "rehabilitering",
    "sagsbehandling",
    "kontakt",
    "visitation",
    "introduktion",
    "udredning",
    "mentorordning",
    "videndeling",
    "madordning",
    "transport",
]
TARGET_GROUPS = [
    "ældre borgere",
    "familier med små børn",
    "unge ledige",
    "borgere med demens",
    "nyankomne flygtninge",
    "pårørende",
    "skolebørn",
    "borgere med handicap",
    "sygemeldte",
    "udsatte unge",
    "nye medarbejdere",
    "frivillige",
    "lokale virksomheder",
    "borgere med kronisk sygdom",
    "elever i udskolingen",
    "psykisk sårbare borgere",
    "enlige forsørgere",
    "hjemløse",
]
CONTEXTS = [
    "i hjemmeplejen",
    "på tværs af centre",
    "mellem skole og fritid",
    "i dagtilbuddene",
    "efter udskrivning",
    "i jobcentret",
    "om natten",
    "på plejecentrene",
    "i borgerservice",
    "i overgangen til voksenlivet",
    "på bibliotekerne",
    "i foreningslivet",
    "i byggesagerne",
    "i lokalområdet",
    "på tværs af direktørområder",
    "i weekenden",
    "ved skolestart",
    "i sundhedshusene",
]
DEPARTMENTS = [
    "hjemmeplejen",
    "jobcentret",
    "sundhedsplejen",
    "familieafdelingen",
    "skolen",
    "daginstitutionen",
    "visitationen",
    "træningsenheden",
    "biblioteket",
    "psykiatrien",
    "borgerservice",
    "plejecentret",
    "ungdomsskolen",
    "myndighedsafdelingen",
    "misbrugscentret",
    "ejendomscentret",
]
WASTE = [
    "dobbeltregistrering",
    "at lede efter oplysninger",
    "kørsel mellem adresser",
    "manuelle skemaer",
    "telefonopkald, der ikke bliver besvaret",
    "møder uden beslutninger",
    "at indhente de samme oplysninger igen",
    "genindkaldelser",
]
PROBLEM_SENTENCES = [
    "{Group} skal fortælle deres historie flere gange, fordi {dep_a} og {dep_b} ikke deler viden.",
    "{Group} venter for længe, fordi opgaven er delt mellem {dep_a} og {dep_b}.",
    "Medarbejderne i {dep_a} bruger meget tid på {waste}.",
    "Der mangler et fælles overblik, og ingen har ansvaret for helheden.",
    "Vi ser de samme borgere i {dep_a} og {dep_b}, men arbejder hver for sig.",
    "Viden om {group} går tabt ved hver overlevering.",
    "Tilbuddene til {group} er svære at finde, og mange får ikke hjælp i tide.",
    "Indsatsen {context} hviler på enkelte ildsjæle og stopper, når de går på pension.",
    "Vi har prøvet at løse det i {dep_a} alene, men problemet går på tværs.",
    "Borgerne oplever, at kommunen taler med mange stemmer.",
]
BENEFIT_SENTENCES = [
    "{Group} får hjælp tidligere, og færre sager bliver tunge.",
    "Kortere ventetid og én kontaktperson for borgeren.",
    "Vi forventer at spare tid på {waste} og bruge den på borgerne.",
    "Bedre trivsel for {group} og mindre sygefravær blandt medarbejderne.",
    "{Dep_a} og {dep_b} lærer hinandens opgaver at kende.",
    "Færre genindlæggelser og mere sammenhæng i forløbene.",
    "Erfaringerne kan bruges i resten af kommunen.",
    "Flere borgere klarer sig selv længere.",
    "Et fælles sprog og fælles mål på tværs af fagene.",
]
COMMENT_SENTENCES = [
    "Vi oplever det samme i {dep_a} – godt at nogen tager det op.",
    "Godt forslag! Vi vil gerne være med fra {dep_a}.",
    "Har I talt med {dep_a}? De har prøvet noget lignende.",
    "Det her kunne også hjælpe {group}.",
    "Jeg er enig i problemet, men i tvivl om, hvem der skal eje løsningen.",
    "Husk at tænke de pårørende ind fra starten.",
    "Kan det kobles med det arbejde, der allerede er i gang {context}?",
    "Vi bruger i dag meget tid på {waste}, så det vil gøre en stor forskel.",
    "Hvordan måler vi, om det virker?",
    "Støtter varmt – det har været savnet længe.",
]
REPLY_SENTENCES = [
    "Tak for input – det tager vi med.",
    "God pointe. Vil du være med i en arbejdsgruppe?",
    "Enig, og vi har samme erfaring i {dep_a}.",
    "Det har vi ikke tænkt på endnu; jeg skriver det ind i idéen.",
    "Ja, vi har talt med {dep_a}, og de vil gerne være med.",
    "Det skal vi have afklaret, før forummet beslutter noget.",
]
QUESTION_SENTENCES = [
    "Hvilke enheder har I talt med om idéen?",
    "Kan I beskrive, hvordan borgerne vil mærke forskel?",
    "Hvem i linjeorganisationen vil eje løsningen?",
    "Hvordan vil I følge op på, om det virker?",
]
DECISION_REASONS: dict[str, list[str]] = {
    State.SELECTED: [
        "Valgt som tema for et nyt netværk, der starter i introduktionsfasen.",
        "Valgt: idéen opfylder kriterierne og har bred opbakning på tværs af centrene.",
    ],
    State.PARKED: [
        "Parkeret til en senere runde, da der ikke er ressourcer til flere netværk lige nu.",
        "Parkeret: afventer erfaringerne fra et beslægtet netværk.",
        "Parkeret, indtil en leder i linjeorganisationen vil eje idéen.",
    ],
    State.REJECTED: [
        "Løses i driften og kræver ikke et netværk.",
        "Ligner et eksisterende netværk; forslagsstilleren opfordres til at deltage dér.",
        "Målgruppen er for smal til et netværk på tværs af centrene.",
        "Problemet er ikke beskrevet klart nok til at kunne vurderes.",
    ],
}


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to it."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    counts = [int(share) for share in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _spread(total: int, weights: Sequence[float], cap: int) -> list[int]:
    """Like `_apportion`, but no count above `cap`: what a full one cannot take goes to the rest."""
    if total > cap * len(weights):
        raise ValueError(f"{total} are more than {len(weights)} ideas can take ({cap} each).")
    counts = [0] * len(weights)
    room = list(range(len(weights)))
    while (remaining := total - sum(counts)) > 0:
        shares = _apportion(remaining, [weights[i] for i in room])
        for i, share in zip(room, shares, strict=True):
            counts[i] += min(share, cap - counts[i])
        room = [i for i in room if counts[i] < cap]
    return counts


def planned_states(ideas: int) -> list[str]:
    """The state of each of `ideas` generated ideas, in the shares of STATE_SHARES (unshuffled)."""
    counts = _apportion(ideas, list(STATE_SHARES.values()))
    return [state for state, count in zip(STATE_SHARES, counts, strict=True) for _n in range(count)]


def _between(
    rng: random.Random, start: datetime.datetime, end: datetime.datetime
) -> datetime.datetime:
    seconds = int((end - start).total_seconds())
    return start + datetime.timedelta(seconds=rng.randint(0, seconds)) if seconds > 0 else start


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(rng: random.Random) -> dict[str, str]:
    """The words one idea (or comment) is written with, for the sentence templates."""
    group = rng.choice(TARGET_GROUPS)
    dep_a, dep_b = rng.sample(DEPARTMENTS, 2)
    return {
        "group": group,
        "Group": _capital(group),
        "dep_a": dep_a,
        "Dep_a": _capital(dep_a),
        "dep_b": dep_b,
        "waste": rng.choice(WASTE),
        "context": rng.choice(CONTEXTS),
    }


def _sentences(rng: random.Random, templates: Sequence[str], words: dict[str, str], k: int) -> str:
    return " ".join(template.format(**words) for template in rng.sample(templates, k))


def idea_text(rng: random.Random) -> tuple[str, str, str]:
    """A title, problem and benefit that read like a Danish idea."""
    words = _words(rng)
    head = f"{rng.choice(TITLE_ADJECTIVES)} {rng.choice(TITLE_NOUNS)}"
    form = rng.randrange(3)
    if form == 0:
        title = f"{head} for {words['group']} {words['context']}"
    elif form == 1:
        title = f"{head} for {words['group']}"
    else:
        title = f"{head} {words['context']}"
    problem = _sentences(rng, PROBLEM_SENTENCES, words, rng.randint(2, 3))
    benefit = _sentences(rng, BENEFIT_SENTENCES, words, rng.randint(1, 2))
    return title, problem, benefit


def round_deadlines(now: datetime.datetime) -> tuple[list[datetime.datetime], datetime.datetime]:
    """PAST_ROUNDS deadlines decided at meetings before `now`, and the next deadline after it."""
    candidates = [
        timezone.make_aware(datetime.datetime(year, month, 1, 12))
        for year in range(now.year - PAST_ROUNDS, now.year + 2)
        for month in DEADLINE_MONTHS
    ]
    past = [deadline for deadline in candidates if deadline + MEETING_AFTER < now]
    upcoming = next(deadline for deadline in candidates if deadline > now)
    return past[-PAST_ROUNDS:], upcoming


@dataclass(frozen=True)
class IdeaRow:
    """What the later phases need of a generated, submitted idea."""

    pk: int
    state: str
    proposer_id: int
    round_id: int | None
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None


class IdeaGenerator:
    """Rounds, ideas, supports, comments, agenda items and scores, one phase at a time.

    A phase whose rows are already there is skipped, so a second run adds nothing; each phase
    draws from a random generator of its own, so the same seed gives the same rows.
    """

    def __init__(
        self,
        command: Command,
        data: ScaleData,
        *,
        ideas: int,
        supports: int,
        comments: int,
        seed: int,
    ) -> None:
        self.command = command
        self.ideas, self.supports, self.comments, self.seed = ideas, supports, comments, seed
        self.now = timezone.now()
        self.added: dict[str, int] = {}
        person_pks = dict(
            Person.objects.filter(external_id__startswith=PREFIX).values_list("external_id", "pk")
        )
        unit_pks = dict(
            Unit.objects.filter(external_id__startswith=PREFIX).values_list("external_id", "pk")
        )
        # (person, their unit), in the order of the generated rows.
        self.people = [(person_pks[row.external_id], unit_pks.get(row.unit)) for row in data.people]
        self.centres = [
            unit_pks[row.external_id] for row in data.units if row.level == Unit.Level.CENTRE
        ]
        self.generated = Idea.objects.filter(proposer__external_id__startswith=PREFIX)

    def run(self) -> None:
        forum = Forum.objects.filter(slug=FORUM).first()
        if forum is None:
            self._say(f"No forum “{FORUM}” to decide on ideas: no ideas generated.")
            return
        rounds = self._rounds(forum)
        self._ideas(rounds)
        rows = [
            IdeaRow(pk, state, proposer, round_id, submitted or self.now, decided)
            for pk, state, proposer, round_id, submitted, decided in self.generated.exclude(
                state=State.DRAFT
            )
            .order_by("pk")
            .values_list("pk", "state", "proposer_id", "round_id", "submitted_at", "decided_at")
        ]
        self._supports(rows)
        self._comments(rows)
        self._agenda(rows, rounds, forum)
        if self.added.get("supports") or self.added.get("comments"):
            self._counts()
        self._index()
        if self.added:
            audit_record(
                actor=None,
                action=IDEA_ACTION,
                target=rounds[0],
                after={**self.added, "seed": self.seed},
            )

    # --- helpers

    def _say(self, text: str) -> None:
        self.command.stdout.write(text)

    def _timed(self, started: float) -> str:
        return f"{time.perf_counter() - started:.1f} s"

    def _bulk(
        self,
        model: type[M],
        objects: Iterator[M] | list[M],
        *,
        total: int,
        desc: str,
        ignore_conflicts: bool = False,
    ) -> None:
        """bulk_create in batches of BATCH, with a progress bar; the objects get their pks."""
        iterator = iter(objects)
        with tqdm(total=total, unit="rows", desc=desc, file=self.command._progress_stream()) as bar:
            while batch := [obj for _n, obj in zip(range(BATCH), iterator, strict=False)]:
                model._default_manager.bulk_create(
                    batch, batch_size=BATCH, ignore_conflicts=ignore_conflicts
                )
                bar.update(len(batch))

    def _popularity(self, rows: list[IdeaRow]) -> list[float]:
        """How much support and debate each idea draws: a few ideas draw most of it."""
        rng = random.Random(f"{self.seed}:popularity")
        return [rng.paretovariate(POPULARITY_TAIL) * STATE_PULL[row.state] for row in rows]

    # --- phases

    def _rounds(self, forum: Forum) -> list[Round]:
        """The generated rounds, oldest first; created with their meetings the first time."""
        existing = list(
            Round.objects.filter(description__contains=ROUND_NOTE)
            .select_related("decision_meeting")
            .order_by("deadline", "pk")
        )
        if existing:
            self._say(f"Rounds: {len(existing)} generated rounds are already there.")
            return existing
        past, upcoming = round_deadlines(self.now)
        rounds = []
        with transaction.atomic():
            for number, deadline in enumerate([*past, upcoming]):
                name = f"{DEADLINE_MONTHS[deadline.month]} {deadline.year}"
                meeting = forum_meeting_create(
                    forum=forum,
                    title=f"Valg af temaer, {name}",
                    starts_at=(deadline + MEETING_AFTER).replace(hour=9),
                    location=LOCATIONS[number % len(LOCATIONS)],
                    by=None,
                )
                rounds.append(
                    round_create(
                        title=f"Temarunde {name}",
                        deadline=deadline,
                        decision_meeting=meeting,
                        description="Chefforum vælger temaer blandt idéerne, der er indsendt "
                        f"inden fristen. {ROUND_NOTE}",
                        criteria=CRITERIA_DA if number >= 2 else CRITERIA_DA[:5],
                        by=None,
                    )
                )
        self.added["rounds"] = len(rounds)
        self._say(f"Rounds: created {len(rounds)}, each with its meeting in “{FORUM}”.")
        return rounds

    def _meeting_time(self, selection: Round) -> datetime.datetime:
        meeting: ForumMeeting | None = selection.decision_meeting
        return meeting.starts_at if meeting else selection.deadline + MEETING_AFTER

    def _ideas(self, rounds: list[Round]) -> None:
        existing = self.generated.count()
        if existing:
            self._say(f"Ideas: {existing} generated ideas are already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:ideas")
        states = planned_states(self.ideas)
        rng.shuffle(states)
        past, current = rounds[:-1] or rounds, rounds[-1]
        hour = datetime.timedelta(hours=1)
        ideas: list[Idea] = []
        units: list[list[int]] = []
        co_proposers: list[list[int]] = []
        networks: dict[int, Network] = {}  # by the index of the selected idea
        for index, state in enumerate(states):
            proposer = rng.randrange(len(self.people))
            person_pk, home_unit = self.people[proposer]
            title, problem, benefit = idea_text(rng)
            idea = Idea(
                title=title,
                problem=problem,
                benefit=benefit,
                perspective=(
                    Idea.Perspective.CITIZEN if rng.random() < 0.7 else Idea.Perspective.EMPLOYEE
                ),
                kind=rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0],
                proposer_id=person_pk,
                state=state,
                search_text=search_text(title, problem, benefit),
            )
            if state == State.DRAFT:
                idea.created_at = _between(rng, self.now - datetime.timedelta(days=60), self.now)
            else:
                idea.round = rng.choice(past) if state in DECIDED else current
                position = rounds.index(idea.round)
                start = (
                    rounds[position - 1].deadline
                    if position
                    else idea.round.deadline - datetime.timedelta(days=182)
                )
                end = min(idea.round.deadline, self.now) - hour
                idea.created_at = _between(rng, start, end)
                idea.submitted_at = _between(
                    rng, idea.created_at, min(idea.created_at + datetime.timedelta(days=3), end)
                )
            if state in DECIDED:
                assert idea.round is not None
                idea.decided_at = self._meeting_time(idea.round)
                idea.decision_reason = rng.choice(DECISION_REASONS[state])
            ideas.append(idea)
            wanted = [home_unit] if home_unit and rng.random() < 0.85 else []
            wanted += rng.sample(self.centres, min(len(self.centres), rng.choice((0, 1, 1, 2, 3))))
            units.append(list(dict.fromkeys(wanted)) or [rng.choice(self.centres)])
            others = rng.sample(
                range(len(self.people)), rng.choices((0, 1, 2, 3), (60, 25, 10, 5))[0]
            )
            co_proposers.append([self.people[i][0] for i in others if i != proposer])
            if state == State.SELECTED:
                assert idea.decided_at is not None
                age = (self.now - idea.decided_at).days  # how far the network has come
                networks[index] = Network(
                    title=title,
                    kind=idea.kind if idea.kind in NetworkType.values else NetworkType.WELFARE,
                    phase=next(phase for days, phase in NETWORK_PHASES if age < days),
                    purpose=benefit,
                    problem=problem,
                    proposer_id=person_pk,
                    created_at=idea.decided_at,
                )

        with transaction.atomic():
            self._bulk(Network, list(networks.values()), total=len(networks), desc="Networks")
            for index, network in networks.items():
                ideas[index].network = network
            self._bulk(Idea, ideas, total=len(ideas), desc="Ideas")
            idea_units = [
                Idea.units.through(idea_id=idea.pk, unit_id=unit)
                for idea, unit_pks in zip(ideas, units, strict=True)
                for unit in unit_pks
            ]
            self._bulk(Idea.units.through, idea_units, total=len(idea_units), desc="Idea units")
            network_units = [
                Network.units.through(network_id=network.pk, unit_id=unit)
                for index, network in networks.items()
                for unit in units[index]
            ]
            self._bulk(
                Network.units.through, network_units, total=len(network_units), desc="Network units"
            )
            co = [
                Idea.co_proposers.through(idea_id=idea.pk, person_id=person)
                for idea, people in zip(ideas, co_proposers, strict=True)
                for person in people
            ]
            self._bulk(Idea.co_proposers.through, co, total=len(co), desc="Co-proposers")
            follows = [Follow(idea_id=idea.pk, person_id=idea.proposer_id) for idea in ideas]
            self._bulk(Follow, follows, total=len(follows), desc="Follows")
        self.added["ideas"] = len(ideas)
        if networks:
            self.added["networks"] = len(networks)
        self._say(
            f"Ideas: created {len(ideas)} ({len(networks)} selected, each with its network) "
            f"in {self._timed(started)}."
        )

    def _supports(self, rows: list[IdeaRow]) -> None:
        if not self.supports:
            return
        if Support.objects.filter(idea__proposer__external_id__startswith=PREFIX).exists():
            self._say("Supports: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:supports")
        counts = _spread(self.supports, self._popularity(rows), cap=len(self.people) - 1)
        index_of = {pk: index for index, (pk, _unit) in enumerate(self.people)}

        def supports() -> Iterator[Support]:
            for row, count in zip(rows, counts, strict=True):
                if not count:
                    continue
                # One more than needed, to leave out the proposer (or the last one drawn).
                chosen = rng.sample(range(len(self.people)), count + 1)
                proposer = index_of.get(row.proposer_id)
                if proposer in chosen:
                    chosen.remove(proposer)
                else:
                    chosen.pop()
                end = row.decided_at or self.now
                for person in chosen:
                    yield Support(
                        idea_id=row.pk,
                        person_id=self.people[person][0],
                        created_at=_between(rng, row.submitted_at, end),
                    )

        with transaction.atomic():
            self._bulk(Support, supports(), total=self.supports, desc="Supports")
        self.added["supports"] = self.supports
        self._say(f"Supports: created {self.supports} in {self._timed(started)}.")

    def _comments(self, rows: list[IdeaRow]) -> None:
        if not self.comments:
            return
        if Comment.objects.filter(idea__proposer__external_id__startswith=PREFIX).exists():
            self._say("Comments: already there; none added.")
            return
        if not rows:
            raise ValueError("There are no submitted ideas to comment on.")
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:comments")
        # Popular ideas are debated too, some more than others.
        weights = [weight * rng.uniform(0.3, 1.7) for weight in self._popularity(rows)]
        counts = _apportion(self.comments, weights)
        # The first comment on an idea starts a thread; of the rest, some are replies.
        replies = [
            sum(rng.random() < REPLY_SHARE for _n in range(count - 1)) if count else 0
            for count in counts
        ]
        secretariat = list(
            SecretariatAssignment.objects.order_by("person_id")
            .values_list("person_id", flat=True)
            .distinct()
        )
        followers: set[tuple[int, int]] = set()

        def author_pk() -> int:
            return self.people[rng.randrange(len(self.people))][0]

        def threads() -> Iterator[Comment]:
            for row, count, reply_count in zip(rows, counts, replies, strict=True):
                end = min(self.now, (row.decided_at or self.now) + datetime.timedelta(days=14))
                for _n in range(count - reply_count):
                    # Now and then the secretariat asks the proposer a question.
                    if secretariat and rng.random() < QUESTION_SHARE:
                        kind, author = Comment.Kind.QUESTION, rng.choice(secretariat)
                        body = rng.choice(QUESTION_SENTENCES)
                    else:
                        kind, author = Comment.Kind.COMMENT, author_pk()
                        body = _sentences(rng, COMMENT_SENTENCES, _words(rng), rng.randint(1, 2))
                    followers.add((row.pk, author))
                    yield Comment(
                        idea_id=row.pk,
                        author_id=author,
                        kind=kind,
                        body=body,
                        created_at=_between(rng, row.submitted_at, end),
                    )

        with transaction.atomic():
            self._bulk(Comment, threads(), total=sum(counts) - sum(replies), desc="Comments")
            # The threads just written, by idea, to hang the replies on.
            starts: dict[int, list[tuple[int, datetime.datetime]]] = {}
            for idea_pk, pk, created_at in (
                Comment.objects.filter(idea__proposer__external_id__startswith=PREFIX)
                .order_by("idea_id", "pk")
                .values_list("idea_id", "pk", "created_at")
            ):
                starts.setdefault(idea_pk, []).append((pk, created_at))

            def answers() -> Iterator[Comment]:
                for row, reply_count in zip(rows, replies, strict=True):
                    for _n in range(reply_count):
                        parent, parent_at = rng.choice(starts[row.pk])
                        author = row.proposer_id if rng.random() < 0.4 else author_pk()
                        followers.add((row.pk, author))
                        yield Comment(
                            idea_id=row.pk,
                            author_id=author,
                            parent_id=parent,
                            body=_sentences(rng, REPLY_SENTENCES, _words(rng), 1),
                            created_at=_between(
                                rng,
                                parent_at,
                                min(self.now, parent_at + datetime.timedelta(days=4)),
                            ),
                        )

            self._bulk(Comment, answers(), total=sum(replies), desc="Replies")
            # Writing a comment makes its author follow the idea.
            follows = [Follow(idea_id=idea, person_id=person) for idea, person in sorted(followers)]
            self._bulk(Follow, follows, total=len(follows), desc="Follows", ignore_conflicts=True)
        self.added["comments"] = self.comments
        self._say(
            f"Comments: created {self.comments} ({sum(replies)} of them replies) "
            f"in {self._timed(started)}."
        )

    def _agenda(self, rows: list[IdeaRow], rounds: list[Round], forum: Forum) -> None:
        """The meetings' agendas: the ideas on the agenda, and those decided at them, scored."""
        meetings = {selection.pk: selection.decision_meeting_id for selection in rounds}
        if AgendaItem.objects.filter(meeting_id__in=meetings.values()).exists():
            self._say("Agendas: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:agenda")
        listed = [
            row
            for row in rows
            if row.state in (State.ON_AGENDA, *DECIDED) and meetings.get(row.round_id or 0)
        ]
        positions: dict[int, int] = {}
        items = []
        for row in listed:
            meeting = meetings[row.round_id or 0]
            assert meeting is not None
            positions[meeting] = positions.get(meeting, 0) + 1
            items.append(
                AgendaItem(meeting_id=meeting, idea_id=row.pk, position=positions[meeting])
            )
        criteria: dict[int, list[int]] = {}
        for round_id, criterion in Criterion.objects.filter(round__in=rounds).values_list(
            "round_id", "pk"
        ):
            criteria.setdefault(round_id, []).append(criterion)
        members = list(
            ForumMembership.objects.filter(forum=forum)
            .order_by("person__external_id", "person_id")
            .values_list("person_id", flat=True)
        )
        scores: list[Score] = []
        for row in listed:
            # Half the ideas still on the agenda are scored so far; the decided ones all were.
            if row.state == State.ON_AGENDA and rng.random() < 0.5:
                continue
            low, high = STATE_QUALITY[row.state]
            quality = rng.uniform(low, high)
            scorers = rng.randint(1, 4) if row.state == State.ON_AGENDA else rng.randint(2, 6)
            for member in rng.sample(members, min(scorers, len(members))):
                for criterion in criteria.get(row.round_id or 0, []):
                    value = min(5, max(1, round(rng.gauss(quality, 0.7))))
                    scores.append(
                        Score(idea_id=row.pk, criterion_id=criterion, member_id=member, value=value)
                    )
        with transaction.atomic():
            self._bulk(AgendaItem, items, total=len(items), desc="Agenda items")
            self._bulk(Score, scores, total=len(scores), desc="Scores")
        self.added["agenda_items"] = len(items)
        self.added["scores"] = len(scores)
        self._say(
            f"Agendas: {len(items)} ideas on {len(positions)} meetings' agendas, "
            f"{len(scores)} scores, in {self._timed(started)}."
        )

    def _counts(self) -> None:
        """Each generated idea's support_count and comment_count, counted in one UPDATE."""
        started = time.perf_counter()
        supports = (
            Support.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        comments = (
            Comment.objects.filter(idea=OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=Count("pk"))
            .values("n")
        )
        with transaction.atomic():
            updated = self.generated.update(
                support_count=Coalesce(Subquery(supports), 0),
                comment_count=Coalesce(Subquery(comments), 0),
            )
        self._say(
            f"Counted the supports and comments of {updated} ideas in {self._timed(started)}."
        )

    def _index(self) -> None:
        """The Danish full-text vectors on PostgreSQL (search_text was written with the ideas)."""
        if connection.vendor != "postgresql":
            return
        pks = list(
            self.generated.filter(search_vector=None).order_by("pk").values_list("pk", flat=True)
        )
        if not pks:
            return
        started = time.perf_counter()
        for start in tqdm(
            range(0, len(pks), BATCH),
            unit="batches",
            desc="Search",
            file=self.command._progress_stream(),
        ):
            with transaction.atomic():
                Idea.objects.filter(pk__in=pks[start : start + BATCH]).update(
                    search_vector=search_vector()
                )
        self._say(f"Search: indexed {len(pks)} ideas in {self._timed(started)}.")


class Command(BaseCommand):
    help = (
        "Create (or bring up to date) a large fictional organisation under the demo root, "
        "through the organisation import, for performance measurements, and ideas with their "
        "rounds, supports, comments, agendas and scores. The same seed gives the same data; "
        "running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=45_000, help="People in all")
        parser.add_argument("--units", type=int, default=3_000, help="Units in all")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random names")
        parser.add_argument(
            "--ideas", type=int, default=20_000, help="Ideas in all (0: no ideas at all)"
        )
        parser.add_argument("--supports", type=int, default=200_000, help="Supports in all")
        parser.add_argument("--comments", type=int, default=100_000, help="Comments in all")

    def _check_idea_sizes(self, options: dict[str, Any]) -> None:
        for name in ("ideas", "supports", "comments"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        submitted = sum(state != State.DRAFT for state in planned_states(options["ideas"]))
        if options["supports"] > submitted * (options["people"] - 1):
            raise CommandError(
                f"{options['supports']} supports are too many: {submitted} submitted ideas can "
                f"have at most {options['people'] - 1} each."
            )
        if options["comments"] and not submitted:
            raise CommandError("Comments need at least one submitted idea.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["ideas"]:
            self._check_idea_sizes(options)
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
        if options["ideas"]:
            generator = IdeaGenerator(
                self,
                data,
                ideas=options["ideas"],
                supports=options["supports"],
                comments=options["comments"],
                seed=options["seed"],
            )
            try:
                generator.run()
            except ValueError as error:
                raise CommandError(str(error)) from error
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
