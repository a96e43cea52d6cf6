"""The line organisation: units in a tree, the people in them, forums and the secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.Model):
    """A unit of the line organisation (basisorganisationen)."""

    class Level(models.IntegerChoices):
        ORGANISATION = 0, _("Organisation")
        AREA = 1, _("Director area")
        CENTRE = 2, _("Centre")
        TEAM = 3, _("Team")

    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/1/4/17/": the ids from the root down to this unit, so ancestors and subtrees
    # are one query whatever the depth. Maintained by the services.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:unit", args=[self.pk])

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class Person(models.Model):
    """Someone in the organisation, or a guest invited into a network."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        POLITICIAN = "politician", _("Politician")
        GUEST = "guest", _("Guest")

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    is_manager = models.BooleanField(_("manager of the unit"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYEE)
    is_innovator = models.BooleanField(_("innovator"), default=False)
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Set when the person's name and contact details were removed (privacy.services).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["unit", "is_active", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:person", args=[self.pk])


class Forum(models.Model):
    """A leaders' forum or MED committee that discusses and decides."""

    class Kind(models.TextChoices):
        DIRECTORS = "directors", _("Directors' forum")
        CHIEFS = "chiefs", _("Chiefs' forum")
        LEADERS = "leaders", _("Leaders' forum")
        MED = "med", _("MED committee")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    members: models.ManyToManyField[Person, ForumMembership] = models.ManyToManyField(
        Person, through="ForumMembership", related_name="forums", verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:forum", args=[self.slug])


class ForumMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="forum_memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["forum__name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "person"], name="unique_forum_member")
        ]
        verbose_name = _("forum membership")
        verbose_name_plural = _("forum memberships")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.forum})"


class ForumMeeting(models.Model):
    """A meeting of a forum; its agenda holds the ideas (and later contracts) it decides on."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    starts_at = models.DateTimeField(_("time"))
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")

    def __str__(self) -> str:
        return f"{self.forum}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("ideas:meeting", args=[self.forum.slug, self.pk])


class SecretariatAssignment(models.Model):
    """A person's place in the network secretariat, with the hours it is staffed with."""

    class Role(models.TextChoices):
        DIRECTOR = "director", _("Network director")
        CONSULTANT = "consultant", _("Network consultant")
        ADMINISTRATION = "administration", _("Administrative employee")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="secretariat_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("secretariat assignment")
        verbose_name_plural = _("secretariat assignments")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class OrgImport(models.Model):
    """An uploaded organisation file, previewed as a dry-run before it is applied."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")
        # Previewed but not applied within RETENTION_IMPORT_FILE_DAYS: its files are deleted.
        EXPIRED = "expired", _("Expired")

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    units_file = models.FileField(_("units file"), upload_to="imports/%Y/%m/", blank=True)
    people_file = models.FileField(_("people file"), upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class Training(models.Model):
    """A training or course a person took (or will take): part of their career portfolio."""

    class Kind(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator training")
        INNOVATOR = "innovator", _("Innovator training")
        COURSE = "course", _("Course")
        DIPLOMA = "diploma", _("Diploma module")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("name of a thing", "title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    started_on = models.DateField(_("starts"))
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    ects = models.DecimalField(
        _("ECTS points"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["person", "started_on"])]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"
