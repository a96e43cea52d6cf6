"""A large, fictional organisation for measuring how the pages hold up at a big municipality's size.

The rows are built from small word lists with `random.Random(seed)`, so the same arguments give
the same organisation; they are written through the organisation import, so every unit and
person has its audit entry, and a second run with the same arguments changes nothing.

With Chefforum there (the demo), it then adds ideas at scale: a few selection rounds with their
criteria and forum meetings (through the services), and ideas proposed by the generated people,
with supports, comments, agenda items and forum members' scores. Those are far too many for the
services, so they are written with `bulk_create`, one phase at a time, and summed up in a single
audit entry. Each phase is skipped when its rows are already there, so a second run adds nothing.

Then come the networks, the same way: the selected ideas' networks and new ones up to
`--networks`, spread over the types and phases, with participants (a leader, a sponsor, hours
approved by their managers), milestones, a contract with its versions, and meetings, each
network's start-up workshop first; the texts and dates each phase gate asks for are there.
The generated networks are those proposed by generated people (external id "scale-…").

Last, the tie surveys of those networks (`netvaerk.evaluation.surveys.scale`): groups drawn from
the participants, closed baseline and follow-up waves, and about `--survey-answers` answers.
"""

from __future__ import annotations

import datetime
import random
import time
import unicodedata
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
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
from netvaerk.networks.contracts.models import (
    TEXT_FIELDS,
    Contract,
    ContractTemplate,
    ContractVersion,
)
from netvaerk.networks.contracts.snapshots import ROLE_ORDER
from netvaerk.networks.meetings.models import AgendaItem as MeetingItem
from netvaerk.networks.meetings.models import Meeting, WorkshopDesign
from netvaerk.networks.meetings.services import parse_agenda
from netvaerk.networks.models import (
    Committee,
    Milestone,
    Network,
    NetworkType,
    Participation,
    Phase,
)
from netvaerk.networks.phases import ORDER as PHASE_ORDER
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


def _spread(total: int, weights: Sequence[float], cap: int | Sequence[int]) -> list[int]:
    """Like `_apportion`, but no count above `cap` (one for all, or one each): what a full one
    cannot take goes to the rest."""
    caps = [cap] * len(weights) if isinstance(cap, int) else list(cap)
    if total > sum(caps):
        each = f" ({cap} each)" if isinstance(cap, int) else ""
        raise ValueError(f"{total} are more than {len(weights)} can take{each}.")
    counts = [0] * len(weights)
    room = [i for i in range(len(weights)) if caps[i] > 0]
    while (remaining := total - sum(counts)) > 0:
        shares = _apportion(remaining, [weights[i] for i in room])
        for i, share in zip(room, shares, strict=True):
            counts[i] += min(share, caps[i] - counts[i])
        room = [i for i in room if counts[i] < caps[i]]
    return counts


def planned_states(ideas: int) -> list[str]:
    """The state of each of `ideas` generated ideas, in the shares of STATE_SHARES (unshuffled)."""
    counts = _apportion(ideas, list(STATE_SHARES.values()))
    return [state for state, count in zip(STATE_SHARES, counts, strict=True) for _n in range(count)]


def _between(
    rng: random.Random, start: datetime.datetime, end: datetime.datetime
) -> datetime.datetime:
    """A moment from `start` to `end`, to the second.

    It draws one number whatever the span: the spans that end now differ from run to run, and
    `randint` would draw more or fewer numbers for them, changing everything drawn after.
    """
    seconds = int((end - start).total_seconds() * rng.random())
    return start + datetime.timedelta(seconds=max(0, seconds))


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


class Phases:
    """What the generators share: a command to report to, and batched writes with progress."""

    command: Command

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


class IdeaGenerator(Phases):
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
                step = next(n for n, (days, _phase) in enumerate(NETWORK_PHASES) if age < days)
                networks[index] = Network(
                    title=title,
                    kind=idea.kind if idea.kind in NetworkType.values else NetworkType.WELFARE,
                    phase=NETWORK_PHASES[step][1],
                    purpose=benefit,
                    problem=problem,
                    proposer_id=person_pk,
                    created_at=idea.decided_at,
                    phase_changed_at=idea.decided_at
                    + datetime.timedelta(days=([0] + [days for days, _p in NETWORK_PHASES])[step]),
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


# --- networks --------------------------------------------------------------------------------

Role = Participation.Role

NETWORK_ACTION = "networks.scale.generate"
OPEN_PHASES = PHASE_ORDER[:-1]
# How the new networks spread over the phases and types, in per cent.
NETWORK_PHASE_SHARES: dict[str, int] = {
    Phase.INTRO: 8,
    Phase.STARTUP: 10,
    Phase.DESIGN: 30,
    Phase.TESTING: 30,
    Phase.ANCHORING: 10,
    Phase.CLOSED: 12,
}
NETWORK_KIND_SHARES: dict[str, int] = {
    NetworkType.WELFARE: 50,
    NetworkType.INNOVATION: 20,
    NetworkType.LEARNING: 30,
}
# The phase a closed network was closed from (closing straight from introduktion is rare).
CLOSED_FROM = {Phase.DESIGN: 15, Phase.TESTING: 35, Phase.ANCHORING: 50}
# How long a network stays in a phase, in days (closed: how long ago it was closed).
PHASE_DAYS: dict[str, tuple[int, int]] = {
    Phase.INTRO: (30, 75),
    Phase.STARTUP: (30, 60),
    Phase.DESIGN: (60, 150),
    Phase.TESTING: (90, 200),
    Phase.ANCHORING: (60, 180),
    Phase.CLOSED: (14, 600),
}
# The phase a selected idea's network has reached starts this many days after the decision.
IDEA_PHASE_STARTS = dict(
    zip(
        [phase for _days, phase in NETWORK_PHASES],
        [0, *(days for days, _phase in NETWORK_PHASES[:-1])],
        strict=True,
    )
)
PRIVATE_SHARE = 0.08
COMMITTEE_SHARE = 0.4  # of the innovation networks, when there is a committee
MIN_PEOPLE, MAX_PEOPLE = 5, 30
INNOVATOR_EVERY = 150  # one generated employee in this many is an innovator
APPROVED_SHARE = 0.85
LEFT_SHARE = 0.04
PHASE_PARTICIPANT_SHARE = 0.1
NO_CONTRACT_SHARE = 0.5  # of the networks in introduktion
MEETING_GAP = (16, 26)  # days between meetings, before the weekend moves them a little
PLANNED_AHEAD = datetime.timedelta(days=35)
MEETING_HOURS = (9, 10, 13)
DAY = datetime.timedelta(days=1)
CONTRACT_LENGTH: dict[
    str, tuple[int, int]
] = {  # days from the start-up to the contract's end (innovation: open-ended)
    NetworkType.WELFARE: (240, 330),
    NetworkType.LEARNING: (120, 150),
}
PHASE_NAMES_DA = {
    Phase.INTRO: "introduktion",
    Phase.STARTUP: "opstart",
    Phase.DESIGN: "design",
    Phase.TESTING: "afprøvning",
    Phase.ANCHORING: "forankring",
}

LEARNING_TOPICS = [
    "procesledelse",
    "projektledelse",
    "facilitering",
    "relationel koordinering",
    "borgerinddragelse",
    "effektmåling",
    "forandringsledelse",
    "digital dokumentation",
    "rehabilitering i praksis",
    "tværfagligt samarbejde",
    "kvalitet i sagsbehandlingen",
    "innovation i driften",
]
VISIONS = [
    "En kommune, hvor {group} oplever én sammenhængende indsats.",
    "Flere {group} skal klare sig selv og tage aktivt del i lokalsamfundet.",
    "Kommunen løser opgaverne sammen med borgerne, ikke for dem.",
    "{Group} skal have de bedste muligheder for uddannelse og arbejde.",
    "En grøn og tryg by, hvor {dep_a} og civilsamfundet arbejder sammen.",
]
SERVICES = [
    "{Dep_a} og {dep_b} for {group}",
    "Forløb for {group} {context}",
    "Rådgivning og støtte til {group}",
    "{Dep_a}s tilbud til {group}",
]
TEST_PLANS = [
    "Vi afprøver løsningen i {dep_a} i tre måneder med en referencegruppe af {group}.",
    "Prototypen testes {context}; vi måler ventetid og relationel koordinering før og efter.",
    "To teams i {dep_a} og {dep_b} afprøver arbejdsgangen; de øvrige er kontrolgruppe.",
]
EVALUATIONS = [
    "Ventetiden faldt, og {group} oplever færre overleveringer. Anbefales udbredt.",
    "Medarbejderne i {dep_a} og {dep_b} koordinerer bedre; målingen viser en klar forbedring.",
    "Afprøvningen viste en tydelig effekt for {group}; indsatsen forankres i {dep_a}.",
]
CLOSINGS = [
    "Netværket er lukket; erfaringerne er samlet i en rapport til Chefforum.",
    "Lukket efter afprøvningen: løsningen drives nu af {dep_a}.",
    "Netværket har nået sine mål og er lukket; arbejdet fortsætter i linjen.",
]
CONTRACT_TEXTS: dict[str, list[str]] = {
    "strategy_link": [
        "Understøtter kommunens strategi for {group}.",
        "Bidrager til byrådets mål om sammenhængende forløb og mindre spild.",
    ],
    "success_criteria": [
        "Ventetiden for {group} halveres inden for et år.",
        "80 % af {group} oplever én indgang til kommunen.",
        "Tiden brugt på {waste} falder med en tredjedel.",
    ],
    "scope": [
        "Omfatter {dep_a} og {dep_b}; myndighedsopgaverne er uden for netværket.",
        "Netværket arbejder med forløbene {context}, ikke med den enkelte sag.",
    ],
    "budget": [
        "Deltagernes timer og 50.000 kr. til workshops og afprøvning.",
        "Deltagernes timer; ingen særskilte midler.",
        "100.000 kr. fra innovationspuljen til prototyper og evaluering.",
    ],
    "meeting_rhythm": [
        "Netværksmøde hver tredje uge og en workshop i hver fase.",
        "Møde hver anden uge i design og afprøvning, ellers hver fjerde uge.",
    ],
    "evaluation_summary": [
        "Relationel koordinering måles før og efter; data fra {dep_a} følges månedligt.",
        "Interview med {group} og en spørgeskemaundersøgelse blandt medarbejderne.",
    ],
    "knowledge_sharing": [
        "Netværket fortæller om sit arbejde på et Chefforum-møde i hver fase.",
        "Erfaringerne deles i håndbogen og på et temamøde for alle centre.",
    ],
}
MILESTONES_DA = [
    "Kontrakten godkendt",
    "Opstartsworkshop holdt",
    "Kortlægning af forløbet færdig",
    "Interview med {group} gennemført",
    "Prototype klar",
    "Testplan godkendt",
    "Afprøvning {context} startet",
    "Midtvejsmåling",
    "Evaluering fremlagt for Chefforum",
    "Forankringsplan aftalt med {dep_a}",
]
CONTRIBUTIONS = [
    "Viden fra {dep_a} om {group}.",
    "Erfaringer fra hverdagen i {dep_a}.",
    "Kontakten til {dep_b}.",
    "Data om {waste} i {dep_a}.",
    "Faglig sparring om {group}.",
]
ROLE_TEXTS: dict[str, str] = {
    Role.LEADER: "Leder netværket.",
    Role.SPONSOR: "Referenceleder i Chefforum.",
    Role.FACILITATOR: "Innovatør; faciliterer workshops.",
    Role.CO_DRIVER: "Medkører.",
}
APPLICATION_PLANS = [
    "Bruger værktøjerne på afdelingsmøderne i {dep_a}.",
    "Tager metoden med i de tværfaglige forløb med {dep_b}.",
    "Afprøver det i et projekt i {dep_a} og fortæller kollegerne om det.",
    "Bruger det, når vi planlægger indsatsen for {group}.",
]
KICKOFF_AGENDA = [
    (20, "Velkomst: hvorfor er vi her?"),
    (40, "Problemet set fra {group}"),
    (45, "Fælles billede af forløbet"),
    (45, "Roller, timer og mødeplan"),
    (20, "Næste skridt"),
]
AGENDA_TITLES: dict[str, list[str]] = {
    Phase.STARTUP: ["Kontrakten", "Kortlægning af forløbet", "Interview med {group}"],
    Phase.DESIGN: [
        "Idéudvikling",
        "Prototype: {context}",
        "Input fra {dep_a}",
        "Inddragelse af {group}",
        "Testplan",
    ],
    Phase.TESTING: [
        "Status på afprøvningen",
        "Data fra {dep_a}",
        "Justering af prototypen",
        "Midtvejsmåling",
    ],
    Phase.ANCHORING: [
        "Evalueringen",
        "Forankring i {dep_a}",
        "Overdragelse til driften",
        "Erfaringer til håndbogen",
    ],
}
KICKOFF_TITLES = ("Opstartsworkshop", "Opstart af læringsnetværket")
AGENDA_OPENING = "Velkomst og siden sidst"
AGENDA_CLOSING = "Eventuelt"
MINUTES_SENTENCES = [
    "Netværket drøftede {group}s forløb og blev enige om de næste skridt.",
    "{Dep_a} fortalte om erfaringerne siden sidst.",
    "Det blev aftalt at inddrage {dep_b} før næste møde.",
    "Tiden brugt på {waste} blev kortlagt; tallene sendes rundt.",
    "Netværkslederen følger op med referencelederen.",
    "Næste møde forberedes af medkørerne.",
]
NOTE_SENTENCES = [
    "Besluttet.",
    "Udsat til næste møde.",
    "{Dep_a} sender materiale.",
    "Drøftet; ingen beslutning.",
]
MEETING_PLACES = [
    "Rådhuset, mødelokale 1",
    "Rådhuset, mødelokale 2",
    "Medborgerhuset, sal 3",
    "Biblioteket, værkstedet",
    "Sundhedshuset, mødelokale B",
    "Online (Teams)",
]


def _days(rng: random.Random, span: tuple[int, int]) -> datetime.timedelta:
    return datetime.timedelta(days=rng.uniform(*span))


def _hours(rng: random.Random, low: float, high: float) -> Decimal:
    """Hours per week in half hours, as the participation form stores them."""
    return (Decimal(rng.randint(int(low * 2), int(high * 2))) / 2).quantize(Decimal("0.1"))


def _on_weekday(moment: datetime.datetime, hour: int) -> datetime.datetime:
    """`moment`'s day (or the Monday after, on a weekend) at `hour` o'clock, local time."""
    day = timezone.localtime(moment).date()
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass(frozen=True)
class NetworkRow:
    """What the later phases need of a generated network, as it is in the database.

    The phases it has been through follow from its phase (and, for a closed one, from the gate
    texts it has), their start from `created_at` and `phase_changed_at`: everything is read
    back, so a phase that runs in a later run finds the same history.
    """

    pk: int
    kind: str
    phase: str
    created_at: datetime.datetime
    phase_changed_at: datetime.datetime
    proposer_id: int | None
    path: tuple[str, ...]  # the phases it has been in, the current one last

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> NetworkRow:
        phase = values["phase"]
        if phase == Phase.CLOSED:
            if values["evaluation_result"]:
                last = Phase.ANCHORING
            elif values["test_plan"]:
                last = Phase.TESTING
            else:
                last = Phase.DESIGN
            path: tuple[str, ...] = (*PHASE_ORDER[: PHASE_ORDER.index(last) + 1], Phase.CLOSED)
        else:
            path = tuple(PHASE_ORDER[: PHASE_ORDER.index(phase) + 1])
        return cls(
            values["pk"],
            values["kind"],
            phase,
            values["created_at"],
            max(values["phase_changed_at"], values["created_at"]),
            values["proposer_id"],
            tuple(path),
        )

    def start(self, phase: str) -> datetime.datetime | None:
        """When the network entered `phase` (None if it has not)."""
        if phase not in self.path:
            return None
        if phase == self.path[-1]:
            return self.phase_changed_at
        # The earlier phases share the time before the current one in their usual proportions.
        lengths = [sum(PHASE_DAYS[p]) for p in self.path[:-1]]
        before = sum(lengths[: self.path.index(phase)])
        return self.created_at + (self.phase_changed_at - self.created_at) * before / sum(lengths)

    @property
    def end(self) -> datetime.datetime | None:
        """When a closed network was closed."""
        return self.phase_changed_at if self.phase == Phase.CLOSED else None

    @property
    def past_intro(self) -> bool:
        return len(self.path) > 1


@dataclass
class Seat:
    """A participation about to be written, kept for the contract's snapshot."""

    person: int
    role: str
    hours: Decimal
    contribution: str
    left: bool


class NetworkGenerator(Phases):
    """Networks with participants, milestones, contracts with their versions, and meetings.

    The networks of the ideas the forum selected count among them and get the rest too. Like
    the ideas, every phase is skipped when its rows are there, draws from a random generator of
    its own, and writes with `bulk_create` in one transaction; one audit entry sums them up.
    """

    def __init__(
        self,
        command: Command,
        data: ScaleData,
        *,
        networks: int,
        participations: int,
        meetings: int,
        seed: int,
    ) -> None:
        self.command = command
        self.networks, self.participations, self.meetings = networks, participations, meetings
        self.seed = seed
        self.now = timezone.now()
        self.added: dict[str, int] = {}
        person_pks = dict(
            Person.objects.filter(external_id__startswith=PREFIX).values_list("external_id", "pk")
        )
        unit_pks = dict(
            Unit.objects.filter(external_id__startswith=PREFIX).values_list("external_id", "pk")
        )
        levels = {row.external_id: row.level for row in data.units}
        parents = {row.external_id: row.parent for row in data.units}
        manager_of = {
            row.unit: person_pks[row.external_id] for row in data.people if row.is_manager
        }
        self.people: list[int] = []  # in the order of the generated rows
        self.unit_of: dict[int, int | None] = {}
        self.name_of: dict[int, tuple[str, str]] = {}  # name and e-mail, for the snapshots
        self.boss_of: dict[int, int] = {}  # the manager who approves a person's hours
        self.sponsors: list[int] = []  # managers of centres and areas
        self.staff: list[int] = []  # everyone else
        for row in data.people:
            pk = person_pks[row.external_id]
            self.people.append(pk)
            self.unit_of[pk] = unit_pks.get(row.unit)
            self.name_of[pk] = (row.name, row.email)
            boss_unit = parents.get(row.unit, "") if row.is_manager else row.unit
            self.boss_of[pk] = manager_of.get(boss_unit, pk)
            if row.is_manager and levels.get(row.unit) != Unit.Level.TEAM:
                self.sponsors.append(pk)
            else:
                self.staff.append(pk)
        self.generated = Network.objects.filter(proposer__external_id__startswith=PREFIX)

    def run(self) -> None:
        if not self.people or not self.sponsors:
            self._say("No generated people to take part: no networks generated.")
            return
        self._networks()
        rows = self._rows()
        if not rows:
            return
        seats = self._participations(rows)
        self._milestones(rows)
        self._contracts(rows, seats)
        self._meetings(rows)
        first = self.generated.order_by("pk").first()
        if self.added and first is not None:
            audit_record(
                actor=None,
                action=NETWORK_ACTION,
                target=first,
                after={**self.added, "seed": self.seed},
            )

    def _rows(self) -> list[NetworkRow]:
        return [
            NetworkRow.of(values)
            for values in self.generated.order_by("pk").values(
                "pk",
                "kind",
                "phase",
                "created_at",
                "phase_changed_at",
                "proposer_id",
                "test_plan",
                "evaluation_result",
            )
        ]

    def _texts(self, rng: random.Random, kind: str, path: Sequence[str]) -> dict[str, str]:
        """A network's type texts and the texts its gates asked for on the way."""
        words = _words(rng)
        texts = {
            "citizen_service": (
                rng.choice(SERVICES).format(**words) if kind == NetworkType.WELFARE else ""
            ),
            "political_vision": (
                rng.choice(VISIONS).format(**words) if kind == NetworkType.INNOVATION else ""
            ),
            "test_plan": rng.choice(TEST_PLANS).format(**words) if Phase.TESTING in path else "",
            "evaluation_result": (
                rng.choice(EVALUATIONS).format(**words) if Phase.ANCHORING in path else ""
            ),
            "closing_summary": (
                rng.choice(CLOSINGS).format(**words) if Phase.CLOSED in path else ""
            ),
        }
        return texts

    # --- phases

    def _networks(self) -> None:
        """New networks up to `networks`, besides those of the selected ideas."""
        if self.generated.filter(idea=None).exists():
            self._say("Networks: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:networks")
        # The selected ideas' networks get the texts their type and gates ask for.
        from_ideas = list(self.generated.order_by("pk"))
        for network in from_ideas:
            reached = PHASE_ORDER[: PHASE_ORDER.index(network.phase) + 1]
            for name, text in self._texts(rng, network.kind, reached).items():
                if text and not getattr(network, name):
                    setattr(network, name, text)
        count = max(0, self.networks - len(from_ideas))
        phases = [
            phase
            for phase, share in zip(
                NETWORK_PHASE_SHARES,
                _apportion(count, list(NETWORK_PHASE_SHARES.values())),
                strict=True,
            )
            for _n in range(share)
        ]
        rng.shuffle(phases)
        committees = list(Committee.objects.order_by("pk").values_list("pk", flat=True))
        networks = []
        for phase in phases:
            kind = rng.choices(list(NETWORK_KIND_SHARES), list(NETWORK_KIND_SHARES.values()))[0]
            if phase == Phase.CLOSED:
                last = rng.choices(list(CLOSED_FROM), list(CLOSED_FROM.values()))[0]
                path = [*PHASE_ORDER[: PHASE_ORDER.index(last) + 1], Phase.CLOSED]
            else:
                path = list(PHASE_ORDER[: PHASE_ORDER.index(phase) + 1])
            # The current phase has lasted part of its usual length; the earlier ones all of it.
            changed = self.now - _days(rng, PHASE_DAYS[phase]) * rng.uniform(0.05, 1)
            created = changed - sum(
                (_days(rng, PHASE_DAYS[p]) for p in path[:-1]), datetime.timedelta()
            )
            title, problem, benefit = idea_text(rng)
            if kind == NetworkType.LEARNING:
                title = f"Læringsnetværk om {rng.choice(LEARNING_TOPICS)}"
                if rng.random() < 0.5:
                    title += f" {rng.choice(CONTEXTS)}"
            networks.append(
                Network(
                    title=title,
                    kind=kind,
                    phase=phase,
                    purpose=benefit,
                    problem=problem,
                    is_private=rng.random() < PRIVATE_SHARE,
                    proposer_id=rng.choice(self.people),
                    committee_id=(
                        rng.choice(committees)
                        if committees
                        and kind == NetworkType.INNOVATION
                        and rng.random() < COMMITTEE_SHARE
                        else None
                    ),
                    created_at=created,
                    phase_changed_at=changed,
                    **self._texts(rng, kind, path),
                )
            )
        with transaction.atomic():
            Network.objects.bulk_update(
                from_ideas,
                ["citizen_service", "political_vision", "test_plan"],
                batch_size=BATCH,
            )
            self._bulk(Network, networks, total=len(networks), desc="Networks")
        self.added["networks"] = len(networks)
        self._say(
            f"Networks: created {len(networks)} besides the {len(from_ideas)} of the selected "
            f"ideas in {self._timed(started)}."
        )

    def _participations(self, rows: list[NetworkRow]) -> dict[int, list[Seat]]:
        """5–30 people in each network: a leader, a sponsor, some co-drivers and facilitators."""
        if not self.participations:
            return {}
        if Participation.objects.filter(network__in=self.generated).exists():
            self._say("Participations: already there; none added.")
            return {}
        cap = min(MAX_PEOPLE, len(self.people))
        if not len(rows) * MIN_PEOPLE <= self.participations <= len(rows) * cap:
            raise ValueError(
                f"{self.participations} participations do not fit {len(rows)} networks "
                f"of {MIN_PEOPLE} to {cap} people."
            )
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:participations")
        innovators = sorted(
            rng.sample(
                self.staff, min(len(self.staff), max(5, len(self.people) // INNOVATOR_EVERY))
            )
        )
        weights = [rng.uniform(0.3, 2.0) for _row in rows]
        sizes = [
            MIN_PEOPLE + extra
            for extra in _spread(
                self.participations - MIN_PEOPLE * len(rows), weights, cap=cap - MIN_PEOPLE
            )
        ]
        seats: dict[int, list[Seat]] = {}
        participations: list[Participation] = []
        for row, size in zip(rows, sizes, strict=True):
            learning = row.kind == NetworkType.LEARNING
            cast_list: list[tuple[int, str]] = [
                (rng.choice(self.staff), Role.LEADER),
                (rng.choice(self.sponsors), Role.SPONSOR),
            ]
            if rng.random() < 0.5:
                cast_list.append((rng.choice(innovators), Role.FACILITATOR))
            for _n in range(rng.choice((0, 1, 1, 2))):
                pool = innovators if rng.random() < 0.3 else self.staff
                cast_list.append((rng.choice(pool), Role.CO_DRIVER))
            if row.proposer_id:
                cast_list.append((row.proposer_id, Role.PARTICIPANT))
            chosen: dict[int, str] = {}
            for person, role in cast_list:
                if len(chosen) < size:
                    chosen.setdefault(person, role)
            while len(chosen) < size:
                chosen.setdefault(rng.choice(self.people), Role.PARTICIPANT)
            started_on = timezone.localtime(row.created_at).date()
            today = timezone.localdate(self.now)
            network_seats = []
            for person, role in chosen.items():
                words = _words(rng)
                if role == Role.LEADER:
                    hours = _hours(rng, 3, 6)
                elif role == Role.SPONSOR:
                    hours = Decimal("1.0")
                elif role == Role.CO_DRIVER:
                    hours = _hours(rng, 2, 4)
                else:
                    hours = _hours(rng, 1, 3)
                plan = ""
                contribution = ROLE_TEXTS.get(role, "")
                if role == Role.PARTICIPANT:
                    if learning:
                        plan = rng.choice(APPLICATION_PLANS).format(**words)
                    else:
                        contribution = rng.choice(CONTRIBUTIONS).format(**words)
                phase_only = role == Role.PARTICIPANT and rng.random() < PHASE_PARTICIPANT_SHARE
                joined = min(today, started_on + datetime.timedelta(days=rng.randint(0, 21)))
                left = (
                    min(today, joined + datetime.timedelta(days=rng.randint(14, 120)))
                    if role == Role.PARTICIPANT and rng.random() < LEFT_SHARE
                    else None
                )
                approved = rng.random() < APPROVED_SHARE
                approved_at = _between(
                    rng,
                    timezone.make_aware(datetime.datetime.combine(joined, datetime.time(8))),
                    timezone.make_aware(
                        datetime.datetime.combine(
                            joined + datetime.timedelta(days=10), datetime.time(16)
                        )
                    ),
                )
                participations.append(
                    Participation(
                        network_id=row.pk,
                        person_id=person,
                        role=role,
                        kind=Participation.Kind.PHASE if phase_only else Participation.Kind.CORE,
                        phases=(
                            ", ".join(PHASE_NAMES_DA[p] for p in (Phase.DESIGN, Phase.TESTING))
                            if phase_only
                            else ""
                        ),
                        hours_per_week=hours,
                        expected_contribution=contribution,
                        application_plan=plan,
                        approved_hours=hours if approved else None,
                        approved_by_id=self.boss_of.get(person) if approved else None,
                        approved_at=min(approved_at, self.now) if approved else None,
                        joined_on=joined,
                        left_on=left,
                    )
                )
                network_seats.append(
                    Seat(person, role, hours, contribution or plan, left is not None)
                )
            seats[row.pk] = network_seats
        # A network works for the units its participants come from.
        has_units = set(
            Network.units.through._default_manager.filter(network__in=self.generated).values_list(
                "network_id", flat=True
            )
        )
        network_units = [
            Network.units.through(network_id=pk, unit_id=unit)
            for pk, network_seats in seats.items()
            if pk not in has_units
            for unit in dict.fromkeys(
                self.unit_of[seat.person] for seat in network_seats if not seat.left
            )
            if unit
        ]
        with transaction.atomic():
            Person.objects.filter(pk__in=innovators).update(is_innovator=True)
            self._bulk(
                Participation, participations, total=len(participations), desc="Participations"
            )
            self._bulk(Network.units.through, network_units, total=len(network_units), desc="Units")
        self.added["participations"] = len(participations)
        self.added["innovators"] = len(innovators)
        self._say(
            f"Participations: created {len(participations)} in {len(rows)} networks, "
            f"{len(innovators)} innovators among them, in {self._timed(started)}."
        )
        return seats

    def _milestones(self, rows: list[NetworkRow]) -> None:
        if Milestone.objects.filter(network__in=self.generated).exists():
            self._say("Milestones: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:milestones")
        milestones = []
        periods = self._periods(rows)
        for row in rows:
            first, last = periods[row.pk]
            end = last or first + datetime.timedelta(days=365)
            words = _words(rng)
            titles = sorted(rng.sample(range(len(MILESTONES_DA)), rng.randint(2, 5)))
            dues = sorted(
                first + datetime.timedelta(days=rng.randint(0, max(1, (end - first).days)))
                for _title in titles
            )
            until = timezone.localdate(row.end or self.now)
            for index, due in zip(titles, dues, strict=True):
                milestones.append(
                    Milestone(
                        network_id=row.pk,
                        title=MILESTONES_DA[index].format(**words),
                        due_on=due,
                        done=rng.random() < 0.9 and due <= until,
                    )
                )
        with transaction.atomic():
            self._bulk(Milestone, milestones, total=len(milestones), desc="Milestones")
        self.added["milestones"] = len(milestones)
        self._say(f"Milestones: created {len(milestones)} in {self._timed(started)}.")

    def _periods(
        self, rows: list[NetworkRow]
    ) -> dict[int, tuple[datetime.date, datetime.date | None]]:
        """Each contract's start (the start-up) and end (none for innovation networks)."""
        rng = random.Random(f"{self.seed}:periods")
        periods = {}
        for row in rows:
            start = row.start(Phase.STARTUP) or row.created_at + datetime.timedelta(days=45)
            first = timezone.localtime(start).date()
            length = CONTRACT_LENGTH.get(row.kind)
            last = first + datetime.timedelta(days=rng.randint(*length)) if length else None
            periods[row.pk] = (first, last)
        return periods

    def _contracts(self, rows: list[NetworkRow], seats: dict[int, list[Seat]]) -> None:
        """A contract for each network (not yet for some in introduktion), with its versions."""
        if Contract.objects.filter(network__in=self.generated).exists():
            self._say("Contracts: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:contracts")
        if not seats:  # written in an earlier run
            seats = self._seats_of()
        templates = dict(ContractTemplate.objects.values_list("kind", "pk"))
        milestones: dict[int, list[dict[str, Any]]] = {}
        for network, title, due_on, done in (
            Milestone.objects.filter(network__in=self.generated)
            .order_by("due_on", "pk")
            .values_list("network_id", "title", "due_on", "done")
        ):
            milestones.setdefault(network, []).append(
                {"title": title, "due_on": due_on.isoformat(), "done": done}
            )
        periods = self._periods(rows)
        contracts: list[Contract] = []
        versions: list[list[ContractVersion]] = []
        for row in rows:
            if not row.past_intro and rng.random() < NO_CONTRACT_SHARE:
                continue
            words = _words(rng)
            first, last = periods[row.pk]
            network_seats = seats.get(row.pk, [])
            leader = next((s.person for s in network_seats if s.role == Role.LEADER), None)
            sponsor = next((s.person for s in network_seats if s.role == Role.SPONSOR), None)
            owner = (
                rng.choice(self.sponsors)
                if Phase.ANCHORING in row.path or (Phase.TESTING in row.path and rng.random() < 0.5)
                else None
            )
            texts = {
                name: rng.choice(CONTRACT_TEXTS[name]).format(**words) for name in CONTRACT_TEXTS
            }
            contract = Contract(
                network_id=row.pk,
                template_id=templates.get(row.kind),
                purpose="",
                problem="",
                starts_on=first,
                ends_on=last,
                anchoring_owner_id=owner,
                **texts,
            )
            # How many times it was saved: more often the further the network has come.
            count = rng.randint(1, 2) if not row.past_intro else rng.randint(2, 2 + len(row.path))
            count = min(count, 6)
            saved_until = row.start(Phase.STARTUP) or self.now
            moments = sorted(_between(rng, row.created_at, saved_until) for _n in range(count))
            contract.version = count
            contract.updated_at = moments[-1]
            if row.past_intro:
                contract.approved_version = count
                contract.approved_by_id = sponsor
                contract.approved_at = min(self.now, moments[-1] + _days(rng, (1, 7)))
            contracts.append(contract)
            versions.append(
                [
                    ContractVersion(
                        number=number,
                        data={},
                        created_by_id=leader,
                        created_at=moment,
                    )
                    for number, moment in enumerate(moments, start=1)
                ]
            )
        purposes = {
            pk: (purpose, problem)
            for pk, purpose, problem in self.generated.values_list("pk", "purpose", "problem")
        }
        for contract, network_versions in zip(contracts, versions, strict=True):
            contract.purpose, contract.problem = purposes[contract.network_id]
            full = self._snapshot(
                contract,
                milestones.get(contract.network_id, []),
                seats.get(contract.network_id, []),
            )
            for version in network_versions:
                version.data = _earlier(full, version.number, contract.version)
        with transaction.atomic():
            self._bulk(Contract, contracts, total=len(contracts), desc="Contracts")
            all_versions = []
            for contract, network_versions in zip(contracts, versions, strict=True):
                for version in network_versions:
                    version.contract_id = contract.pk
                    all_versions.append(version)
            self._bulk(
                ContractVersion, all_versions, total=len(all_versions), desc="Contract versions"
            )
        self.added["contracts"] = len(contracts)
        self.added["contract_versions"] = len(all_versions)
        self._say(
            f"Contracts: created {len(contracts)} with {len(all_versions)} versions "
            f"in {self._timed(started)}."
        )

    def _seats_of(self) -> dict[int, list[Seat]]:
        """The participations as the participations phase of an earlier run wrote them."""
        seats: dict[int, list[Seat]] = {}
        for network, person, role, hours, contribution, plan, left_on in (
            Participation.objects.filter(network__in=self.generated)
            .order_by("pk")
            .values_list(
                "network_id",
                "person_id",
                "role",
                "hours_per_week",
                "expected_contribution",
                "application_plan",
                "left_on",
            )
        ):
            seats.setdefault(network, []).append(
                Seat(person, role, hours, contribution or plan, left_on is not None)
            )
        return seats

    def _snapshot(
        self, contract: Contract, milestones: list[dict[str, Any]], seats: list[Seat]
    ) -> dict[str, Any]:
        """The contract as `contracts.snapshots.contract_snapshot` saves it."""
        data: dict[str, Any] = {name: getattr(contract, name) for name in TEXT_FIELDS}
        data["starts_on"] = contract.starts_on.isoformat() if contract.starts_on else ""
        data["ends_on"] = contract.ends_on.isoformat() if contract.ends_on else ""
        owner = contract.anchoring_owner_id
        data["anchoring_owner"] = (
            "{} <{}>".format(*self.name_of[owner]) if owner in self.name_of else ""
        )
        data["milestones"] = milestones
        present = sorted(
            (seat for seat in seats if not seat.left),
            key=lambda seat: (self.name_of.get(seat.person, ("", ""))[0], seat.person),
        )
        data["participants"] = sorted(
            (
                {
                    "name": self.name_of.get(seat.person, ("", ""))[0],
                    "role": seat.role,
                    "hours": str(seat.hours),
                    "contribution": seat.contribution,
                }
                for seat in present
            ),
            key=lambda item: ROLE_ORDER.index(item["role"]) if item["role"] in ROLE_ORDER else 99,
        )
        return data

    def _meetings(self, rows: list[NetworkRow]) -> None:
        """A start-up workshop in each network past introduktion, then meetings every 2–4 weeks."""
        if not self.meetings:
            return
        if Meeting.objects.filter(network__in=self.generated).exists():
            self._say("Meetings: already there; none added.")
            return
        started = time.perf_counter()
        rng = random.Random(f"{self.seed}:meetings")
        meeting_rows = [row for row in rows if row.past_intro]
        if not meeting_rows:
            raise ValueError("There are no networks past introduktion to hold meetings.")
        kickoffs = []
        spans = []
        for row in meeting_rows:
            startup = row.start(Phase.STARTUP)
            assert startup is not None
            designing = row.start(Phase.DESIGN)
            if designing is not None:  # the workshop was held before the design phase (the gate)
                kickoff = startup + (designing - startup) * rng.uniform(0.3, 0.8)
            else:
                kickoff = startup + _days(rng, (14, 35))
            kickoffs.append(_on_weekday(kickoff, 9))
            # A closed network met until it closed (the weekend may move a meeting two days).
            end = row.end - 3 * DAY if row.end else self.now + PLANNED_AHEAD
            spans.append(max(0.0, (end - kickoffs[-1]) / DAY))
        usual = sum(MEETING_GAP) / 2
        weights = [1 + span / usual for span in spans]
        if self.meetings < len(meeting_rows):
            counts = _apportion(self.meetings, weights)
        else:
            # Each network holds its workshop, then as many meetings as fit in its time at the
            # shortest interval; only sizes beyond that make them closer.
            extra = self.meetings - len(meeting_rows)
            room = [int(span // MEETING_GAP[0]) for span in spans]
            shares = (
                _spread(extra, weights, room) if extra <= sum(room) else _apportion(extra, weights)
            )
            counts = [1 + n for n in shares]
        # The secretariat's workshop designs: the learning networks start with theirs.
        designs = list(WorkshopDesign.objects.order_by("pk"))
        learning = [d for d in designs if "læring" in d.title.casefold()]
        others = [d for d in designs if d not in learning]
        design_for: dict[str, WorkshopDesign | None] = {
            kind: next(
                iter((learning if kind == NetworkType.LEARNING else others) or designs), None
            )
            for kind in NetworkType.values
        }
        agenda_of = {design.pk: parse_agenda(design.agenda) or KICKOFF_AGENDA for design in designs}
        meetings: list[Meeting] = []
        agendas: list[list[tuple[str, int | None, str]]] = []
        for row, kickoff, span, count in zip(meeting_rows, kickoffs, spans, counts, strict=True):
            if not count:
                continue
            gap = min(span / (count - 1), MEETING_GAP[1]) if count > 1 else usual
            for number in range(count):
                at = kickoff
                if number:
                    moment = kickoff + DAY * (number * gap - rng.uniform(0, 2))
                    at = _on_weekday(moment, rng.choice(MEETING_HOURS))
                words = _words(rng)
                past = at < self.now
                design = None
                if number == 0:
                    kind = Meeting.Kind.KICKOFF
                    design = design_for[row.kind]
                    title = KICKOFF_TITLES[row.kind == NetworkType.LEARNING]
                    length = datetime.timedelta(minutes=design.duration_minutes if design else 180)
                    agenda = agenda_of[design.pk] if design else KICKOFF_AGENDA
                    items = [(text.format(**words), minutes, "") for minutes, text in agenda]
                else:
                    kind = Meeting.Kind.MEETING
                    title = f"Netværksmøde {number}"
                    length = datetime.timedelta(minutes=rng.choice((90, 120)))
                    phase = self._phase_at(row, at)
                    topics = AGENDA_TITLES.get(phase, AGENDA_TITLES[Phase.DESIGN])
                    middle = rng.sample(topics, min(len(topics), rng.randint(0, 4)))
                    items = [
                        (text.format(**words), rng.choice((None, 15, 20, 30, 45)), "")
                        for text in [AGENDA_OPENING, *middle, AGENDA_CLOSING]
                    ][: rng.randint(2, 6)]
                # Drawn for every meeting, so that what is drawn after does not depend on
                # which meetings are past when the command runs; only the past ones keep them.
                notes = [
                    rng.choice(NOTE_SENTENCES).format(**words) if rng.random() < 0.3 else ""
                    for _item in items
                ]
                minutes_text = _sentences(rng, MINUTES_SENTENCES, words, rng.randint(2, 4))
                if past:
                    items = [
                        (text, minutes, note)
                        for (text, minutes, _none), note in zip(items, notes, strict=True)
                    ]
                meetings.append(
                    Meeting(
                        network_id=row.pk,
                        kind=kind,
                        title=title,
                        starts_at=at,
                        ends_at=at + length,
                        location=rng.choice(MEETING_PLACES),
                        design=design,
                        minutes=minutes_text if past else "",
                        uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                        created_at=min(self.now, max(row.created_at, at - _days(rng, (7, 30)))),
                    )
                )
                agendas.append(items)
        with transaction.atomic():
            self._bulk(Meeting, meetings, total=len(meetings), desc="Meetings")
            agenda_items = [
                MeetingItem(
                    meeting_id=meeting.pk,
                    position=position,
                    title=title,
                    duration_minutes=minutes,
                    notes=notes,
                )
                for meeting, agenda in zip(meetings, agendas, strict=True)
                for position, (title, minutes, notes) in enumerate(agenda, start=1)
            ]
            self._bulk(MeetingItem, agenda_items, total=len(agenda_items), desc="Agenda items")
        self.added["meetings"] = len(meetings)
        self.added["agenda_items"] = len(agenda_items)
        self._say(
            f"Meetings: created {len(meetings)} in {len(meeting_rows)} networks with "
            f"{len(agenda_items)} agenda items in {self._timed(started)}."
        )

    def _phase_at(self, row: NetworkRow, moment: datetime.datetime) -> str:
        current = row.path[0]
        for phase in row.path:
            start = row.start(phase)
            if start is not None and start <= moment:
                current = phase
        return current


def _earlier(full: dict[str, Any], number: int, last: int) -> dict[str, Any]:
    """Version `number` of `last`: the contract as it grew, the last one in full.

    The first version holds the purpose and problem and the leader and sponsor; each later one
    adds texts, dates, milestones and participants, and the anchoring owner comes last.
    """
    if number == last:
        return full
    share = number / last
    data = dict(full)
    filled = 2 + round((len(TEXT_FIELDS) - 2) * share)
    for name in TEXT_FIELDS[filled:]:
        data[name] = ""
    if number == 1:
        data["starts_on"] = data["ends_on"] = ""
    data["anchoring_owner"] = ""
    data["milestones"] = full["milestones"][: round(len(full["milestones"]) * share)]
    people = full["participants"]
    named = [p for p in people if p["role"] in (Role.LEADER, Role.SPONSOR)]
    others = [p for p in people if p not in named]
    keep = others[: round(len(others) * share)]
    data["participants"] = [p for p in people if p in named or p in keep]
    return data


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
        parser.add_argument(
            "--networks",
            type=int,
            default=2_000,
            help="Networks in all, the selected ideas' among them (0: no networks at all)",
        )
        parser.add_argument(
            "--participations", type=int, default=30_000, help="Participations in all"
        )
        parser.add_argument("--meetings", type=int, default=20_000, help="Network meetings in all")
        parser.add_argument(
            "--survey-answers",
            type=int,
            default=500_000,
            help="Tie survey answers in all, in the generated networks (0: no surveys)",
        )

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

    def _check_network_sizes(self, options: dict[str, Any]) -> None:
        for name in ("networks", "participations", "meetings", "survey_answers"):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} cannot be negative.")
        networks, participations = options["networks"], options["participations"]
        cap = min(MAX_PEOPLE, options["people"])
        if participations and not networks * MIN_PEOPLE <= participations <= networks * cap:
            raise CommandError(
                f"{participations} participations do not fit {networks} networks of "
                f"{MIN_PEOPLE} to {cap} people."
            )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["ideas"]:
            self._check_idea_sizes(options)
        if options["networks"]:
            self._check_network_sizes(options)
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
        if options["networks"]:
            step = time.perf_counter()
            networks = NetworkGenerator(
                self,
                data,
                networks=options["networks"],
                participations=options["participations"],
                meetings=options["meetings"],
                seed=options["seed"],
            )
            try:
                networks.run()
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Networks done in {time.perf_counter() - step:.1f} s.")
            if options["survey_answers"]:
                # Imported here: the survey phase builds on this module's Phases and NetworkRow.
                from netvaerk.evaluation.surveys.scale import SurveyGenerator

                step = time.perf_counter()
                SurveyGenerator(self, answers=options["survey_answers"], seed=options["seed"]).run()
                self.stdout.write(f"Tie surveys done in {time.perf_counter() - step:.1f} s.")
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
