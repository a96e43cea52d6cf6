"""The translation catalogues: Danish is complete, covers the code, is compiled, and is served."""

from __future__ import annotations

import gettext
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import polib
import pytest
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "src" / "netvaerk"
LOCALE_DIR = PACKAGE_DIR / "locale"
DA_PO = LOCALE_DIR / "da" / "LC_MESSAGES" / "django.po"
LANGUAGES = ("da", "en")
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def _load_compile_messages() -> ModuleType:
    """scripts/compile_messages.py, whose checks the tests share."""
    spec = importlib.util.spec_from_file_location(
        "compile_messages", ROOT / "scripts" / "compile_messages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compile_messages = _load_compile_messages()


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _show(key: Key) -> str:
    context, msgid, plural = key
    return (f"[{context}] " if context else "") + repr(msgid) + (f" / {plural!r}" if plural else "")


def _messages(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


@pytest.fixture
def keep_language() -> Iterator[None]:
    """Requests activate a language for the thread; put back the one the test started with."""
    with translation.override(translation.get_language()):
        yield


# a. The Danish catalogue is complete.


def test_the_danish_catalogue_is_complete() -> None:
    po = polib.pofile(str(DA_PO))
    messages = _messages(po)
    assert messages, "the Danish catalogue is empty; run `make messages`"
    assert po.metadata.get("Language") == "da"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"

    fuzzy = [_show(_key(entry)) for entry in messages if entry.fuzzy]
    untranslated = [
        _show(_key(entry)) for entry in messages if not entry.fuzzy and not entry.translated()
    ]
    assert not fuzzy, "fuzzy entries in da/django.po:\n" + "\n".join(fuzzy)
    assert not untranslated, "untranslated entries in da/django.po:\n" + "\n".join(untranslated)


def test_danish_translations_keep_every_placeholder() -> None:
    po = polib.pofile(str(DA_PO))
    problems = [
        problem
        for entry in _messages(po)
        for problem in compile_messages.placeholder_problems(entry)
    ]
    assert not problems, "\n".join(problems)
    # Plural entries have both forms, as nplurals=2 says.
    for entry in _messages(po):
        if entry.msgid_plural:
            assert sorted(int(index) for index in entry.msgstr_plural) == [0, 1], entry.msgid


def test_the_catalogues_have_no_errors() -> None:
    for language in LANGUAGES:
        po = compile_messages.load(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
        assert compile_messages.catalogue_problems(po) == [], language


# b. The Danish catalogue covers every string in the code.


def _extract_messages(tmp_path: Path) -> polib.POFile:
    """Run makemessages on a copy of src/netvaerk, so the real catalogues are never touched.

    Without DJANGO_SETTINGS_MODULE makemessages runs without settings and writes to the
    `locale` folder of the directory it runs in: the copy's own, empty one.
    """
    copy = tmp_path / "netvaerk"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc")
    )
    (copy / "locale").mkdir()
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale=da",
            "--no-location",
            "--no-obsolete",
            "--no-wrap",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    extracted = copy / "locale" / "da" / "LC_MESSAGES" / "django.po"
    assert extracted.exists(), f"makemessages wrote no catalogue:\n{result.stdout}"
    return polib.pofile(str(extracted))


@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in GETTEXT_TOOLS),
    reason="GNU gettext (xgettext, msguniq, msgmerge) is not installed; CI installs it",
)
def test_the_danish_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    extracted = {_key(entry) for entry in _messages(_extract_messages(tmp_path))}
    assert extracted, "makemessages found no strings at all"
    committed = {_key(entry) for entry in _messages(polib.pofile(str(DA_PO)))}
    missing = sorted(extracted - committed)
    assert not missing, (
        f"{len(missing)} msgid(s) in the code are not in da/django.po; run `make messages`, "
        "translate them and commit the .po and .mo files:\n" + "\n".join(map(_show, missing))
    )


# c. The committed .mo files match their .po files.


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language: str) -> None:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert po_path.exists(), f"{po_path} is missing; run `make messages`"
    assert mo_path.exists(), f"{mo_path} is missing; run scripts/compile_messages.py"
    po_messages = compile_messages.mo_messages(polib.pofile(str(po_path)))
    mo = polib.mofile(str(mo_path))
    mo_messages = compile_messages.mo_messages(mo)
    stale = sorted(
        key
        for key in po_messages.keys() | mo_messages.keys()
        if po_messages.get(key) != mo_messages.get(key)
    )
    assert not stale, (
        f"{mo_path.name} ({language}) differs from the .po; run scripts/compile_messages.py:\n"
        + "\n".join(map(_show, stale))
    )
    assert mo.metadata == polib.pofile(str(po_path)).metadata


def test_the_danish_mo_file_is_read_by_python_gettext() -> None:
    """Django reads .mo files with the standard library; check polib's output works there."""
    with (LOCALE_DIR / "da" / "LC_MESSAGES" / "django.mo").open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    assert catalogue.gettext("Sign in") == "Log ind"
    assert catalogue.ngettext("%(counter)s person", "%(counter)s people", 1) == "%(counter)s person"
    assert catalogue.ngettext("%(counter)s person", "%(counter)s people", 2) == (
        "%(counter)s personer"
    )


def test_the_compile_script_refuses_a_broken_catalogue(tmp_path: Path) -> None:
    header = (
        'msgid ""\nmsgstr ""\n"Language: da\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    )
    good = tmp_path / "good" / "django.po"
    lost_placeholder = tmp_path / "lost" / "django.po"
    syntax_error = tmp_path / "syntax" / "django.po"
    for path in (good, lost_placeholder, syntax_error):
        path.parent.mkdir()
    good.write_text(
        header + '#, python-format\nmsgid "Welcome, %(name)s"\nmsgstr "Velkommen, %(name)s"\n',
        encoding="utf-8",
    )
    lost_placeholder.write_text(
        header + '#, python-format\nmsgid "Welcome, %(name)s"\nmsgstr "Velkommen"\n',
        encoding="utf-8",
    )
    syntax_error.write_text(header + 'msgid "Sign in"\nmsgstr "Log ind\n', encoding="utf-8")

    assert compile_messages.main([str(good)]) == 0
    assert good.with_suffix(".mo").exists()
    assert compile_messages.main([str(good), "--check"]) == 0
    for broken in (lost_placeholder, syntax_error):
        assert compile_messages.main([str(broken)]) == 1, broken.parent.name
        assert not broken.with_suffix(".mo").exists()


# d. Pages are Danish by default and English after switching.


def test_pages_are_danish_by_default_and_english_after_switching(
    client_as: Callable[[str], Client], keep_language: None
) -> None:
    client = client_as("medarbejder")

    danish = client.get("/").content.decode()
    assert '<html lang="da"' in danish
    assert "Mit overblik" in danish
    assert "My overview" not in danish

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/"

    english = client.get("/").content.decode()
    assert '<html lang="en"' in english
    assert "My overview" in english
    assert "Mit overblik" not in english
