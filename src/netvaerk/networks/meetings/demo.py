"""This app's part of the demo data (DESIGN.md §9), loaded after the networks demo.

- The secretariat's two workshop designs: a three-hour start-up workshop and a shorter one for
  learning networks.
- Campus Albertslund's meetings since August 2013: the start-up workshop on 15 August and a
  network meeting each month until December, with agendas and minutes.
- A start-up workshop and two meetings for each learning network in the autumn of 2013.
- The elderly network's start-up workshop, scheduled for 14 January 2014 (no minutes yet).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from netvaerk.networks import demo as networks_demo
from netvaerk.networks.models import Network

from . import services
from .models import WorkshopDesign

STARTUP_DESIGN = "Opstartsworkshop (3 timer)"
LEARNING_DESIGN = "Opstart af læringsnetværk (2 timer)"

DESIGNS = [
    (
        STARTUP_DESIGN,
        "Til velfærds- og innovationsnetværk. Deltagerne møder hinanden, hører borgerens "
        "historie, aftaler roller ud fra kontrakten og øver relationel koordinering.",
        180,
        "15 | Velkommen og formål: hvorfor er vi her?\n"
        "35 | Borgerens historie: et forløb fortalt fra borgerens side\n"
        "15 | Pause\n"
        "40 | Roller og kontrakt: hvem gør hvad, og hvad har vi lovet hinanden?\n"
        "50 | Øvelse i relationel koordinering: fælles mål, fælles viden, gensidig respekt\n"
        "25 | Næste skridt: aftaler, mødeplan og hvem der gør hvad til næste gang",
    ),
    (
        LEARNING_DESIGN,
        "Til læringsnetværk. Kort opstart med fokus på, hvad hver deltager vil lære og bruge "
        "i sin egen enhed.",
        120,
        "10 | Velkommen og check-in\n"
        "25 | Hvad vil vi lære? Forventninger og læringsmål\n"
        "30 | Oplæg og øvelse med dagens værktøj\n"
        "10 | Pause\n"
        "30 | Sådan bruger jeg det hjemme: hver deltager skriver sin anvendelsesplan\n"
        "15 | Aftaler om næste møde og om læringsloggen",
    ),
]

CITY_HALL = "Albertslund Rådhus, mødelokale 1"

# (day, title, place, agenda as (minutes, title), minutes)
CAMPUS_MEETINGS = [
    (
        datetime.date(2013, 9, 12),
        "Netværksmøde: kortlægning af samarbejdspartnere",
        "Albertslund Bibliotek",
        [
            (10, "Velkommen og opfølgning fra opstartsworkshoppen"),
            (40, "Kortlægning: hvilke uddannelser og virksomheder vil være med?"),
            (30, "Hvad siger de unge? Resultater fra interviews på skolerne"),
            (10, "Aftaler til næste møde"),
        ],
        "Vi kortlagde 14 mulige partnere; 5 uddannelser har sagt ja til et første møde.\n"
        "Interviewene viser, at de unge savner at se uddannelserne indefra.\n"
        "Aftale: Lederen kontakter de 5 uddannelser inden 1. oktober.",
    ),
    (
        datetime.date(2013, 10, 10),
        "Netværksmøde: idéer til campusmiljøet",
        CITY_HALL,
        [
            (10, "Status på kontakten til uddannelserne"),
            (50, "Idéværksted: hvordan kunne et campus i Albertslund se ud?"),
            (20, "Udvælgelse af tre idéer, vi arbejder videre med"),
            (10, "Næste skridt"),
        ],
        "Fire uddannelser vil gerne bruge lokaler i Albertslund.\n"
        "Tre idéer går videre: uddannelsesdage på biblioteket, praktik i kommunen og "
        "lektiecafé med studerende.\n"
        "Referencelederen orienterer udvalget om idéerne.",
    ),
    (
        datetime.date(2013, 11, 14),
        "Netværksmøde: prototyper",
        "Albertslund Bibliotek",
        [
            (15, "Nyt fra udvalget"),
            (45, "Prototyper: vi bygger og afprøver de tre idéer på papir"),
            (20, "Hvem kan teste prototyperne med unge i december?"),
            (10, "Aftaler"),
        ],
        "Udvalget bakker op om retningen og vil høre om resultaterne i februar.\n"
        "Skolerne tester uddannelsesdagen med to 9. klasser i december.\n"
        "Praktik i kommunen kræver en aftale med HR: Jobcentret tager kontakten.",
    ),
    (
        datetime.date(2013, 12, 12),
        "Netværksmøde: erfaringer og plan for 2014",
        CITY_HALL,
        [
            (30, "Erfaringer fra testen med de to 9. klasser"),
            (30, "Plan for 2014: hvad afprøver vi i foråret?"),
            (15, "Evaluering af netværkets første halve år"),
            (15, "Juleafslutning"),
        ],
        "Eleverne var glade for at møde studerende; flere ville have mere tid i værkstederne.\n"
        "I foråret afprøver vi tre uddannelsesdage og en lektiecafé på biblioteket.\n"
        "Lederen skriver testplanen inden 15. januar.",
    ),
]

KICKOFF_MINUTES = {
    networks_demo.CAMPUS: (
        "Alle deltagere var med, og referencelederen fortalte om udvalgets vision.\n"
        "Borgerens historie: en ung fortalte om vejen fra 9. klasse til en uddannelse uden for "
        "kommunen.\n"
        "Roller er aftalt som i kontrakten. Vi mødes anden torsdag i hver måned."
    ),
    networks_demo.PROCESS: (
        "Seks deltagere fra tre centre. Hver deltager har skrevet en første anvendelsesplan.\n"
        "Dagens værktøj: tjekind og tydelige mødeformål."
    ),
    networks_demo.PROJECT: (
        "Fem deltagere. Vi aftalte at bruge en fælles projektskabelon på én side.\n"
        "Hver deltager tager et af sine egne projekter med som case."
    ),
}

# learning network → (start-up day, [(day, title, agenda, minutes)])
LEARNING_MEETINGS = {
    networks_demo.PROCESS: (
        datetime.date(2013, 9, 12),
        [
            (
                datetime.date(2013, 10, 17),
                "Læringsmøde: at lede en proces med mange fagligheder",
                [
                    (15, "Erfaringer siden sidst"),
                    (45, "Værktøj: procesplan og roller i mødet"),
                    (30, "Sparring i par på egne cases"),
                ],
                "Deltagerne har prøvet tjekind på deres afdelingsmøder med gode erfaringer.\n"
                "Næste gang: hvordan håndterer vi uenighed i en proces?",
            ),
            (
                datetime.date(2013, 11, 21),
                "Læringsmøde: uenighed og beslutninger",
                [
                    (15, "Erfaringer siden sidst"),
                    (45, "Værktøj: fra uenighed til beslutning"),
                    (30, "Sparring i par og noter til læringsloggen"),
                ],
                "Vi øvede beslutningsmodeller. To deltagere skriver i læringsloggen om deres "
                "erfaringer fra PPR og HR.",
            ),
        ],
    ),
    networks_demo.PROJECT: (
        datetime.date(2013, 9, 19),
        [
            (
                datetime.date(2013, 10, 24),
                "Læringsmøde: projektets formål og afgrænsning",
                [
                    (15, "Runde: status på egne projekter"),
                    (45, "Værktøj: projektskabelonen på én side"),
                    (30, "Hver deltager udfylder skabelonen for sit projekt"),
                ],
                "Alle har udfyldt skabelonen for deres eget projekt. Afgrænsningen var sværest.",
            ),
            (
                datetime.date(2013, 11, 28),
                "Læringsmøde: risici og interessenter",
                [
                    (15, "Runde: hvad har vi brugt skabelonen til?"),
                    (45, "Værktøj: risikoliste og interessentkort"),
                    (30, "Sparring på hinandens interessentkort"),
                ],
                "Interessentkortet gav nye idéer til, hvem der skal inddrages i HR's lønprojekt.",
            ),
        ],
    ),
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load() -> None:
    designs: dict[str, WorkshopDesign] = {}
    for title, description, duration, text in DESIGNS:
        designs[title] = services.design_create(
            title=title,
            description=description,
            agenda=text,
            duration_minutes=duration,
            by=None,
        )
    networks = {n.title: n for n in Network.objects.all()}

    campus = networks[networks_demo.CAMPUS]
    services.meeting_schedule(
        network=campus,
        title="Opstartsworkshop for Campus Albertslund",
        starts_at=_at(datetime.date(2013, 8, 15), 9),
        location=CITY_HALL,
        design=designs[STARTUP_DESIGN],
        minutes=KICKOFF_MINUTES[networks_demo.CAMPUS],
        by=None,
    )
    for day, title, place, agenda, minutes in CAMPUS_MEETINGS:
        services.meeting_schedule(
            network=campus,
            title=title,
            starts_at=_at(day, 14),
            ends_at=_at(day, 15, 30),
            location=place,
            agenda=agenda,
            minutes=minutes,
            by=None,
        )

    for network_title, (kickoff_day, meetings) in LEARNING_MEETINGS.items():
        network = networks[network_title]
        services.meeting_schedule(
            network=network,
            title=f"Opstart: {network_title}",
            starts_at=_at(kickoff_day, 13),
            location=CITY_HALL,
            design=designs[LEARNING_DESIGN],
            minutes=KICKOFF_MINUTES[network_title],
            by=None,
        )
        for day, title, agenda, minutes in meetings:
            services.meeting_schedule(
                network=network,
                title=title,
                starts_at=_at(day, 13),
                ends_at=_at(day, 14, 30),
                location=CITY_HALL,
                agenda=agenda,
                minutes=minutes,
                by=None,
            )

    services.meeting_schedule(
        network=networks[networks_demo.ELDERLY],
        title="Opstartsworkshop: sammenhængende forløb for ældre",
        starts_at=_at(datetime.date(2014, 1, 14), 9),
        location="Hjemmeplejen Syd, mødelokalet",
        design=designs[STARTUP_DESIGN],
        by=None,
    )
