"""Documents: the upload checks, random storage names, download headers and who sees what."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from netvaerk.networks.logbook import services
from netvaerk.networks.logbook.models import Document
from netvaerk.networks.logbook.uploads import clean_filename

from .helpers import (
    ELDERLY,
    YOUNG,
    danish,
    docx_bytes,
    network,
    odt_bytes,
    pdf_bytes,
    person,
    png_bytes,
    upload,
)


def _url(title: str = ELDERLY) -> str:
    return reverse("logbook:documents", args=[network(title).pk])


def _download(document: Document) -> str:
    return reverse("logbook:document_download", args=[document.network_id, document.pk])


def _post(client, name: str, content: bytes, title: str = ""):
    return client.post(_url(), {"title": title, "file": upload(name, content)})


MISMATCH = (
    "The file's content does not match its name (.%(extension)s). Save it again "
    "as a real .%(extension)s file and upload that."
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("side.html", b"<html><body>hej</body></html>", "extension"),
        ("tegning.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "extension"),
        ("program.exe", b"MZ\x90\x00", "extension"),
        ("uden-endelse", b"%PDF-1.4", "extension"),
        ("rapport.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "content"),
        ("rapport.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "content"),
        ("billede.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "content"),
        ("foto.jpg", b"GIF89a\x01\x00", "content"),
        ("referat.docx", b"PK\x03\x04 not really a zip", "content"),
        ("referat.docx", odt_bytes(), "content"),  # a zip, but not Office Open XML
        ("regneark.ods", docx_bytes(), "content"),
        ("noter.txt", b"hej\x00med\x00nul", "text"),
        ("data.csv", b"navn;alder\n\x81\x8d\x8f;1\n", "text"),
        ("tom.pdf", b"", "empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_with_a_400(
    client_as, name, content, reason
) -> None:
    response = _post(client_as("medarbejder"), name, content)
    assert response.status_code == 400
    html = response.content.decode()
    if reason == "content":
        extension = name.rpartition(".")[2]
        with_danish = danish(MISMATCH).replace("%(extension)s", extension)
        assert with_danish in html
    elif reason == "extension":
        assert "pdf, png, pptx, txt, xlsx" in html
    assert not Document.objects.filter(filename=name).exists()
    assert Document.objects.count() == 1  # the demo's interview guide


def test_a_file_over_the_size_limit_is_refused(client_as, settings) -> None:
    settings.NETWORK_DOCUMENT_MAX_BYTES = 1000
    response = _post(client_as("medarbejder"), "stor.txt", b"a" * 1001)
    assert response.status_code == 400
    assert "1000" in response.content.decode() or "1,0" in response.content.decode()
    assert Document.objects.count() == 1
    assert _post(client_as("medarbejder"), "lille.txt", b"a" * 1000).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Rapport 2013.pdf", pdf_bytes(), "application/pdf"),
        ("billede.PNG", png_bytes(), "image/png"),
        (
            "referat.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("referat.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("noter.txt", "Æbler og pærer".encode(), "text/plain; charset=utf-8"),
        (
            "gammel.csv",
            "navn;by\nSøren;Ålborg\n".encode("cp1252"),
            "text/csv; charset=windows-1252",
        ),
    ],
)
def test_real_files_are_stored_under_a_random_name_and_downloaded_as_attachments(
    client_as, name, content, content_type
) -> None:
    client = client_as("medarbejder")
    assert _post(client, name, content).status_code == 302
    document = Document.objects.get(filename=name)
    assert document.title == name and document.size == len(content)
    assert document.uploaded_by == person("medarbejder")
    stored = document.file.name
    assert name.rpartition(".")[0] not in stored and stored.startswith("networks/")
    assert default_storage.exists(stored)

    response = client_as("borger").get(_download(document))  # the guest reads the files too
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_list_shows_title_file_name_size_and_uploader(client_as) -> None:
    html = client_as("leder").get(_url()).content.decode()
    assert "Interviewguide til hjemmebesøg efter udskrivning" in html
    assert "interviewguide-hjemmebesoeg.txt" in html and "Lars Dahl" in html
    assert 'name="file"' not in html  # leder is not in the network: reads, does not upload


def test_a_hostile_file_name_is_cleaned_and_the_download_header_stays_safe(client_as) -> None:
    client = client_as("netvaerksleder")
    name = '../../"evil";<script>\x07æ.txt'
    assert _post(client, name, b"hej", title="<script>alert(1)</script>").status_code == 302
    document = Document.objects.latest("pk")
    assert document.filename == "_evil___script_æ.txt"
    assert clean_filename("a\r\nSet-Cookie: x=1.txt") == "aSet-Cookie_ x=1.txt"
    assert clean_filename("..\\..\\windows.ini") == "windows.ini"
    assert clean_filename("...") == "dokument"
    response = client.get(_download(document))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\n" not in disposition
    assert "filename*=utf-8''_evil___script_%C3%A6.txt" in disposition
    html = client.get(_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html


def test_a_tampered_content_type_is_never_served_as_html(client_as) -> None:
    document = Document.objects.get(network__title=ELDERLY)
    Document.objects.filter(pk=document.pk).update(content_type="text/html")
    response = client_as("netvaerksleder").get(_download(document))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_private_networks_documents_do_not_exist_for_others(client_as) -> None:
    content = b"Fortrolig sagsoversigt"
    document = services.document_upload(
        network=network(YOUNG),
        upload=io.BytesIO(content),
        name="sager.txt",
        size=len(content),
        by=None,
    )
    for role in ("medarbejder", "chef", "leder", "politiker", "borger"):
        client = client_as(role)
        assert client.get(_url(YOUNG)).status_code == 404, role
        assert client.get(_download(document)).status_code == 404, role
        delete = reverse("logbook:document_delete", args=[document.network_id, document.pk])
        assert client.post(delete).status_code == 404, role
    assert client_as("anonymous").get(_download(document)).status_code == 302
    assert client_as("konsulent").get(_download(document)).status_code == 200
    assert Document.objects.filter(pk=document.pk).exists()
    # A document asked for through another network's address is not there either.
    elsewhere = reverse("logbook:document_download", args=[network(ELDERLY).pk, document.pk])
    assert client_as("konsulent").get(elsewhere).status_code == 404


def test_deleting_a_document_removes_its_file_after_commit(
    client_as, django_capture_on_commit_callbacks
) -> None:
    document = Document.objects.get(network__title=ELDERLY)
    stored = document.file.name
    assert default_storage.exists(stored)
    delete = reverse("logbook:document_delete", args=[document.network_id, document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client_as("netvaerksleder").post(delete).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(stored)
    assert client_as("netvaerksleder").get(_download(document)).status_code == 404


def test_no_file_chosen_is_a_400_in_danish(client_as) -> None:
    response = client_as("medarbejder").post(_url(), {"title": "Uden fil"})
    assert response.status_code == 400
    assert danish("Choose a file to upload.") in response.content.decode()
