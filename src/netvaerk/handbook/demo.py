"""This app's part of the first-run demo: the handbook's starter pages (DESIGN.md §9).

One page or more per chapter, written for this project in Danish (the municipality's own
content), and a page for every contract template, workshop design and evaluation template,
linked to it so the page shows the template itself. Loaded after every other app's demo.
"""

from __future__ import annotations

from django.db.models import Model

from netvaerk.evaluation.models import EvaluationTemplate
from netvaerk.networks.contracts.models import ContractTemplate
from netvaerk.networks.meetings.models import WorkshopDesign
from netvaerk.networks.models import NetworkType

from . import services
from .models import Chapter, Page

# (slug, chapter, order, title, summary, body)
PAGES: list[tuple[str, Chapter, int, str, str, str]] = [
    (
        "strategi-for-netvaerksstrukturen",
        Chapter.STRATEGY,
        10,
        "Strategi for netværksstrukturen",
        "Hvorfor vi arbejder i netværk, og hvilke tre slags netværk vi har.",
        """\
## Hvorfor netværk?

Kommunen er organiseret i to direktørområder, der er afhængige af hinanden. Borgerne oplever
ikke vores organisationsdiagram – de oplever et forløb. Når opgaven går på tværs af områder,
centre og faggrupper, er det netværkene, der skal sikre, at ingen siloer står i vejen.

Netværksstrukturen giver mandat og legitimitet til at arbejde på tværs. Den skal sikre, at vi
bruger vores kompetencer koordineret, og at vi arbejder systematisk med netværk og evaluerer,
hvad de skaber.

## De tre typer netværk

- **Velfærdsnetværk** forbedrer konkrete, borgerrettede ydelser. De styrker helhedstænkning og
  den relationelle koordinering mellem dem, der arbejder med den samme borger.
- **Innovationsnetværk** tager afsæt i politiske visioner og kan have et udvalg efter § 17,
  stk. 4 som politisk overbygning. De arbejder åbent og afprøver nye løsninger.
- **Læringsnetværk** udvikler medarbejdere og lederes kompetencer gennem sparring,
  videndeling og refleksion over egen praksis.

## Ledelse i netværk

Ledere i netværk er *in charge, but not in control*: de sætter retning og rammer, men slipper
noget af styringen. Det kræver mod til at prøve noget nyt – og til at lære af det, der ikke
virker.

Se også [administrationsgrundlaget](/haandbog/administrationsgrundlag/).
""",
    ),
    (
        "administrationsgrundlag",
        Chapter.ADMINISTRATIVE_BASIS,
        10,
        "Administrationsgrundlag",
        "Roller, faser og porte, og hvordan timer til netværk godkendes.",
        """\
## Roller

- **Referenceleder**: chefen, der ejer netværkets opgave i basisorganisationen, godkender
  kontrakten og hjælper med at fjerne forhindringer.
- **Netværksleder** og **medkører**: driver netværket, indkalder, skriver kontrakt, testplan
  og evaluering.
- **Facilitator**: leder møder og workshops, så alle bidrager.
- **Kernedeltagere** er med hele vejen; **fasedeltagere** i en bestemt fase.
- **Netværkssekretariatet** støtter, holder håndbogen ved lige og følger hele porteføljen.

## Faser og porte

Et netværk går gennem faserne introduktion, opstart, design, afprøvning og forankring.
Hver overgang har en port:

1. Opstart kræver en kontrakt, som referencelederen har godkendt.
2. Design kræver, at opstartsworkshoppen er holdt.
3. Afprøvning kræver en testplan.
4. Forankring kræver et evalueringsresultat og en ejer i linjeorganisationen.

Et netværk kan lukkes fra enhver fase med en kort afslutning, der fortæller, hvad vi lærte.

## Timer

Hver deltager aftaler et antal timer om ugen med netværket. **Deltagerens egen leder
godkender timerne**, før de tæller med. Timerne dækkes af deltagerens egen enhed, medmindre
kontrakten siger andet.
""",
    ),
    (
        "faciliteringsvejledning",
        Chapter.FACILITATION_GUIDE,
        10,
        "Sådan holder I et netværksmøde",
        "Check-in, roller, beslutninger og referat – et møde, der flytter noget.",
        """\
## Før mødet

- Send dagsordenen senest en uge før. Skriv ved hvert punkt, om det er til orientering,
  drøftelse eller beslutning.
- Aftal, hvem der faciliterer, og hvem der tager referat. Det må gerne gå på skift.

## Under mødet

1. **Check-in** (5–10 minutter): hver deltager siger kort, hvad de kommer med i dag.
   Alle stemmer er i rummet fra start.
2. **Roller**: facilitatoren styrer tiden og processen, ikke indholdet. Referenten skriver
   beslutninger og aftaler ned – ikke hele samtalen.
3. **Drøftelser**: brug runder eller arbejde i par, når få taler meget. Spørg efter borgerens
   perspektiv: hvad betyder det for den, vi er her for?
4. **Beslutninger**: gentag beslutningen højt, før I går videre. Hvem gør hvad, til hvornår?
5. **Check-out**: hvad tager du med hjem til din enhed?

## Efter mødet

- Læg referatet i netværkets mødeside inden for to arbejdsdage.
- Skriv det, I har lært, i læringsloggen – også det, der ikke gik som planlagt.

> Et godt netværksmøde slutter med aftaler, som deltagerne kan nå før næste møde.
""",
    ),
    (
        "netvaerkskontrakten",
        Chapter.CONTRACT_TEMPLATES,
        0,
        "Netværkskontrakten",
        "Hvad kontrakten aftaler, og hvordan skabelonerne bruges.",
        """\
## Hvorfor en kontrakt?

Kontrakten er netværkets aftale med basisorganisationen. Den gør det tydeligt, hvad netværket
skal løse, hvem der deltager, og hvad det må koste i tid og penge.

## Sådan bruger I skabelonen

- Der er én skabelon for hver type netværk. Når et netværk opretter sin kontrakt, starter den
  med skabelonens tekst.
- Netværkslederen skriver netværkets eget formål og problem og tilpasser resten.
- Referencelederen godkender kontrakten. Ændres den senere, skal den godkendes igen.

## Gode råd

- Skriv succeskriterier, der kan måles før og efter.
- Afgræns opgaven: skriv også, hvad netværket ikke arbejder med.
- Aftal, hvem der ejer resultatet i linjen, når netværket slutter.
""",
    ),
    (
        "karrierevej-i-netvaerksstrukturen",
        Chapter.CAREER_PATH,
        10,
        "Karrierevej i netværksstrukturen",
        "Facilitator, netværksleder og innovatør – og uddannelsen, der hører til.",
        """\
## Netværk som udviklingsvej

At arbejde i netværk er en måde at udvikle sig fagligt og personligt på – uden at skifte job.
Erfaringerne samles i din portefølje på platformen: de netværk, du har deltaget i, din rolle,
perioden og dine timer.

## Rollerne

- **Deltager**: du bidrager med din faglighed og lærer, hvordan andre arbejder med den samme
  borger eller opgave.
- **Facilitator**: du leder møder og workshops. Du får et kort forløb i facilitering og
  sparring fra sekretariatet.
- **Netværksleder**: du driver et netværk fra kontrakt til forankring sammen med en medkører
  og din referenceleder.
- **Innovatør**: fem medarbejdere er i 2013 på en innovatøruddannelse sammen med KL og KTO.
  De løser en praksisnær opgave undervejs og bliver bagefter et korps, som netværkene kan
  trække på.

## Uddannelse

- Et diplomfag i netværksledelse i den offentlige opgaveløsning er planlagt til marts 2014.
- Sekretariatet holder løbende korte forløb i facilitering og evaluering.

Tal med din leder om, hvilken rolle der passer til dig – og skriv det ind i din
udviklingssamtale.
""",
    ),
    (
        "evalueringsvejledning",
        Chapter.EVALUATION_GUIDE,
        0,
        "Evalueringsvejledning",
        "Evalueringsplan, indikatorer, måling af relationel koordinering og læringslog.",
        """\
## Evalueringsplanen

Hvert netværk laver en evalueringsplan, når kontrakten er på plads. Planen starter fra
skabelonen for netværkets type og svarer på tre spørgsmål: Hvad ændrer sig for borgerne, for
netværket og for deltagerne?

## Indikatorer

- Vælg få indikatorer – hellere tre gode end ti, ingen når at måle.
- Hver indikator har en enhed, et udgangspunkt, et mål og en datakilde.
- Mål ved start, midtvejs, ved afslutning og gerne igen efter afprøvningen.

## Relationel koordinering

Velfærdsnetværk måler, hvordan faggrupperne arbejder sammen: fælles mål, fælles viden,
gensidig respekt og god kommunikation. Deltagerne svarer på et kort spørgeskema om de andre
grupper i netværket – ved start og efter afprøvningen.

**Anonymitet**: resultater vises kun for grupper med mindst fem svar. Ingen kan se, hvad den
enkelte har svaret.

## Læringslog

Skriv løbende korte noter om, hvad I har prøvet, hvad der virkede, og hvad I gør anderledes.
Noterne er grundlaget for netværkets afslutning og for sekretariatets statusrapport.

Se skabelonerne for de tre typer netværk i dette kapitel.
""",
    ),
    (
        "inddragelsesmetoder",
        Chapter.INVOLVEMENT_METHODS,
        10,
        "Inddragelsesmetoder",
        "Interviews, workshops, paneler og test – med borgere og øvrige perspektiver.",
        """\
## Hvorfor inddrage?

Netværkene skal løse opgaver, som borgerne mærker. Derfor skal borgere, pårørende,
foreninger, virksomheder og andre *øvrige perspektiver* med tidligt – ikke først, når
løsningen er færdig.

## Metoder

| Metode | Godt til | Tidsforbrug |
|---|---|---|
| Interview | at forstå et forløb set fra borgerens side | 1 time pr. interview |
| Workshop | at finde idéer sammen med borgere og fagfolk | 2–3 timer |
| Borgerpanel | at følge en løsning over tid | 3–4 møder om året |
| Test | at afprøve en prototype i lille skala | 2–6 uger |

## Sådan kommer I i gang

1. Skriv ned, hvem der berøres af opgaven – også dem, der ikke plejer at blive spurgt.
2. Vælg en metode, der passer til fasen: interviews i opstarten, workshops i design og test i
   afprøvningen.
3. Fortæl deltagerne, hvad I bruger deres input til, og vend tilbage med resultatet.
4. Registrér inddragelsen i netværkets log, så andre netværk kan lære af den.
""",
    ),
    (
        "opstartsworkshoppen",
        Chapter.WORKSHOP_DESIGNS,
        0,
        "Opstartsworkshoppen",
        "Hvorfor hvert netværk starter med en workshop, og hvordan designene bruges.",
        """\
## Formål

Opstartsworkshoppen er netværkets første møde. Deltagerne lærer hinanden at kende, bliver
enige om opgaven og aftaler, hvordan de arbejder sammen. Når workshoppen er holdt, kan
netværket gå videre til designfasen.

## Sådan bruger I designene

- Sekretariatet vedligeholder et par designs med en færdig dagsorden.
- Når netværket planlægger sin opstartsworkshop, vælger det et design. Workshoppen får
  designets dagsorden, som netværket derefter kan tilpasse.
- Inviter referencelederen til at åbne workshoppen og fortælle, hvorfor opgaven er vigtig.

## Tjekliste

- Lokale, forplejning og materialer er bestilt.
- Kontrakten er sendt ud på forhånd.
- En facilitator og en referent er udpeget.
""",
    ),
]

KIND_SLUGS = {
    NetworkType.WELFARE: "velfaerdsnetvaerk",
    NetworkType.INNOVATION: "innovationsnetvaerk",
    NetworkType.LEARNING: "laeringsnetvaerk",
}

CONTRACT_BODY = """\
## Hvornår bruges den?

Skabelonen er udgangspunktet for kontrakten i et {kind}. Nedenfor ses skabelonens tekst, som
den står nu. Netværket tilpasser teksten til sin egen opgave.

## Husk

- Formål og problem skrives af netværket selv.
- Referencelederen godkender kontrakten, før opstartsfasen begynder.
"""

EVALUATION_BODY = """\
## Hvornår bruges den?

Skabelonen er udgangspunktet for evalueringsplanen i et {kind}. Planen overtager formålet og
spørgsmålene, og de foreslåede indikatorer tilbydes, når netværket opretter sine indikatorer.

## Husk

- Vælg de indikatorer, der passer til jeres opgave, og tilføj egne.
- Aftal, hvornår I måler, og hvem der er ansvarlig.
"""

DESIGN_BODY = """\
## Hvornår bruges det?

Designet er en færdig dagsorden til en opstartsworkshop. Vælg det, når netværket planlægger sin
opstartsworkshop – så får workshoppen designets punkter, som I derefter kan tilpasse.

## Husk

- Send dagsordenen til deltagerne en uge før.
- Skriv referat og aftaler ind på mødesiden bagefter.
"""

KIND_NAMES = {
    NetworkType.WELFARE: "velfærdsnetværk",
    NetworkType.INNOVATION: "innovationsnetværk",
    NetworkType.LEARNING: "læringsnetværk",
}


def _slug(title: str) -> str:
    from django.utils.text import slugify

    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    return slugify(title.translate(table))


def _linked(template: Model, page: Page) -> None:
    services.template_link(template=template, page=page, by=None)


# The facilitation guide was first written without the check-out; a later revision added it,
# so the demo has a page with two versions to compare.
FIRST_DRAFT = {
    "faciliteringsvejledning": (
        "5. **Check-out**: hvad tager du med hjem til din enhed?\n",
        "> Et godt netværksmøde slutter med aftaler, som deltagerne kan nå før næste møde.\n",
    )
}


def _first_draft(slug: str, body: str) -> str:
    for line in FIRST_DRAFT.get(slug, ()):
        body = body.replace(line, "")
    return body.replace("\n\n\n", "\n\n").rstrip() + "\n"


def load() -> None:
    for slug, chapter, order, title, summary, body in PAGES:
        page = services.page_create(
            slug=slug,
            chapter=chapter,
            order=order,
            title=title,
            summary=summary,
            body=_first_draft(slug, body),
            by=None,
        )
        if slug in FIRST_DRAFT:
            services.page_update(
                page=page,
                version=page.version,
                body=body,
                reason="Check-out og et godt råd tilføjet",
                by=None,
            )
    contracts = {template.kind: template for template in ContractTemplate.objects.all()}
    evaluations = {template.kind: template for template in EvaluationTemplate.objects.all()}
    for order, kind in enumerate(NetworkType, start=10):
        if kind not in contracts:
            continue
        contract = contracts[kind]
        page = services.page_create(
            slug=f"kontraktskabelon-{KIND_SLUGS[kind]}",
            chapter=Chapter.CONTRACT_TEMPLATES,
            order=order,
            title=contract.title,
            summary=f"Skabelonen for kontrakten i et {KIND_NAMES[kind]}.",
            body=CONTRACT_BODY.format(kind=KIND_NAMES[kind]),
            by=None,
        )
        _linked(contract, page)
    for order, kind in enumerate(NetworkType, start=10):
        if kind not in evaluations:
            continue
        evaluation = evaluations[kind]
        page = services.page_create(
            slug=f"evalueringsskabelon-{KIND_SLUGS[kind]}",
            chapter=Chapter.EVALUATION_GUIDE,
            order=order,
            title=evaluation.title,
            summary=f"Skabelonen for evalueringsplanen i et {KIND_NAMES[kind]}.",
            body=EVALUATION_BODY.format(kind=KIND_NAMES[kind]),
            by=None,
        )
        _linked(evaluation, page)
    for order, design in enumerate(WorkshopDesign.objects.order_by("title"), start=10):
        page = services.page_create(
            slug=_slug(design.title),
            chapter=Chapter.WORKSHOP_DESIGNS,
            order=order,
            title=design.title,
            summary=design.description[:300],
            body=DESIGN_BODY,
            by=None,
        )
        _linked(design, page)
