"""What people are told (at /, at /notifikationer/, by e-mail) and what the audit log keeps."""

from __future__ import annotations

from django.core import mail
from django.utils import translation
from django.utils.html import escape

from netvaerk.core.models import AuditEntry, Notification
from netvaerk.core.notifications import message
from netvaerk.ideas.models import Comment

from .helpers import DEMO_IDEA, idea, meeting, new_round, on_agenda, person, submitted, user


def _comment_notice(comment: Comment) -> Notification:
    return Notification.objects.get(person=person("medarbejder"), url__endswith=f"-{comment.pk}")


def _shown(notification: Notification) -> str:
    with translation.override("da"):
        return escape(message(notification))


def test_the_home_page_shows_the_proposers_unread_notification(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Godt set!"})
    notice = _comment_notice(Comment.objects.get(body="Godt set!"))
    client = client_as("medarbejder")
    html = client.get("/").content.decode()
    assert _shown(notice) in html
    assert f'href="{notice.url}"' in html

    listing = client.get("/notifikationer/").content.decode()
    assert _shown(notice) in listing
    response = client.post("/notifikationer/")
    assert response.status_code == 302
    assert not Notification.objects.filter(person=person("medarbejder"), read_at=None).exists()
    assert _shown(notice) not in client.get("/").content.decode()  # read: no longer news
    assert _shown(notice) in client.get("/notifikationer/").content.decode()  # still listed


def test_marking_read_touches_only_my_notifications(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client_as("politiker").post(f"/ideer/{demo_idea.pk}/foelg/", {"action": "add"})
    client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Hej"})
    client_as("medarbejder").post("/notifikationer/")
    assert Notification.objects.filter(person=person("politiker"), read_at=None).exists()


def test_a_notification_names_the_commenter_as_the_comment_does(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Hvem er jeg?"})
    html = client_as("medarbejder").get("/").content.decode()
    notice = _comment_notice(Comment.objects.get(body="Hvem er jeg?"))
    assert _shown(notice) in html
    assert "Anne Winther" in _shown(notice)  # not the account name "leder"


def test_the_email_is_in_each_recipients_language(
    client_as, django_capture_on_commit_callbacks
) -> None:
    english = user("politiker")
    english.preferred_language = "en"
    english.save()
    demo_idea = idea(DEMO_IDEA)
    client_as("politiker").post(f"/ideer/{demo_idea.pk}/foelg/", {"action": "add"})
    with django_capture_on_commit_callbacks(execute=True):
        client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Sprog?"})
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"demo-p14@demo.invalid", "politiker@demo.invalid"}
    comment = Comment.objects.get(body="Sprog?")
    notices = {
        n.person.email: n for n in Notification.objects.filter(url__endswith=f"-{comment.pk}")
    }
    with translation.override("en"):
        in_english = message(notices["politiker@demo.invalid"])
    with translation.override("da"):
        in_danish = message(notices["demo-p14@demo.invalid"])
    assert in_english in by_address["politiker@demo.invalid"].body
    assert in_danish in by_address["demo-p14@demo.invalid"].body
    assert in_danish != in_english, "the Danish e-mail is not in Danish"


def test_each_notification_is_mailed_once(client_as, django_capture_on_commit_callbacks) -> None:
    demo_idea = idea(DEMO_IDEA)
    with django_capture_on_commit_callbacks(execute=True):
        client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Én mail"})
    assert len(mail.outbox) == 1
    from netvaerk.core.tasks import send_notification_emails

    notice = _comment_notice(Comment.objects.get(body="Én mail"))
    assert notice.emailed_at is not None
    send_notification_emails.call([notice.pk])  # a retried task sends nothing more
    assert len(mail.outbox) == 1


def test_support_comment_and_decision_are_audited(client_as) -> None:
    agenda = meeting()
    new_round(title="Auditrunde", criteria=[("A", 1)], decision_meeting=agenda)
    candidate = submitted(title="Revideret idé")
    on_agenda(candidate, agenda)

    client_as("chef").post(f"/ideer/{candidate.pk}/stoette/", {"action": "add"})
    client_as("leder").post(f"/ideer/{candidate.pk}/kommentar/", {"body": "Logget kommentar"})
    client_as("konsulent").post(
        f"/ideer/{candidate.pk}/trin/decide/", {"outcome": "rejected", "reason": "Løses i driften."}
    )
    entries = AuditEntry.objects.filter(object_type="ideas.idea", object_id=str(candidate.pk))
    support = entries.get(action="ideas.idea.support")
    assert support.actor == user("chef") and support.subject == person("chef")
    comment = entries.get(action="ideas.idea.comment")
    assert comment.actor == user("leder")
    assert comment.changes["comment"][1] == "Logget kommentar"
    decision = entries.get(action="ideas.idea.decide")
    assert decision.actor == user("konsulent")
    assert decision.changes["state"] == ["on_agenda", "rejected"]
    assert decision.subject == person("medarbejder")

    client_as("chef").post(f"/ideer/{candidate.pk}/stoette/", {"action": "add"})  # refused now
    assert entries.filter(action="ideas.idea.support").count() == 1


def test_a_double_click_on_support_is_audited_once(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client = client_as("chef")
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"})
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "add"})
    client.post(f"/ideer/{demo_idea.pk}/stoette/", {"action": "remove"})
    actions = list(
        AuditEntry.objects.filter(
            object_type="ideas.idea", object_id=str(demo_idea.pk), actor=user("chef")
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["ideas.idea.support", "ideas.idea.unsupport"]


def test_the_proposer_is_told_when_screening_starts(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    client_as("konsulent").post(f"/ideer/{demo_idea.pk}/trin/screen/")
    told = Notification.objects.filter(kind="idea.state", url=f"/ideer/{demo_idea.pk}/")
    screening = [n for n in told if n.params.get("state") == "screening"]
    assert [n.person for n in screening] == [person("medarbejder")]
    html = client_as("medarbejder").get("/").content.decode()
    assert _shown(screening[0]) in html
