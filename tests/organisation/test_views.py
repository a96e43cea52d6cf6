"""The organisation pages as a user meets them: tree, unit, person, forums and the upload."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from netvaerk.core.models import AuditEntry
from netvaerk.organisation.models import OrgImport, Person, Unit

from .test_import import PEOPLE_CSV, UNITS_CSV


def test_the_tree_shows_areas_and_centres_with_people_counts(client_as) -> None:
    response = client_as("medarbejder").get("/organisation/")
    html = response.content.decode()
    assert "Direktørområde Borger og Velfærd" in html
    assert "Center for Sundhed og Omsorg" in html
    assert "Hjemmeplejen Syd" not in html  # teams are one click further down


def test_a_unit_page_shows_manager_children_and_people(client_as) -> None:
    unit = Unit.objects.get(external_id="demo-t-hjemme")
    html = client_as("medarbejder").get(f"/organisation/enheder/{unit.pk}/").content.decode()
    assert "Anne Winther" in html and "Camilla Nørgaard" in html
    assert "Center for Sundhed og Omsorg" in html  # breadcrumb to the parent


def test_a_person_page_shows_unit_title_and_roles(client_as) -> None:
    person = Person.objects.get(user__username="direktor")
    html = client_as("leder").get(f"/personer/{person.pk}/").content.decode()
    assert "Hanne Mølgaard" in html and "Netværksstrukturen" in html
    assert "Netværksdirektør" in html
    assert "Chefforum" in html and "Direktørforum" in html
    assert "37 timer om ugen" in html


def test_people_search_finds_by_name(client_as) -> None:
    html = client_as("chef").get("/organisation/?q=lars").content.decode()
    assert "Lars Dahl" in html and "Anne Winther" not in html


def test_a_forum_page_lists_its_members_with_roles(client_as) -> None:
    html = client_as("chef").get("/fora/chefforum/").content.decode()
    assert "Karin Holm" in html and "Formand" in html


def test_upload_previews_then_applies_the_import(client_as) -> None:
    client = client_as("konsulent")
    response = client.post(
        "/organisation/import/",
        {
            "units_file": SimpleUploadedFile("enheder.csv", UNITS_CSV.encode()),
            "people_file": SimpleUploadedFile("personer.csv", PEOPLE_CSV.encode()),
        },
    )
    assert response.status_code == 302
    record = OrgImport.objects.latest("pk")
    preview = client.get(response["Location"]).content.decode()
    assert "Ane Skov" in preview and not Unit.objects.filter(external_id="t1").exists()
    # The demo's units are not in the file, so a full import would remove them.
    assert record.summary["counts"]["unit_remove"] > 0
    response = client.post(response["Location"])
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == OrgImport.Status.APPLIED
    assert Person.objects.get(external_id="p1").unit.external_id == "t1"
    assert AuditEntry.objects.filter(
        action="organisation.person.create", actor__username="konsulent"
    ).exists()
    # Applying twice is refused.
    client.post(f"/organisation/import/{record.pk}/")
    assert Person.objects.filter(external_id="p1").count() == 1


def test_a_malformed_upload_is_a_400_with_a_danish_message_and_changes_nothing(client_as) -> None:
    units_before = Unit.objects.count()
    response = client_as("konsulent").post(
        "/organisation/import/",
        {"units_file": SimpleUploadedFile("org.xlsx", b"PK\x03\x04 broken")},
    )
    assert response.status_code == 400
    assert "ikke en gyldig XLSX" in response.content.decode()
    assert Unit.objects.count() == units_before


def test_an_upload_with_row_errors_cannot_be_applied(client_as) -> None:
    client = client_as("konsulent")
    response = client.post(
        "/organisation/import/",
        {
            "people_file": SimpleUploadedFile(
                "p.csv", b"eksternt id;navn;enhed\nz1;Zia;findes-ikke\n"
            )
        },
    )
    preview = client.get(response["Location"]).content.decode()
    assert "række 2" in preview and "findes-ikke" in preview
    response = client.post(response["Location"])
    assert response.status_code == 400
    assert not Person.objects.filter(external_id="z1").exists()


def test_wrong_file_type_and_no_file_are_form_errors(client_as) -> None:
    client = client_as("konsulent")
    response = client.post(
        "/organisation/import/", {"units_file": SimpleUploadedFile("org.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    response = client.post("/organisation/import/", {})
    assert response.status_code == 400
    assert "Vælg en fil" in response.content.decode()


def test_a_stored_import_is_applied_only_once(client_as) -> None:
    import pytest

    from netvaerk.organisation.importers import parse_files
    from netvaerk.organisation.services import (
        ImportAlreadyApplied,
        org_import_apply,
        org_import_plan,
    )

    client = client_as("konsulent")
    client.post(
        "/organisation/import/",
        {"people_file": SimpleUploadedFile("p.csv", b"eksternt id;navn;enhed\nz2;Zia;demo-net\n")},
    )
    record = OrgImport.objects.latest("pk")
    stale = OrgImport.objects.get(pk=record.pk)  # a second click, loaded before the first applied
    with record.people_file.open("rb") as stored:
        plan = org_import_plan(parsed=parse_files(people_file=(stored, "p.csv")))
    org_import_apply(plan=plan, by=None, record=record)
    with pytest.raises(ImportAlreadyApplied):
        org_import_apply(plan=plan, by=None, record=stale)
    assert Person.objects.filter(external_id="z2").count() == 1
