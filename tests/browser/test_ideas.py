"""An employee proposes an idea and supports another one, in the browser."""

from __future__ import annotations

import re

import pytest

from netvaerk.core.demo import load_demo
from netvaerk.ideas.models import Idea, Support

from .test_accessibility import axe_violations, signed_in_context


@pytest.mark.django_db(transaction=True)
def test_propose_an_idea_with_a_mistake_then_submit_it(browser, live_server, axe_source) -> None:
    load_demo()
    context = signed_in_context(browser, live_server, "medarbejder")
    page = context.new_page()
    page.goto(live_server.url + "/ideer/ny/")
    page.get_by_label("Titel").fill("Færre skift for borgere med demens")
    page.get_by_role("button", name="Indsend idéen").click()

    # Submitting without the problem and benefit: the errors are listed, the title is kept.
    assert page.get_by_text("Der er fejl i formularen").is_visible()
    assert page.get_by_text("Udfyld feltet, før du indsender idéen.").first.is_visible()
    assert page.get_by_label("Titel").input_value() == "Færre skift for borgere med demens"
    assert not axe_violations(page, axe_source)

    page.get_by_label("Problemet").fill("Borgere med demens møder mange forskellige ansigter.")
    page.get_by_label("Forventet gevinst").fill("Tryghed og færre akutte indlæggelser.")
    page.get_by_label("Velfærdsnetværk").check()
    page.get_by_role("button", name="Indsend idéen").click()

    page.wait_for_url(re.compile(r"/ideer/\d+/$"))
    assert page.get_by_role("heading", name="Færre skift for borgere med demens").is_visible()
    idea = Idea.objects.get(title="Færre skift for borgere med demens")
    assert idea.state == Idea.State.SUBMITTED
    assert idea.round is not None and idea.round.is_open
    context.close()


@pytest.mark.django_db(transaction=True)
def test_support_and_withdraw_without_leaving_the_page(browser, live_server) -> None:
    load_demo()
    idea = Idea.objects.filter(state=Idea.State.SUBMITTED).order_by("pk").first()
    assert idea is not None
    Support.objects.filter(idea=idea, person__user__username="medarbejder").delete()
    Idea.objects.filter(pk=idea.pk).update(support_count=Support.objects.filter(idea=idea).count())
    before = Support.objects.filter(idea=idea).count()

    context = signed_in_context(browser, live_server, "medarbejder")
    page = context.new_page()
    page.goto(live_server.url + idea.get_absolute_url())
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("button", name="Støt idéen").click()
    page.get_by_role("button", name="Træk min støtte tilbage").wait_for()
    assert page.get_by_text(f"{before + 1} personer støtter idéen.").is_visible()
    assert Support.objects.filter(idea=idea).count() == before + 1

    page.get_by_role("button", name="Træk min støtte tilbage").click()
    page.get_by_role("button", name="Støt idéen").wait_for()
    assert page.get_by_text(f"{before} personer støtter idéen.").is_visible()
    # htmx swapped the fragment: no new page was loaded.
    assert page.evaluate("window.stillTheSamePage") is True
    context.close()
