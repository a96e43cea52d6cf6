"""Launching, reminding and closing waves: invitations, e-mails, stored scores, audit."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from netvaerk.core.models import AuditEntry
from netvaerk.evaluation.surveys import selectors, services
from netvaerk.evaluation.surveys.models import TieInvitation, TieMember, TieWave

from .helpers import CAMPUS, ELDERLY, person, survey, user, waves


def _later() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=14)


def test_campus_waves_are_closed_with_stored_scores(demo) -> None:
    baseline, follow_up = waves(CAMPUS)
    for wave in (baseline, follow_up):
        assert wave.closed_at is not None
        assert wave.respondents >= 10
        assert isinstance(wave.index, Decimal)
        assert wave.index == wave.index.quantize(Decimal("0.01"))
    assert follow_up.index > baseline.index


def test_launch_invites_every_member_and_mails_them(
    demo, django_capture_on_commit_callbacks
) -> None:
    elderly = survey(ELDERLY)
    services.wave_close(wave=waves(ELDERLY)[0], by=user("netvaerksleder"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wave = services.wave_launch(
            survey=elderly,
            kind=TieWave.Kind.FOLLOW_UP,
            closes_on=_later(),
            by=user("netvaerksleder"),
        )
    invitations = TieInvitation.objects.filter(wave=wave)
    members = TieMember.objects.filter(survey=elderly)
    assert invitations.count() == members.count() == 6
    assert {i.group_id for i in invitations} == {m.group_id for m in members}
    assert len(mail.outbox) == 6
    assert all(invitation.sent_at for invitation in invitations)
    borger = invitations.get(person=person("borger"))
    assert any(borger.token in message.body for message in mail.outbox)
    entry = AuditEntry.objects.get(action="surveys.wave.launch", object_id=str(wave.pk))
    assert entry.actor == user("netvaerksleder")


def test_launch_refuses_a_second_open_wave_and_a_past_date(demo) -> None:
    elderly = survey(ELDERLY)
    with pytest.raises(ValidationError):
        services.wave_launch(survey=elderly, kind=TieWave.Kind.MIDWAY, closes_on=_later(), by=None)
    services.wave_close(wave=waves(ELDERLY)[0], by=None)
    with pytest.raises(ValidationError):
        services.wave_launch(
            survey=elderly,
            kind=TieWave.Kind.MIDWAY,
            closes_on=timezone.localdate() - datetime.timedelta(days=1),
            by=user("konsulent"),
        )


def test_launch_needs_members(demo) -> None:
    from netvaerk.evaluation.surveys.instrument import ensure_default_instrument

    new = services.survey_create(
        network=survey(ELDERLY).network,
        title="Uden medlemmer",
        instrument=ensure_default_instrument(),
        groups=["A", "B"],
        by=None,
    )
    with pytest.raises(ValidationError):
        services.wave_launch(survey=new, kind=TieWave.Kind.BASELINE, closes_on=_later(), by=None)


def test_members_who_left_the_network_are_not_invited(demo) -> None:
    from netvaerk.networks import services as network_services
    from netvaerk.networks.models import Participation

    elderly = survey(ELDERLY)
    services.wave_close(wave=waves(ELDERLY)[0], by=None)
    participation = Participation.objects.get(network=elderly.network, person=person("medarbejder"))
    network_services.participation_end(participation=participation, by=None)
    wave = services.wave_launch(
        survey=elderly, kind=TieWave.Kind.MIDWAY, closes_on=_later(), by=None
    )
    assert not TieInvitation.objects.filter(wave=wave, person=person("medarbejder")).exists()


def test_remind_mails_only_those_not_finished(demo, django_capture_on_commit_callbacks) -> None:
    wave = waves(ELDERLY)[0]
    finished = TieInvitation.objects.filter(wave=wave, finished=True).count()
    assert finished == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.wave_remind(wave=wave, by=user("chef"))
    assert count == 5
    assert len(mail.outbox) == 5
    assert all(message.subject.startswith(("Reminder", "Påmindelse")) for message in mail.outbox)
    finished_token = TieInvitation.objects.get(wave=wave, finished=True).token
    assert not any(finished_token in message.body for message in mail.outbox)
    assert TieInvitation.objects.filter(wave=wave, reminders=1).count() == 5
    assert AuditEntry.objects.filter(action="surveys.wave.remind").count() == 1


def test_close_stores_the_scores_once_and_stops_reminders(demo) -> None:
    wave = waves(ELDERLY)[0]
    closed = services.wave_close(wave=wave, by=user("konsulent"))
    assert closed.closed_at is not None
    # One respondent in one group: nothing reaches the threshold, nothing is stored.
    assert closed.respondents == 0
    assert closed.index is None
    again = services.wave_close(wave=wave, by=user("konsulent"))
    assert again.closed_at == closed.closed_at
    assert AuditEntry.objects.filter(action="surveys.wave.close").count() == 3  # 2 from the demo
    with pytest.raises(ValidationError):
        services.wave_remind(wave=wave, by=user("konsulent"))


def test_latest_indices_and_pending_invitations(demo, django_assert_max_num_queries) -> None:
    from .helpers import network

    campus, elderly = network(CAMPUS), network(ELDERLY)
    with django_assert_max_num_queries(1):
        latest = selectors.latest_indices([campus.pk, elderly.pk])
    assert set(latest) == {campus.pk}
    baseline, follow_up = waves(CAMPUS)
    entry = latest[campus.pk]
    assert entry.index == follow_up.index
    assert entry.previous_index == baseline.index
    assert entry.closed_on == datetime.date(2013, 12, 16)
    pending = selectors.pending_invitations(person("medarbejder"))
    assert [invitation.wave.survey.network.title for invitation in pending] == [ELDERLY]
    assert selectors.pending_invitations(person("politiker")) == []
    assert selectors.pending_invitations(None) == []


def test_network_report_compares_first_and_last_wave(demo, django_assert_max_num_queries) -> None:
    from .helpers import network

    campus = network(CAMPUS)
    with django_assert_max_num_queries(5):
        reports = selectors.network_report(campus)
        comparison = reports[0].comparison
    assert comparison is not None
    assert set(comparison) == {"index", "communication", "relationship"}
    index = comparison["index"]
    assert index.difference is not None and index.difference > 0
    assert index.low is not None and index.high is not None
    assert selectors.network_report(network(ELDERLY))[0].comparison is None


def test_expired_waves_are_closed_with_their_scores_by_the_daily_command(demo) -> None:
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from netvaerk.evaluation.surveys.models import TieWave

    open_wave = TieWave.objects.filter(closed_at=None).first()
    assert open_wave is not None, "the demo has an open wave"
    call_command("close_expired_waves", stdout=StringIO())
    assert TieWave.objects.get(pk=open_wave.pk).closed_at is None  # not expired yet
    TieWave.objects.filter(pk=open_wave.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    out = StringIO()
    call_command("close_expired_waves", stdout=out)
    closed = TieWave.objects.get(pk=open_wave.pk)
    assert closed.closed_at is not None
    assert "Closed 1" in out.getvalue()
