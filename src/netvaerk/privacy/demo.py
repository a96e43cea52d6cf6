"""This app's part of the first-run demo: the privacy notice, and an employee who has left.

The former employee (no longer in the organisation, not yet anonymised) is the one the
secretariat can try the anonymisation on.
"""

from __future__ import annotations

from django.db import transaction

from netvaerk.core.audit import audit_record
from netvaerk.organisation.models import Person, Unit
from netvaerk.organisation.services import person_create, person_update

from .services import notice_update
from .starter import STARTER_NOTICE

FORMER_EMPLOYEE = "Kirsten Søndergaard"


def load() -> None:
    notice_update(body=STARTER_NOTICE, version=0, by=None)
    person = person_create(name=FORMER_EMPLOYEE, email="kirsten.sondergaard@example.dk", by=None)
    person_update(
        person=person,
        title="Sygeplejerske",
        unit=Unit.objects.get(external_id="demo-t-hjemme"),
        by=None,
    )
    # She has left: what an organisation import does to someone no longer in it.
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(is_active=False)
        audit_record(
            actor=None,
            action="organisation.person.remove",
            target=person,
            before={"is_active": True},
            after={"is_active": False},
            subject=person,
        )
