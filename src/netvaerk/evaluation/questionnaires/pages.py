"""This app's pages in the page registry (core/pages.py adds them to PAGES).

Whoever sees a network sees its questionnaires and their (anonymous) results: on ELDERLY
everyone but the politician (404), the guest borger included; on CAMPUS everyone but the guest;
on PROCESS everyone but the politician and the guest. Editing belongs to the secretariat and
the network's leader, co-driver and sponsor (ELDERLY: chef, netvaerksleder); other readers get
403. The answer link needs no sign-in: it answers everyone alike.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from netvaerk.core.pages import ANONYMOUS, NOT_FOUND, OK, ROLES, SECRETARIAT, Page, access


def _questionnaire(network_title: str, state: str) -> tuple[int, int]:
    from .models import Questionnaire

    found = (
        Questionnaire.objects.filter(network__title=network_title, state=state)
        .order_by("pk")
        .first()
    )
    assert found is not None, f"the demo has a {state} questionnaire in {network_title}"
    return found.network_id, found.pk


def _elderly() -> str:
    from netvaerk.networks.demo import ELDERLY

    return ELDERLY


def _list(title: Callable[[], str]) -> Callable[[], str]:
    def build() -> str:
        from netvaerk.networks.models import Network

        return reverse("questionnaires:list", args=[Network.objects.get(title=title()).pk])

    return build


def _detail(title: Callable[[], str], state: str, name: str = "") -> Callable[[], str]:
    return lambda: reverse(name or "questionnaires:detail", args=_questionnaire(title(), state))


def _question_edit_path() -> str:
    from .models import Question

    network_id, pk = _questionnaire(_elderly(), "draft")
    question = Question.objects.filter(questionnaire_id=pk).order_by("order", "pk").first()
    assert question is not None, "the demo's draft questionnaire has questions"
    return reverse("questionnaires:question_edit", args=[network_id, pk, question.pk])


def _answer_path() -> str:
    from .models import QuestionnaireInvitation

    invitation = QuestionnaireInvitation.objects.get(
        questionnaire__network__title=_elderly(),
        questionnaire__state="open",
        person__user__username="medarbejder",
    )
    return reverse("evaluation:answer", args=[invitation.token])


def _campus() -> str:
    from netvaerk.networks.demo import CAMPUS

    return CAMPUS


def _process() -> str:
    from netvaerk.networks.demo import PROCESS

    return PROCESS


ELDERLY_READERS = {**access(ROLES), "politiker": NOT_FOUND}
CAMPUS_READERS = {**access(ROLES), "borger": NOT_FOUND}
PROCESS_READERS = {**access(ROLES), "politiker": NOT_FOUND, "borger": NOT_FOUND}
ELDERLY_CHANGERS = {
    **access((*SECRETARIAT, "chef", "netvaerksleder")),
    "politiker": NOT_FOUND,
}

PAGES: list[Page] = [
    Page(
        "questionnaires:list",
        _list(_elderly),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "questionnaires:list(campus)",
        _list(_campus),
        CAMPUS_READERS,
        axe_roles=("politiker",),
    ),
    Page(
        "questionnaires:detail",
        _detail(_elderly, "open"),
        ELDERLY_READERS,
        axe_roles=("netvaerksleder", "borger"),
    ),
    Page(
        "questionnaires:detail(draft)",
        _detail(_elderly, "draft"),
        ELDERLY_READERS,
        axe_roles=("konsulent", "medarbejder"),
    ),
    Page(
        "questionnaires:detail(results)",
        _detail(_process, "closed"),
        PROCESS_READERS,
        axe_roles=("leder", "direktor"),
    ),
    Page(
        "questionnaires:detail(too_few)",
        _detail(_campus, "closed"),
        CAMPUS_READERS,
        axe_roles=("politiker",),
    ),
    Page(
        "questionnaires:edit",
        _detail(_elderly, "open", "questionnaires:edit"),
        ELDERLY_CHANGERS,
        axe_roles=("netvaerksleder",),
    ),
    Page(
        "questionnaires:question_edit",
        _question_edit_path,
        ELDERLY_CHANGERS,
        axe_roles=("konsulent",),
    ),
    Page(
        "evaluation:answer(questionnaire)",
        _answer_path,
        access(ROLES, anonymous=OK, denied=OK),
        axe_roles=(ANONYMOUS,),
    ),
]
