"""Background work for networks (django-tasks)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Mail a guest their invitation link (in Danish: guests have no language chosen yet)."""
    invitation = Invitation.objects.select_related("network").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse("networks:invitation", args=[invitation.token])
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Invitation to the network %(network)s") % {"network": invitation.network},
            message=_(
                "Dear %(name)s,\n\nyou are invited to take part in the network “%(network)s” on "
                "Netværksstedet. Open the link to choose a user name and a password. The link "
                "can be used once and is valid for %(days)s days:\n\n%(link)s\n"
            )
            % {
                "name": invitation.name,
                "network": invitation.network,
                "days": 30,
                "link": link,
            },
            from_email=None,
            recipient_list=[invitation.email],
        )
    return True
