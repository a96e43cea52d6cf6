"""What a network document may be: an allow-list of types, each checked by its first bytes.

The extension alone is not trusted: an HTML or SVG page renamed to .pdf must not get in, since
a browser could be talked into running it. Every type is checked by its content, and the
download always names a content type from this list, never text/html.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

ZIP = b"PK\x03\x04"
OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"


@dataclass(frozen=True)
class FileType:
    content_type: str
    # "pdf", "png", "jpeg", "ooxml", "odf" or "text": how the content is checked.
    check: str


ALLOWED: dict[str, FileType] = {
    "pdf": FileType("application/pdf", "pdf"),
    "docx": FileType(f"{OOXML}.wordprocessingml.document", "ooxml"),
    "xlsx": FileType(f"{OOXML}.spreadsheetml.sheet", "ooxml"),
    "pptx": FileType(f"{OOXML}.presentationml.presentation", "ooxml"),
    "odt": FileType(f"{ODF}.text", "odf"),
    "ods": FileType(f"{ODF}.spreadsheet", "odf"),
    "odp": FileType(f"{ODF}.presentation", "odf"),
    "txt": FileType("text/plain", "text"),
    "csv": FileType("text/csv", "text"),
    "png": FileType("image/png", "png"),
    "jpg": FileType("image/jpeg", "jpeg"),
    "jpeg": FileType("image/jpeg", "jpeg"),
}
SAFE_CONTENT_TYPES = {file_type.content_type for file_type in ALLOWED.values()}
FALLBACK_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    extension: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "NETWORK_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def clean_filename(name: str) -> str:
    """The uploader's file name without folders, control characters or quotes, at most 150."""
    name = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'["<>:|?*;]', "_", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if dot and len(name) > 150:
        name = f"{stem[: 149 - len(extension)]}.{extension}"
    return name[:150] or "dokument"


def extension_of(filename: str) -> str:
    _stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot else ""


def check_upload(upload: IO[bytes], *, name: str, size: int) -> CheckedFile:
    """The file's clean name and safe content type, or a ValidationError in plain Danish."""
    filename = clean_filename(name)
    extension = extension_of(filename)
    file_type = ALLOWED.get(extension)
    if file_type is None:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed types: %(types)s.")
            % {"types": ", ".join(sorted(ALLOWED))},
            code="extension",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
            code="size",
        )
    upload.seek(0)
    content_type = file_type.content_type
    if not _content_matches(upload, file_type.check):
        raise ValidationError(
            _(
                "The file's content does not match its name (.%(extension)s). Save it again "
                "as a real .%(extension)s file and upload that."
            )
            % {"extension": extension},
            code="content",
        )
    if file_type.check == "text":
        upload.seek(0)
        encoding = _text_encoding(upload.read(size + 1))
        if encoding is None:
            raise ValidationError(
                _(
                    "The text file cannot be read: it must be plain text in UTF-8 or "
                    "Windows-1252, without NUL characters."
                ),
                code="text",
            )
        content_type = f"{content_type}; charset={encoding}"
    upload.seek(0)
    return CheckedFile(filename, extension, content_type, size)


def _content_matches(upload: IO[bytes], check: str) -> bool:
    head = upload.read(16)
    if check == "pdf":
        return head.startswith(b"%PDF-")
    if check == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if check == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if check in ("ooxml", "odf"):
        return head.startswith(ZIP) and _zip_holds_office_document(upload, check)
    return check == "text"


def _zip_holds_office_document(upload: IO[bytes], check: str) -> bool:
    """Office Open XML has [Content_Types].xml, OpenDocument a `mimetype` entry; read no more."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if check == "ooxml":
                return "[Content_Types].xml" in names
            if "mimetype" not in names:
                return False
            with archive.open("mimetype") as entry:
                return entry.read(100).startswith(ODF.encode())
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return False


def _text_encoding(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "windows-1252"


def download_content_type(document_content_type: str, filename: str) -> str:
    """The stored type if it is on the allow-list (text with its charset), else octet-stream."""
    base = document_content_type.split(";")[0].strip()
    expected = ALLOWED.get(extension_of(filename))
    if base in SAFE_CONTENT_TYPES and expected is not None and expected.content_type == base:
        return document_content_type
    return FALLBACK_CONTENT_TYPE
