"""The PDF loses nothing and prints nothing over anything: every row of every table the
HTML shows is in the PDF's text (a table that ran under a page's footer lost its last
rows), and no two words on any page are printed over each other (a running head over a
page number, a header over a cell)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from bs4 import BeautifulSoup

from rsii.present import arabic

pytestmark = pytest.mark.book


def _squash(text: str) -> str:
    """Text with whitespace, soft hyphens and bidi controls gone, for comparing a cell
    with the PDF's text however its lines were broken."""
    text = arabic.BIDI_CONTROLS.sub("", text).replace("\u00ad", "")
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf_text(pdf_path) -> str:
    # In the order the PDF prints its text (-raw): a cell's lines in one piece, however
    # narrow its column, where reading order would interleave the next column's words.
    out = subprocess.run(["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True)
    return _squash(out.stdout)


def _docnames(html_dir) -> list[str]:
    """The pages of this build (the search index lists them; an earlier build's pages
    that Sphinx left in the folder are not among them)."""
    index = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    found = re.search(r'"docnames":\s*\[(.*?)\]', index)
    return [name.strip().strip('"') for name in found.group(1).split(",")]


def _rows(html_dir):
    for doc in _docnames(html_dir):
        page = html_dir / f"{doc}.html"
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
        if main is None:
            continue
        for number, table in enumerate(main.find_all("table"), start=1):
            for tr in table.select("tbody tr"):
                cells = [td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"])]
                first = next((c for c in cells if c and not arabic.has_arabic(c)), "")
                if len(first) >= 3:
                    yield f"{page.relative_to(html_dir)} table {number}", first


def test_every_table_row_the_html_shows_is_in_the_pdf(html_dir, pdf_text):
    rows = list(_rows(html_dir))
    assert len(rows) > 100
    missing = [f"{where}: {first!r}" for where, first in rows if _squash(first) not in pdf_text]
    assert not missing, f"{len(missing)} rows missing from the PDF:\n" + "\n".join(missing[:20])


def _words(pdf_path):
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out.replace("&nbsp;", " "))
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = [
            (w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("{http://www.w3.org/1999/xhtml}word")
        ]
        yield number, words


def test_no_word_is_printed_over_another(pdf_path):
    clashes = []
    for number, words in _words(pdf_path):
        if len(words) < 2:
            continue
        box = np.array([w[1:] for w in words])
        x0, y0, x1, y1 = (box[:, i] for i in range(4))
        dx = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])
        dy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :])
        inter = np.clip(dx, 0, None) * np.clip(dy, 0, None)
        area = (x1 - x0) * (y1 - y0)
        smaller = np.minimum(area[:, None], area[None, :])
        hit = np.triu(inter > 0.3 * np.maximum(smaller, 1e-6), k=1)
        for i, j in zip(*np.nonzero(hit), strict=True):
            clashes.append(f"page {number}: {words[i][0]!r} over {words[j][0]!r}")
    assert not clashes, f"{len(clashes)} words printed over others:\n" + "\n".join(clashes[:20])


def test_the_pdf_prints_no_code_and_keeps_to_its_length(pdf_path):
    from pypdf import PdfReader

    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True)
    for code in ("glue_values(", "markdown_table(", "from rsii", "import "):
        assert code not in text.stdout, f"code in the PDF: {code}"
    # 107 pages since the register prints its 37 figures and 108 coder's notes, and each
    # row as an item of its own (the HTML's register in full); about 122 with the
    # robustness chapter (two specification curves, the table of 48 models) and the
    # arguments' network; a layout that loses its grip on tables or floats adds pages
    # well beyond that.
    assert len(PdfReader(pdf_path).pages) <= 130
