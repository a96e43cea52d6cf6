"""The evaluation pages ask the database the same number of times with few and much data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netvaerk.evaluation import services
from netvaerk.evaluation.models import EvaluationPlan, Indicator, Measurement
from netvaerk.networks.demo import CAMPUS
from netvaerk.networks.models import Network, NetworkType


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def _grow(count: int) -> None:
    """`count` more indicators on Campus, each with `count` measurements, and `count` more
    networks with a plan and indicators (the portfolio)."""
    plan = EvaluationPlan.objects.get(network__title=CAMPUS)
    start = Network.objects.filter(title__startswith="Vækst").count()
    for n in range(start, start + count):
        indicator = services.indicator_create(
            plan=plan,
            level="network",
            name=f"Indikator {n}",
            unit="antal",
            baseline=Decimal(n),
            target=Decimal(n + 10),
            data_source="Optælling",
            by=None,
        )
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                measured_on=datetime.date(2013, 1, 1) + datetime.timedelta(days=day),
                value=Decimal(day % 13),
            )
            for day in range(count * 2)
        )
        Indicator.objects.filter(pk=indicator.pk).update(latest_value=Decimal(3))
        extra = Network.objects.create(title=f"Vækst {n}", kind=NetworkType.LEARNING)
        extra_plan = EvaluationPlan.objects.create(network=extra)
        Indicator.objects.create(
            plan=extra_plan, level="network", name="x", unit="y", target=Decimal(1)
        )


def test_evaluation_pages_make_as_many_queries_with_more_data(client_as) -> None:
    campus = Network.objects.get(title=CAMPUS)
    indicator = Indicator.objects.filter(plan__network=campus).order_by("pk").first()
    assert indicator is not None
    paths = {
        "overview": reverse("evaluation:overview", args=[campus.pk]),
        "indicator": reverse("evaluation:indicator", args=[campus.pk, indicator.pk]),
        "report": reverse("evaluation:report", args=[campus.pk]),
        "portfolio": reverse("evaluation:portfolio"),
        "portfolio?kind": reverse("evaluation:portfolio") + "?kind=learning",
    }
    client = client_as("direktor")
    Measurement.objects.bulk_create(
        Measurement(indicator=indicator, measured_on=datetime.date(2012, 1, day), value=1)
        for day in range(1, 3)
    )
    _grow(1)  # rows on every page at both sizes (an empty page skips the query for its rows)
    before = {name: _queries(client, path) for name, path in paths.items()}
    _grow(30)  # more than a page of networks (PAGE_SIZE is 25) and of measurements
    after = {name: _queries(client, path) for name, path in paths.items()}
    assert before == after
    assert max(before.values()) <= 30, before
