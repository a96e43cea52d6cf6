"""The dashboard and the resources pages: figures from the 2013 demo, filters, exports and who
sees what."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from netvaerk.insights import selectors
from netvaerk.insights.analytics import Period, half_year_period
from netvaerk.networks import services as network_services
from netvaerk.organisation.models import Unit

DASHBOARD = reverse("insights:dashboard")
RESOURCES = reverse("insights:resources")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def _area(external_id: str = "demo-a1") -> Unit:
    return Unit.objects.get(external_id=external_id)


def test_the_2013_dashboard_shows_the_six_networks_and_the_round(client_as) -> None:
    response = client_as("medarbejder").get(DASHBOARD, {"period": "2013"})
    assert response.status_code == 200
    data = response.context["data"]
    assert data.types.total == 6
    assert dict(zip(data.types.rows, data.types.row_totals, strict=True)) == {
        "welfare": 3,
        "innovation": 1,
        "learning": 2,
    }
    assert data.summary.started == 6
    assert data.summary.started_by_type == {"welfare": 3, "innovation": 1, "learning": 2}
    assert [(f.half_year, f.started, f.closed) for f in data.flows] == [
        ("2013-1", 0, 0),
        ("2013-2", 6, 0),
    ]
    (autumn,) = data.outcomes
    assert autumn.round.title == "Idéindsamling efteråret 2013"
    assert (autumn.received, autumn.count("selected")) == (5, 3)
    assert (autumn.count("parked"), autumn.count("rejected")) == (1, 1)
    assert sum(a.people for a in data.areas) > 0
    assert {a.name for a in data.areas} >= {u.name for u in Unit.objects.filter(level=1)}
    content = response.content.decode()
    assert "<svg" in content and "heat heat-" in content and "style=" not in content


def test_the_whole_dashboard_and_its_filters(client_as) -> None:
    client = client_as("chef")
    everything = client.get(DASHBOARD)
    assert everything.status_code == 200
    assert everything.context["data"].period == Period()
    first_half = client.get(DASHBOARD, {"start": "2013-01-01", "end": "2013-06-30"})
    assert first_half.context["data"].summary.started == 0
    area = _area("demo-a2")
    by_area = client.get(DASHBOARD, {"period": "2013-2", "area": area.pk})
    data = by_area.context["data"]
    assert data.period == half_year_period("2013-2")
    assert [a.name for a in data.areas] == [area.name]
    assert 0 < data.types.total <= 6


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2013-3"},
        {"period": "13"},
        {"start": "i går"},
        {"start": "2013-12-31", "end": "2013-01-01"},
        {"period": "2013", "start": "2013-01-01"},
        {"area": "999999"},
        {"area": "x"},
        {"format": "pdf", "table": "types"},
        {"format": "csv", "table": "unknown"},
        {"format": "csv"},
    ],
)
def test_bad_dashboard_input_is_a_400(client_as, query) -> None:
    assert client_as("konsulent").get(DASHBOARD, query).status_code == 400


def test_a_non_area_unit_is_no_area(client_as) -> None:
    team = Unit.objects.get(external_id="demo-t-hjemme")
    assert client_as("konsulent").get(DASHBOARD, {"area": team.pk}).status_code == 400


def test_dashboard_exports_parse(client_as) -> None:
    client = client_as("medarbejder")
    types = _csv(client.get(DASHBOARD, {"period": "2013", "table": "types", "format": "csv"}))
    assert types[-1][-1] == "6"
    assert len(types) == 5  # header, three types, total
    flows = _csv(client.get(DASHBOARD, {"period": "2013", "table": "half_years", "format": "csv"}))
    assert [row[1:] for row in flows[1:]] == [["0", "0"], ["6", "0"]]
    assert "2013" in flows[1][0]
    ideas = _xlsx(client.get(DASHBOARD, {"period": "2013", "table": "ideas", "format": "xlsx"}))
    assert ideas[1][0] == "Idéindsamling efteråret 2013"
    assert ideas[1][2:6] == (5, 3, 1, 1)
    areas = _xlsx(client.get(DASHBOARD, {"table": "areas", "format": "xlsx"}))
    assert len(areas[0]) == 6
    assert {row[0] for row in areas[1:]} >= {u.name for u in Unit.objects.filter(level=1)}


def test_dashboard_permissions(client_as) -> None:
    assert client_as("borger").get(DASHBOARD).status_code == 403
    assert client_as("anonymous").get(DASHBOARD).status_code == 302
    assert client_as("politiker").get(DASHBOARD).status_code == 200


def test_the_dashboard_is_recomputed_after_a_change(client_as) -> None:
    client = client_as("konsulent")
    before = client.get(DASHBOARD).context["data"].types.total
    network_services.network_create(title="Et nyt netværk", kind="learning", by=None)
    assert client.get(DASHBOARD).context["data"].types.total == before + 1


# --- resources ----------------------------------------------------------------------------------


def test_the_secretariat_sees_every_table(client_as) -> None:
    response = client_as("direktor").get(RESOURCES)
    assert response.status_code == 200
    names = {row.name for row in response.context["person_rows"]}
    assert "Lars Dahl" in names  # netvaerksleder, another area
    assert "Erik Jessen" not in names  # the guest commits no working hours
    staffing = response.context["staffing"]
    assert staffing.hours == Decimal(81)
    assert staffing.fte == Decimal("2.19")
    units = {row.name for row in response.context["unit_rows"]}
    assert "Hjemmeplejen Syd" in units


def test_a_manager_sees_only_the_people_of_their_own_units(client_as) -> None:
    client = client_as("leder")  # manager of Hjemmeplejen Syd
    response = client.get(RESOURCES, {"sort": "-hours"})
    assert response.status_code == 200
    rows = response.context["person_rows"]
    assert {row.unit for row in rows} == {"Hjemmeplejen Syd"}
    assert [row.hours for row in rows] == sorted((row.hours for row in rows), reverse=True)
    people = _csv(client.get(RESOURCES, {"table": "people", "format": "csv"}))
    assert {row[1] for row in people[1:]} == {"Hjemmeplejen Syd"}
    # A unit outside their own is no choice.
    other = Unit.objects.get(external_id="demo-t-trae")
    assert client.get(RESOURCES, {"unit": other.pk}).status_code == 400
    chef = client_as("chef").get(RESOURCES)  # Center for Sundhed og Omsorg and below
    assert {row.unit for row in chef.context["person_rows"]} <= {
        "Center for Sundhed og Omsorg",
        "Hjemmeplejen Syd",
        "Træning og Rehabilitering",
    }
    assert "Lars Dahl" in {row.name for row in chef.context["person_rows"]}


def test_resource_filters_and_exports(client_as) -> None:
    client = client_as("konsulent")
    area = _area("demo-a2")
    response = client.get(RESOURCES, {"unit": area.pk, "sort": "hours"})
    rows = response.context["person_rows"]
    assert rows and {row.area for row in rows} == {area.name}
    assert [row.hours for row in rows] == sorted(row.hours for row in rows)
    units = _xlsx(client.get(RESOURCES, {"table": "units", "format": "xlsx"}))
    assert len(units[0]) == 6
    assert "Hjemmeplejen Syd" in {row[0] for row in units[1:]}
    staffing = _csv(client.get(RESOURCES, {"table": "staffing", "format": "csv"}))
    assert len(staffing[0]) == 5
    assert {row[2] for row in staffing[1:5]} == {"37.0", "15.0", "9.0", "20.0"}
    assert staffing[-1][2] == "81.0"
    for query in ({"sort": "x"}, {"unit": "0"}, {"format": "csv", "table": "x"}, {"format": "x"}):
        assert client.get(RESOURCES, query).status_code == 400, query
    assert client.get(RESOURCES, {"personer": "99"}).status_code == 404


def test_resources_permissions(client_as) -> None:
    for role, status in {
        "medarbejder": 403,
        "netvaerksleder": 403,
        "politiker": 403,
        "borger": 403,
        "chef": 200,
        "leder": 200,
        "konsulent": 200,
    }.items():
        assert client_as(role).get(RESOURCES).status_code == status, role


def test_the_status_report_interface(demo) -> None:
    year = half_year_period("2013")
    assert selectors.networks_started_per_type(year) == {
        "welfare": 3,
        "innovation": 1,
        "learning": 2,
    }
    (autumn,) = selectors.ideas_per_round(year)
    assert autumn.received == 5
    staffing = selectors.secretariat_staffing(year)
    assert staffing.hours == Decimal(81)
    assert len(staffing.assignments) == 4
