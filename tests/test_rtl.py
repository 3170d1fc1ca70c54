"""The two editions of the built site (rsii.book.sphinxext.rtl): every Arabic page says
it is Arabic and right to left, each page links to the same page in the other edition
(a switch and ``hreflang`` links) and back, the Arabic pages load the themes' style
sheets mirrored by rtlcss, code says it is English, and the frame of the Arabic pages
(header, sidebars, footer, buttons) is in Arabic.

Development: ``RSII_SITE=_build/html`` reads an already-built site (with ``ar/``)
instead of building both editions first.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Doctype

from rsii.book import build as book
from rsii.book.sphinxext import rtl

pytestmark = pytest.mark.book

NOT_PAGES = {"_static", "_sources", "_images", "downloads"}
LATIN = re.compile(r"[A-Za-z]{2,}")
# Latin words the Arabic frame may show: names (the project, services, formats) and
# key names, as they are written in Arabic text too.
LATIN_ALLOWED = {"rsii", "PDF", "CC", "BY", "SA", "Ctrl", "md", "pdf", "ipynb", "Binder"}


@pytest.fixture(scope="module")
def site(request) -> Path:
    """The English site with the Arabic one in ar/, both built strictly."""
    override = os.environ.get("RSII_SITE")
    if override:
        return Path(override)
    english = request.getfixturevalue("html_dir")
    result = book.build("html-ar", capture=True)
    assert result.returncode == 0, (
        f"strict html-ar build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return english


def pages(folder: Path) -> list[str]:
    """Every HTML page of an edition, relative to its folder."""
    found = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder)
        if rel.parts[0] in NOT_PAGES or rel.parts[0] == "ar" or rel.parts[0].startswith("."):
            continue
        found.append(rel.as_posix())
    return found


def is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html[:2000]


@pytest.fixture(scope="module")
def english(site) -> dict[str, BeautifulSoup]:
    return {rel: _soup(site / rel) for rel in pages(site)}


@pytest.fixture(scope="module")
def arabic(site) -> dict[str, BeautifulSoup]:
    return {rel: _soup(site / "ar" / rel) for rel in pages(site / "ar")}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _content_pages(soups):
    return {rel: s for rel, s in soups.items() if not s.find("meta", attrs={"http-equiv": True})}


def test_both_editions_have_the_same_pages(english, arabic):
    assert english, "no English pages"
    only_en, only_ar = sorted(set(english) - set(arabic)), sorted(set(arabic) - set(english))
    assert not only_en and not only_ar, f"only English: {only_en}; only Arabic: {only_ar}"


def test_every_arabic_page_is_arabic_and_right_to_left(arabic):
    problems = []
    for rel, soup in arabic.items():
        html, body = soup.find("html"), soup.find("body")
        if html.get("lang") != "ar":
            problems.append(f"{rel}: <html lang={html.get('lang')!r}>")
        directions = {html.get("dir"), body.get("dir") if body else None}
        if "rtl" not in directions:
            problems.append(f"{rel}: neither <html> nor <body> has dir=rtl")
    assert not problems, "\n".join(problems)


def test_english_pages_stay_left_to_right(english):
    problems = [
        f"{rel}: dir={soup.find('body').get('dir')!r}"
        for rel, soup in _content_pages(english).items()
        if soup.find("html").get("lang") != "en" or soup.find("body").get("dir")
    ]
    assert not problems, "\n".join(problems)


def _switch(soup) -> list:
    return soup.select("a.rsii-language-switch")


def _resolve(rel: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(rel), href.split("#")[0]))


def test_the_switch_leads_to_the_same_page_and_back(site, english, arabic):
    """English page -> its Arabic page -> the same English page, for every page; each
    switch is named in its target's language."""
    problems = []
    for rel, soup in _content_pages(english).items():
        links = _switch(soup)
        if len(links) != 1:
            problems.append(f"{rel}: {len(links)} language switches")
            continue
        link = links[0]
        if (link.get("lang"), link.get("hreflang"), link.get("dir")) != ("ar", "ar", "rtl"):
            problems.append(f"{rel}: the switch is not marked Arabic: {link}")
        there = _resolve(rel, link["href"])
        if there != f"ar/{rel}":
            problems.append(f"{rel}: the switch leads to {there}")
            continue
        back = _switch(arabic[rel])
        if len(back) != 1 or back[0].get("lang") != "en" or back[0].text.strip() != "English":
            problems.append(f"ar/{rel}: no switch to English marked lang=en: {back}")
            continue
        if (again := _resolve(there, back[0]["href"])) != rel:
            problems.append(f"ar/{rel}: the switch leads back to {again}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("edition", ["en", "ar"])
def test_alternate_links_resolve(site, english, arabic, edition):
    soups = english if edition == "en" else arabic
    prefix = "" if edition == "en" else "ar/"
    problems = []
    for rel, soup in _content_pages(soups).items():
        links = {
            link["hreflang"]: _resolve(prefix + rel, link["href"])
            for link in soup.find_all("link", rel="alternate", hreflang=True)
        }
        expected = {"en": rel, "ar": f"ar/{rel}", "x-default": rel}
        if links != expected:
            problems.append(f"{prefix}{rel}: {links}")
        problems += [
            f"{prefix}{rel}: {lang} -> {target} is missing"
            for lang, target in links.items()
            if not (site / target).is_file()
        ]
    assert not problems, "\n".join(problems)


def test_arabic_pages_load_mirrored_style_sheets(site):
    for name in rtl.MIRRORED:
        mirrored = (site / "ar" / "_static" / name).read_text(encoding="utf-8")
        original = (site / "_static" / name).read_text(encoding="utf-8")
        assert rtl.MARK in mirrored[:200], f"ar/_static/{name} is not mirrored"
        assert rtl.MARK not in original, f"_static/{name} of the English edition is mirrored"
    # rtlcss swaps the sides: the book theme's left margins are right margins there.
    theme = (site / "ar" / "_static" / "styles" / "sphinx-book-theme.css").read_text()
    original = (site / "_static" / "styles" / "sphinx-book-theme.css").read_text()
    assert original.count("margin-left") > 0
    assert theme.count("margin-right") == original.count("margin-left")
    assert theme.count("margin-left") == original.count("margin-right")


def test_arabic_pages_load_the_right_to_left_sheet(arabic, english):
    def sheets(soup):
        return [link.get("href", "") for link in soup.find_all("link", rel="stylesheet")]

    for rel, soup in _content_pages(arabic).items():
        assert any("rsii-rtl.css" in s for s in sheets(soup)), rel
    assert not any("rsii-rtl.css" in s for s in sheets(english["book/intro.html"]))


def test_code_is_marked_english_in_the_arabic_edition(arabic):
    blocks, problems = 0, []
    for rel, soup in arabic.items():
        for block in soup.select("div[class^=highlight-]"):
            blocks += 1
            if block.get("lang") != "en":
                problems.append(f"{rel}: {block.get('class')} without lang=en")
        for cell in soup.select("div.cell_input"):
            if not cell.select_one('[lang="en"]'):
                problems.append(f"{rel}: a code cell without lang=en")
    assert blocks, "no code blocks in the Arabic edition"
    assert not problems, "\n".join(problems[:20])


def _frame(soup):
    """The page without its content: header, sidebars, footer, buttons."""
    soup = BeautifulSoup(str(soup), "html.parser")
    for gone in soup(["script", "style", "noscript", "title", "head"]):
        gone.decompose()
    # The content, and the pages' and sections' titles in the tables of contents (the
    # translated text, checked by the strict build).
    for gone in soup.select(
        "article.bd-article, nav.bd-docs-nav a, .page-toc, .onlyprint, .prev-next-title"
    ):
        gone.decompose()
    for gone in soup.select('[lang="en"]'):
        gone.decompose()
    return soup


def _latin(text: str) -> list[str]:
    return [w for w in LATIN.findall(text) if w not in LATIN_ALLOWED]


def test_the_frame_of_arabic_pages_is_arabic(arabic):
    """No English word in what the theme and Sphinx write around the content: the
    interface strings come from locales/ar/LC_MESSAGES/sphinx.po and booktheme.po."""
    problems = set()
    for soup in _content_pages(arabic).values():
        frame = _frame(soup)
        for text in frame.find_all(string=True):
            if isinstance(text, Comment | Doctype):
                continue
            if words := _latin(str(text)):
                problems.add(f"text in <{text.parent.name}>: {str(text).strip()[:60]!r} {words}")
        for el in frame.find_all(True):
            for attr in ("title", "aria-label", "placeholder", "alt"):
                value = el.get(attr)
                if isinstance(value, str) and _latin(value) and not el.find_parent(lang="en"):
                    if el.name == "a" and attr == "title":
                        continue  # a link's title is its target page's title
                    problems.add(f"{attr} of <{el.name}>: {value[:60]!r}")
    assert not problems, "\n".join(sorted(problems))


def test_search_page_strings_are_arabic(site):
    script = (site / "ar" / "_static" / "translations.js").read_text(encoding="utf-8")
    for message in rtl.SEARCH_JS:
        assert re.search(re.escape(f'"{message}": "') + r"[^\"]", script), message
