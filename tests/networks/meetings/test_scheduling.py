"""Scheduling meetings, and the start-up workshop made from a workshop design."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from netvaerk.core.models import AuditEntry
from netvaerk.networks.meetings import services
from netvaerk.networks.meetings.models import Meeting

from .helpers import (
    CAMPUS,
    ELDERLY,
    FAMILIES,
    danish,
    design,
    form_time,
    kickoff,
    list_url,
    local,
    network,
    user,
)


def _post(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Netværksmøde om udskrivning",
        "starts_at": form_time(local(7, 9)),
        "ends_at": form_time(local(7, 11)),
        "location": "Rådhuset, lokale 2",
        "design": "",
    }
    data.update(overrides)
    return data


def test_the_leader_schedules_a_meeting_and_finds_it_under_upcoming(client_as) -> None:
    elderly = network(ELDERLY)
    client = client_as("netvaerksleder")
    response = client.post(list_url(elderly), _post())
    meeting = Meeting.objects.get(title="Netværksmøde om udskrivning")
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.kind == Meeting.Kind.MEETING
    assert meeting.starts_at == local(7, 9)
    assert meeting.ends_at == local(7, 11)
    assert meeting.location == "Rådhuset, lokale 2"
    page = client.get(list_url(elderly)).content.decode()
    upcoming, _sep, past = page.partition(danish("Past meetings"))
    assert "Netværksmøde om udskrivning" in upcoming
    assert "Opstartsworkshop: sammenhængende forløb for ældre" in past  # January 2014
    assert AuditEntry.objects.filter(action="meetings.meeting.schedule", object_id=str(meeting.pk))


def test_upcoming_meetings_come_first_and_the_next_one_leads(client_as) -> None:
    for days, name in ((30, "Senere møde"), (3, "Næste møde")):
        services.meeting_schedule(
            network=network(CAMPUS),
            title=name,
            starts_at=local(days),
            ends_at=local(days, 12),
            by=None,
        )
    page = client_as("konsulent").get(list_url(network(CAMPUS))).content.decode()
    order = [page.index(text) for text in ("Næste møde", "Senere møde", "Netværksmøde: erfaringer")]
    assert order == sorted(order)
    # The past: the latest first (December before September).
    assert page.index("erfaringer og plan for 2014") < page.index("kortlægning af samarbejds")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_at": form_time(local(7, 8))},
            "ends_at",
            "The meeting must end after it starts.",
        ),
        (
            {"ends_at": form_time(local(7, 9))},
            "ends_at",
            "The meeting must end after it starts.",
        ),
        ({"ends_at": ""}, "ends_at", "Say when the meeting ends."),
        ({"starts_at": "i morgen"}, "starts_at", "Enter a valid date/time."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_input_shows_the_form_again_with_errors_and_keeps_the_text(
    client_as, overrides, field, message
) -> None:
    before = Meeting.objects.count()
    response = client_as("netvaerksleder").post(list_url(network(ELDERLY)), _post(**overrides))
    assert response.status_code == 400
    assert Meeting.objects.count() == before
    html = response.content.decode()
    assert danish(message) in html
    assert response.context["form"].errors[field]
    assert "Rådhuset, lokale 2" in html  # nothing typed is lost


def test_service_refuses_end_before_start_and_people_who_may_not(demo) -> None:
    with pytest.raises(ValidationError):
        services.meeting_schedule(
            network=network(ELDERLY),
            title="Baglæns",
            starts_at=local(5, 12),
            ends_at=local(5, 10),
            by=None,
        )
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(
            network=network(ELDERLY),
            title="Ikke mit netværk",
            starts_at=local(5, 10),
            ends_at=local(5, 12),
            by=user("medarbejder"),  # a participant, but does not run the network
        )
    assert not Meeting.objects.filter(title__in=["Baglæns", "Ikke mit netværk"]).exists()


def test_a_network_without_a_start_up_workshop_is_offered_one_from_a_design(client_as) -> None:
    families = network(FAMILIES)
    client = client_as("konsulent")
    page = client.get(list_url(families))
    assert "design" in page.context["form"].fields
    startup = design()
    response = client.post(
        list_url(families),
        _post(title="Opstartsworkshop for familienetværket", design=str(startup.pk), ends_at=""),
    )
    assert response.status_code == 302
    workshop = Meeting.objects.get(network=families)
    assert workshop.kind == Meeting.Kind.KICKOFF
    assert workshop.design == startup
    # Without an end, the workshop lasts as long as the design says.
    assert workshop.ends_at - workshop.starts_at == datetime.timedelta(minutes=180)
    copied = [(i.duration_minutes, i.title) for i in workshop.agenda.order_by("position")]
    assert copied == services.parse_agenda(startup.agenda)
    assert copied[0] == (15, "Velkommen og formål: hvorfor er vi her?")
    assert [i.position for i in workshop.agenda.order_by("position")] == list(
        range(1, len(copied) + 1)
    )
    detail = client.get(workshop.get_absolute_url()).content.decode()
    assert "Velkommen og formål: hvorfor er vi her?" in detail
    # Now the network has its workshop: the form no longer offers one.
    assert "design" not in client.get(list_url(families)).context["form"].fields


def test_changing_the_design_later_does_not_change_the_workshop(client_as) -> None:
    workshop = kickoff(ELDERLY)
    before = list(workshop.agenda.values_list("title", flat=True))
    services.design_update(design=design(), agenda="10 | Helt nyt punkt", by=None)
    assert list(workshop.agenda.values_list("title", flat=True)) == before


def test_a_second_start_up_workshop_is_refused(client_as) -> None:
    elderly = network(ELDERLY)
    response = client_as("netvaerksleder").post(list_url(elderly), _post(design=str(design().pk)))
    # The form has no design field once there is a workshop; the service refuses it too.
    assert Meeting.objects.filter(network=elderly, kind=Meeting.Kind.KICKOFF).count() == 1
    assert response.status_code == 302  # scheduled as an ordinary meeting
    with pytest.raises(ValidationError):
        services.meeting_schedule(
            network=elderly,
            title="Endnu en opstart",
            starts_at=local(3),
            design=design(),
            by=None,
        )
    assert Meeting.objects.filter(network=elderly, kind=Meeting.Kind.KICKOFF).count() == 1


def test_the_start_up_workshop_opens_the_design_phase_gate(demo) -> None:
    from netvaerk.networks import phases

    families = network(FAMILIES)
    check = next(g for g in phases.GATES if g.source == "opstart").check
    assert not check(families)
    services.meeting_schedule(
        network=families, title="Opstart", starts_at=local(-1), design=design(), by=None
    )
    assert check(families)


def test_the_demo_has_the_meetings_the_story_tells(demo) -> None:
    campus = Meeting.objects.filter(network__title=CAMPUS).order_by("starts_at")
    assert campus[0].kind == Meeting.Kind.KICKOFF
    assert campus[0].starts_at.date() == datetime.date(2013, 8, 15)
    assert [m.starts_at.month for m in campus] == [8, 9, 10, 11, 12]
    assert all(m.minutes and m.agenda.exists() for m in campus)
    elderly = kickoff(ELDERLY)
    assert elderly.starts_at.date() == datetime.date(2014, 1, 14)
    assert elderly.minutes == ""
    assert elderly.agenda.count() == 6
    for title in ("Læringsnetværk om procesledelse", "Læringsnetværk om projektledelse"):
        meetings = Meeting.objects.filter(network__title=title)
        assert meetings.filter(kind=Meeting.Kind.KICKOFF).count() == 1
        assert meetings.count() == 3
        assert all(m.starts_at.year == 2013 and m.starts_at.month >= 9 for m in meetings)
