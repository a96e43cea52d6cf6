"""The organisation's permission predicates, on people built with the factories."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from netvaerk.organisation.models import Person, SecretariatAssignment
from tests.factories import PersonFactory, UserFactory


@pytest.mark.django_db
def test_an_employee_sees_the_organisation_but_cannot_import() -> None:
    user = UserFactory()
    PersonFactory(user=user)
    assert user.has_perm("organisation.view_organisation")
    assert not user.has_perm("organisation.import_org")


@pytest.mark.django_db
def test_a_current_secretariat_member_may_import_and_a_former_one_may_not() -> None:
    current, former = UserFactory(), UserFactory()
    today = datetime.date.today()
    for user, ends_on in ((current, None), (former, today - datetime.timedelta(days=1))):
        person = PersonFactory(user=user)
        SecretariatAssignment.objects.create(
            person=person,
            role=SecretariatAssignment.Role.CONSULTANT,
            hours_per_week=15,
            starts_on=today - datetime.timedelta(days=30),
            ends_on=ends_on,
        )
    assert current.has_perm("organisation.import_org")
    assert current.has_perm("core.view_audit_log")
    assert not former.has_perm("organisation.import_org")


@pytest.mark.django_db
def test_a_guest_sees_only_their_own_person() -> None:
    guest_user = UserFactory()
    guest = PersonFactory(user=guest_user, kind=Person.Kind.GUEST, unit=None)
    other = PersonFactory()
    assert not guest_user.has_perm("organisation.view_organisation")
    assert guest_user.has_perm("organisation.view_person", guest)
    assert not guest_user.has_perm("organisation.view_person", other)


def test_anonymous_may_see_nothing() -> None:
    assert not AnonymousUser().has_perm("organisation.view_organisation")
    assert not AnonymousUser().has_perm("core.view_audit_log")
