"""Input meant to break things is stored as given, shown as text, and written safely to iCal."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from icalendar import Calendar

from netvaerk.networks.meetings.models import Meeting, WorkshopDesign

from .helpers import ELDERLY, form_time, list_url, local, network, url

SCRIPT = '<script>alert("x")</script> & <b>fed</b>'
ICAL_BREAK = "Møde\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:falsk; komma, kolon: \\ slut"
SQL = "'; DROP TABLE meetings_meeting; --"
ODD = "\u202eevil\u202c 👩\u200d👩\u200d👧 🦄 e\u0301\u0301 ÆØÅ æøå"


def _hostile(client: Client) -> Meeting:
    response = client.post(
        list_url(network(ELDERLY)),
        {
            "title": SCRIPT,
            "starts_at": form_time(local(3, 9)),
            "ends_at": form_time(local(3, 10)),
            "location": ICAL_BREAK[:200],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title=SCRIPT)
    response = client.post(
        url("meetings:item_add", meeting), {"nyt-title": ICAL_BREAK, "nyt-notes": SQL}
    )
    assert response.status_code == 302
    response = client.post(
        url("meetings:minutes", meeting),
        {"referat-minutes": f"{SCRIPT}\n{ODD}", "referat-sequence": "1"},
    )
    assert response.status_code == 302
    return meeting


def test_hostile_text_is_stored_as_given_and_shown_escaped(client_as) -> None:
    client = client_as("netvaerksleder")
    meeting = _hostile(client)
    meeting.refresh_from_db()
    assert meeting.location == ICAL_BREAK[:200]
    assert meeting.agenda.get().title == ICAL_BREAK
    assert meeting.agenda.get().notes == SQL
    for path in (meeting.get_absolute_url(), list_url(meeting)):
        html = client_as("medarbejder").get(path).content.decode()
        assert "<script>alert" not in html
        assert escape(SCRIPT) in html
    detail = client_as("medarbejder").get(meeting.get_absolute_url()).content.decode()
    assert escape(SQL) in detail
    assert ODD in detail
    assert Meeting.objects.filter(network__title=ELDERLY).count() > 1  # the table is there


def test_hostile_text_cannot_break_the_calendar_file(client_as) -> None:
    client = client_as("netvaerksleder")
    meeting = _hostile(client)
    body = client.get(url("meetings:ics", meeting)).content
    calendar = Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == SCRIPT
    # iCal keeps the text; its line breaks come back as plain newlines.
    assert str(event["LOCATION"]) == ICAL_BREAK[:200].replace("\r\n", "\n")
    assert ICAL_BREAK.replace("\r\n", "\n") in str(event["DESCRIPTION"])
    # The text stays inside its property: one line opens an event.
    assert body.split(b"\r\n").count(b"BEGIN:VEVENT") == 1
    feed = client.get(reverse("meetings:calendar")).context["feed"]
    feed_body = Client().get(reverse("meetings:feed", args=[feed.token])).content
    lines = feed_body.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == len(Calendar.from_ical(feed_body).walk("VEVENT")) == 1


def test_a_design_agenda_with_bad_lines_is_refused_with_the_line_number(client_as) -> None:
    client = client_as("konsulent")
    data = {
        "title": SCRIPT,
        "description": SQL,
        "duration_minutes": "120",
        "agenda": "20 | Velkommen\nti | Forkert\n",
    }
    response = client.post(reverse("meetings:design_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Line 2" in html or "Linje 2" in html
    assert "ti | Forkert" in html  # nothing typed is lost
    assert not WorkshopDesign.objects.filter(title=SCRIPT).exists()
    for agenda in ("0 | Nul minutter", "20 |", "20 | " + "x" * 301, "\n".join(["5 | P"] * 51)):
        response = client.post(reverse("meetings:design_create"), {**data, "agenda": agenda})
        assert response.status_code == 400, agenda[:30]
    data["agenda"] = f"20 | {SCRIPT}\nUden minutter\n\n 15 |  {ODD} "
    assert client.post(reverse("meetings:design_create"), data).status_code == 302
    design = WorkshopDesign.objects.get(title=SCRIPT)
    listing = client.get(reverse("meetings:designs")).content.decode()
    assert escape(SCRIPT) in listing and "<script>alert" not in listing
    from netvaerk.networks.meetings.services import parse_agenda

    assert parse_agenda(design.agenda) == [(20, SCRIPT), (None, "Uden minutter"), (15, ODD)]
