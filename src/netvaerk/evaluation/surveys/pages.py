"""This app's pages in the page registry (core/pages.py adds them to PAGES).

CAMPUS's tie survey (two closed waves) is seen by everyone signed in except the guest (borger:
404); ELDERLY's (an open wave) by everyone except the politician. The instruments are the
secretariat's. The answer link works for anyone holding it, signed in or not; a used link and
a link to a closed wave get their own pages with 410.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import ANONYMOUS, NOT_FOUND, OK, ROLES, SECRETARIAT, Page, access

GONE = 410


def _survey(title: str) -> tuple[int, int]:
    from .models import TieSurvey

    survey = TieSurvey.objects.only("pk", "network_id").filter(network__title=title).first()
    assert survey is not None, f"the demo has a tie survey in {title}"
    return survey.network_id, survey.pk


def _list_path(network_title: Callable[[], str]) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.networks.models import Network

        network = Network.objects.only("pk").get(title=network_title())
        return reverse("surveys:list", args=[network.pk])

    return build


def _detail_path(network_title: Callable[[], str], query: str = "") -> Callable[[], str]:
    return lambda: reverse("surveys:detail", args=_survey(network_title())) + query


def _campus() -> str:
    from netvaerk.networks.demo import CAMPUS

    return CAMPUS


def _elderly() -> str:
    from netvaerk.networks.demo import ELDERLY

    return ELDERLY


def _comparison_path() -> str:
    from .models import TieWave

    network_id, survey_id = _survey(_campus())
    waves = list(TieWave.objects.filter(survey_id=survey_id).order_by("opened_at", "pk"))
    assert len(waves) >= 2, "the demo's Campus survey has two waves"
    query = f"?sammenlign={waves[0].pk}&med={waves[-1].pk}"
    return reverse("surveys:detail", args=[network_id, survey_id]) + query


def _token_path(**filters: object) -> Callable[[], str]:
    def build() -> str:
        from .models import TieInvitation

        invitation = TieInvitation.objects.filter(**filters).order_by("pk").first()
        assert invitation is not None, f"the demo has a tie survey invitation {filters}"
        return reverse("evaluation:answer", args=[invitation.token])

    return build


CAMPUS_READERS = {**access(ROLES), "borger": NOT_FOUND}
ELDERLY_READERS = {**access(ROLES), "politiker": NOT_FOUND}
EVERYONE = access(ROLES, anonymous=OK, denied=OK)
GONE_FOR_EVERYONE = {role: GONE for role in (*ROLES, ANONYMOUS)}

PAGES: list[Page] = [
    Page(
        "surveys:list(campus)",
        _list_path(_campus),
        CAMPUS_READERS,
        axe_roles=("konsulent", "politiker"),
    ),
    Page(
        "surveys:list",
        _list_path(_elderly),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "surveys:detail(campus)",
        _detail_path(_campus),
        CAMPUS_READERS,
        axe_roles=("konsulent", "politiker"),
    ),
    Page(
        "surveys:detail",
        _detail_path(_elderly),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "medarbejder"),
    ),
    Page(
        "surveys:detail?sammenlign",
        _comparison_path,
        CAMPUS_READERS,
        axe_roles=("chef",),
    ),
    Page(
        "surveys:instruments",
        lambda: reverse("surveys:instruments"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "evaluation:answer(tie)",
        _token_path(
            person__user__username="medarbejder", finished=False, wave__closed_at__isnull=True
        ),
        EVERYONE,
        axe_roles=(ANONYMOUS, "borger"),
    ),
    Page(
        "evaluation:answer(tie, used)",
        _token_path(finished=True),
        GONE_FOR_EVERYONE,
        axe_roles=(ANONYMOUS,),
    ),
    Page(
        "evaluation:answer(tie, closed)",
        _token_path(finished=False, wave__closed_at__isnull=False),
        GONE_FOR_EVERYONE,
        axe_roles=(ANONYMOUS,),
    ),
]
