"""Notification settings on /konto/ and what they do: off, app only, at once, daily, weekly.

Through the page and through the services that call notify() (a comment on the demo idea
notifies its proposer, medarbejder, and its followers), with the e-mails in mail.outbox.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy

import netvaerk
from netvaerk.core.audit import ACTION_LABELS, FIELD_LABELS
from netvaerk.core.models import AuditEntry, Notification, NotificationSetting, User
from netvaerk.core.notifications import KINDS, message, notify
from netvaerk.core.tasks import send_digests, send_notification_emails
from netvaerk.organisation.models import Person
from tests.ideas.helpers import DEMO_IDEA, idea, in_danish, person, user

SETTINGS_URL = "/konto/notifikationer/"
MEDARBEJDER_EMAIL = "demo-p14@demo.invalid"


# --- the registry ----------------------------------------------------------------------------


def _kinds_in(node: ast.expr, where: str) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _kinds_in(node.body, where)
        yield from _kinds_in(node.orelse, where)
    else:
        pytest.fail(f"{where}: notify(kind=...) must be a literal so the registry can be checked")


def _kinds_notified() -> set[str]:
    """Every kind passed to notify() anywhere in the code base."""
    found = set()
    for path in Path(netvaerk.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "notify":
                continue
            kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
            assert kind is not None, f"{path}:{node.lineno}: notify() without kind="
            found.update(_kinds_in(kind, f"{path}:{node.lineno}"))
    return found


def test_every_kind_that_is_notified_is_registered_with_words() -> None:
    used = _kinds_notified()
    assert {"idea.state", "idea.comment", "idea.decided"} <= used  # the scan finds the calls
    assert used - set(KINDS) == set(), "register these kinds in core.notifications.KINDS"
    for code, kind in KINDS.items():
        assert str(kind.label) and str(kind.description)
        assert code in FIELD_LABELS, f"add {code} to core.audit.FIELD_LABELS"
    assert "core.notification_settings.update" in ACTION_LABELS


def test_an_unregistered_kind_is_refused(demo) -> None:
    with pytest.raises(ValueError, match="unregistered"):
        notify(people=[person("medarbejder")], kind="idea.new_kind", target_title="x", url="/")


# --- the page --------------------------------------------------------------------------------


def _settings(username: str = "medarbejder") -> dict[str, str]:
    return dict(
        NotificationSetting.objects.filter(person=person(username)).values_list("kind", "delivery")
    )


def _selected(html: str, code: str) -> str:
    """The chosen option of the select for `code` on the account page."""
    select = re.search(rf'<select[^>]*name="{re.escape(code)}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, f"no select for {code}"
    chosen = re.findall(r'<option value="([a-z]+)" selected>', select.group(1))
    assert len(chosen) == 1
    return chosen[0]


def test_the_account_page_has_a_labelled_select_per_kind(client_as) -> None:
    html = client_as("medarbejder").get("/konto/").content.decode()
    assert 'id="notifications"' in html
    assert html.index('id="notifications"') < html.index('id="api-tokens"')
    assert 'action="/konto/notifikationer/"' in html
    assert "<legend" in html and in_danish(KINDS["idea.comment"].label) in html
    for code, kind in KINDS.items():
        field_id = "notify-" + code.replace(".", "-")
        assert f'<label class="form-label" for="{field_id}">{in_danish(kind.label)}</label>' in html
        assert f'id="{field_id}" name="{code}" aria-describedby="{field_id}-hint"' in html
        assert f'id="{field_id}-hint">{in_danish(kind.description)}</span>' in html
        assert _selected(html, code) == "immediately"  # the default
    for value, label in NotificationSetting.Delivery.choices:
        assert f'<option value="{value}"' in html
        assert in_danish(label) in html


def test_saving_all_settings_at_once_is_audited_and_shown(client_as) -> None:
    client = client_as("medarbejder")
    choices = {
        "idea.state": "app",
        "idea.comment": "daily",
        "idea.question": "immediately",
        "idea.decided": "weekly",
        "idea.merged": "off",
    }
    response = client.post(SETTINGS_URL, choices)
    assert response.status_code == 302
    assert response["Location"] == "/konto/#notifications"
    # Only the choices that are not the default are stored.
    assert _settings() == {k: v for k, v in choices.items() if v != "immediately"}

    page = client.get(response["Location"])
    html = page.content.decode()
    assert in_danish(gettext_lazy("Your notification settings were saved.")) in html
    for code, value in choices.items():
        assert _selected(html, code) == value

    entry = AuditEntry.objects.get(action="core.notification_settings.update")
    assert entry.actor == user("medarbejder") and entry.subject == person("medarbejder")
    assert entry.changes == {
        "idea.comment": ["immediately", "daily"],
        "idea.decided": ["immediately", "weekly"],
        "idea.merged": ["immediately", "off"],
        "idea.state": ["immediately", "app"],
    }
    assert in_danish(ACTION_LABELS["core.notification_settings.update"]) in html
    # The values read as the choices are worded, not as their codes.
    immediately, off = (
        in_danish(NotificationSetting.Delivery(code).label) for code in ("immediately", "off")
    )
    assert f"{in_danish(FIELD_LABELS['idea.merged'])}: {immediately} → {off}" in html

    # Back to the default: the row goes, and the change is audited again.
    assert client.post(SETTINGS_URL, {**choices, "idea.merged": "immediately"}).status_code == 302
    assert "idea.merged" not in _settings()
    assert AuditEntry.objects.filter(action="core.notification_settings.update").count() == 2
    # Saving the same choices again changes nothing and logs nothing.
    client.post(SETTINGS_URL, {**choices, "idea.merged": "immediately"})
    assert AuditEntry.objects.filter(action="core.notification_settings.update").count() == 2


@pytest.mark.parametrize(
    ("data", "msgid", "kind"),
    [
        ({"idea.nonsense": "daily"}, "There is no kind of notification called “%(kind)s”.", None),
        (
            {"idea.comment": "hourly"},
            "Choose one of the offered ways to hear about “%(kind)s”.",
            "idea.comment",
        ),
        (
            {"idea.comment": ["daily", "weekly"]},
            "Choose one of the offered ways to hear about “%(kind)s”.",
            "idea.comment",
        ),
    ],
)
def test_a_bad_post_is_refused_with_a_message_and_saves_nothing(
    client_as, data, msgid, kind
) -> None:
    response = client_as("medarbejder").post(SETTINGS_URL, {"idea.state": "off", **data})
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("da"):
        name = str(KINDS[kind].label) if kind else "idea.nonsense"
        assert escape(translation.gettext(msgid) % {"kind": name}) in html
    assert 'id="notifications"' in html  # the account page, again
    assert _settings() == {}
    assert not AuditEntry.objects.filter(action="core.notification_settings.update").exists()


def test_a_get_is_not_allowed(client_as) -> None:
    assert client_as("medarbejder").get(SETTINGS_URL).status_code == 405


def test_an_account_without_a_person_is_told_why(demo, client) -> None:
    lonely = User.objects.create_user(username="uden-person", password="x")
    client.force_login(lonely)
    explanation = in_danish(
        gettext_lazy(
            "Notification settings belong to a person record, and your account has none. "
            "Ask the network secretariat to connect your account to your person."
        )
    )
    html = client.get("/konto/").content.decode()
    assert explanation in html
    assert 'action="/konto/notifikationer/"' not in html
    response = client.post(SETTINGS_URL, {"idea.comment": "off"})
    assert response.status_code == 400
    assert explanation in response.content.decode()
    assert not NotificationSetting.objects.exists()


def test_anonymous_is_sent_to_sign_in(client) -> None:
    response = client.post(SETTINGS_URL, {"idea.comment": "off"})
    assert response.status_code == 302 and "/log-ind/" in response["Location"]


# --- what the settings do ----------------------------------------------------------------------


def _choose(client_as, username: str, **choices: str) -> None:
    response = client_as(username).post(
        SETTINGS_URL, {k.replace("_", "."): v for k, v in choices.items()}
    )
    assert response.status_code == 302


def _comment(client_as, capture, body: str, by: str = "leder") -> Notification | None:
    """`by` comments on the demo idea (whose proposer is medarbejder); her notification."""
    with capture(execute=True):
        response = client_as(by).post(f"/ideer/{idea(DEMO_IDEA).pk}/kommentar/", {"body": body})
    assert response.status_code == 302
    from netvaerk.ideas.models import Comment

    comment = Comment.objects.get(body=body)
    return Notification.objects.filter(
        person=person("medarbejder"), url__endswith=f"-{comment.pk}"
    ).first()


def _mails_to(address: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [address]]


def _listed(client_as, notification: Notification) -> bool:
    html = client_as("medarbejder").get("/notifikationer/").content.decode()
    with translation.override("da"):
        return escape(message(notification)) in html


def test_off_creates_no_notification(client_as, django_capture_on_commit_callbacks) -> None:
    _choose(client_as, "medarbejder", idea_comment="off")
    assert _comment(client_as, django_capture_on_commit_callbacks, "Slukket") is None
    assert _mails_to(MEDARBEJDER_EMAIL) == []
    # Other kinds still arrive, and other people are still told.
    assert Notification.objects.filter(url__contains="kommentar").exists()


def test_app_only_is_listed_and_never_mailed(client_as, django_capture_on_commit_callbacks) -> None:
    _choose(client_as, "medarbejder", idea_comment="app")
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Kun i appen")
    assert notice is not None and _listed(client_as, notice)
    assert _mails_to(MEDARBEJDER_EMAIL) == []
    assert send_digests.call("daily") == 0 and send_digests.call("weekly") == 0
    send_notification_emails.call([notice.pk])
    assert _mails_to(MEDARBEJDER_EMAIL) == []


def test_immediately_mails_at_once(client_as, django_capture_on_commit_callbacks) -> None:
    _choose(client_as, "medarbejder", idea_comment="weekly")
    _choose(client_as, "medarbejder", idea_comment="immediately")  # and back to the default
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Med det samme")
    assert notice is not None and _listed(client_as, notice)
    [sent] = _mails_to(MEDARBEJDER_EMAIL)
    with translation.override("da"):
        assert message(notice) in sent.body
    assert "/konto/#notifications" in sent.body  # where to change it
    notice.refresh_from_db()
    assert notice.emailed_at is not None and not notice.email_pending


@pytest.mark.parametrize(("period", "other"), [("daily", "weekly"), ("weekly", "daily")])
def test_a_digest_mails_both_items_once(
    client_as, django_capture_on_commit_callbacks, settings, period, other
) -> None:
    settings.SITE_URL = "https://netvaerk.example.dk/"
    _choose(client_as, "medarbejder", idea_comment=period)
    first = _comment(client_as, django_capture_on_commit_callbacks, "Første")
    second = _comment(client_as, django_capture_on_commit_callbacks, "Anden", by="chef")
    assert first is not None and second is not None
    assert _listed(client_as, first) and _listed(client_as, second)
    assert _mails_to(MEDARBEJDER_EMAIL) == []  # not until the digest

    assert send_digests.call(other) == 0  # the other period's digest leaves them alone
    assert _mails_to(MEDARBEJDER_EMAIL) == []

    out = call_command_output("--period", period)
    assert re.search(rf"Sent \d+ {period} digest", out)
    [digest] = _mails_to(MEDARBEJDER_EMAIL)
    with translation.override("da"):
        assert message(first) in digest.body and message(second) in digest.body
        subject = translation.gettext(f"Netværksstedet: your {period} summary")
    assert digest.subject == subject
    assert digest.body.index(message_da(first)) < digest.body.index(message_da(second))
    assert "https://netvaerk.example.dk" + first.url in digest.body
    assert "https://netvaerk.example.dk" + second.url in digest.body
    for notice in (first, second):
        notice.refresh_from_db()
        assert notice.emailed_at is not None

    mail.outbox.clear()
    assert send_digests.call(period) == 0  # a second run sends nothing
    assert mail.outbox == []


def message_da(notification: Notification) -> str:
    with translation.override("da"):
        return message(notification)


def call_command_output(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_the_command_can_leave_the_work_to_the_worker(
    client_as, django_capture_on_commit_callbacks
) -> None:
    _choose(client_as, "medarbejder", idea_comment="weekly")
    _comment(client_as, django_capture_on_commit_callbacks, "Til arbejderen")
    assert "Queued the weekly digests" in call_command_output("--period", "weekly", "--enqueue")
    assert len(_mails_to(MEDARBEJDER_EMAIL)) == 1  # the test backend runs it at once


def test_the_command_needs_a_known_period(demo) -> None:
    with pytest.raises(CommandError):
        call_command("send_digests", "--period", "hourly")
    with pytest.raises(ValueError):
        send_digests.call("hourly")


def test_a_digest_is_in_each_persons_language(
    client_as, django_capture_on_commit_callbacks
) -> None:
    english = user("politiker")
    english.preferred_language = "en"
    english.save()
    client_as("politiker").post(f"/ideer/{idea(DEMO_IDEA).pk}/foelg/", {"action": "add"})
    _choose(client_as, "politiker", idea_comment="daily")
    _choose(client_as, "medarbejder", idea_comment="daily")
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Sprog i sammendrag")
    assert notice is not None
    assert mail.outbox == []
    assert send_digests.call("daily") == 2
    for_politician = Notification.objects.get(person=person("politiker"), url=notice.url)
    [english_mail] = _mails_to("politiker@demo.invalid")
    [danish_mail] = _mails_to(MEDARBEJDER_EMAIL)
    with translation.override("en"):
        in_english = message(for_politician)
    assert in_english in english_mail.body
    assert english_mail.subject == "Netværksstedet: your daily summary"
    assert message_da(notice) in danish_mail.body
    assert message_da(notice) != in_english, "the Danish digest is not in Danish"
    assert in_english not in danish_mail.body


def test_the_setting_is_read_again_when_the_mail_goes_out(
    client_as, django_capture_on_commit_callbacks
) -> None:
    """Changed between notify() and the worker: the new choice decides."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_as("leder").post(f"/ideer/{idea(DEMO_IDEA).pk}/kommentar/", {"body": "Ventende"})
    _choose(client_as, "medarbejder", idea_comment="daily")
    for callback in callbacks:
        callback()  # the worker runs now
    assert _mails_to(MEDARBEJDER_EMAIL) == []
    assert send_digests.call("daily") == 1
    assert len(_mails_to(MEDARBEJDER_EMAIL)) == 1


def test_switching_a_digest_back_to_immediately_mails_what_waits(
    client_as, django_capture_on_commit_callbacks
) -> None:
    _choose(client_as, "medarbejder", idea_comment="weekly")
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Venter på ugen")
    assert notice is not None and _mails_to(MEDARBEJDER_EMAIL) == []
    with django_capture_on_commit_callbacks(execute=True):
        _choose(client_as, "medarbejder", idea_comment="immediately")
    assert len(_mails_to(MEDARBEJDER_EMAIL)) == 1
    assert send_digests.call("weekly") == 0


def test_switching_a_digest_to_app_only_drops_the_waiting_mail(
    client_as, django_capture_on_commit_callbacks
) -> None:
    _choose(client_as, "medarbejder", idea_comment="daily")
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Aldrig mailet")
    _choose(client_as, "medarbejder", idea_comment="app")
    _choose(client_as, "medarbejder", idea_comment="daily")
    assert send_digests.call("daily") == 0
    assert notice is not None and _listed(client_as, notice)


def test_people_without_an_address_are_skipped(
    client_as, django_capture_on_commit_callbacks
) -> None:
    _choose(client_as, "medarbejder", idea_comment="daily")
    Person.objects.filter(user__username="medarbejder").update(email="")
    html = client_as("medarbejder").get("/konto/").content.decode()
    assert (
        in_danish(
            gettext_lazy(
                "There is no e-mail address on your person record, so no e-mails are sent to you."
            )
        )
        in html
    )
    notice = _comment(client_as, django_capture_on_commit_callbacks, "Ingen adresse")
    assert send_digests.call("daily") == 0
    assert _mails_to(MEDARBEJDER_EMAIL) == [] and all(m.to != [""] for m in mail.outbox)
    assert notice is not None
    notice.refresh_from_db()
    assert notice.emailed_at is None and not notice.email_pending  # not looked at again


# --- query counts -------------------------------------------------------------------------------


def _people_with_digests(count: int, start: int) -> list[Person]:
    people = Person.objects.bulk_create(
        [
            Person(name=f"Læser {n}", email=f"laeser{n}@example.invalid")
            for n in range(start, start + count)
        ]
    )
    users = User.objects.bulk_create(
        [User(username=f"laeser{n}") for n in range(start, start + count)]
    )
    for someone, account in zip(people, users, strict=True):
        someone.user = account
    Person.objects.bulk_update(people, ["user"])
    NotificationSetting.objects.bulk_create(
        [NotificationSetting(person=p, kind="idea.comment", delivery="daily") for p in people]
    )
    return people


def _count(function, *args, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        function(*args, **kwargs)
    return len(queries)


def test_notify_and_the_digest_ask_the_same_number_of_queries_for_more_people(demo) -> None:
    small = _people_with_digests(3, 0)
    large = _people_with_digests(15, 100)

    def notify_all(people: list[Person], title: str) -> None:
        notify(people=people, kind="idea.comment", target_title=title, url="/x/")
        notify(people=people, kind="idea.comment", target_title=title + " igen", url="/y/")

    notify_small = _count(notify_all, small, "Lille")
    sent_small = _count(send_digests.call, "daily")
    assert len(mail.outbox) == 3
    notify_large = _count(notify_all, large, "Stor")
    sent_large = _count(send_digests.call, "daily")
    assert len(mail.outbox) == 3 + 15
    assert all(len(re.findall(r"^- ", m.body, re.M)) == 2 for m in mail.outbox)
    assert notify_small == notify_large
    assert sent_small == sent_large


def _daily_for_three(client_as, capture) -> list[Person]:
    """Three people with a daily digest of comments and one waiting notification each."""
    people = [person(name) for name in ("medarbejder", "leder", "chef")]
    for someone in people:
        NotificationSetting.objects.update_or_create(
            person=someone, kind="idea.comment", defaults={"delivery": "daily"}
        )
    with capture(execute=True):
        notify(
            people=people,
            kind="idea.comment",
            target_title="Fælles idé",
            url="/ideer/1/",
            actor=user("direktor"),
        )
    return people


def test_a_failing_mail_server_hands_the_unsent_digests_back(
    client_as, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from django.core.mail.backends.locmem import EmailBackend

    people = _daily_for_three(client_as, django_capture_on_commit_callbacks)
    original = EmailBackend.send_messages
    calls = {"n": 0}

    def fail_on_the_second(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("the mail server hung up")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_on_the_second)
    with pytest.raises(OSError):
        send_digests.call("daily")
    assert len(mail.outbox) == 1  # the first went out...
    waiting = Notification.objects.filter(person__in=people, kind="idea.comment")
    assert waiting.filter(emailed_at=None, email_pending=True).count() == 2  # ...two wait
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert send_digests.call("daily") == 2  # the next run sends those, not the first again
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_notifications_another_run_has_claimed_are_not_mailed_twice(
    client_as, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from netvaerk.core import tasks

    people = _daily_for_three(client_as, django_capture_on_commit_callbacks)
    original = tasks._claim

    def another_run_got_there_first(ids: list[int]) -> set[int]:
        # A second run, started at the same moment, claims the first person's notification
        # after this run has read it but before this run claims it.
        theirs = Notification.objects.filter(person=people[0], kind="idea.comment")
        assert original(list(theirs.values_list("pk", flat=True)))
        return original(ids)

    monkeypatch.setattr(tasks, "_claim", another_run_got_there_first)
    assert send_digests.call("daily") == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
