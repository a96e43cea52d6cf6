"""Matching a person signed in by an identity provider to a person here (OIDC and SAML alike).

The identity provider vouches for who signed in, so there is no permission check: the rules
are the matching order below. External id (`Person.external_id`) first, then e-mail
(case-insensitively); only a unique match counts. An ambiguous or missing match gets a new
person (SSO_CREATE_PEOPLE) or a refusal. An inactive person (or account) is refused.

The identity's external id is never written to a person: it is the organisation import's key,
and a value from another id space there would make the next full import remove the person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from netvaerk.core.audit import audit_record
from netvaerk.core.models import User
from netvaerk.organisation.models import Person
from netvaerk.organisation.services import person_create, person_link_user

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    """Who the identity provider says signed in."""

    provider: str  # "oidc" or "saml", for the log
    external_id: str = ""
    email: str = ""
    name: str = ""
    given_name: str = ""
    family_name: str = ""

    @property
    def display_name(self) -> str:
        return self.name or " ".join(p for p in (self.given_name, self.family_name) if p)


class SignInRefused(Exception):
    """The identity provider vouched for someone we will not let in; `reason` says why."""

    NO_IDENTITY = "no_identity"  # neither an e-mail address nor an external id was sent
    UNKNOWN = "unknown"  # no unique match, and new people are not created
    AMBIGUOUS = "ambiguous"  # several people match, and new people are not created
    INACTIVE = "inactive"  # the person (or the account) is marked as left

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def find_person(identity: Identity) -> tuple[Person | None, bool]:
    """The one person the identity matches, and whether several matched (ambiguous)."""
    if identity.external_id:
        by_id = Person.objects.select_related("user").filter(external_id=identity.external_id)
        found = list(by_id[:2])
        if len(found) == 1:
            return found[0], False
    if identity.email:
        by_email = Person.objects.select_related("user").filter(email__iexact=identity.email)
        found = list(by_email[:2])
        if len(found) == 1:
            return found[0], False
        if len(found) > 1:
            return None, True
    return None, False


def _free_username(base: str) -> str:
    base = (base or "sso-user").lower()[:140]
    taken = set(User.objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _first_and_last(full: str) -> tuple[str, str]:
    """Split "Anne Marie Hansen" into ("Anne Marie", "Hansen"); one word is a first name."""
    first, _space, last = full.strip().rpartition(" ")
    return (first or last), (last if first else "")


def _account_names(identity: Identity, person: Person) -> tuple[str, str]:
    """The new account's first and last name: as the provider sent them, else from its full
    name, else from the person's."""
    if identity.given_name or identity.family_name:
        return identity.given_name, identity.family_name
    return _first_and_last(identity.display_name or person.name)


def _create_user(*, identity: Identity, person: Person) -> User:
    """A new account without a password (it signs in only through the identity provider)."""
    email = identity.email or person.email
    base = email or (f"sso-{identity.external_id}" if identity.external_id else "")
    first_name, last_name = _account_names(identity, person)
    user = User(
        username=_free_username(base),
        email=email,
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=None,
        action="sso.user.create",
        target=user,
        after={
            "username": user.username,
            "email": user.email,
            "provider": identity.provider,
        },
        subject=person,
    )
    return user


def sign_in_user(*, identity: Identity) -> User:
    """The account the identity signs in to: found, linked or created, all in one transaction.

    Raises SignInRefused with the reason when the identity may not sign in.
    """
    if not identity.external_id and not identity.email:
        raise SignInRefused(SignInRefused.NO_IDENTITY)
    with transaction.atomic():
        person, ambiguous = find_person(identity)
        if person is None:
            # A new person is made only for someone with an e-mail address that matches
            # nobody: with several matches, or none to find them by again next time (the
            # external id is not stored), each sign-in would make yet another person.
            if ambiguous or not settings.SSO_CREATE_PEOPLE or not identity.email:
                logger.info("SSO sign-in refused (%s): no unique person matches", identity.provider)
                raise SignInRefused(SignInRefused.AMBIGUOUS if ambiguous else SignInRefused.UNKNOWN)
            # A new employee without a unit; the next organisation import places them.
            name = identity.display_name or identity.email or identity.external_id
            person = person_create(
                name=name[:200], kind=Person.Kind.EMPLOYEE, email=identity.email, by=None
            )
        if not person.is_active:
            raise SignInRefused(SignInRefused.INACTIVE)
        user = person.user
        if user is None:
            user = _create_user(identity=identity, person=person)
            person_link_user(person=person, user=user, by=None)
        if not user.is_active:
            raise SignInRefused(SignInRefused.INACTIVE)
    return user
