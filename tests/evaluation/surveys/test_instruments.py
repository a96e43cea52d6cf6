"""The instruments: the neutral wording, the CSV import (page and command), the default."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.evaluation.surveys.instrument import (
    NEUTRAL_ITEMS,
    NEUTRAL_NAME,
    ensure_default_instrument,
)
from netvaerk.evaluation.surveys.models import Instrument, InstrumentItem

URL = "/evaluering/instrumenter/"


def _csv(
    languages: tuple[str, ...] = ("da", "en"),
    *,
    skip: tuple[str, int] | None = None,
    text: str = "Hvor godt arbejder du sammen med {group}?",
    delimiter: str = ";",
    bom: bool = True,
) -> bytes:
    lines = [delimiter.join(["dimension", "language", "text", "low_label", "high_label"])]
    for language in languages:
        for dimension in range(1, 8):
            if skip == (language, dimension):
                continue
            lines.append(delimiter.join([str(dimension), language, text, "Lidt", "Meget"]))
    return (("\ufeff" if bom else "") + "\n".join(lines) + "\n").encode()


def _post(client, data: bytes, name: str = "Licenseret RC") -> object:
    return client.post(
        URL,
        {
            "name": name,
            "source": "Licens 2013",
            "file": SimpleUploadedFile("items.csv", data, content_type="text/csv"),
        },
    )


def test_the_neutral_instrument_is_the_default_and_complete(demo) -> None:
    assert reverse("surveys:instruments") == URL
    instrument = ensure_default_instrument()
    assert instrument.name == NEUTRAL_NAME
    assert instrument.is_default
    assert ensure_default_instrument() == instrument  # idempotent
    assert Instrument.objects.filter(name=NEUTRAL_NAME).count() == 1
    for language in ("da", "en"):
        items = InstrumentItem.objects.filter(instrument=instrument, language=language)
        assert sorted(items.values_list("dimension", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
        assert all("{group}" in item.text for item in items)
    assert len(NEUTRAL_ITEMS) == 14


def test_a_good_file_is_imported(client_as) -> None:
    before = Instrument.objects.count()
    response = _post(client_as("konsulent"), _csv())
    assert response.status_code == 302
    instrument = Instrument.objects.get(name="Licenseret RC")
    assert instrument.items.count() == 14
    assert instrument.source == "Licens 2013"
    assert not instrument.is_default
    assert Instrument.objects.count() == before + 1
    assert AuditEntry.objects.filter(action="surveys.instrument.import").exists()
    page = client_as("konsulent").get(URL).content.decode()
    assert "Licenseret RC" in page
    assert "Hvor godt arbejder du sammen med {group}?" in page


def test_comma_separated_without_bom_works_too(client_as) -> None:
    response = _post(
        client_as("direktor"), _csv(("en",), delimiter=",", bom=False, text="X {group}")
    )
    assert response.status_code == 302
    assert Instrument.objects.get(name="Licenseret RC").items.count() == 7


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_csv(skip=("en", 4)), "en"),
        (_csv(text="Hvor godt arbejder I sammen?"), "Række 2"),
        (_csv(text=""), "Række 2"),
        (
            "dimension;language;text;low_label;high_label\n1;da;Æble {group};lav;høj\n".encode(
                "latin-1"
            ),
            "UTF-8",
        ),
        (b"foo;bar\n1;2\n", "Række 1"),
        (_csv().replace(b"\n3;", b"\nx;"), "Række 4"),
    ],
    ids=["missing-dimension", "missing-placeholder", "empty-text", "encoding", "columns", "number"],
)
def test_a_bad_file_is_400_with_row_numbers_and_nothing_is_saved(client_as, data, expected) -> None:
    before = (
        Instrument.objects.count(),
        InstrumentItem.objects.count(),
        AuditEntry.objects.count(),
    )
    response = _post(client_as("konsulent"), data)
    assert response.status_code == 400
    assert expected in response.content.decode()
    after = (Instrument.objects.count(), InstrumentItem.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_a_duplicate_name_is_400(client_as) -> None:
    response = _post(client_as("konsulent"), _csv(), name=NEUTRAL_NAME)
    assert response.status_code == 400


def test_set_default(client_as) -> None:
    _post(client_as("konsulent"), _csv())
    imported = Instrument.objects.get(name="Licenseret RC")
    response = client_as("konsulent").post(
        reverse("surveys:instrument_default", args=[imported.pk])
    )
    assert response.status_code == 302
    assert list(Instrument.objects.filter(is_default=True)) == [imported]
    assert AuditEntry.objects.filter(action="surveys.instrument.set_default").exists()


def test_the_command_imports_and_refuses_a_bad_file(demo, tmp_path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(_csv())
    call_command("import_tie_items", str(good), name="Fra kommando", source="Licens", default=True)
    instrument = Instrument.objects.get(name="Fra kommando")
    assert instrument.is_default and instrument.items.count() == 14
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(skip=("da", 7)))
    with pytest.raises(CommandError):
        call_command("import_tie_items", str(bad), name="Dårlig")
    assert not Instrument.objects.filter(name="Dårlig").exists()
