"""Every registered page, as each role the registry names, has no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from netvaerk.core.demo import load_demo
from netvaerk.core.models import User
from netvaerk.core.pages import ANONYMOUS, PAGES, ROLES

from .conftest import WCAG_TAGS

AXE_ROLES = sorted({role for page in PAGES for role in page.axe_roles})


def signed_in_context(browser: Any, live_server: Any, role: str) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    if role != ANONYMOUS:
        client = Client()
        client.force_login(User.objects.get(username=role))
        session = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    # evaluate() runs through the DevTools protocol, so the page's CSP stays fully enforced.
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", AXE_ROLES)
def test_pages_have_no_axe_violations(browser, live_server, axe_source, role: str) -> None:
    load_demo()
    assert role == ANONYMOUS or role in ROLES
    context = signed_in_context(browser, live_server, role)
    page = context.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    problems = {}
    for registered in [p for p in PAGES if role in p.axe_roles]:
        path = registered.path()
        response = page.goto(live_server.url + path)
        # Most pages answer 200; clear error pages (an unknown or used link) are checked too.
        expected = registered.statuses[role]
        assert response is not None and response.status == expected, (registered.name, path)
        violations = axe_violations(page, axe_source)
        if violations:
            problems[registered.name] = violations
    context.close()
    assert not problems, problems
    assert not csp_errors, csp_errors


def sign_in(page: Any, username: str, password: str) -> None:
    """Fill in and send the Danish sign-in form the page is showing."""
    assert "/log-ind/" in page.url
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


@pytest.mark.django_db(transaction=True)
def test_sign_in_and_switch_language(browser, live_server) -> None:
    load_demo()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + "/organisation/")
    sign_in(page, "medarbejder", "demo")
    page.wait_for_url("**/organisation/")
    assert page.get_by_role("heading", level=1).inner_text() == "Organisation"
    page.get_by_label("Sprog / Language").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="My overview").first.is_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_is_refused_in_danish(browser, live_server) -> None:
    load_demo()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + "/log-ind/")
    sign_in(page, "medarbejder", "forkert")
    alert = page.get_by_role("alert")
    assert "brugernavn" in alert.inner_text().lower()
    context.close()
