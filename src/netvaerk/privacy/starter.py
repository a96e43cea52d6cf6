"""The privacy notice's starter text, in Danish: the municipality replaces the [placeholders].

Shown until the secretariat saves its own text, and loaded by the demo.
"""

STARTER_NOTICE = """\
## Hvem er dataansvarlig?

[Kommunens navn], [adresse], [CVR-nummer] er dataansvarlig for de personoplysninger, der
behandles på Netværksstedet. Netværkssekretariatet administrerer platformen på kommunens vegne.

Kommunens databeskyttelsesrådgiver (DPO) kan kontaktes på [e-mail til DPO] eller
[telefonnummer], hvis du har spørgsmål til, hvordan vi behandler dine oplysninger.

## Hvad bruger vi oplysningerne til?

Netværksstedet understøtter kommunens netværksstruktur på tværs af linjeorganisationen:
idéer og udvælgelse, netværk og deres kontrakter, møder, logbøger, evaluering og
kompetenceudvikling. Vi behandler oplysningerne for at kunne organisere, dokumentere og
evaluere netværkene.

## Hvilke oplysninger behandler vi?

- **Stamoplysninger** fra kommunens organisationsdata: navn, stilling, enhed, e-mail og om du
  er leder.
- **Din deltagelse**: de netværk, du deltager i, din rolle, perioden og de timer, din leder har
  godkendt.
- **Det, du selv skriver**: idéer, kommentarer, logbogsnotater, mødereferater og dokumenter.
- **Uddannelse og kurser** i din netværksportefølje.
- **Teknik og sikkerhed**: dit brugernavn, hvornår du sidst loggede ind, og en log over alle
  ændringer af data om dig (revisionsspor).
- **Notifikationer** om idéer, du følger.

Svar på spørgeskemaer og relationelle koordineringsmålinger gemmes **pseudonymt**: de kan
ikke føres tilbage til dig, og resultater vises kun for grupper med mindst fem svar.

Inviterede gæster (fx borgere og samarbejdspartnere) registreres med navn og e-mail.

## Retsgrundlag

Behandlingen sker for at udføre en opgave i samfundets interesse og som led i offentlig
myndighedsudøvelse, jf. databeskyttelsesforordningens **artikel 6, stk. 1, litra e**, og
[henvisning til kommunens hjemmel, fx kommunalfuldmagten og personalejuridiske regler].

## Hvor længe gemmer vi oplysningerne?

- Inviterede gæsters konti slettes, når de ikke har været brugt i
  [365] dage; navn og kontaktoplysninger fjernes, men bidragene bevares anonymt.
- Notifikationer slettes efter [180] dage.
- Når du fratræder, kan netværkssekretariatet anonymisere dig: navn og kontaktoplysninger
  fjernes, og dine bidrag vises herefter som "Tidligere medarbejder".
- Øvrige oplysninger opbevares efter [kommunens arkiv- og slettepolitik].

## Dine rettigheder

Du har ret til indsigt i de oplysninger, vi behandler om dig. Du kan selv hente dem under
**Min konto** som fil (JSON) og som læsbart dokument (PDF). Du har også ret til at få urigtige
oplysninger rettet, til i visse tilfælde at få oplysninger slettet eller behandlingen begrænset
og til at gøre indsigelse mod behandlingen.

Henvend dig til netværkssekretariatet på [e-mail] eller til kommunens databeskyttelsesrådgiver,
hvis du vil gøre brug af dine rettigheder.

## Klage

Du kan klage til Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, www.datatilsynet.dk.
"""
