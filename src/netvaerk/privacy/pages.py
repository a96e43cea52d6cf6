"""This app's pages in the page registry (core/pages.py adds them to PAGES).

Everyone signed in downloads their own data (every demo role has a person); anyone reads the
privacy notice; the secretariat edits it and anonymises the demo's former employee.
"""

from __future__ import annotations

from django.urls import reverse

from netvaerk.core.pages import ANONYMOUS, OK, ROLES, SECRETARIAT, Page, access


def _former_employee() -> str:
    from netvaerk.organisation.models import Person

    from .demo import FORMER_EMPLOYEE

    pk = Person.objects.only("pk").get(name=FORMER_EMPLOYEE).pk
    return reverse("privacy:anonymise", args=[pk])


PAGES: list[Page] = [
    # Downloads (no axe): the signed-in user's own data.
    Page(
        "privacy:my_data_json",
        lambda: reverse("privacy:my_data_json"),
        access(ROLES),
        bench_role="medarbejder",
    ),
    Page(
        "privacy:my_data_pdf",
        lambda: reverse("privacy:my_data_pdf"),
        access(ROLES),
        bench_role="medarbejder",
    ),
    Page(
        "privacy:notice",
        lambda: reverse("privacy:notice"),
        access(ROLES, anonymous=OK, denied=OK),
        axe_roles=(ANONYMOUS, "konsulent"),
    ),
    Page(
        "privacy:notice_edit",
        lambda: reverse("privacy:notice_edit"),
        access(SECRETARIAT),
        axe_roles=("konsulent",),
    ),
    Page(
        "privacy:anonymise",
        _former_employee,
        access(SECRETARIAT),
        axe_roles=("direktor",),
    ),
]
