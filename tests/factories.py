"""factory-boy factories for every model the tests build; one place, shared by all tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from netvaerk.core.models import User
from netvaerk.organisation.models import Forum, ForumMembership, Person, Unit


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.django.Password("secret-password-1")


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Enhed {n}")
    level = Unit.Level.TEAM
    external_id = factory.Sequence(lambda n: f"unit-{n}")

    @factory.post_generation
    def set_path(obj: Unit, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            from netvaerk.organisation.services import unit_paths_rebuild

            unit_paths_rebuild()
            obj.refresh_from_db()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="da_DK")
    title = "Medarbejder"
    email = factory.Sequence(lambda n: f"person{n}@example.invalid")
    unit = factory.SubFactory(UnitFactory)
    external_id = factory.Sequence(lambda n: f"person-{n}")


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    kind = Forum.Kind.CHIEFS


class ForumMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ForumMembership

    forum = factory.SubFactory(ForumFactory)
    person = factory.SubFactory(PersonFactory)
