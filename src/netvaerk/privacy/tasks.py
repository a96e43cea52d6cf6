"""Background work (django-tasks): the retention rules, the same as `manage.py apply_retention`.

Enqueue it from a scheduler (cron, systemd timer) with `apply_retention.enqueue()`, or run
the management command directly.
"""

from __future__ import annotations

from django_tasks import task

from .services import retention_apply


@task()
def apply_retention() -> dict[str, int]:
    """Remove idle guest accounts, old notifications and finished imports' files; the counts."""
    result = retention_apply()
    return {
        "guests_removed": result.guests,
        "notifications_deleted": result.notifications,
        "import_files_deleted": result.import_files,
    }
