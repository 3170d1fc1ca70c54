"""rsii.book.sphinxext.rtl and the {en} role on a small project built by Sphinx with the
book's theme, in English and in Arabic (no book build needed)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx import locale
from sphinx.application import Sphinx

from rsii.book.sphinxext import rtl

PAGE = """\
Title
=====

Arabic text with an English title: :en:`The Balance of Power`.

.. code-block:: python

   print("left to right")

Some ``inline code`` too.

Section
-------

Text.
"""


def _build(root: Path, tmp_path: Path, language: str) -> Path:
    src = tmp_path / language / "src"
    (src / "sub").mkdir(parents=True)
    (src / "index.rst").write_text(PAGE + "\n.. toctree::\n\n   sub/page\n", encoding="utf-8")
    (src / "sub" / "page.rst").write_text(PAGE, encoding="utf-8")
    (src / "_static").mkdir()
    for name in ("rsii.css", "rsii-rtl.css"):
        shutil.copyfile(root / "book" / "_static" / name, src / "_static" / name)
    (src / "locales").symlink_to(root / "locales")
    (src / "node_modules").symlink_to(root / "node_modules")
    (src / "conf.py").write_text(
        "extensions = ['sphinx_copybutton', 'rsii.book.sphinxext.arabic',"
        " 'rsii.book.sphinxext.rtl']\n"
        f"language = {language!r}\n"
        "html_theme = 'sphinx_book_theme'\n"
        "html_static_path = ['_static']\n"
        "html_css_files = ['rsii.css']\n"
        "locale_dirs = ['locales']\n"
        "html_theme_options = {'search_bar_text': 'Search this book...'}\n",
        encoding="utf-8",
    )
    out = tmp_path / language / "html"
    locale.translators.clear()  # Sphinx keeps catalogs per process: one language each
    app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None)
    app.build()
    return out


@pytest.fixture(scope="module")
def built(root, tmp_path_factory):
    if not (root / rtl.RTLCSS).exists():
        pytest.fail(f"{root / rtl.RTLCSS} is missing: `make venv` installs it (npm ci)")
    tmp = tmp_path_factory.mktemp("rtl")
    try:
        yield {lang: _build(root, tmp, lang) for lang in ("en", "ar")}
    finally:
        locale.translators.clear()


def _page(built, lang, name="sub/page.html") -> BeautifulSoup:
    return BeautifulSoup((built[lang] / name).read_text(encoding="utf-8"), "html.parser")


def test_alternates_are_relative_to_the_published_page():
    assert rtl.alternates("book/intro", "en", "book/intro.html") == {
        "en": "../book/intro.html",
        "ar": "../ar/book/intro.html",
    }
    assert rtl.alternates("book/actors/x", "ar", "book/actors/x.html") == {
        "en": "../../../book/actors/x.html",
        "ar": "../../../ar/book/actors/x.html",
    }
    assert rtl.alternates("search", "ar", "search.html") == {
        "en": "../search.html",
        "ar": "../ar/search.html",
    }


def test_rtlcss_mirrors_and_keeps_what_is_marked(root):
    css = '@charset "UTF-8";\n.a{margin-left:1em;float:left}\n'
    css += "/*rtl:ignore*/\n.b{text-align:right}\n"
    out = rtl.mirror(root / rtl.RTLCSS, css)
    assert out.startswith('@charset "UTF-8";\n' + rtl.MARK)
    assert ".a{margin-right:1em;float:right}" in out.replace(" ", "")
    assert ".b{text-align:right}" in out.replace(" ", "")


def test_arabic_pages_are_right_to_left(built):
    soup = _page(built, "ar")
    assert soup.html["lang"] == "ar"
    assert soup.body["dir"] == "rtl"
    assert soup.body["data-default-mode"] == ""
    sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert any("rsii-rtl.css" in s for s in sheets)
    static = built["ar"] / "_static"
    for name in rtl.MIRRORED:
        assert rtl.MARK in (static / name).read_text(encoding="utf-8")[:200], name
    assert '@charset "UTF-8";\n' + rtl.MARK in (
        static / "styles" / "pydata-sphinx-theme.css"
    ).read_text(encoding="utf-8")


def test_english_pages_are_as_the_theme_writes_them(built):
    soup = _page(built, "en")
    assert soup.html["lang"] == "en"
    assert "dir" not in soup.body.attrs
    assert not any("rsii-rtl.css" in link["href"] for link in soup.find_all("link"))
    for name in rtl.MIRRORED:
        assert rtl.MARK not in (built["en"] / "_static" / name).read_text(encoding="utf-8")
    # Code is not marked in the English edition: the page is English.
    assert not soup.select('div[class^=highlight-][lang="en"]')


def test_switch_and_alternate_links(built):
    soup = _page(built, "en")
    (switch,) = soup.select("a.rsii-language-switch")
    assert (switch["href"], switch["lang"], switch["dir"], switch.text) == (
        "../ar/sub/page.html",
        "ar",
        "rtl",
        "العربية",
    )
    links = {a["hreflang"]: a["href"] for a in soup.find_all("link", rel="alternate")}
    assert links == {
        "en": "../sub/page.html",
        "ar": "../ar/sub/page.html",
        "x-default": "../sub/page.html",
    }
    (back,) = _page(built, "ar").select("a.rsii-language-switch")
    assert (back["href"], back["lang"], back.text) == ("../../sub/page.html", "en", "English")


def test_code_and_english_runs_are_marked_english(built):
    soup = _page(built, "ar")
    (block,) = soup.select("div.highlight-python")
    assert block["lang"] == "en"
    assert soup.select_one("code.literal")["lang"] == "en"
    (run,) = soup.select("span.en")
    assert (run["lang"], run["dir"], run.text) == ("en", "ltr", "The Balance of Power")
    # The page is Arabic: its text is not wrapped in Arabic spans.
    assert not soup.select("article span.ar")


def test_interface_strings_come_from_the_catalogs(built):
    soup = _page(built, "ar")
    html = str(soup)
    assert soup.select_one(".skip-link a").text.strip() == "انتقل إلى المحتوى الرئيسي"
    assert 'placeholder="ابحث في الكتاب..."' in html
    assert 'title="إظهار فهرس الكتاب أو إخفاؤه"' in html
    assert 'aria-label="صفحات الكتاب"' in html
    # booktheme.po, before the theme's own Arabic ("تنزيل ملف المصدر")
    assert "تنزيل الملف المصدر" in html and "تنزيل ملف المصدر" not in html
    assert "Back to top" not in html and "Toggle primary sidebar" not in html
    script = (built["ar"] / "_static" / "translations.js").read_text(encoding="utf-8")
    assert '"Search Results": "نتائج البحث"' in script
    assert re.search(r'messages\["ar"\] = \{"copy": "نسخ"', html)
