"""Sign-in: rate limiting of failed attempts, and passwords never in logs or stored attempts."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client

SECRET = "Sup3r-hemmeligt-kodeord"


def test_a_demo_user_signs_in_with_the_password_demo(demo) -> None:
    client = Client()
    response = client.post("/log-ind/", {"username": "leder", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_gives_400_and_a_danish_message(demo) -> None:
    response = Client().post("/log-ind/", {"username": "leder", "password": "forkert"})
    assert response.status_code == 400
    assert "brugernavn og adgangskode" in response.content.decode()


def test_failed_logins_are_locked_out_after_five(demo, settings) -> None:
    client = Client()
    for _ in range(5):
        client.post("/log-ind/", {"username": "chef", "password": "forkert"})
    response = client.post("/log-ind/", {"username": "chef", "password": "demo"})
    assert response.status_code == 429
    assert "For mange" in response.content.decode()
    assert AccessAttempt.objects.filter(username="chef").exists()


def test_passwords_never_appear_in_logs_or_stored_attempts(demo, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client()
    for _ in range(6):
        client.post("/log-ind/", {"username": "chef", "password": SECRET})
    assert SECRET not in caplog.text
    for attempt in AccessAttempt.objects.all():
        assert SECRET not in attempt.post_data
        assert SECRET not in attempt.get_data


@pytest.mark.django_db
def test_sign_out_is_a_post() -> None:
    assert Client().get("/log-ud/").status_code == 405
