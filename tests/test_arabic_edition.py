"""The Arabic edition as a reader meets it: every page of the English edition has its
Arabic counterpart, and an Arabic page is Arabic: no text Sphinx left untranslated,
and few Latin-script words in what the page shows (code, the titles of cited works,
citation keys and the article chapter's marked English translation aside)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# The bound on the share of Latin-script words in an Arabic page's visible text, and
# the pages that may have more, with why: the About page names software, fonts and
# licences as they are published; the glossary gives each term's English beside it.
LATIN_SHARE_BOUND = 0.05
LATIN_SHARE_EXCEPTIONS = {"book/about.html": 0.15, "book/glossary.html": 0.08}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")
# What may be Latin in an Arabic page: code, the bibliography's entries (titles of cited
# works as published), and what the page marks as English on purpose (the article
# chapter's translation lines, names of software) — each marked lang="en".
ASIDE = "pre, code, kbd, samp, script, style, .highlight, [lang=en], .citation, .bibliography"
SKIP_DIRS = {"_static", "_sources", "_images", "downloads", "_sphinx_design_static", "ar"}


def pages(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not SKIP_DIRS & set(p.relative_to(site).parts[:-1])
    )


def visible_words(html: str) -> tuple[int, int, list[str]]:
    """(Arabic words, Latin words, the Latin words) of a page's visible text."""
    soup = BeautifulSoup(html, "html.parser")
    for aside in soup.select(ASIDE):
        aside.decompose()
    for hidden in soup.select("[hidden], .visually-hidden, .sr-only, head"):
        hidden.decompose()
    text = soup.get_text(" ")
    latin = LATIN_WORD.findall(text)
    return len(ARABIC_WORD.findall(text)), len(latin), latin


@pytest.fixture(scope="module")
def arabic_pages(html_ar_dir) -> dict[str, str]:
    return {name: (html_ar_dir / name).read_text(encoding="utf-8") for name in pages(html_ar_dir)}


def test_every_page_has_its_counterpart(html_dir, html_ar_dir):
    assert pages(html_ar_dir) == pages(html_dir)


def test_no_text_left_untranslated(arabic_pages):
    left = [name for name, html in arabic_pages.items() if 'class="untranslated' in html]
    assert left == []


def test_arabic_pages_are_arabic(arabic_pages, root):
    shares, worst = {}, []
    for name, html in arabic_pages.items():
        if name in {"index.html"}:  # the redirect to the first page
            continue
        arabic, latin, words = visible_words(html)
        share = latin / max(arabic + latin, 1)
        shares[name] = round(share, 4)
        if share > LATIN_SHARE_EXCEPTIONS.get(name, LATIN_SHARE_BOUND):
            worst.append(f"{name}: {share:.1%} Latin ({', '.join(sorted(set(words))[:15])})")
    report = root / "test-artifacts" / "arabic-latin-share.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(shares, indent=1, ensure_ascii=False), encoding="utf-8")
    assert worst == [], "\n".join(worst)
