"""Builders for the tie survey tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

from django.urls import reverse

from netvaerk.core.models import User
from netvaerk.evaluation.surveys.models import TieGroup, TieInvitation, TieSurvey, TieWave
from netvaerk.networks.demo import CAMPUS, ELDERLY
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

__all__ = ["CAMPUS", "ELDERLY"]

HIDDEN_GROUP = "Erhverv og uddannelse"


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def user(username: str) -> User:
    return User.objects.get(username=username)


def survey(title: str) -> TieSurvey:
    """The demo's survey of the network (the first created)."""
    found = (
        TieSurvey.objects.select_related("network")
        .filter(network__title=title)
        .order_by("pk")
        .first()
    )
    assert found is not None
    return found


def waves(title: str) -> list[TieWave]:
    return list(TieWave.objects.filter(survey=survey(title)).order_by("opened_at", "pk"))


def groups(title: str) -> list[TieGroup]:
    return list(TieGroup.objects.filter(survey=survey(title)).order_by("order", "pk"))


def detail_url(title: str, query: str = "") -> str:
    found = survey(title)
    return reverse("surveys:detail", args=[found.network_id, found.pk]) + query


def list_url(title: str) -> str:
    return reverse("surveys:list", args=[network(title).pk])


def answer_url(invitation: TieInvitation) -> str:
    return reverse("evaluation:answer", args=[invitation.token])


def open_invitation(username: str) -> TieInvitation:
    return TieInvitation.objects.select_related("wave__survey").get(
        person__user__username=username, wave__closed_at__isnull=True
    )


def full_answers(title: str, value: str = "4") -> dict[str, str]:
    """Every item of every group of the survey answered with `value`."""
    return {
        f"a-{group.pk}-{dimension}": value for group in groups(title) for dimension in range(1, 8)
    }


def danish(text: str) -> str:
    """`text` as the Danish pages show it: translated and HTML-escaped."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override("da"):
        return escape(translation.gettext(text))
