"""Who may see and change what in the organisation. The only place these decisions live."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from .models import Person, Training


def person_of(user: Any) -> Person | None:
    """The person behind a signed-in user, looked up once per request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_person_cache"):
        user._person_cache = Person.objects.filter(user=user).first()
        # Fill Django's own cache too, so `user.person` in templates asks no more.
        user._state.fields_cache["person"] = user._person_cache
    return user._person_cache


def person_id_of(user: Any) -> int | None:
    """The id of the person behind a signed-in user (None for anyone else)."""
    person = person_of(user)
    return person.pk if person else None


@rules.predicate
def is_secretariat(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_secretariat_cache"):
        person = person_of(user)
        today = timezone.localdate()
        user._secretariat_cache = bool(
            person
            and person.secretariat_assignments.filter(starts_on__lte=today)
            .exclude(ends_on__lt=today)
            .exists()
        )
    return bool(user._secretariat_cache)


@rules.predicate
def is_guest(user: Any) -> bool:
    person = person_of(user)
    return bool(person and person.kind == Person.Kind.GUEST)


@rules.predicate
def is_self(user: Any, person: Person | None) -> bool:
    return person is not None and person.user_id is not None and person.user_id == user.pk


is_internal = rules.is_authenticated & ~is_guest

rules.add_perm("organisation.view_organisation", is_internal)
rules.add_perm("organisation.view_person", is_internal | is_self)
rules.add_perm("organisation.import_org", is_secretariat)
rules.add_perm("organisation.manage_forums", is_secretariat)
rules.add_perm("organisation.manage_secretariat", is_secretariat)
rules.add_perm("organisation.change_person", is_secretariat)
# What the platform holds about a person: the person themself and the secretariat.
rules.add_perm("organisation.export_person_data", is_secretariat | is_self)


# The career portfolio. The secretariat records every kind of training; a person may add
# (and remove) their own courses, diploma modules and other training, not the structure's own
# facilitator and innovator programmes, which the secretariat records.
SELF_KINDS = (Training.Kind.COURSE, Training.Kind.DIPLOMA, Training.Kind.OTHER)


@rules.predicate
def owns_training(user: Any, training: Training | None) -> bool:
    return training is not None and is_self(user, training.person) and training.kind in SELF_KINDS


rules.add_perm("organisation.manage_training", is_secretariat)
rules.add_perm("organisation.add_training", is_secretariat | is_self)
rules.add_perm("organisation.remove_training", is_secretariat | owns_training)
rules.add_perm("organisation.view_portfolio", is_secretariat | is_self)
