"""The neutral wording of the seven items, written for this project, and the default instrument.

The wording is our own plain-language paraphrase of the seven dimensions of relational
coordination (Gittell); it is not the licensed Relational Coordination Survey wording, which an
organisation that holds a licence can import (`services.instrument_import`). `{group}` is
replaced by the name of the group being rated.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Instrument


@dataclass(frozen=True)
class ItemText:
    dimension: int
    language: str
    text: str
    low_label: str
    high_label: str


NEUTRAL_NAME = "Netværksstedet, neutral formulering"
NEUTRAL_SOURCE = "Skrevet til Netværksstedet. Fri brug; ikke den licenserede RC-formulering."

# (dimension, Danish text, low, high, English text, low, high)
_NEUTRAL: list[tuple[int, str, str, str, str, str, str]] = [
    (
        1,
        "Hvor tit er du i kontakt med {group} om de opgaver, I har sammen?",
        "Sjældent",
        "Meget tit",
        "How often are you in touch with {group} about the tasks you share?",
        "Rarely",
        "Very often",
    ),
    (
        2,
        "Når du har brug for at vide noget fra {group}, hører du det så i god tid?",
        "Sjældent i tide",
        "Altid i tide",
        "When you need to know something from {group}, do you hear it in good time?",
        "Rarely in time",
        "Always in time",
    ),
    (
        3,
        "Kan du stole på, at det, {group} fortæller dig, er rigtigt?",
        "Sjældent",
        "Altid",
        "Can you rely on what {group} tells you being right?",
        "Rarely",
        "Always",
    ),
    (
        4,
        "Når noget går galt mellem jer og {group}, finder I så en løsning sammen?",
        "Vi leder efter en skyldig",
        "Vi løser det sammen",
        "When something goes wrong between you and {group}, do you find a solution together?",
        "We look for someone to blame",
        "We solve it together",
    ),
    (
        5,
        "Arbejder {group} hen imod det samme som dig i netværket?",
        "Slet ikke",
        "Helt og holdent",
        "Is {group} working towards the same things as you in the network?",
        "Not at all",
        "Completely",
    ),
    (
        6,
        "Ved {group}, hvad du bidrager med, og hvorfor det betyder noget?",
        "Næsten intet",
        "Rigtig godt",
        "Does {group} know what you contribute and why it matters?",
        "Hardly anything",
        "Very well",
    ),
    (
        7,
        "Oplever du, at {group} har respekt for det arbejde, du laver?",
        "Slet ikke",
        "I høj grad",
        "Do you feel that {group} respects the work you do?",
        "Not at all",
        "Very much",
    ),
]

NEUTRAL_ITEMS: list[ItemText] = [
    item
    for dimension, da, da_low, da_high, en, en_low, en_high in _NEUTRAL
    for item in (
        ItemText(dimension, "da", da, da_low, da_high),
        ItemText(dimension, "en", en, en_low, en_high),
    )
]


def ensure_default_instrument() -> Instrument:
    """The neutral instrument, created the first time (as the default when there is none).

    Idempotent: a second call returns the same instrument and changes nothing.
    """
    existing = Instrument.objects.filter(name=NEUTRAL_NAME).first()
    if existing is not None:
        return existing
    from .services import instrument_import

    return instrument_import(
        name=NEUTRAL_NAME,
        source=NEUTRAL_SOURCE,
        items=NEUTRAL_ITEMS,
        make_default=not Instrument.objects.filter(is_default=True).exists(),
        by=None,
    )
