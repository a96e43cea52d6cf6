"""Fixtures shared by every test: the demo data and clients signed in as its roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client

from netvaerk.core.demo import load_demo
from netvaerk.core.models import User
from netvaerk.core.pages import ANONYMOUS

# Tables the demo does not fill, or that Django fills by itself.
NOT_DUMPED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
]


@pytest.fixture(scope="session")
def demo_dump(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The demo, loaded through the services once per test session and kept as a fixture file.

    Loading it through the services (with their audit entries, notifications and e-mail tasks)
    takes seconds; each test then loads the rows from this file, which is much faster. The
    services that build the demo are themselves tested by tests/core and every app's tests.
    """
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        call_command("dumpdata", exclude=NOT_DUMPED, output=str(path), verbosity=0)
        DEMO_FILES.update(_stored_files())
        transaction.set_rollback(True)
    yield path


# The uploaded files the demo's rows point to (name → content), so a test that moves
# MEDIA_ROOT elsewhere still finds them.
DEMO_FILES: dict[str, bytes] = {}


def _stored_files() -> dict[str, bytes]:
    files = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                for obj in model._default_manager.exclude(**{field.name: ""}):
                    stored = getattr(obj, field.name)
                    with stored.open("rb") as handle:
                        files[stored.name] = handle.read()
    return files


@pytest.fixture
def demo(db: None, demo_dump: Path) -> None:
    """The demo organisation of DESIGN.md §9 (built through the services, see demo_dump)."""
    call_command("loaddata", str(demo_dump), verbosity=0)
    for name, content in DEMO_FILES.items():
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))


@pytest.fixture
def client_as(demo: None) -> Callable[[str], Client]:
    """A test client signed in as a demo user (or anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(User.objects.get(username=role))
        return client

    return make
