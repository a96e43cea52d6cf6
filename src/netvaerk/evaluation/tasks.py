"""Background work for the evaluation: the e-mails that carry survey links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task


def invitation_model(kind: str) -> Any:
    """The invitation model (a SurveyInvitation) of a kind of survey: "tie" or "questionnaire"."""
    if kind == "tie":
        from .surveys.models import TieInvitation

        return TieInvitation
    if kind == "questionnaire":
        from .questionnaires.models import QuestionnaireInvitation

        return QuestionnaireInvitation
    raise ValueError(f"unknown survey kind: {kind}")


def answer_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("evaluation:answer", args=[token])


@task()
def send_survey_emails(kind: str, invitation_ids: list[int], reminder: bool = False) -> int:
    """Mail each invitation its link, in the person's language; the number sent.

    A reminder skips those who have finished; each mail records when it went out.
    """
    model = invitation_model(kind)
    invitations = model.objects.filter(pk__in=invitation_ids).select_related("person__user")
    if reminder:
        invitations = invitations.filter(finished=False)
    sent = 0
    for invitation in invitations:
        person = invitation.person
        if not person.email:
            continue
        user = person.user
        language = (user.preferred_language if user else "") or settings.LANGUAGE_CODE
        with translation.override(language):
            title = invitation.subject()
            subject = _("Reminder: %(title)s") % {"title": title} if reminder else title
            message = _(
                "Dear %(name)s,\n\nyou are invited to answer “%(title)s” on Netværksstedet. "
                "Your answers are stored without your name, and results are only shown for "
                "groups of at least %(minimum)s respondents. You can save and finish later "
                "with the same link, which is personal:\n\n%(link)s\n"
            ) % {
                "name": person.name,
                "title": title,
                "minimum": settings.EVALUATION_MIN_GROUP_SIZE,
                "link": answer_link(invitation.token),
            }
        send_mail(subject=subject, message=message, from_email=None, recipient_list=[person.email])
        now = timezone.now()
        if reminder:
            model.objects.filter(pk=invitation.pk).update(
                reminded_at=now, reminders=invitation.reminders + 1
            )
        else:
            model.objects.filter(pk=invitation.pk).update(sent_at=now)
        sent += 1
    return sent
