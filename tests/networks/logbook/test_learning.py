"""The learning log: notes newest first, marking for the status report, the filter, validation."""

from __future__ import annotations

import datetime

from django.urls import reverse

from netvaerk.networks.logbook import selectors, services
from netvaerk.networks.logbook.models import LearningNote

from .helpers import CAMPUS, ELDERLY, PROCESS, danish, network, note_post, person


def _url(title: str, name: str = "logbook:learning", *args: int) -> str:
    return reverse(name, args=[network(title).pk, *args])


def test_notes_are_newest_first_and_the_filter_keeps_marked_ones(client_as) -> None:
    client = client_as("politiker")  # on the committee above Campus: reads its log
    html = client.get(_url(CAMPUS)).content.decode()
    library = html.index("Biblioteket kan holde åbent")
    quote = html.index("Jeg vidste slet ikke")
    first_meeting = html.index("Vores første møde med gymnasiet")
    assert library < quote < first_meeting
    assert 'name="text"' not in html  # the politician reads, never writes

    marked = client.get(_url(CAMPUS) + "?markeret=1").content.decode()
    assert "Jeg vidste slet ikke" in marked and "Vores første møde" in marked
    assert "Biblioteket kan holde åbent" not in marked
    assert [n.text[:5] for n in selectors.notes_for_status_report(network(CAMPUS))] == [
        "Vores",
        "»Jeg ",
    ]


def test_a_participant_writes_a_note_and_marks_it(client_as) -> None:
    client = client_as("medarbejder")
    response = client.post(
        _url(ELDERLY), note_post(kind="quote", text="»Nu ved jeg, hvem jeg skal ringe til.«")
    )
    assert response.status_code == 302
    note = LearningNote.objects.get(text__startswith="»Nu ved jeg")
    assert note.author == person("medarbejder") and not note.for_status_report
    mark = _url(ELDERLY, "logbook:learning_mark", note.pk)
    assert client.post(mark, {"for_status_report": "on"}).status_code == 302
    note.refresh_from_db()
    assert note.for_status_report
    html = client.get(_url(ELDERLY) + "?markeret=1").content.decode()
    assert "Nu ved jeg, hvem jeg skal ringe til." in html


def test_the_network_leader_marks_a_participants_note_but_a_participant_cannot_mark_others(
    client_as,
) -> None:
    elderly = network(ELDERLY)
    leaders = services.learning_note_create(
        network=elderly, text="Lederens note", by=None, author=person("netvaerksleder")
    )
    participants = services.learning_note_create(
        network=elderly, text="Deltagerens note", by=None, author=person("medarbejder")
    )
    leader = client_as("netvaerksleder")
    mark = _url(ELDERLY, "logbook:learning_mark", participants.pk)
    assert leader.post(mark, {"for_status_report": "on"}).status_code == 302
    participants.refresh_from_db()
    assert participants.for_status_report
    # The leader may mark it but not rewrite it: that is the author's.
    edit = _url(ELDERLY, "logbook:learning_edit", participants.pk)
    assert leader.post(edit, note_post(version="2", text="Omskrevet")).status_code == 403

    other = _url(ELDERLY, "logbook:learning_mark", leaders.pk)
    assert client_as("medarbejder").post(other, {"for_status_report": "on"}).status_code == 403
    leaders.refresh_from_db()
    assert not leaders.for_status_report


def test_the_author_edits_their_note_and_validation_is_a_400_in_danish(client_as) -> None:
    note = LearningNote.objects.get(network__title=PROCESS, author__user__username="leder")
    url = _url(PROCESS, "logbook:learning_edit", note.pk)
    client = client_as("leder")
    assert client.get(url).status_code == 200
    response = client.post(url, note_post(version="1", text=""))
    assert response.status_code == 400
    assert "Dette felt er påkrævet." in response.content.decode()
    response = client.post(url, note_post(version="1", written_on="2099-01-01"))
    assert response.status_code == 400
    assert danish("The date cannot be in the future.") in response.content.decode()
    assert client.post(url, note_post(version="1", kind="poem")).status_code == 400
    note.refresh_from_db()
    assert note.version == 1

    response = client.post(url, note_post(version="1", text="Ny tekst", written_on="2013-10-23"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Ny tekst" and note.written_on == datetime.date(2013, 10, 23)
    assert client.post(url, note_post(version="1", text="Gammel")).status_code == 409


def test_the_guest_reads_the_learning_log_without_a_form(client_as) -> None:
    services.learning_note_create(
        network=network(ELDERLY), text="Note til gæsten", by=None, author=person("medarbejder")
    )
    html = client_as("borger").get(_url(ELDERLY)).content.decode()
    assert "Note til gæsten" in html
    assert 'name="text"' not in html and "/marker/" not in html and "/slet/" not in html
    assert client_as("borger").get(_url(CAMPUS)).status_code == 404


def test_hostile_text_in_a_note_is_escaped(client_as) -> None:
    client = client_as("netvaerksleder")
    assert client.post(_url(ELDERLY), note_post(text="<b onmouseover=x>hej</b>")).status_code == 302
    html = client.get(_url(ELDERLY)).content.decode()
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;hej&lt;/b&gt;" in html
    assert client.post(_url(ELDERLY), note_post(text="a\x00b")).status_code == 400
