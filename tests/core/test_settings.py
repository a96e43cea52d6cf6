"""Production settings pass Django's deployment checks with no warnings; CSP is strict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    """The environment without test-only switches (the browser suite allows async-unsafe ORM)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "netvaerk.config.settings.production"
    env.pop("SECRET_KEY", None)
    return {**env, **extra}


def test_production_settings_pass_check_deploy_without_warnings(tmp_path) -> None:
    env = production_env(
        SECRET_KEY="x" * 20 + "-production-like-secret-key-for-the-test-0123456789",
        ALLOWED_HOSTS="netvaerk.example.dk",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_the_development_secret_key(tmp_path) -> None:
    env = production_env(
        ALLOWED_HOSTS="netvaerk.example.dk", DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_pages_carry_a_csp_without_unsafe_inline(client_as) -> None:
    response = client_as("medarbejder").get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_an_english_browser_still_gets_danish_until_the_user_switches(client_as) -> None:
    client = client_as("medarbejder")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()
