"""The demo's ideas (DESIGN.md §9): the autumn 2013 collection that selected three welfare
networks to start in January 2014, and an open round with a handful of new ideas.

Everything is written through the services, then the 2013 events are dated back to 2013.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from netvaerk.networks.models import Network
from netvaerk.organisation.models import Forum, Person, Unit
from netvaerk.organisation.services import forum_meeting_create

from . import services
from .models import Idea, Round

# The seven criteria of a good theme, written for this project.
CRITERIA_DA = [
    ("Borgerne vil kunne mærke forskel", 3),
    ("Kræver flere enheder eller begge direktørområder", 3),
    ("Problemet er klart og kan beskrives", 2),
    ("Effekten kan måles eller følges", 2),
    ("En leder i linjeorganisationen vil eje det", 2),
    ("Understøtter kommunens strategi eller et politisk mål", 1),
    ("Det lærte kan bruges andre steder", 1),
]

# title, proposer, kind, units, problem, benefit
SELECTED_2013 = [
    (
        "Sammenhængende forløb for ældre efter udskrivning",
        "demo-p15",
        Idea.Kind.WELFARE,
        ["demo-c-sund", "demo-c-by"],
        "Ældre borgere, der udskrives fra hospitalet, møder hjemmeplejen, træningen og "
        "visitationen hver for sig. Borgeren skal fortælle sin historie flere gange, og "
        "genindlæggelser sker, fordi ingen har det samlede overblik.",
        "Færre genindlæggelser, én plan for borgeren og medarbejdere der kender hinandens opgaver.",
    ),
    (
        "Tidlig indsats for familier med små børn",
        "demo-p19",
        Idea.Kind.WELFARE,
        ["demo-c-born", "demo-c-skole"],
        "Sundhedsplejen, dagtilbud og familierådgivningen ser de samme familier, men deler "
        "først viden, når problemerne er store.",
        "Familier får hjælp tidligere, og færre sager ender som tunge foranstaltninger.",
    ),
    (
        "Unge på vej mod uddannelse og job",
        "demo-p17",
        Idea.Kind.WELFARE,
        ["demo-c-born", "demo-c-kultur", "demo-c-okonomi"],
        "Unge mellem 15 og 25 år, der falder ud af uddannelse, har kontakt med mange "
        "afdelinger uden at nogen har ansvaret for helheden.",
        "Flere unge i uddannelse eller job, og én indgang til kommunen for den unge.",
    ),
]
OTHER_2013 = [
    (
        "Fælles bookingsystem for lokaler",
        "demo-p24",
        Idea.Kind.UNKNOWN,
        ["demo-c-okonomi", "demo-c-kultur"],
        "Lokaler bookes i tre forskellige systemer.",
        "Mindre dobbeltarbejde og bedre udnyttelse af lokalerne.",
        Idea.State.REJECTED,
        "Et godt forslag, men det løses i driften og kræver ikke et netværk. Sendes videre "
        "til Center for Økonomi og Personale.",
    ),
    (
        "Borgerinddragelse i byfornyelsen",
        "demo-p26",
        Idea.Kind.INNOVATION,
        ["demo-c-by", "demo-c-kultur"],
        "Borgerne inddrages sent i planerne for byfornyelsen.",
        "Planer der bygger på borgernes viden og har deres opbakning.",
        Idea.State.PARKED,
        "Afventer den nye kommunalbestyrelse, da innovationsnetværk skal have en politisk "
        "overbygning (§17, stk. 4-udvalg).",
    ),
]
# title, proposer, kind, units, problem, benefit, state
OPEN_ROUND = [
    (
        "Digital træning i eget hjem",
        "demo-p25",
        Idea.Kind.WELFARE,
        ["demo-c-sund"],
        "Borgere venter på træning, fordi der er få hold og lang transport.",
        "Borgere træner oftere, og terapeuterne når flere.",
        Idea.State.ON_AGENDA,
    ),
    (
        "Sprogstimulering i samarbejde med bibliotekerne",
        "demo-p23",
        Idea.Kind.LEARNING,
        ["demo-c-kultur", "demo-c-skole"],
        "Børn med sproglige udfordringer møder biblioteket for sent.",
        "Bedre sprog ved skolestart og forældre der læser med deres børn.",
        Idea.State.SCREENING,
    ),
    (
        "Færre overleveringer i byggesager",
        "demo-p22",
        Idea.Kind.UNKNOWN,
        ["demo-c-by"],
        "En byggesag går gennem mange hænder, og borgeren ved ikke, hvem der har den.",
        "Kortere sagsbehandlingstid og én kontaktperson for borgeren.",
        Idea.State.SUBMITTED,
    ),
    (
        "Bedre overgang fra hjemmepleje til plejebolig",
        "demo-p14",
        Idea.Kind.WELFARE,
        ["demo-c-sund", "demo-c-by"],
        "Når en borger flytter i plejebolig, går viden fra hjemmeplejen tabt.",
        "Tryggere flytning for borgeren og de pårørende.",
        Idea.State.SUBMITTED,
    ),
]


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _units(external_ids: list[str]) -> list[Unit]:
    return list(Unit.objects.filter(external_id__in=external_ids))


def load() -> None:
    people = {p.external_id: p for p in Person.objects.filter(external_id__startswith="demo-")}
    chefforum = Forum.objects.get(slug="chefforum")
    direktorforum = Forum.objects.get(slug="direktorforum")

    # Autumn 2013: ideas collected by open invitation, decided in December.
    meeting_2013 = forum_meeting_create(
        forum=direktorforum,
        title="Valg af de første velfærdsnetværk",
        starts_at=_at(2013, 12, 10, 9),
        location="Rådhuset, mødelokale 1",
        by=None,
    )
    round_2013 = services.round_create(
        title="Idéindsamling efteråret 2013",
        deadline=_at(2099, 1, 1),  # open while the ideas are submitted; dated back below
        decision_meeting=meeting_2013,
        description="Idéer indsamlet ved åben invitation og drøftelser i direktør- og chefforum.",
        criteria=CRITERIA_DA,
        by=None,
    )
    decided: list[tuple[Idea, str, str]] = []
    for title, proposer, kind, units, problem, benefit in SELECTED_2013:
        decided.append((_submit(title, people[proposer], kind, units, problem, benefit), "", ""))
    for title, proposer, kind, units, problem, benefit, decision, reason in OTHER_2013:
        idea = _submit(title, people[proposer], kind, units, problem, benefit)
        decided.append((idea, str(decision), reason))
    supporters = [people[f"demo-p{n:02d}"] for n in (13, 14, 16, 20, 21, 25, 27)]
    for index, (idea, _outcome, _reason) in enumerate(decided):
        for person in supporters[: 7 - index]:
            services.idea_support(idea=idea, person=person, by=None)
        services.idea_screen(idea=idea, by=None)
        services.idea_put_on_agenda(idea=idea, meeting=meeting_2013, by=None)
    criteria = list(round_2013.criteria.all())
    members = [people["demo-p05"], people["demo-p06"], people["demo-p01"]]
    for index, (idea, _outcome, _reason) in enumerate(decided):
        for offset, member in enumerate(members):
            values = {c.pk: 5 - (index + offset + c.position) % 3 - index // 3 for c in criteria}
            services.idea_score(idea=idea, values=values, member=member, by=None)
    for idea, decision_text, reason in decided:
        services.idea_decide(
            idea=idea,
            outcome=decision_text or Idea.State.SELECTED,
            reason=reason
            or "Valgt som et af de tre første velfærdsnetværk; starter i januar 2014.",
            by=None,
        )
    services.idea_comment(
        idea=decided[0][0],
        body="Vi ser det samme i træningen – glæder mig til at være med.",
        author=people["demo-p16"],
        by=None,
    )
    Round.objects.filter(pk=round_2013.pk).update(deadline=_at(2013, 11, 15, 12))
    Idea.objects.filter(round=round_2013).update(
        created_at=_at(2013, 10, 20), submitted_at=_at(2013, 11, 1), decided_at=_at(2013, 12, 10)
    )
    Network.objects.filter(idea__round=round_2013).update(created_at=_at(2013, 12, 10))

    # Now: an open round, with ideas on their way and a draft.
    now = timezone.now()
    meeting_next = forum_meeting_create(
        forum=chefforum,
        title="Valg af temaer til nye netværk",
        starts_at=(now + datetime.timedelta(days=75)).replace(hour=9, minute=0, second=0),
        location="Rådhuset, mødelokale 2",
        by=None,
    )
    round_next = services.round_create(
        title="Temarunde " + str((now + datetime.timedelta(days=60)).year),
        deadline=(now + datetime.timedelta(days=60)).replace(hour=12, minute=0, second=0),
        decision_meeting=meeting_next,
        description="Chefforum vælger temaer blandt idéerne, der er indsendt inden fristen.",
        criteria=CRITERIA_DA,
        by=None,
    )
    for title, proposer, kind, units, problem, benefit, state in OPEN_ROUND:
        idea = _submit(title, people[proposer], kind, units, problem, benefit)
        for person in supporters[:3]:
            services.idea_support(idea=idea, person=person, by=None)
        if state in (Idea.State.SCREENING, Idea.State.ON_AGENDA):
            services.idea_screen(idea=idea, by=None)
        if state == Idea.State.ON_AGENDA:
            services.idea_put_on_agenda(idea=idea, meeting=meeting_next, by=None)
            services.idea_score(
                idea=idea,
                values={c.pk: 4 for c in round_next.criteria.all()},
                member=people["demo-p08"],
                by=None,
            )
    services.idea_comment(
        idea=Idea.objects.get(title=OPEN_ROUND[0][0]),
        body="Hvordan vil I sikre, at borgere uden digitale kompetencer også kan være med?",
        question=True,
        author=people["demo-p02"],
        by=None,
    )
    services.idea_create(
        title="Fælles introduktion for nye medarbejdere på tværs af centre",
        problem="Nye medarbejdere lærer kun deres eget center at kende.",
        kind=Idea.Kind.LEARNING,
        units=_units(["demo-c-sund"]),
        proposer=people["demo-p14"],
        by=None,
    )


def _submit(
    title: str, proposer: Person, kind: str, units: list[str], problem: str, benefit: str
) -> Idea:
    return services.idea_create(
        title=title,
        problem=problem,
        kind=kind,
        benefit=benefit,
        units=_units(units),
        proposer=proposer,
        submit=True,
        by=None,
    )
