"""The evaluation guide's templates and two networks' evaluation plans (DESIGN.md §9).

Campus has run since 1 August 2013: its plan has indicators with a baseline and the autumn's
measurements, and the forum's conclusion is not yet decided. The elderly network starts in
January 2014: its plan is made, its indicators have baselines and targets, nothing is measured.
The templates' texts are the municipality's own content, so they are in Danish.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from netvaerk.networks.demo import CAMPUS, ELDERLY
from netvaerk.networks.models import Network, NetworkType
from netvaerk.organisation.models import Forum, Person
from netvaerk.organisation.services import forum_meeting_create

from . import services
from .models import EvaluationTemplate, Level

TEMPLATES = {
    NetworkType.WELFARE: (
        "Evalueringsplan for velfærdsnetværk",
        "Vi vil vide, om borgerne mærker en bedre og mere sammenhængende service, og hvad "
        "netværket lærer undervejs, så det kan forankres i driften.",
        "Oplever borgerne et mere sammenhængende forløb?\nEr der færre overgange, hvor noget "
        "går tabt?",
        "Koordinerer fagpersonerne bedre på tværs (relationel koordinering)?\nBliver "
        "netværkets beslutninger ført ud i driften?",
        "Hvad har deltagerne lært, som de bruger i deres eget arbejde?",
        "citizens | Borgere, der oplever et sammenhængende forløb | procent | Borgerpanel\n"
        "citizens | Genindlæggelser inden for 30 dage | antal pr. kvartal | Sundhedsdata\n"
        "network | Relationel koordinering (indeks 1–5) | indeks | Tie-survey",
    ),
    NetworkType.INNOVATION: (
        "Evalueringsplan for innovationsnetværk",
        "Vi vil vide, om netværket bringer os nærmere den politiske vision, og hvilke "
        "afprøvninger der virker.",
        "Hvad ændrer sig for borgere og samfund, som visionen handler om?",
        "Samarbejder parterne, også dem uden for kommunen, på nye måder?",
        "Hvilke nye kompetencer tager deltagerne med hjem?",
        "citizens | Et mål for visionen | efter aftale | Kommunens statistik\n"
        "network | Eksterne parter, der deltager aktivt | antal | Netværkets log",
    ),
    NetworkType.LEARNING: (
        "Evalueringsplan for læringsnetværk",
        "Vi vil vide, om deltagerne bruger det, de lærer, i deres egen enhed.",
        "Mærker borgerne eller kollegerne en forskel?",
        "Deler deltagerne viden og erfaringer mellem møderne?",
        "Hvad gør deltagerne anderledes efter netværket?",
        "participants | Deltagere, der har afprøvet et værktøj i egen enhed | procent | "
        "Spørgeskema",
    ),
}


def _templates() -> None:
    for kind, (title, purpose, citizens, network, participants, indicators) in TEMPLATES.items():
        EvaluationTemplate.objects.update_or_create(
            kind=kind,
            defaults={
                "title": title,
                "purpose": purpose,
                "questions_citizens": citizens,
                "questions_network": network,
                "questions_participants": participants,
                "indicators": indicators,
            },
        )


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _campus(network: Network) -> None:
    plan = services.plan_create(network=network, by=None)
    meeting = forum_meeting_create(
        forum=Forum.objects.get(slug="direktorforum"),
        title="Midtvejsevaluering af Campus Albertslund",
        starts_at=datetime.datetime(2014, 3, 11, 9, tzinfo=timezone.get_current_timezone()),
        location="Rådhuset, mødelokale 1",
        by=None,
    )
    plan = services.plan_update(
        plan=plan,
        version=plan.version,
        by=None,
        purpose="Bringer Campus flere unge i uddannelse, og samarbejder skoler, "
        "uddannelsessteder og virksomheder på nye måder?",
        questions_citizens=plan.questions_citizens,
        questions_network=plan.questions_network,
        questions_participants=plan.questions_participants,
        baseline_on=datetime.date(2013, 8, 15),
        mid_on=datetime.date(2014, 2, 1),
        end_on=datetime.date(2014, 8, 1),
        follow_up_on=datetime.date(2015, 2, 1),
        responsible=_person("direktor"),
        decision_meeting=meeting,
    )
    companies = services.indicator_create(
        plan=plan,
        level=Level.NETWORK,
        name="Virksomheder i praktiksamarbejde med skolerne",
        unit="antal",
        baseline=Decimal(4),
        target=Decimal(15),
        data_source="Campus-sekretariatets oversigt",
        by=None,
    )
    for on, value in ((datetime.date(2013, 9, 30), 6), (datetime.date(2013, 11, 29), 9)):
        services.measurement_add(indicator=companies, measured_on=on, value=Decimal(value), by=None)
    youth = services.indicator_create(
        plan=plan,
        level=Level.CITIZENS,
        name="Unge under 25 i uddannelse eller job",
        unit="procent",
        baseline=Decimal("78.0"),
        target=Decimal("85.0"),
        data_source="Kommunens statistik",
        by=None,
    )
    services.measurement_add(
        indicator=youth,
        measured_on=datetime.date(2013, 12, 2),
        value=Decimal("77.5"),
        note="Før netværkets første afprøvninger",
        by=None,
    )
    services.indicator_create(
        plan=plan,
        level=Level.PARTICIPANTS,
        name="Deltagere, der har lært en ny samarbejdsform",
        unit="procent",
        target=Decimal(75),
        data_source="Spørgeskema til deltagerne",
        by=None,
    )


def _elderly(network: Network) -> None:
    plan = services.plan_create(network=network, by=None)
    plan = services.plan_update(
        plan=plan,
        version=plan.version,
        by=None,
        purpose=plan.purpose,
        questions_citizens=plan.questions_citizens,
        questions_network=plan.questions_network,
        questions_participants=plan.questions_participants,
        baseline_on=datetime.date(2014, 1, 15),
        mid_on=datetime.date(2014, 9, 1),
        end_on=datetime.date(2015, 3, 1),
        follow_up_on=datetime.date(2015, 9, 1),
        responsible=_person("netvaerksleder"),
        decision_meeting=None,
    )
    services.indicator_create(
        plan=plan,
        level=Level.CITIZENS,
        name="Genindlæggelser inden for 30 dage",
        unit="antal pr. kvartal",
        baseline=Decimal(42),
        target=Decimal(30),
        direction="down",
        data_source="Sundhedsdata",
        by=None,
    )
    services.indicator_create(
        plan=plan,
        level=Level.CITIZENS,
        name="Borgere, der oplever et sammenhængende forløb",
        unit="procent",
        target=Decimal(80),
        data_source="Borgerpanel",
        by=None,
    )


def load() -> None:
    _templates()
    networks = {n.title: n for n in Network.objects.filter(title__in=[CAMPUS, ELDERLY])}
    _campus(networks[CAMPUS])
    _elderly(networks[ELDERLY])
