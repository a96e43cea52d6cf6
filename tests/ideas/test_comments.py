"""Comments, replies and the secretariat's questions, and who is told about them."""

from __future__ import annotations

from django.core import mail

from netvaerk.core.models import Notification
from netvaerk.ideas import services
from netvaerk.ideas.models import Comment

from .helpers import DEMO_IDEA, idea, person

PROPOSER_MAIL = "demo-p14@demo.invalid"  # medarbejder's person, from the demo import


def test_a_comment_and_a_reply_to_a_reply_stay_in_one_thread(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    url = f"/ideer/{demo_idea.pk}/kommentar/"
    response = client_as("leder").post(url, {"body": "Vi kender problemet i Hjemmeplejen."})
    assert response.status_code == 302
    top = Comment.objects.get(body="Vi kender problemet i Hjemmeplejen.")
    assert response["Location"] == f"/ideer/{demo_idea.pk}/#kommentar-{top.pk}"
    client_as("chef").post(url, {"body": "Enig, det ser vi også.", "parent": top.pk})
    reply = Comment.objects.get(body="Enig, det ser vi også.")
    client_as("netvaerksleder").post(url, {"body": "Svar på svaret.", "parent": reply.pk})
    reply_to_reply = Comment.objects.get(body="Svar på svaret.")
    assert reply.parent == top
    assert reply_to_reply.parent == top  # threads are one level deep
    assert idea(DEMO_IDEA).comment_count == 3

    html = client_as("medarbejder").get(f"/ideer/{demo_idea.pk}/").content.decode()
    assert html.index("Vi kender problemet") < html.index("Enig, det ser vi også.")
    assert html.index("Enig, det ser vi også.") < html.index("Svar på svaret.")
    assert "Anne Winther" in html and "Karin Holm" in html and "Lars Dahl" in html


def test_a_reply_to_a_comment_on_another_idea_is_refused(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    other = idea("Færre overleveringer i byggesager")
    elsewhere = services.idea_comment(
        idea=other, body="Andetsteds.", by=None, author=person("chef")
    )
    response = client_as("leder").post(
        f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Forkert tråd.", "parent": elsewhere.pk}
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(body="Forkert tråd.").exists()


def test_an_empty_comment_is_a_400(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    response = client_as("leder").post(f"/ideer/{demo_idea.pk}/kommentar/", {"body": "   "})
    assert response.status_code == 400
    assert idea(DEMO_IDEA).comment_count == 0


def test_a_comment_tells_proposer_and_followers_but_not_its_author(
    client_as, django_capture_on_commit_callbacks
) -> None:
    demo_idea = idea(DEMO_IDEA)
    client_as("politiker").post(f"/ideer/{demo_idea.pk}/foelg/", {"action": "add"})
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("leder").post(
            f"/ideer/{demo_idea.pk}/kommentar/", {"body": "Godt forslag."}
        )
    assert response.status_code == 302
    assert Notification.objects.count() == before + 2
    told = Notification.objects.filter(
        kind="idea.comment", url__startswith=f"/ideer/{demo_idea.pk}/"
    )
    assert {n.person for n in told} == {person("medarbejder"), person("politiker")}
    comment = Comment.objects.get(body="Godt forslag.")
    assert {n.url for n in told} == {f"/ideer/{demo_idea.pk}/#kommentar-{comment.pk}"}
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([PROPOSER_MAIL, "politiker@demo.invalid"])
    assert all(DEMO_IDEA in message.subject for message in mail.outbox)
    assert all("/ideer/" in message.body for message in mail.outbox)


def test_commenting_makes_the_author_a_follower_who_hears_of_the_next_comment(
    client_as, django_capture_on_commit_callbacks
) -> None:
    demo_idea = idea(DEMO_IDEA)
    url = f"/ideer/{demo_idea.pk}/kommentar/"
    client_as("leder").post(url, {"body": "Første."})
    with django_capture_on_commit_callbacks(execute=True):
        client_as("chef").post(url, {"body": "Anden."})
    second = Comment.objects.get(body="Anden.")
    told = {n.person for n in Notification.objects.filter(url__endswith=f"-{second.pk}")}
    assert told == {person("medarbejder"), person("leder")}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([PROPOSER_MAIL, "demo-p13@demo.invalid"])


def test_a_question_from_the_secretariat_reaches_the_proposer(
    client_as, django_capture_on_commit_callbacks
) -> None:
    demo_idea = idea(DEMO_IDEA)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("konsulent").post(
            f"/ideer/{demo_idea.pk}/spoergsmaal/", {"body": "Hvilke enheder er med?"}
        )
    assert response.status_code == 302
    question = Comment.objects.get(body="Hvilke enheder er med?")
    assert question.kind == Comment.Kind.QUESTION and question.author == person("konsulent")
    notices = Notification.objects.filter(kind="idea.question", url__contains=f"/{demo_idea.pk}/")
    assert [n.person for n in notices] == [person("medarbejder")]
    assert [m.to for m in mail.outbox] == [[PROPOSER_MAIL]]
    html = client_as("medarbejder").get(f"/ideer/{demo_idea.pk}/").content.decode()
    assert "Hvilke enheder er med?" in html


def test_only_the_secretariat_asks_questions(client_as) -> None:
    demo_idea = idea(DEMO_IDEA)
    for role in ("medarbejder", "chef", "leder"):
        response = client_as(role).post(
            f"/ideer/{demo_idea.pk}/spoergsmaal/", {"body": "Må jeg spørge?"}
        )
        assert response.status_code == 403, role
    assert (
        client_as("borger")
        .post(f"/ideer/{demo_idea.pk}/spoergsmaal/", {"body": "Må jeg spørge?"})
        .status_code
        == 403
    )
    assert not Comment.objects.filter(body="Må jeg spørge?").exists()
    assert not Notification.objects.filter(kind="idea.question", url__contains=f"/{demo_idea.pk}/")


def test_two_comments_written_at_the_same_time_both_count(client_as) -> None:
    """Two requests load the idea (0 comments), then each adds its comment."""
    first_page = idea(DEMO_IDEA)
    second_page = idea(DEMO_IDEA)
    services.idea_comment(idea=first_page, body="Fra den ene.", by=None, author=person("chef"))
    services.idea_comment(idea=second_page, body="Fra den anden.", by=None, author=person("leder"))
    assert Comment.objects.filter(idea=first_page).count() == 2
    assert idea(DEMO_IDEA).comment_count == 2
