"""The demo's networks (DESIGN.md §9) at the end of 2013.

- The three welfare networks the forum selected for January 2014 come from the ideas demo;
  here they get their type rules, sponsors and participants. The one on young people is
  private (it handles individual cases).
- Campus, the innovation network running since 1 August 2013 under a political committee.
- Two learning networks on process and project management.
The contracts, meetings and logs are added by the sub-apps' demos, which run after this one.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from netvaerk.organisation.models import Person, Unit

from . import services
from .models import Network, NetworkType, Participation, Phase

Role = Participation.Role

ELDERLY = "Sammenhængende forløb for ældre efter udskrivning"
FAMILIES = "Tidlig indsats for familier med små børn"
YOUNG = "Unge på vej mod uddannelse og job"
CAMPUS = "Campus Albertslund"
PROCESS = "Læringsnetværk om procesledelse"
PROJECT = "Læringsnetværk om projektledelse"

# network title → (person external id, role, hours per week, expected contribution / plan)
PARTICIPANTS: dict[str, list[tuple[str, str, str, str]]] = {
    ELDERLY: [
        ("demo-p15", Role.LEADER, "4", "Leder netværket og holder kontakten til referencelederen."),
        ("demo-p07", Role.SPONSOR, "1", "Referenceleder i Chefforum."),
        ("demo-p25", Role.FACILITATOR, "3", "Innovatør; faciliterer workshops."),
        ("demo-p14", Role.PARTICIPANT, "2", "Viden fra hjemmeplejens besøg efter udskrivning."),
        ("demo-p16", Role.CO_DRIVER, "2", "Medkører; træningens forløb."),
        ("demo-p22", Role.PARTICIPANT, "1", "Boligændringer og hjælpemidler."),
    ],
    FAMILIES: [
        ("demo-p19", Role.LEADER, "4", "Leder netværket."),
        ("demo-p08", Role.SPONSOR, "1", "Referenceleder."),
        ("demo-p17", Role.PARTICIPANT, "2", "Familierådgivningens erfaringer."),
        ("demo-p20", Role.PARTICIPANT, "2", "PPR's tidlige vurderinger."),
        ("demo-p23", Role.PARTICIPANT, "1", "Bibliotekets tilbud til småbørnsfamilier."),
    ],
    YOUNG: [
        ("demo-p17", Role.LEADER, "3", "Leder netværket."),
        ("demo-p12", Role.SPONSOR, "1", "Referenceleder."),
        ("demo-p18", Role.CO_DRIVER, "2", "Medkører."),
        ("demo-p24", Role.PARTICIPANT, "2", "Jobcentrets og HR's viden om praktikpladser."),
        ("demo-p11", Role.PARTICIPANT, "1", "Fritidstilbud for unge."),
    ],
    CAMPUS: [
        ("demo-p26", Role.LEADER, "6", "Leder netværket."),
        ("demo-p10", Role.SPONSOR, "1", "Referenceleder."),
        ("demo-p22", Role.FACILITATOR, "2", "Innovatør; faciliterer."),
        ("demo-p09", Role.PARTICIPANT, "2", "Skolernes samarbejde med uddannelserne."),
        ("demo-p27", Role.PARTICIPANT, "2", "Biblioteket som læringsrum."),
        ("demo-p24", Role.PARTICIPANT, "1", "Praktik og rekruttering."),
    ],
    PROCESS: [
        ("demo-p03", Role.LEADER, "3", "Leder læringsnetværket."),
        ("demo-p05", Role.SPONSOR, "1", "Referenceleder."),
        ("demo-p02", Role.FACILITATOR, "2", "Faciliterer."),
        ("demo-p13", Role.PARTICIPANT, "2", "Bruger procesværktøjerne på afdelingsmøder."),
        ("demo-p21", Role.PARTICIPANT, "2", "Bruger dem i tværfaglige sagsforløb i PPR."),
        ("demo-p28", Role.PARTICIPANT, "2", "Bruger dem i HR's forandringsprojekter."),
    ],
    PROJECT: [
        ("demo-p02", Role.LEADER, "3", "Leder læringsnetværket."),
        ("demo-p06", Role.SPONSOR, "1", "Referenceleder."),
        ("demo-p16", Role.PARTICIPANT, "2", "Styrer træningens nye holdstruktur som projekt."),
        ("demo-p24", Role.PARTICIPANT, "2", "Projektstyrer HR's nye lønsystem."),
        ("demo-p26", Role.PARTICIPANT, "2", "Bruger det i byudviklingsprojekterne."),
    ],
}


def _people() -> dict[str, Person]:
    return {p.external_id or "": p for p in Person.objects.filter(external_id__startswith="demo-")}


def _units_of(network: Network) -> list[Unit]:
    ids = network.participations.values_list("person__unit_id", flat=True)
    return list(Unit.objects.filter(pk__in=[i for i in ids if i]))


def load() -> None:
    people = _people()
    welfare = {n.title: n for n in Network.objects.filter(kind=NetworkType.WELFARE)}
    services_named = {
        ELDERLY: "Udskrivning fra hospital, hjemmepleje og genoptræning af ældre",
        FAMILIES: "Sundhedspleje, dagtilbud og familierådgivning for familier med børn 0-6 år",
        YOUNG: "Uddannelsesvejledning og jobindsats for unge 15-25 år",
    }
    for title, service in services_named.items():
        network = welfare[title]
        services.network_update(
            network=network,
            version=network.version,
            citizen_service=service,
            is_private=title == YOUNG,
            by=None,
        )
    committee = services.committee_create(
        name="Udvalget for Uddannelse og Erhverv (§17, stk. 4)",
        description="Politisk overbygning for innovationsnetværkene om uddannelse og erhverv.",
        members=[Person.objects.get(user__username="politiker")],
        by=None,
    )
    campus = services.network_create(
        title=CAMPUS,
        kind=NetworkType.INNOVATION,
        purpose="Et campusmiljø, hvor uddannelser, virksomheder og kommunen mødes.",
        problem="For få unge fra Albertslund tager en uddannelse efter grundskolen.",
        political_vision="Albertslund som uddannelsesby, hvor flere unge tager en uddannelse.",
        committee=committee,
        by=None,
    )
    process = services.network_create(
        title=PROCESS,
        kind=NetworkType.LEARNING,
        purpose="Ledere og medarbejdere lærer at lede processer på tværs af fagligheder.",
        by=None,
    )
    project = services.network_create(
        title=PROJECT,
        kind=NetworkType.LEARNING,
        purpose="Fælles sprog og værktøjer til projektledelse på tværs af centrene.",
        by=None,
    )
    networks = {**welfare, CAMPUS: campus, PROCESS: process, PROJECT: project}
    for title, rows in PARTICIPANTS.items():
        network = networks[title]
        learning = network.kind == NetworkType.LEARNING
        for external_id, role, hours, text in rows:
            services.participation_add(
                network=network,
                person=people[external_id],
                role=role,
                hours_per_week=Decimal(hours),
                expected_contribution="" if learning and role == Role.PARTICIPANT else text,
                application_plan=text if learning and role == Role.PARTICIPANT else "",
                joined_on=datetime.date(2013, 12, 10),
                by=None,
            )
        network.units.add(*_units_of(network))
    services.participation_add(
        network=welfare[ELDERLY],
        person=Person.objects.get(user__username="borger"),
        role=Role.GUEST,
        expected_contribution="Pårørende; fortæller om forløbet set fra familien.",
        by=None,
    )
    services.invitation_create(
        network=welfare[ELDERLY],
        name="Jens Pårørende",
        email="jens.paaroerende@demo.invalid",
        by=None,
    )
    # Campus and the learning networks were running before the structure: their history
    # starts in 2013, not at the moment the demo is loaded.
    Network.objects.filter(pk=campus.pk).update(
        phase=Phase.DESIGN, created_at=_at(2013, 8, 1), phase_changed_at=_at(2013, 10, 1)
    )
    Network.objects.filter(pk__in=[process.pk, project.pk]).update(
        phase=Phase.DESIGN, created_at=_at(2013, 9, 1), phase_changed_at=_at(2013, 10, 15)
    )
    Participation.objects.filter(network=campus).update(joined_on=datetime.date(2013, 8, 1))
    Participation.objects.filter(network__in=[process, project]).update(
        joined_on=datetime.date(2013, 9, 1)
    )


def _at(year: int, month: int, day: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, 9))
