"""Background work for the organisation (django-tasks; `manage.py db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task

from .os2mo import OS2moError, os2mo_import


@task()
def import_os2mo(remove_missing: bool = False) -> dict[str, int]:
    """Import the organisation from OS2mo (as `manage.py import_os2mo`); returns the counts.

    Enqueue it from a timer (`manage.py import_os2mo --enqueue`); a failure (OS2mo unreachable,
    errors in its data) fails the task and changes nothing.
    """
    plan = os2mo_import(dry_run=False, remove_missing=remove_missing)
    if not plan.is_valid:
        raise OS2moError(
            f"{len(plan.errors)} errors in the OS2mo data; nothing was changed: "
            + "; ".join(str(error) for error in plan.errors[:5])
        )
    counts: dict[str, int] = plan.summary()["counts"]
    return counts
