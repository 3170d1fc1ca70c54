"""The PDF as a reader holds it, page by page: every word on the page's text area (or in
its head and foot), no word over another, the actor register with every figure and
coder's note its HTML pages show, the index with no term twice by case, and running
heads that name the book without being cut."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import numpy as np
import pytest
from bs4 import BeautifulSoup

from rsii.present import arabic

pytestmark = pytest.mark.book

XHTML = "{http://www.w3.org/1999/xhtml}"
PT = 72 / 72.27  # a TeX point in PDF points


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def _pages(pdf_path) -> list[list[Word]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace("&nbsp;", " "))
    return [
        [
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{XHTML}word")
        ]
        for page in root.iter(f"{XHTML}page")
    ]


@pytest.fixture(scope="module")
def pages(pdf_path) -> list[list[Word]]:
    return _pages(pdf_path)


@pytest.fixture(scope="module")
def layout(pdf_path) -> dict[str, list[float]]:
    """The page's geometry as LaTeX laid it out (the line rsii.book.sphinxext.latex
    writes to the log), in PDF points."""
    log = pdf_path.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    found = re.search(r"RSII-LAYOUT (.*?foot=[\d.]+pt)", log.replace("\n", ""), re.S)
    assert found, "the layout line is missing from the LaTeX log"
    return {
        key: [float(v) * PT for v in re.findall(r"([\d.]+)pt", value)]
        for key, value in (part.split("=", 1) for part in found.group(1).split("; "))
    }


def _area(layout) -> tuple[float, float, float, float]:
    """Where words may be: the text block, widened by the head above it and the foot
    below it (running heads and folios: the foot's baseline lies ``footskip`` below the
    text, and its letters' descenders a little lower), with half a point for rounding."""
    (left,), (top,) = layout["left"], layout["top"]
    width, height = layout["text"]
    (head,), (foot,) = layout["head"], layout["foot"]
    descent = 4.0
    return left - 0.5, top - head - 0.5, left + width + 0.5, top + height + foot + descent


def test_every_word_is_on_the_text_area_or_its_head_and_foot(pages, layout):
    x0, y0, x1, y1 = _area(layout)
    out = [
        f"page {n}: {w.text!r} at x {w.x0:.0f}–{w.x1:.0f}, y {w.y0:.0f}–{w.y1:.0f}"
        for n, words in enumerate(pages, start=1)
        for w in words
        if w.x0 < x0 or w.x1 > x1 or w.y0 < y0 or w.y1 > y1
    ]
    assert len(pages) > 50
    assert not out, (
        f"{len(out)} words off the text area (x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}):\n"
        + "\n".join(out[:25])
    )


def _core(words: list[Word]) -> np.ndarray:
    """Each word's box, vertically its middle half: pdftotext gives a word its font's
    whole height (Amiri's is tall), which neighbouring lines may share without any ink
    touching; ink over ink is what a reader sees as words printed over each other."""
    box = np.array([(w.x0, w.y0, w.x1, w.y1) for w in words])
    mid, half = (box[:, 1] + box[:, 3]) / 2, (box[:, 3] - box[:, 1]) / 4
    return np.column_stack([box[:, 0], mid - half, box[:, 2], mid + half])


def test_no_word_overlaps_another_by_more_than_a_point(pages):
    clashes = []
    for number, words in enumerate(pages, start=1):
        if len(words) < 2:
            continue
        x0, y0, x1, y1 = _core(words).T
        dx = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])
        dy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
        hit = np.triu((dx > 1) & (dy > 1), k=1)
        clashes += [
            f"page {number}: {words[i].text!r} over {words[j].text!r}"
            for i, j in zip(*np.nonzero(hit), strict=True)
        ]
    assert not clashes, f"{len(clashes)} words over others:\n" + "\n".join(clashes[:25])


def _squash(text: str) -> str:
    """English text to compare however the PDF broke, hyphenated or ordered its lines:
    without whitespace, hyphens and Arabic (whose runs pdftotext orders its own way),
    with one kind of apostrophe."""
    text = arabic.BIDI_CONTROLS.sub("", text).replace("\u00ad", "")
    text = arabic.RUN.sub("", text).translate(str.maketrans("’‘", "''", "-‐"))
    return re.sub(r"\s+", "", text)


def _register_pages(html_dir) -> dict[str, BeautifulSoup]:
    folder = html_dir / "book" / "actors"
    return {
        page.stem: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
        for page in sorted(folder.glob("*.html"))
        if page.stem != "index"
    }


def _outline(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline(item, depth + 1)
        else:
            yield depth, item


def _pdf_register(pdf_path, pages: list[list[Word]], html: dict) -> dict[str, str]:
    """The PDF's text of each actor's pages, from the page its section starts on (the
    PDF's outline) to the page the next one starts on."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    entries = list(_outline(reader.outline))
    top = next(i for i, (d, e) in enumerate(entries) if d == 0 and "Actor register" in e.title)
    sections = []
    for depth, entry in entries[top + 1 :]:
        if depth == 0:
            break
        if depth == 1:
            sections.append((entry.title, reader.get_destination_page_number(entry)))
    text = ["\n".join(w.text for w in words) for words in pages]
    spans = {}
    for name, main in html.items():
        title = _squash(main.find("h1").get_text(" ", strip=True).rstrip("#"))
        at = [
            i for i, (t, _) in enumerate(sections) if _squash(re.sub(r"^[\d.]+\s", "", t)) == title
        ]
        assert at, f"the register's page {title!r} is not in the PDF's outline"
        start = sections[at[0]][1]
        end = sections[at[0] + 1][1] + 1 if at[0] + 1 < len(sections) else start + 4
        spans[name] = _squash("".join(text[start:end]))
    return spans


def test_the_register_in_the_pdf_has_every_figure_and_note_of_the_html(html_dir, pdf_path, pages):
    html = _register_pages(html_dir)
    pdf = _pdf_register(pdf_path, pages, html)
    captions = notes = 0
    missing = []
    for name, main in html.items():
        for caption in main.select("figure figcaption, div.figure p.caption"):
            captions += 1
            shown = caption.get_text(" ", strip=True).rstrip("#")
            words = _squash(re.sub(r"^Fig\.\s*[\d.]+:?", "", shown))
            if words[-40:] not in pdf[name]:
                missing.append(f"{name}: figure {caption.get_text(' ', strip=True)!r}")
        for em in main.find_all("em", string=re.compile("Coder's note")):
            notes += 1
            note = _squash(em.parent.get_text(" ", strip=True).rstrip("#"))
            if note[:60] not in pdf[name]:
                missing.append(f"{name}: note {em.parent.get_text(' ', strip=True)[:70]!r}")
    assert captions >= 30 and notes >= 100, (captions, notes)
    assert not missing, f"{len(missing)} missing from the PDF:\n" + "\n".join(missing[:20])
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) >= captions, "the register's figures are not all images in the PDF"


def test_the_register_sets_each_row_apart(pdf_path):
    """Rows shown in full are items of a list in the PDF, not one run-on paragraph."""
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    start = tex.index("label{\\detokenize{book/actors/index::doc}}")
    register = tex[start:]
    items = len(re.findall(r"\\item\b", register))
    anchors = len(
        re.findall(r"label\{\\detokenize\{book/actors/[^:]+:(relation|stance|event)-", register)
    )
    assert anchors > 100 and items >= anchors


def _index_terms(pdf_path) -> list[str]:
    ind = pdf_path.with_suffix(".ind").read_text(encoding="utf-8")
    return [
        re.sub(r"\\[a-z@]+\s*|[{}]", "", m.group(1)).strip()
        for m in re.finditer(r"^\s*\\item\s+(.*?)(?:,\s*\\hyperpage|,\s*\\spxpagem|$)", ind, re.M)
    ]


def test_the_index_lists_no_term_twice_by_case(pdf_path, html_dir):
    pdf_terms = _index_terms(pdf_path)
    soup = BeautifulSoup((html_dir / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    html_terms = [
        li.contents[0].get_text(" ", strip=True) if li.contents else ""
        for li in soup.select("table.indextable > tr > td > ul > li")
    ]
    for where, terms in (("PDF", pdf_terms), ("HTML", html_terms)):
        assert len(terms) > 30, f"too few index terms read from the {where}"
        seen: dict[str, set[str]] = {}
        for term in terms:
            key = re.split(r"[,(]", term)[0].strip()
            seen.setdefault(key.lower(), set()).add(key)
        twice = {k: v for k, v in seen.items() if len(v) > 1}
        assert not twice, f"{where} index lists terms twice by case: {twice}"


def test_running_heads_name_the_book_uncut(pages, layout):
    (top,), (head,) = layout["top"], layout["head"]
    heads = [" ".join(w.text for w in words if w.y1 < top - 0.5 * head) for words in pages]
    named = [h for h in heads if "Coalition" in h]
    assert len(named) > 50
    bad = [h for h in named if "…" in h or "..." in h or "Release" in h]
    assert not bad, f"{len(bad)} running heads cut or carrying the release: {bad[:3]}"


def test_the_landing_words_precede_the_contents(pages):
    """Front matter as a book's: the title page, the landing page's words, then the
    contents, whose pages carry no running head of their own."""
    text = [" ".join(w.text for w in words) for words in pages[:8]]
    blurb = next(i for i, t in enumerate(text) if "research companion to the Arabic" in t)
    contents = next(i for i, t in enumerate(text) if "CONTENTS" in t.upper() and "1.1" in t)
    assert 0 < blurb < contents


def test_no_table_leaves_its_last_row_alone(pdf_path):
    """Every table of two rows or more keeps its last two on one page (``\\\\*`` after
    the last but one): a row never stands alone under a repeated header."""
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    bodies = re.findall(r"\\endlastfoot(.*?)\\end\{longtable\}", tex, re.S)
    assert len(bodies) > 20
    loose = [
        body[:80]
        for body in bodies
        if body.count("\\\\\n") + body.count("\\\\*\n") >= 2 and "\\\\*\n" not in body
    ]
    assert not loose, f"{len(loose)} tables may leave their last row alone: {loose[:3]}"
