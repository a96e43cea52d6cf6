"""This app's part of the demo data (DESIGN.md §9), loaded after the networks demo.

- ELDERLY has involved citizens at home after discharge, relatives and colleagues, and keeps
  its interview guide as a document.
- CAMPUS has involved young people in a panel and partners from the education institutions,
  and its learning log runs from August 2013.
- The two learning networks keep learning logs; a few notes are marked for the status report.
"""

from __future__ import annotations

import datetime
import io

from netvaerk.networks.demo import CAMPUS, ELDERLY, PROCESS, PROJECT
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

from . import services
from .models import Involvement, LearningNote

Group = Involvement.Group
Method = Involvement.Method
Kind = LearningNote.Kind

# network → (author's external id, group, more precisely, method, date, people, what it changed)
INVOLVEMENTS: dict[str, list[tuple[str, str, str, str, datetime.date, int | None, str]]] = {
    ELDERLY: [
        (
            "demo-p15",
            Group.CITIZENS,
            "Ældre borgere (78-91 år) i eget hjem 3-10 dage efter udskrivning",
            Method.INTERVIEW,
            datetime.date(2013, 12, 12),
            6,
            "Fire ud af seks vidste ikke, hvem de skulle ringe til de første dage. Vi har "
            "tilføjet et fast telefonnummer og en navngiven kontaktperson til udskrivningsbrevet.",
        ),
        (
            "demo-p25",
            Group.RELATIVES,
            "Pårørende til borgere udskrevet i efteråret",
            Method.WORKSHOP,
            datetime.date(2013, 12, 17),
            9,
            "De pårørende bad om ét samlet overblik over aftaler med hjemmepleje, træning og "
            "læge. Netværket afprøver nu en fælles forløbsplan, som borgeren får med hjem.",
        ),
        (
            "demo-p14",
            Group.EMPLOYEES,
            "Hjemmehjælpere og terapeuter fra Hjemmeplejen Syd og Træningen",
            Method.OBSERVATION,
            datetime.date(2013, 12, 19),
            5,
            "Overleveringen mellem hospital og hjemmepleje sker ofte først dagen efter. "
            "Vi har aftalt at prøve et opkald samme dag, før borgeren kommer hjem.",
        ),
    ],
    CAMPUS: [
        (
            "demo-p26",
            Group.USERS,
            "Unge på 15-19 år fra kommunens skoler og ungdomsuddannelser",
            Method.PANEL,
            datetime.date(2013, 9, 24),
            14,
            "De unge vil have et sted at læse efter skole med voksne, der kan hjælpe. Vi har "
            "lagt lektiecafé og studievejledning ind i campusprogrammet.",
        ),
        (
            "demo-p22",
            Group.PARTNERS,
            "Studievejledere og ledere fra erhvervsskolen, gymnasiet og VUC",
            Method.WORKSHOP,
            datetime.date(2013, 10, 30),
            11,
            "Uddannelsesinstitutionerne vil dele lokaler og vejledere én dag om ugen. Det blev "
            "til et fælles forsøg med åbent campus om onsdagen fra januar.",
        ),
        (
            "demo-p26",
            Group.CITIZENS,
            "Forældre til unge i 8.-10. klasse",
            Method.SURVEY,
            datetime.date(2013, 11, 20),
            212,
            "Forældrene kender for lidt til erhvervsuddannelserne. Vi har inviteret dem med "
            "til campusdagene i stedet for kun at invitere de unge.",
        ),
    ],
}

# network → (author's external id, kind, date, text, marked for the status report)
NOTES: dict[str, list[tuple[str, str, datetime.date, str, bool]]] = {
    CAMPUS: [
        (
            "demo-p26",
            Kind.STORY,
            datetime.date(2013, 9, 5),
            "Vores første møde med gymnasiet gik på, hvem der ejer lokalerne. Da vi i stedet "
            "talte om, hvad de unge har brug for, fandt vi på ti minutter tre fælles tiltag.",
            True,
        ),
        (
            "demo-p22",
            Kind.QUOTE,
            datetime.date(2013, 9, 24),
            "»Jeg vidste slet ikke, at man kunne tage en uddannelse i Albertslund.« – ung i "
            "panelet, 16 år.",
            True,
        ),
        (
            "demo-p27",
            Kind.NOTE,
            datetime.date(2013, 11, 6),
            "Biblioteket kan holde åbent til kl. 21 på campusdagene, hvis vi deler bemandingen "
            "med uddannelserne. Det kræver en aftale mellem to centre – tag det med til "
            "referencelederen.",
            False,
        ),
    ],
    PROCESS: [
        (
            "demo-p13",
            Kind.NOTE,
            datetime.date(2013, 10, 22),
            "Tjek-in-runden i starten af afdelingsmødet tog fem minutter, men mødet blev kortere: "
            "uenighederne kom frem med det samme i stedet for til sidst.",
            True,
        ),
        (
            "demo-p21",
            Kind.STORY,
            datetime.date(2013, 11, 12),
            "I et tværfagligt sagsforløb brugte vi 'fælles problemformulering' før nogen måtte "
            "foreslå løsninger. Forældrene sagde bagefter, at det var første gang, de følte, "
            "at vi talte om det samme barn.",
            False,
        ),
    ],
    PROJECT: [
        (
            "demo-p24",
            Kind.NOTE,
            datetime.date(2013, 10, 29),
            "Interessentanalysen viste, at lønsystemet berører 40 ledere, vi ikke havde talt "
            "med. Vi har lagt tre informationsmøder ind i planen.",
            True,
        ),
        (
            "demo-p16",
            Kind.QUOTE,
            datetime.date(2013, 11, 26),
            "»Et projekt uden en dato for, hvornår det slutter, er bare drift med en ny "
            "overskrift.« – fra sparringen i læringsnetværket.",
            False,
        ),
    ],
}

GUIDE_NAME = "interviewguide-hjemmebesoeg.txt"
GUIDE = """Interviewguide: hjemmebesøg efter udskrivning

1. Hvordan var det at komme hjem fra hospitalet?
2. Hvem har du talt med fra kommunen siden, og vidste du, hvem du skulle ringe til?
3. Hvad manglede du de første dage?
4. Hvad har dine pårørende hjulpet med?
5. Hvis du skulle give et råd til os, hvad skulle det være?

Varighed: ca. 30 minutter. Spørg altid, om en pårørende må være med.
"""


def load() -> None:
    people = {p.external_id: p for p in Person.objects.filter(external_id__startswith="demo-")}
    networks = {n.title: n for n in Network.objects.filter(title__in=[*INVOLVEMENTS, *NOTES])}
    for title, rows in INVOLVEMENTS.items():
        for author, group, who, method, happened_on, count, changed in rows:
            services.involvement_create(
                network=networks[title],
                group=group,
                who=who,
                method=method,
                happened_on=happened_on,
                people_count=count,
                what_changed=changed,
                by=None,
                author=people[author],
            )
    for title, notes in NOTES.items():
        for author, kind, written_on, text, marked in notes:
            services.learning_note_create(
                network=networks[title],
                kind=kind,
                written_on=written_on,
                text=text,
                for_status_report=marked,
                by=None,
                author=people[author],
            )
    content = GUIDE.encode()
    services.document_upload(
        network=Network.objects.get(title=ELDERLY),
        upload=io.BytesIO(content),
        name=GUIDE_NAME,
        size=len(content),
        title="Interviewguide til hjemmebesøg efter udskrivning",
        by=None,
        author=people["demo-p15"],
    )
