"""This app's part of the first-run demo: the narrative of the 2013 status report.

The figures of the report (the networks, the ideas, the secretariat, the innovators) come from
the other apps' demos; only the text around them is written here, in the secretariat's words.
"""

from __future__ import annotations

import datetime

from . import services

BACKGROUND_2013 = """\
Kommunalbestyrelsen godkendte den 12. februar 2013 en ny administrativ organisering bygget på \
dialog, netværk og faglighed. Forvaltningerne blev afløst af to direktørområder, og det blev et \
princip, at ingen siloer må bestå. En netværksstruktur ved siden af basisorganisationen skal \
sikre, at kommunen bruger sine kompetencer på tværs og i takt med tiden.

I maj 2013 gik en nyudpeget netværksdirektør og to netværkskonsulenter på deltid i gang med at \
gøre beslutningen til praksis. Arbejdet er foregået i faser: forberedelse, strategi og \
administrationsgrundlag, bevidsthed i organisationen og igangsætning af de første netværk. \
Rapporten nedenfor viser, hvor strukturen står ved udgangen af 2013."""

INTRO_NETWORKS_2013 = """\
Netværkene sættes i gang trinvis, så organisationen kan vænne sig til arbejdsformen og afsætte \
ressourcer. Innovationsnetværkene afventer den nye kommunalbestyrelse, fordi de skal have en \
politisk overbygning (§17, stk. 4-udvalg)."""

INTRO_STAFFING_2013 = """\
Sammen med KL og KTO er fem medarbejdere fra forskellige dele af organisationen sendt på \
innovatøruddannelse. De skal efter uddannelsen være et fast korps i netværksstrukturen."""

NEXT_STEPS_2013 = """\
Sekretariatet er i 2013 bemandet med én netværksdirektør på fuld tid og to netværkskonsulenter \
på 9 og 15 timer om ugen; fra 1. december er der også en administrativ medarbejder på 20 timer. \
Det sætter rammen for tempoet i 2014, hvor vi især vil:

- samle strategi, administrationsgrundlag, facilitering, kontraktskabeloner, karrierevej og \
evaluering i en digital netværkshåndbog
- udvikle en fast opstartsworkshop til nye netværk
- støtte de fem innovatører i deres praksisforløb
- afprøve og beskrive metoder til at inddrage interessenter og borgere
- tage en drøftelse af incitamenter for at deltage i netværk
- gennemføre diplommodulet i netværksledelse i den offentlige opgaveløsning i marts 2014
- lægge en evalueringspraksis, så netværkene hele tiden lærer og forbedrer effekten
- inddrage det politiske niveau
- sikre forankringen, før netværksdirektørens ansættelse slutter 1. oktober 2014"""


def load() -> None:
    services.status_report_save(
        starts_on=datetime.date(2013, 1, 1),
        ends_on=datetime.date(2013, 12, 31),
        version=0,
        background=BACKGROUND_2013,
        intro_networks=INTRO_NETWORKS_2013,
        intro_staffing=INTRO_STAFFING_2013,
        next_steps=NEXT_STEPS_2013,
        by=None,
    )
