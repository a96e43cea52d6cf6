"""Every write to the status reports goes through a function here."""

from __future__ import annotations

import datetime

from django.db import transaction

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission

from .models import NARRATIVE_FIELDS, StatusReport


class StaleReport(Exception):
    """Someone saved the narrative after this edit was started."""

    def __init__(self, current: StatusReport) -> None:
        super().__init__(current.pk)
        self.current = current


def status_report_save(
    *,
    starts_on: datetime.date,
    ends_on: datetime.date,
    version: int,
    by: User | None,
    **texts: str,
) -> StatusReport:
    """Write the narrative of the period's report (created on first save); `version` is the one
    the editor started from (0 for a report not saved before), else StaleReport."""
    unknown = set(texts) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValueError(f"status_report_save cannot change {sorted(unknown)}")
    require_permission(by, "reports.change_report")
    with transaction.atomic():
        report, _created = StatusReport.objects.select_for_update().get_or_create(
            starts_on=starts_on, ends_on=ends_on, defaults={"version": 0}
        )
        if report.version != version:
            raise StaleReport(report)
        before = snapshot(report, texts) if report.version else None
        for name, value in texts.items():
            setattr(report, name, value)
        report.version += 1
        report.updated_by = by
        report.save()
        audit_record(
            actor=by,
            action="reports.status_report.update",
            target=report,
            before=before,
            after=snapshot(report, texts),
        )
    return report
