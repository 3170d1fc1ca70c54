"""The Arabic build fails on text its catalog does not translate (rsii.book.sphinxext.
translation), where Sphinx alone would print the English in silence: a small Sphinx
project with the book's check, built strict."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

CONF = """
extensions = ["rsii.book.sphinxext.translation"]
language = "{lang}"
locale_dirs = ["locales"]
gettext_compact = False
translation_progress_classes = True
"""
PAGE = """\
Title
=====

First paragraph.

Second paragraph.
"""


def project(tmp_path, lang: str, translations: dict[str, str], fuzzy=()):
    (tmp_path / "conf.py").write_text(CONF.format(lang=lang))
    (tmp_path / "index.rst").write_text(PAGE)
    folder = tmp_path / "locales" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="ar")
    for english, arabic in translations.items():
        catalog.add(english, arabic, flags=["fuzzy"] if english in fuzzy else [])
    with (folder / "index.po").open("wb") as f:
        write_po(f, catalog)
    return tmp_path


def build(src):
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    return subprocess.run([*cmd, str(src), str(src / "_out")], capture_output=True, text=True)


ALL = {
    "Title": "العنوان",
    "First paragraph.": "الفقرة الأولى.",
    "Second paragraph.": "الفقرة الثانية.",
}


def test_a_fully_translated_page_builds(tmp_path):
    result = build(project(tmp_path, "ar", ALL))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "_out" / "index.html").read_text(encoding="utf-8")
    assert "الفقرة الثانية" in html and "Second paragraph" not in html


@pytest.mark.parametrize("how", ["missing", "fuzzy", "english changed"])
def test_untranslated_text_fails_the_build_naming_page_line_and_text(tmp_path, how):
    translations = dict(ALL)
    if how == "missing":
        del translations["Second paragraph."]
    elif how == "english changed":  # the catalog holds the old English
        translations["Second paragraph, as it was."] = translations.pop("Second paragraph.")
    result = build(
        project(tmp_path, "ar", translations, fuzzy=["Second paragraph."] if how == "fuzzy" else ())
    )
    assert result.returncode != 0
    assert "index.rst:6" in result.stderr and "untranslated" in result.stderr
    assert "'Second paragraph.'" in result.stderr
    # (A failed book build forgets Sphinx's saved environment, so that an unchanged
    # rebuild fails again: tests/test_build.py.)


def test_a_page_without_its_catalog_fails(tmp_path):
    src = project(tmp_path, "ar", ALL)
    (src / "locales" / "ar" / "LC_MESSAGES" / "index.po").unlink()
    result = build(src)
    assert result.returncode != 0 and "no ar catalog for this page" in result.stderr


def test_the_english_edition_is_not_checked(tmp_path):
    assert build(project(tmp_path, "en", {})).returncode == 0
