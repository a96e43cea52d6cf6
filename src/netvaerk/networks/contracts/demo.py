"""This app's part of the demo data (DESIGN.md §9), loaded after the networks demo.

- A contract template per network type, with short starter text written for this project.
- A contract for every demo network. Campus and the two learning networks are approved by
  their sponsors; the contract on the elderly was saved twice and waits for chef's approval.
- Every participant's hours are approved by their manager, except medarbejder's hours in the
  network on the elderly: leder sees that approval waiting on the overview page.
"""

from __future__ import annotations

import datetime

from netvaerk.networks import demo as networks_demo
from netvaerk.networks.models import Network, NetworkType, Participation
from netvaerk.organisation.models import Person

from . import services
from .models import Contract
from .services import MilestoneRow

Role = Participation.Role

# Purpose and problem are left empty: each contract starts with its network's own text.
TEMPLATES: dict[str, dict[str, str]] = {
    NetworkType.WELFARE: {
        "title": "Kontraktskabelon for velfærdsnetværk",
        "strategy_link": (
            "Angiv hvilket mål i kommunens strategi eller politik netværket arbejder for, "
            "og hvilken borgerrettet ydelse det skal gøre bedre."
        ),
        "success_criteria": (
            "Skriv 2-4 mål, der kan måles før og efter, fx:\n"
            "- færre borgere oplever at skulle fortælle deres historie flere gange\n"
            "- bedre relationel koordinering mellem de faggrupper, der indgår i forløbet"
        ),
        "scope": (
            "Beskriv hvilke borgere, enheder og dele af forløbet netværket arbejder med - "
            "og hvad det bevidst lader ligge."
        ),
        "budget": "Deltagernes timer dækkes af egne enheder. Andre udgifter aftales med "
        "referencelederen.",
        "meeting_rhythm": "Netværksmøde hver 3. uge (2 timer) i seks måneder, derefter "
        "afprøvning med statusmøde hver måned.",
        "evaluation_summary": (
            "Måling af relationel koordinering ved start og efter afprøvningen, suppleret med "
            "interviews med borgere og en løbende læringslog."
        ),
        "knowledge_sharing": (
            "Netværket fortæller om sine resultater i Chefforum og i de deltagende enheder, "
            "og lægger materialer i netværkshåndbogen."
        ),
    },
    NetworkType.INNOVATION: {
        "title": "Kontraktskabelon for innovationsnetværk",
        "strategy_link": "Angiv den politiske vision netværket udspringer af, og det udvalg "
        "der følger arbejdet.",
        "success_criteria": (
            "Beskriv hvad der skal være anderledes, når visionen er på vej til at blive "
            "til virkelighed, og hvordan det kan ses undervejs."
        ),
        "scope": "Beskriv hvilke partnere, borgere og enheder der er med, og hvilke spor "
        "netværket arbejder i.",
        "budget": "Timer fra de deltagende enheder; eventuelle puljemidler og "
        "partnerbidrag skrives her.",
        "meeting_rhythm": "Netværksmøde hver måned og et halvårligt møde med udvalget.",
        "evaluation_summary": "Løbende evaluering: hvert halve år gøres status på sporene, "
        "og udvalget drøfter retningen.",
        "knowledge_sharing": "Nyt fra netværket deles med udvalget, partnerne og i "
        "netværkshåndbogen.",
    },
    NetworkType.LEARNING: {
        "title": "Kontraktskabelon for læringsnetværk",
        "strategy_link": "Angiv hvilken del af kommunens ledelses- eller kompetencestrategi "
        "netværket understøtter.",
        "success_criteria": (
            "Hver deltager har afprøvet mindst ét værktøj i egen enhed og fortalt netværket "
            "om, hvad der virkede."
        ),
        "scope": "Fire til fem måneder med fælles læring og afprøvning hjemme i enhederne.",
        "budget": "Deltagernes timer dækkes af egne enheder; oplæg og materialer betales "
        "af netværkssekretariatet.",
        "meeting_rhythm": "Et møde hver 3.-4. uge (3 timer) med oplæg, øvelser og erfaringsdeling.",
        "evaluation_summary": "Deltagerne skriver i læringsloggen efter hvert møde; til sidst "
        "en kort evaluering af udbyttet.",
        "knowledge_sharing": "Deltagerne deler værktøjerne i deres egne enheder, og netværket "
        "samler dem i netværkshåndbogen.",
    },
}

D = datetime.date
# network title → (start, end, milestones)
PLANS: dict[str, tuple[D, D | None, list[tuple[D, str]]]] = {
    networks_demo.ELDERLY: (
        D(2014, 1, 15),
        D(2014, 9, 30),
        [
            (D(2014, 2, 5), "Opstartsworkshop"),
            (D(2014, 4, 1), "Nyt forløb ved udskrivning er designet"),
            (D(2014, 6, 30), "Afprøvning i to distrikter er afsluttet"),
        ],
    ),
    networks_demo.FAMILIES: (
        D(2014, 1, 20),
        D(2014, 7, 31),
        [(D(2014, 2, 12), "Opstartsworkshop"), (D(2014, 5, 1), "Fælles overgangsmøde afprøvet")],
    ),
    networks_demo.YOUNG: (
        D(2014, 1, 27),
        D(2014, 8, 31),
        [(D(2014, 2, 19), "Opstartsworkshop"), (D(2014, 5, 15), "Fælles vejledningsforløb klar")],
    ),
    networks_demo.CAMPUS: (
        D(2013, 8, 1),
        None,
        [
            (D(2013, 9, 15), "Første partnermøde med uddannelserne"),
            (D(2014, 3, 1), "Campusdag for unge og virksomheder"),
        ],
    ),
    networks_demo.PROCESS: (
        D(2013, 9, 1),
        D(2014, 1, 31),
        [(D(2013, 11, 15), "Værktøjer afprøvet i egne enheder")],
    ),
    networks_demo.PROJECT: (
        D(2013, 9, 1),
        D(2014, 1, 31),
        [(D(2013, 11, 20), "Fælles projektmodel beskrevet")],
    ),
}
APPROVED = (networks_demo.CAMPUS, networks_demo.PROCESS, networks_demo.PROJECT)


def manager_of(person: Person) -> Person | None:
    """The manager who approves `person`'s hours (networks.rules.approving_managers_q)."""
    if person.unit_id is None:
        return None
    unit_id = person.unit.parent_id if person.is_manager else person.unit_id  # type: ignore[union-attr]
    if unit_id is None:
        return None
    return (
        Person.objects.filter(unit_id=unit_id, is_manager=True, is_active=True)
        .exclude(pk=person.pk)
        .order_by("pk")
        .first()
    )


def _sponsor_of(network: Network) -> Person | None:
    participation = network.participations.filter(role=Role.SPONSOR).first()
    return participation.person if participation else None


def load() -> None:
    for kind, fields in TEMPLATES.items():
        services.contract_template_create(kind=kind, by=None, **fields)
    networks = {n.title: n for n in Network.objects.filter(title__in=PLANS)}
    for title, (starts_on, ends_on, milestones) in PLANS.items():
        network = networks[title]
        contract = services.contract_create(network=network, by=None)
        contract = services.contract_update(
            contract=contract,
            version=contract.version,
            starts_on=starts_on,
            ends_on=ends_on,
            milestones=[MilestoneRow(title=text, due_on=day) for day, text in milestones],
            by=None,
        )
        if title in APPROVED:
            services.contract_approve(
                contract=contract,
                version=contract.version,
                approver=_sponsor_of(network),
                by=None,
            )
    _approve_hours()


def _approve_hours() -> None:
    waiting = Participation.objects.filter(
        network__title=networks_demo.ELDERLY, person__user__username="medarbejder"
    ).values_list("pk", flat=True)
    participations = (
        Participation.objects.filter(left_on=None, hours_per_week__gt=0)
        .exclude(pk__in=list(waiting))
        .select_related("person", "person__unit")
    )
    for participation in participations:
        services.participation_approve_hours(
            participation=participation, approver=manager_of(participation.person), by=None
        )


def contract_of(title: str) -> Contract:
    """The demo contract of the network with `title` (for the page registry and tests)."""
    return Contract.objects.select_related("network").get(network__title=title)
