"""The HTML site: strict build, Arabic marked with language and direction, citations."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from rsii.present import arabic

pytestmark = pytest.mark.book


def _pages(html_dir):
    """The English edition's pages (the Arabic edition in ar/ has tests of its own)."""
    return sorted(
        p
        for p in html_dir.rglob("*.html")
        if "_static" not in p.parts and p.relative_to(html_dir).parts[0] != "ar"
    )


def test_every_arabic_run_is_marked(html_dir):
    for page in _pages(html_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup(["script", "style", "title", "meta"]):
            tag.decompose()
        for text in soup.find_all(string=True):
            if not arabic.has_arabic(text):
                continue
            holder = text.find_parent(attrs={"lang": "ar"})
            assert holder is not None, f"{page.name}: unmarked Arabic {text.strip()[:40]!r}"
            assert holder.get("dir") == "rtl", f"{page.name}: lang=ar without dir=rtl"


def test_article_page_has_every_sentence_in_arabic_and_english(html_dir, sentences):
    soup = BeautifulSoup(
        (html_dir / "book" / "article.html").read_text(encoding="utf-8"), "html.parser"
    )
    for row in sentences.itertuples():
        block = soup.find(id=f"sentence-{row.id}")
        assert block is not None and block.get("lang") == "ar" and block.get("dir") == "rtl"
        assert block.get_text(" ", strip=True) == row.text_ar
        assert row.text_en[:60] in soup.get_text()


def test_footnote_markers_link_to_their_bibliography_entries(html_dir, sentences):
    article = (html_dir / "book" / "article.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(article, "html.parser")
    bib = BeautifulSoup(
        (html_dir / "book" / "bibliography.html").read_text(encoding="utf-8"), "html.parser"
    )
    labels = {}
    for link in soup.select('a[href^="bibliography.html#"]'):
        target = bib.find(id=link["href"].split("#", 1)[1])
        assert target is not None, f"dangling citation {link['href']}"
        labels[link.get_text()] = target.get_text(" ", strip=True)
    wanted = {n for cell in sentences.footnotes for n in cell.split()}
    assert wanted <= set(labels), "every footnote number appears as a live citation"
    for number in wanted:
        assert f"Footnote [{number}]" in labels[number]


def test_bibliography_lists_footnotes_in_article_order(html_dir):
    soup = BeautifulSoup(
        (html_dir / "book" / "bibliography.html").read_text(encoding="utf-8"), "html.parser"
    )
    section = soup.find(id="the-articles-footnotes")
    labels = [s.get_text(strip=True).strip("[]") for s in section.select("span.label")]
    assert labels == [str(n) for n in range(1, 20)]


def test_downloadable_notebooks_hold_their_outputs(html_dir, root):
    """The page's ".ipynb" download is the executed notebook, whether its outputs were
    computed in this build or came from the execution cache."""
    import nbformat

    for source in sorted((root / "notebooks").glob("*.md")):
        page = html_dir / "notebooks" / f"{source.stem}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        link = soup.find("a", href=re.compile(r"_sources/notebooks/.*\.ipynb$"))
        assert link is not None, f"{page.name}: no .ipynb download"
        nb = nbformat.read(page.parent / link["href"], as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.execution_count for c in code), f"{source.name}: not executed"
        assert sum(len(c.outputs) for c in code) >= 1, f"{source.name}: no outputs"
        # Values glued for the prose but not displayed stay out, as myst-nb leaves them.
        hidden = [
            o
            for c in code
            for o in c.outputs
            if o.get("metadata", {}).get("scrapbook", {}).get("mime_prefix")
        ]
        assert not hidden, f"{source.name}: {len(hidden)} glued values in the download"
