"""The silo page on the demo: its numbers, downloads, filters and who sees it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from netvaerk.insights.silos import selectors
from netvaerk.networks.demo import PARTICIPANTS
from netvaerk.networks.models import Network, NetworkType, Participation
from netvaerk.organisation.models import Person, Unit

URL = "/indsigt/siloer/"


def test_url():
    assert reverse("silos:analysis") == URL


def test_demo_summary_2013(demo):
    # Every demo network mixes the two director areas (ELDERLY has Byggesag from By og
    # Fællesskab; PROCESS and PROJECT have both directors or their units).
    summary = selectors.period_summary(
        start=datetime.date(2013, 1, 1), end=datetime.date(2013, 12, 31)
    )
    assert summary.areas == 2
    assert summary.networks == len(PARTICIPANTS) == 6
    assert summary.spanning_networks == summary.all_area_networks == 6
    assert summary.share_spanning == 1.0
    assert summary.units == 16  # two areas, six centres, eight teams
    assert summary.units_taking_part == 16
    assert summary.units_in_no_network == 0
    assert summary.units_without_cross_tie == 0
    # Before Campus (1 August 2013) nothing ran.
    before = selectors.period_summary(
        start=datetime.date(2013, 7, 1), end=datetime.date(2013, 7, 31)
    )
    assert before.networks == 0 and before.share_spanning is None


def test_page_shows_the_summary_and_tables(client_as):
    cache.clear()
    response = client_as("direktor").get(URL, {"half_year": "2013-2"})
    assert response.status_code == 200
    html = response.content.decode()
    result = response.context["result"]
    assert result.summary.spanning_networks == 6
    assert 'role="img"' in html and "<title" in html
    assert 'id="silo-trend-title"' in html
    assert "Direktørområde Borger og Velfærd" in html
    assert len(result.bridges) > 0
    assert result.betweenness_samples is None
    labels = [label for label, _row in response.context["half_year_rows"]]
    assert labels[0].endswith("2013") and len(labels) == 1


def test_weights_differ(client_as):
    client = client_as("medarbejder")
    people = client.get(URL, {"weight": "people"}).context["result"]
    hours = client.get(URL, {"weight": "hours"}).context["result"]
    assert people.summary == hours.summary.__class__(
        **{**hours.summary.__dict__, "weight": "people"}
    )
    assert people.area_matrix.cells != hours.area_matrix.cells


@pytest.mark.parametrize(
    "query",
    [
        {"half_year": "2013-3"},
        {"half_year": "2013-2", "start": "2013-01-01"},
        {"start": "2013-12-01", "end": "2013-01-01"},
        {"start": "not a date"},
        {"weight": "kilos"},
        {"format": "pdf", "table": "areas"},
        {"format": "csv", "table": "nothing"},
        {"format": "csv"},
    ],
)
def test_bad_input_is_400(client_as, query):
    assert client_as("direktor").get(URL, query).status_code == 400


@pytest.mark.parametrize("table", ["areas", "units", "bridges", "isolated", "absent", "halfyears"])
def test_exports(client_as, table):
    client = client_as("konsulent")
    csv = client.get(URL, {"format": "csv", "table": table, "half_year": "2013-2"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert len(text.splitlines()) >= 1
    xlsx = client.get(URL, {"format": "xlsx", "table": table, "half_year": "2013-2"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row >= 1
    if table == "areas":
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][1:] == (
            "Direktørområde Borger og Velfærd",
            "Direktørområde By og Fællesskab",
        )
        assert len(rows) == 3
    if table == "halfyears":
        assert text.splitlines()[1].split(";")[1:4] == ["6", "6", "100.0"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("direktor", 200),
        ("medarbejder", 200),
        ("politiker", 200),
        ("leder", 200),
        ("borger", 403),
    ],
)
def test_permission(client_as, role, status):
    assert client_as(role).get(URL).status_code == status


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def _queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_query_count_is_flat(client_as):
    client = client_as("direktor")
    before = _queries(client)
    area = Unit.objects.filter(level=Unit.Level.AREA).first()
    units = [
        Unit.objects.create(name=f"Team {n}", level=Unit.Level.TEAM, parent=area) for n in range(15)
    ]
    for unit in units:
        Unit.objects.filter(pk=unit.pk).update(path=f"{area.path}{unit.pk}/")
    for n in range(10):
        network = Network.objects.create(title=f"Vækst {n}", kind=NetworkType.LEARNING)
        for unit in units[n : n + 4]:
            person = Person.objects.create(name=f"P {n} {unit.pk}", unit=unit)
            Participation.objects.create(network=network, person=person, hours_per_week=2)
    assert _queries(client) == before
