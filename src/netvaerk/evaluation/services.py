"""Every write to a network's evaluation plan, indicators and measurements goes through here.

Each service checks its permission (rules.py), writes in one transaction with an audit entry,
and locks the row it changes. Edits carry the version the editor loaded; an older one is
refused (StaleEvaluation) so two people editing at once do not overwrite each other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from netvaerk.core.audit import audit_record, snapshot
from netvaerk.core.models import User
from netvaerk.core.services import require_permission
from netvaerk.networks.models import Network
from netvaerk.organisation.models import ForumMeeting, Person
from netvaerk.organisation.rules import person_of

from .models import EvaluationPlan, EvaluationTemplate, Indicator, Measurement

PLAN_FIELDS = [
    "purpose",
    "questions_citizens",
    "questions_network",
    "questions_participants",
    "baseline_on",
    "mid_on",
    "end_on",
    "follow_up_on",
    "responsible",
    "decision_meeting",
]
INDICATOR_FIELDS = [
    "level",
    "name",
    "unit",
    "baseline",
    "target",
    "direction",
    "data_source",
    "responsible",
]
MEASUREMENT_FIELDS = ["measured_on", "value", "note"]
TEMPLATE_FIELDS = ["purpose", "questions_citizens", "questions_network", "questions_participants"]


class StaleEvaluation(Exception):
    """The plan or indicator was saved by someone else since the editor loaded it."""

    def __init__(self, current: EvaluationPlan | Indicator) -> None:
        super().__init__("stale evaluation")
        self.current = current


def _person(by: User | None, person: Person | None = None) -> Person | None:
    return person_of(by) if by is not None else person


def plan_create(*, network: Network, by: User | None) -> EvaluationPlan:
    """The network's plan, started from the evaluation guide's template for its type."""
    require_permission(by, "evaluation.change_evaluation", network)
    with transaction.atomic():
        Network.objects.select_for_update().get(pk=network.pk)
        existing = EvaluationPlan.objects.filter(network=network).first()
        if existing is not None:
            return existing
        template = EvaluationTemplate.objects.filter(kind=network.kind).first()
        texts = {name: getattr(template, name) if template else "" for name in TEMPLATE_FIELDS}
        plan = EvaluationPlan.objects.create(network=network, updated_by=_person(by), **texts)
        audit_record(
            actor=by,
            action="evaluation.plan.create",
            target=plan,
            after={"network": network.title, "template": template.title if template else ""},
        )
    return plan


def plan_update(
    *, plan: EvaluationPlan, version: int, by: User | None, **fields: Any
) -> EvaluationPlan:
    """Change the plan made from `version`; StaleEvaluation if someone saved since."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"not a plan field: {sorted(unknown)}")
    require_permission(by, "evaluation.change_evaluation", plan.network)
    with transaction.atomic():
        current = (
            EvaluationPlan.objects.select_for_update(of=("self",))
            .select_related("network")
            .get(pk=plan.pk)
        )
        if current.version != version:
            raise StaleEvaluation(current)
        before = snapshot(current, PLAN_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version = F("version") + 1
        current.updated_by = _person(by)
        current.updated_at = datetime.datetime.now(tz=datetime.UTC)
        current.save()
        current.refresh_from_db(fields=["version"])
        audit_record(
            actor=by,
            action="evaluation.plan.update",
            target=current,
            before=before,
            after=snapshot(current, PLAN_FIELDS),
        )
    return current


def conclusion_record(
    *,
    plan: EvaluationPlan,
    network_version: int,
    conclusion: str,
    decided_on: datetime.date,
    meeting: ForumMeeting | None,
    by: User | None,
) -> EvaluationPlan:
    """Record the conclusion the forum decided: the network's evaluation result (which the gate
    to anchoring asks for), the date, and the meeting. StaleNetwork if the network changed."""
    from netvaerk.networks.services import network_update

    require_permission(by, "evaluation.change_evaluation", plan.network)
    with transaction.atomic():
        current = EvaluationPlan.objects.select_for_update().get(pk=plan.pk)
        network_update(
            network=plan.network,
            version=network_version,
            by=by,
            evaluation_result=conclusion,
        )
        before = snapshot(current, ["concluded_on", "decision_meeting"])
        current.concluded_on = decided_on
        if meeting is not None:
            current.decision_meeting = meeting
        current.save(update_fields=["concluded_on", "decision_meeting"])
        audit_record(
            actor=by,
            action="evaluation.plan.conclude",
            target=current,
            before=before,
            after={
                **snapshot(current, ["concluded_on", "decision_meeting"]),
                "evaluation_result": conclusion,
            },
        )
    return current


# --- indicators and measurements ----------------------------------------------------------------


def indicator_create(
    *,
    plan: EvaluationPlan,
    level: str,
    name: str,
    unit: str,
    target: Decimal,
    data_source: str,
    baseline: Decimal | None = None,
    direction: str = Indicator.Direction.UP,
    responsible: Person | None = None,
    by: User | None,
) -> Indicator:
    require_permission(by, "evaluation.change_evaluation", plan.network)
    with transaction.atomic():
        order = plan.indicators.count()
        indicator = Indicator.objects.create(
            plan=plan,
            level=level,
            name=name,
            unit=unit,
            baseline=baseline,
            target=target,
            direction=direction,
            data_source=data_source,
            responsible=responsible,
            order=order,
        )
        audit_record(
            actor=by,
            action="evaluation.indicator.create",
            target=indicator,
            after=snapshot(indicator, INDICATOR_FIELDS),
        )
    return indicator


def indicator_update(
    *, indicator: Indicator, version: int, by: User | None, **fields: Any
) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"not an indicator field: {sorted(unknown)}")
    require_permission(by, "evaluation.change_evaluation", indicator.plan.network)
    with transaction.atomic():
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if current.version != version:
            raise StaleEvaluation(current)
        before = snapshot(current, INDICATOR_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db(fields=["version"])
        audit_record(
            actor=by,
            action="evaluation.indicator.update",
            target=current,
            before=before,
            after=snapshot(current, INDICATOR_FIELDS),
        )
    return current


def indicator_delete(*, indicator: Indicator, by: User | None) -> None:
    """Remove an indicator with its measurements."""
    require_permission(by, "evaluation.change_evaluation", indicator.plan.network)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="evaluation.indicator.delete",
            target=indicator,
            before={
                **snapshot(indicator, INDICATOR_FIELDS),
                "measurements": indicator.measurements.count(),
            },
        )
        indicator.delete()


def _refresh_latest(indicator: Indicator) -> None:
    """Keep the indicator's latest measurement on the indicator (the lists read it there)."""
    latest = indicator.measurements.order_by("-measured_on", "-id").first()
    Indicator.objects.filter(pk=indicator.pk).update(
        latest_value=latest.value if latest else None,
        latest_on=latest.measured_on if latest else None,
    )


def measurement_add(
    *,
    indicator: Indicator,
    measured_on: datetime.date,
    value: Decimal,
    note: str = "",
    by: User | None,
    person: Person | None = None,
) -> Measurement:
    """Record a measurement of the indicator."""
    require_permission(by, "evaluation.change_evaluation", indicator.plan.network)
    with transaction.atomic():
        Indicator.objects.select_for_update().get(pk=indicator.pk)
        measurement = Measurement.objects.create(
            indicator=indicator,
            measured_on=measured_on,
            value=value,
            note=note,
            recorded_by=_person(by, person),
        )
        _refresh_latest(indicator)
        audit_record(
            actor=by,
            action="evaluation.measurement.create",
            target=measurement,
            after={"indicator": indicator.name, **snapshot(measurement, MEASUREMENT_FIELDS)},
        )
    return measurement


def measurement_delete(*, measurement: Measurement, by: User | None) -> None:
    indicator = measurement.indicator
    require_permission(by, "evaluation.change_evaluation", indicator.plan.network)
    with transaction.atomic():
        Indicator.objects.select_for_update().get(pk=indicator.pk)
        audit_record(
            actor=by,
            action="evaluation.measurement.delete",
            target=measurement,
            before={"indicator": indicator.name, **snapshot(measurement, MEASUREMENT_FIELDS)},
        )
        measurement.delete()
        _refresh_latest(indicator)


TEMPLATE_EDIT_FIELDS = ["title", *TEMPLATE_FIELDS, "indicators"]


def template_update(
    *, template: EvaluationTemplate, by: User | None, **fields: Any
) -> EvaluationTemplate:
    """The secretariat changes the evaluation guide's starting plan for a type of network.

    Plans already made keep their text; new plans start from the changed template.
    """
    unknown = set(fields) - set(TEMPLATE_EDIT_FIELDS)
    if unknown:
        raise TypeError(f"not a template field: {sorted(unknown)}")
    require_permission(by, "evaluation.manage_templates")
    with transaction.atomic():
        current = EvaluationTemplate.objects.select_for_update().get(pk=template.pk)
        before = snapshot(current, TEMPLATE_EDIT_FIELDS)
        for name, value in fields.items():
            setattr(current, name, value)
        current.updated_at = datetime.datetime.now(tz=datetime.UTC)
        current.save()
        audit_record(
            actor=by,
            action="evaluation.template.update",
            target=current,
            before=before,
            after=snapshot(current, TEMPLATE_EDIT_FIELDS),
        )
    return current
