"""Editing a meeting's agenda and minutes: every change raises the meeting's sequence."""

from __future__ import annotations

from netvaerk.core.models import AuditEntry
from netvaerk.networks.meetings.models import AgendaItem, Meeting

from .helpers import ELDERLY, danish, form_time, kickoff, local, url


def _titles(meeting: Meeting) -> list[str]:
    return list(meeting.agenda.order_by("position", "pk").values_list("title", flat=True))


def _sequence(meeting: Meeting) -> int:
    meeting.refresh_from_db()
    return meeting.sequence


def test_the_leader_adds_an_item_at_the_end(client_as) -> None:
    meeting = kickoff(ELDERLY)
    before = _sequence(meeting)
    response = client_as("netvaerksleder").post(
        url("meetings:item_add", meeting),
        {"nyt-title": "Frokost", "nyt-duration_minutes": "30", "nyt-notes": "Sandwich"},
    )
    assert response.status_code == 302
    assert _titles(meeting)[-1] == "Frokost"
    item = meeting.agenda.get(title="Frokost")
    assert (item.duration_minutes, item.notes) == (30, "Sandwich")
    assert _sequence(meeting) == before + 1
    page = client_as("medarbejder").get(meeting.get_absolute_url()).content.decode()
    assert "Frokost" in page


def test_an_item_without_a_title_or_with_odd_minutes_is_refused(client_as) -> None:
    meeting = kickoff(ELDERLY)
    before = _titles(meeting)
    client = client_as("netvaerksleder")
    response = client.post(
        url("meetings:item_add", meeting),
        {"nyt-title": "", "nyt-duration_minutes": "20", "nyt-notes": "Noter, der ikke må tabes"},
    )
    assert response.status_code == 400
    assert "Noter, der ikke må tabes" in response.content.decode()
    response = client.post(
        url("meetings:item_add", meeting), {"nyt-title": "Punkt", "nyt-duration_minutes": "-5"}
    )
    assert response.status_code == 400
    assert _titles(meeting) == before


def test_the_leader_edits_an_item(client_as) -> None:
    meeting = kickoff(ELDERLY)
    item = meeting.agenda.order_by("position").first()
    assert item is not None
    response = client_as("chef").post(  # the sponsor
        url("meetings:item_edit", meeting, item.pk),
        {
            f"punkt{item.pk}-title": "Velkommen ved referencelederen",
            f"punkt{item.pk}-duration_minutes": "",
            f"punkt{item.pk}-notes": "Karin byder velkommen",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.notes) == (
        "Velkommen ved referencelederen",
        None,
        "Karin byder velkommen",
    )
    assert AuditEntry.objects.filter(action="meetings.agenda_item.update").exists()


def test_a_failed_item_edit_keeps_the_text_and_opens_that_item(client_as) -> None:
    meeting = kickoff(ELDERLY)
    item = meeting.agenda.order_by("position").first()
    assert item is not None
    response = client_as("netvaerksleder").post(
        url("meetings:item_edit", meeting, item.pk),
        {f"punkt{item.pk}-title": "", f"punkt{item.pk}-notes": "Min tekst"},
    )
    assert response.status_code == 400
    assert "Min tekst" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Velkommen og formål: hvorfor er vi her?"


def test_items_move_up_and_down_and_stop_at_the_ends(client_as) -> None:
    meeting = kickoff(ELDERLY)
    first, second, *_rest = meeting.agenda.order_by("position")
    client = client_as("netvaerksleder")
    original = _titles(meeting)
    assert (
        client.post(url("meetings:item_move", meeting, second.pk), {"direction": "up"}).status_code
        == 302
    )
    assert _titles(meeting)[:2] == [second.title, first.title]
    assert _titles(meeting)[2:] == original[2:]
    seq = _sequence(meeting)
    # Already first: nothing moves, and the calendars need not hear about it.
    client.post(url("meetings:item_move", meeting, second.pk), {"direction": "up"})
    assert _titles(meeting)[:2] == [second.title, first.title]
    assert _sequence(meeting) == seq
    client.post(url("meetings:item_move", meeting, second.pk), {"direction": "down"})
    assert _titles(meeting) == original
    assert (
        client.post(
            url("meetings:item_move", meeting, second.pk), {"direction": "sideways"}
        ).status_code
        == 400
    )


def test_the_leader_removes_an_item(client_as) -> None:
    meeting = kickoff(ELDERLY)
    item = meeting.agenda.get(title="Pause")
    response = client_as("netvaerksleder").post(url("meetings:item_remove", meeting, item.pk))
    assert response.status_code == 302
    assert "Pause" not in _titles(meeting)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_item_of_another_meeting_is_not_found(client_as) -> None:
    meeting = kickoff(ELDERLY)
    other = AgendaItem.objects.exclude(meeting=meeting).first()
    assert other is not None
    response = client_as("konsulent").post(url("meetings:item_remove", meeting, other.pk))
    assert response.status_code == 404
    assert AgendaItem.objects.filter(pk=other.pk).exists()


def test_the_leader_writes_the_minutes_and_everyone_who_sees_the_network_reads_them(
    client_as,
) -> None:
    meeting = kickoff(ELDERLY)
    seq = _sequence(meeting)
    response = client_as("netvaerksleder").post(
        url("meetings:minutes", meeting),
        {"referat-minutes": "Vi aftalte en fælles tjekliste.", "referat-sequence": str(seq)},
    )
    assert response.status_code == 302
    assert _sequence(meeting) == seq + 1
    meeting.refresh_from_db()
    assert meeting.minutes == "Vi aftalte en fælles tjekliste."
    page = client_as("borger").get(meeting.get_absolute_url()).content.decode()
    assert "Vi aftalte en fælles tjekliste." in page
    assert 'name="referat-minutes"' not in page  # the guest only reads


def test_two_people_writing_minutes_at_once_the_second_is_told_and_loses_nothing(
    client_as,
) -> None:
    meeting = kickoff(ELDERLY)
    seq = _sequence(meeting)
    first = client_as("netvaerksleder").post(
        url("meetings:minutes", meeting),
        {"referat-minutes": "Lars' referat", "referat-sequence": str(seq)},
    )
    assert first.status_code == 302
    second = client_as("chef").post(
        url("meetings:minutes", meeting),
        {"referat-minutes": "Karins referat", "referat-sequence": str(seq)},
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Karins referat" in html  # what she typed
    assert "Lars&#x27; referat" in html  # what is saved now
    meeting.refresh_from_db()
    assert meeting.minutes == "Lars' referat"
    # Saving again from the conflict page replaces the minutes.
    again = client_as("chef").post(
        url("meetings:minutes", meeting),
        {"referat-minutes": "Karins referat", "referat-sequence": str(meeting.sequence)},
    )
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Karins referat"


def test_moving_the_meeting_bumps_the_sequence_and_validates_the_times(client_as) -> None:
    meeting = kickoff(ELDERLY)
    seq = _sequence(meeting)
    client = client_as("netvaerksleder")
    data = {
        "moede-title": meeting.title,
        "moede-starts_at": form_time(local(20, 9)),
        "moede-ends_at": form_time(local(20, 8)),
        "moede-location": "Nyt sted",
        "moede-sequence": str(seq),
    }
    bad = client.post(url("meetings:edit", meeting), data)
    assert bad.status_code == 400
    assert danish("The meeting must end after it starts.") in bad.content.decode()
    assert _sequence(meeting) == seq
    data["moede-ends_at"] = form_time(local(20, 12))
    assert client.post(url("meetings:edit", meeting), data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.location) == (
        local(20, 9),
        local(20, 12),
        "Nyt sted",
    )
    assert meeting.sequence == seq + 1
    stale = client.post(url("meetings:edit", meeting), {**data, "moede-location": "Tredje sted"})
    assert stale.status_code == 409
    meeting.refresh_from_db()
    assert meeting.location == "Nyt sted"


def test_the_agenda_is_capped(client_as) -> None:
    from netvaerk.networks.meetings import services

    meeting = kickoff(ELDERLY)
    for n in range(services.MAX_AGENDA_ITEMS - meeting.agenda.count()):
        services.agenda_item_add(meeting=meeting, title=f"Punkt {n}", by=None)
    response = client_as("netvaerksleder").post(
        url("meetings:item_add", meeting), {"nyt-title": "Et punkt for meget"}
    )
    assert response.status_code == 400
    assert meeting.agenda.count() == services.MAX_AGENDA_ITEMS
