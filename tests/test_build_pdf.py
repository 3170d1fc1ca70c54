"""The PDF: strict LuaLaTeX build, Arabic extractable in reading order, an outline."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pdflinks
import pytest
from pypdf import PdfReader

from rsii.present import arabic

pytestmark = pytest.mark.book


def _squash(text: str) -> str:
    """Compare letters only: pdftotext splits glyph runs and adds bidi controls."""
    text = arabic.BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    # U+200D: the text of Amiri's lam-kaf connector glyph (see arabic-pdftext.lua).
    return re.sub(r"[\s\u200d]+", "", text)


@pytest.fixture(scope="module")
def pdf_text(pdf_path) -> str:
    # -raw keeps the content stream's order, which for Arabic is the logical order.
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def test_every_sentence_and_heading_extracts_in_reading_order(pdf_text, sentences, headings):
    text = _squash(pdf_text)
    assert "\ufffd" not in text, "a glyph without a Unicode mapping"
    for row in sentences.itertuples():
        assert _squash(row.text_ar) in text, f"{row.id} not found in reading order"
    for title in headings.title_ar:
        assert _squash(title) in text


def test_no_missing_glyphs_in_the_log(pdf_path):
    log = pdf_path.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_all_fonts_embedded(pdf_path):
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows and all(line.split()[-5] == "yes" for line in rows), out.stdout
    assert any("Amiri" in line for line in rows)


def _outline_titles(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, depth + 1)
        else:
            yield depth, item.title


def test_outline_lists_chapters_and_sections(pdf_path, headings):
    titles = list(_outline_titles(PdfReader(pdf_path).outline))
    chapters = [t for d, t in titles if d == 0]
    for name in ("Introduction", "The article", "About and how to cite", "Bibliography"):
        assert any(name in t for t in chapters), f"{name!r} missing from {chapters}"
    sections = " ".join(t for d, t in titles if d > 0)
    for title in headings.title_en:
        assert title in sections


def test_arabic_digits_follow_the_bidi_algorithm(pdf_path):
    """Inside Arabic, "4+1" is laid out as a browser does it: 1+4 left to right."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    for i in range(len(words) - 2):
        (x1, y1, a), (x2, y2, b), (x3, y3, c) = words[i : i + 3]
        if (a, b, c) == ("1", "+", "4") and y1 == y2 == y3:
            assert float(x1) < float(x2) < float(x3)
            return
    pytest.fail("no right-to-left 1+4 found in the article's Arabic")


def test_citations_are_working_internal_links(pdf_path, sentences):
    reader = PdfReader(pdf_path)
    named = set(reader.named_destinations)
    internal = [d for kind, d in pdflinks.links(reader) if kind == "internal"]
    markers = sum(len(cell.split()) for cell in sentences.footnotes)
    assert len(internal) >= markers, "every footnote marker of the article is a link"
    dangling = [d for d in internal if isinstance(d, str) and d not in named]
    assert not dangling, f"links to missing destinations: {dangling[:5]}"
    cite_targets = [d for d in internal if isinstance(d, str) and d.startswith("cite.")]
    assert len(cite_targets) >= markers


def test_every_figure_is_in_the_pdf(pdf_path, root):
    figures = sum(
        len(re.findall(r"^:?name: fig-", p.read_text(encoding="utf-8"), re.M))
        + len(re.findall(r"^    name: fig-", p.read_text(encoding="utf-8"), re.M))
        for p in (root / "notebooks").glob("*.md")
    )
    images = sum(len(page.images) for page in PdfReader(pdf_path).pages)
    assert figures >= 5 and images >= figures


def test_outline_covers_every_section_of_the_latex(pdf_path):
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    titles = re.findall(r"\\(?:chapter|section|subsection)\{(.+?)\}\n", tex)
    outline = {
        re.sub(r"^[\d.]+\s*", "", t) for _, t in _outline_titles(PdfReader(pdf_path).outline)
    }
    titles = [t.replace(r"\sphinxhyphen{}", "-") for t in titles]
    plain = [re.sub(r"\\[a-zA-Z]+\{|[{}]", "", t).replace("\\_", "_").strip() for t in titles]
    missing = [t for t in plain if t and t not in outline]
    assert not missing, f"sections without a bookmark: {missing[:10]}"


def test_no_blank_page(pdf_path):
    """Chapters open on the next page (openany): no page is left empty."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    blank = [n for n, page in enumerate(pages, start=1) if not page.strip()]
    assert not blank, f"blank pages: {blank}"
