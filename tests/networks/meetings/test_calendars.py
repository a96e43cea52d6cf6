"""The meeting's iCal file and each person's calendar feed."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from netvaerk.networks.meetings import services
from netvaerk.networks.meetings.models import CalendarFeed, Meeting
from netvaerk.organisation.models import Forum, ForumMeeting, Person

from .helpers import CAMPUS, ELDERLY, FAMILIES, PROCESS, PROJECT, kickoff, local, schedule, url

UTC = datetime.UTC


def _events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def _feed_path(client: Client) -> str:
    page = client.get(reverse("meetings:calendar"))
    assert page.status_code == 200
    return reverse("meetings:feed", args=[page.context["feed"].token])


def test_the_meeting_file_has_one_event_with_utc_times(client_as) -> None:
    meeting = kickoff(ELDERLY)  # 14 January 2014, 9:00 in Copenhagen (UTC+1)
    response = client_as("medarbejder").get(url("meetings:ics", meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert b"DTSTART:20140114T080000Z" in body
    assert b"DTEND:20140114T110000Z" in body  # the design's three hours
    (event,) = _events(body)
    assert str(event["UID"]) == str(meeting.uid)
    assert event["SEQUENCE"] == meeting.sequence
    assert event.decoded("DTSTART") == datetime.datetime(2014, 1, 14, 8, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime.datetime(2014, 1, 14, 11, tzinfo=UTC)
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["LOCATION"]) == "Hjemmeplejen Syd, mødelokalet"
    assert str(event["URL"]) == f"http://testserver{meeting.get_absolute_url()}"
    description = str(event["DESCRIPTION"])
    assert "1. Velkommen og formål: hvorfor er vi her? (15 min.)" in description
    assert "6. Næste skridt" in description


def test_summer_time_is_written_in_utc_too(client_as) -> None:
    meeting = Meeting.objects.get(network__title=CAMPUS, kind=Meeting.Kind.KICKOFF)
    body = client_as("konsulent").get(url("meetings:ics", meeting)).content
    assert b"DTSTART:20130815T070000Z" in body  # 9:00 in Copenhagen, UTC+2 in August


def test_a_change_raises_the_sequence_in_the_file(client_as) -> None:
    meeting = kickoff(ELDERLY)
    client = client_as("netvaerksleder")
    before = _events(client.get(url("meetings:ics", meeting)).content)[0]["SEQUENCE"]
    services.agenda_item_add(meeting=meeting, title="Frokost", by=None)
    (event,) = _events(client.get(url("meetings:ics", meeting)).content)
    assert event["SEQUENCE"] == before + 1
    assert "Frokost" in str(event["DESCRIPTION"])


def test_a_meeting_of_another_network_under_this_address_is_not_found(client_as) -> None:
    meeting = kickoff(ELDERLY)
    other = Meeting.objects.filter(network__title=CAMPUS).first()
    assert other is not None
    path = reverse("meetings:ics", args=[meeting.network_id, other.pk])
    assert client_as("konsulent").get(path).status_code == 404


def test_the_feed_has_exactly_the_meetings_of_the_persons_networks(client_as) -> None:
    # medarbejder takes part in ELDERLY only.
    mine = [schedule(ELDERLY, days=d, name=f"Ældremøde {d}") for d in (-30, 5, 60)]
    schedule(CAMPUS, days=5, name="Campusmøde")
    schedule(FAMILIES, days=6, name="Familiemøde")
    schedule(ELDERLY, days=-91, name="For gammelt møde")
    client = client_as("medarbejder")
    path = _feed_path(client)
    response = Client().get(path)  # no sign-in: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.content)
    assert sorted(str(e["UID"]) for e in events) == sorted(str(m.uid) for m in mine)
    assert str(events[0]["SUMMARY"]) == f"{ELDERLY}: Ældremøde -30"


def test_a_person_who_left_the_network_no_longer_gets_its_meetings(client_as) -> None:
    from netvaerk.networks.models import Participation

    schedule(ELDERLY, days=5, name="Ældremøde")
    client = client_as("medarbejder")
    path = _feed_path(client)
    assert len(_events(Client().get(path).content)) == 1
    Participation.objects.filter(person__user__username="medarbejder").update(
        left_on=datetime.date(2014, 1, 1)
    )
    assert _events(Client().get(path).content) == []


def test_the_feed_is_made_once_and_lists_several_networks(client_as) -> None:
    # konsulent facilitates PROCESS and leads PROJECT.
    ids = {schedule(title, days=4).uid for title in (PROCESS, PROJECT)}
    client = client_as("konsulent")
    path = _feed_path(client)
    assert _feed_path(client) == path
    assert CalendarFeed.objects.filter(person__user__username="konsulent").count() == 1
    events = _events(Client().get(path).content)
    network_uids = {e["UID"] for e in events if not str(e["UID"]).startswith("forum-meeting-")}
    assert network_uids == {str(i) for i in ids}


def test_a_new_address_makes_the_old_one_stop_working(client_as) -> None:
    client = client_as("leder")
    old = _feed_path(client)
    assert Client().get(old).status_code == 200
    response = client.post(reverse("meetings:calendar"))
    assert response.status_code == 302
    new = _feed_path(client)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_an_unknown_token_is_not_found(demo) -> None:
    assert Client().get(reverse("meetings:feed", args=["gaet-et-token"])).status_code == 404
    assert Client().get("/kalender/.ics").status_code == 404


def test_the_feed_stops_at_500_meetings(client_as) -> None:
    from netvaerk.networks.meetings import selectors

    elderly = Meeting.objects.get(pk=kickoff(ELDERLY).pk).network
    start = local(1)
    Meeting.objects.bulk_create(
        [
            Meeting(
                network=elderly,
                title=f"Møde {n}",
                starts_at=start + datetime.timedelta(hours=n),
                ends_at=start + datetime.timedelta(hours=n, minutes=30),
            )
            for n in range(selectors.FEED_LIMIT + 5)
        ]
    )
    events = _events(Client().get(_feed_path(client_as("medarbejder"))).content)
    assert len(events) == selectors.FEED_LIMIT
    assert str(events[0]["SUMMARY"]).endswith("Møde 0")


@pytest.mark.django_db
def test_one_person_cannot_renew_anothers_feed(demo) -> None:
    from django.core.exceptions import PermissionDenied

    from .helpers import user

    other = Person.objects.get(user__username="medarbejder")
    with pytest.raises(PermissionDenied):
        services.calendar_feed_renew(person=other, by=user("leder"))


# --- forum meetings ----------------------------------------------------------------------------


def _forum_meeting(slug: str, days: int, title: str) -> ForumMeeting:
    forum = Forum.objects.get(slug=slug)
    return ForumMeeting.objects.create(
        forum=forum, title=title, starts_at=local(days, 13), location="Rådhuset, lokale 2"
    )


def test_a_forum_meeting_has_its_own_file_with_the_ideas_on_its_agenda(client_as) -> None:
    from netvaerk.ideas.models import AgendaItem as IdeaAgendaItem
    from netvaerk.ideas.models import Idea

    meeting = _forum_meeting("chefforum", 10, "Udvælgelse af idéer")
    idea = Idea.objects.order_by("pk").first()
    assert idea is not None
    IdeaAgendaItem.objects.create(meeting=meeting, idea=idea, position=1)
    path = reverse("meetings:forum_ics", args=["chefforum", meeting.pk])
    page = client_as("chef").get(meeting.get_absolute_url())
    assert path in page.content.decode()  # the meeting page links to its file
    response = client_as("chef").get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = _events(response.content)
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "Udvælgelse af idéer"
    assert str(event["LOCATION"]) == "Rådhuset, lokale 2"
    assert f"1. {idea.title}" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver{meeting.get_absolute_url()}"


def test_a_forum_meeting_file_follows_the_meeting_pages_rules(client_as) -> None:
    meeting = _forum_meeting("chefforum", 10, "Chefforummøde")
    path = reverse("meetings:forum_ics", args=["chefforum", meeting.pk])
    assert client_as("borger").get(path).status_code == 403  # a guest sees no forum meetings
    assert Client().get(path).status_code == 302  # to the sign-in page
    wrong_forum = reverse("meetings:forum_ics", args=["direktorforum", meeting.pk])
    assert client_as("konsulent").get(wrong_forum).status_code == 404
    missing = reverse("meetings:forum_ics", args=["chefforum", meeting.pk + 1000])
    assert client_as("konsulent").get(missing).status_code == 404


def test_the_feed_has_the_meetings_of_the_forums_the_person_sits_in(client_as) -> None:
    # direktor chairs Chefforum and sits in Direktørforum; konsulent is Chefforum's secretary.
    chiefs = _forum_meeting("chefforum", 3, "Chefforum i december")
    directors = _forum_meeting("direktorforum", -10, "Direktørforum i november")
    _forum_meeting("chefforum", -100, "For gammelt forummøde")
    mine = {str(chiefs.pk), str(directors.pk)}
    events = _events(Client().get(_feed_path(client_as("direktor"))).content)
    forum_events = [e for e in events if str(e["UID"]).startswith("forum-meeting-")]
    assert {str(e["UID"]).split("-")[2].split("@")[0] for e in forum_events} >= mine
    summaries = [str(e["SUMMARY"]) for e in forum_events]
    assert "Chefforum: Chefforum i december" in summaries
    assert "Direktørforum: Direktørforum i november" in summaries
    assert not any("For gammelt" in s for s in summaries)
    starts = [e.decoded("DTSTART") for e in events]
    assert starts == sorted(starts)  # network and forum meetings in one time line

    konsulent = _events(Client().get(_feed_path(client_as("konsulent"))).content)
    konsulent_summaries = {str(e["SUMMARY"]) for e in konsulent}
    assert "Chefforum: Chefforum i december" in konsulent_summaries
    assert "Direktørforum: Direktørforum i november" not in konsulent_summaries

    medarbejder = _events(Client().get(_feed_path(client_as("medarbejder"))).content)
    assert not any(str(e["UID"]).startswith("forum-meeting-") for e in medarbejder)


def test_the_feed_asks_as_often_with_many_forum_meetings(client_as) -> None:
    from netvaerk.ideas.models import AgendaItem as IdeaAgendaItem
    from netvaerk.ideas.models import Idea

    path = _feed_path(client_as("direktor"))
    ideas = list(Idea.objects.order_by("pk")[:3])

    def grow(n: int) -> None:
        for i in range(n):
            meeting = _forum_meeting("chefforum", i + 1, f"Forummøde {i}")
            for position, idea in enumerate(ideas):
                IdeaAgendaItem.objects.create(meeting=meeting, idea=idea, position=position)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(path).status_code == 200
        return len(queries)

    grow(2)
    small = count()
    grow(40)
    assert count() == small


def test_a_person_who_has_left_gets_no_feed_at_all(client_as) -> None:
    _forum_meeting("chefforum", 3, "Chefforum i december")
    path = _feed_path(client_as("direktor"))
    assert Client().get(path).status_code == 200
    Person.objects.filter(user__username="direktor").update(is_active=False)
    assert Client().get(path).status_code == 404
    Person.objects.filter(user__username="direktor").update(is_active=True)
    from netvaerk.core.models import User

    User.objects.filter(username="direktor").update(is_active=False)
    assert Client().get(path).status_code == 404


def test_a_guest_in_a_forum_gets_no_forum_meetings_in_the_feed(client_as) -> None:
    from netvaerk.organisation.models import ForumMembership

    guest = Person.objects.get(user__username="borger")
    ForumMembership.objects.create(forum=Forum.objects.get(slug="chefforum"), person=guest)
    _forum_meeting("chefforum", 3, "Chefforum i december")
    events = _events(Client().get(_feed_path(client_as("borger"))).content)
    assert not any(str(e["UID"]).startswith("forum-meeting-") for e in events)
    # (The guest's network meetings are still there; the forum's page is closed to guests.)
