"""Builders for the logbook tests, on top of the demo data (tests/conftest.py)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from netvaerk.core.models import User
from netvaerk.networks.demo import CAMPUS, ELDERLY, PROCESS, YOUNG
from netvaerk.networks.models import Network
from netvaerk.organisation.models import Person

__all__ = ["CAMPUS", "ELDERLY", "PROCESS", "YOUNG"]


def network(title: str) -> Network:
    return Network.objects.get(title=title)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def user(username: str) -> User:
    return User.objects.get(username=username)


def danish(text: str) -> str:
    """`text` as the Danish pages show it: translated and HTML-escaped."""
    with translation.override("da"):
        return escape(translation.gettext(text))


def involvement_post(**changes: str) -> dict[str, str]:
    data = {
        "group": "citizens",
        "who": "Borgere i eget hjem",
        "method": "interview",
        "happened_on": "2013-12-20",
        "people_count": "4",
        "what_changed": "Vi ændrede udskrivningsbrevet.",
    }
    data.update(changes)
    return data


def note_post(**changes: str) -> dict[str, str]:
    data = {"kind": "note", "written_on": "2013-12-20", "text": "Vi lærte noget nyt."}
    data.update(changes)
    return data


def pdf_bytes() -> bytes:
    """A real, tiny one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Referat af workshop med pårørende")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
