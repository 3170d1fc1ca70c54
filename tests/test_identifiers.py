"""No identifier in the reading text: readers see names and words, never a row id, an
actor id, a codebook value with an underscore or a module name. Ids are link targets
(hidden in the link) and live in the downloads; code, code cells and the codebook's
values in code font are not reading text.

Run as a script on a built site to list every hit: ``python tests/test_identifiers.py
_build``."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from rsii.data import load

ROW_ID = re.compile(r"\b(r\d{3}|st\d{2}|e\d{2}|hc\d{2}|alt\d{2}|sc\d{2})\b")
SENTENCE_ID = re.compile(r"\bs\d{2}\b")  # a sentence is "sentence 10" in words
MODULE = re.compile(r"\brsii\.[a-z_.]+")
# Not reading text: code, code cells, and the heading anchors' pilcrows.
HIDDEN = ("pre", "code", "script", "style", ".cell_input", ".highlight", ".headerlink")


@cache
def underscored() -> re.Pattern:
    """Every actor id and codebook value with an underscore, as whole words."""
    words = {str(v) for v in load.actors()["id"] if "_" in str(v)}
    words |= {str(v) for v in load.codebook()["value"] if "_" in str(v)}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w]){'(?:' + alternatives + ')'}(?![\w])")


def visible_text(page: Path) -> str:
    """The reading text of one page's <main>: what a reader sees, without code."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup.body or soup
    for selector in HIDDEN:
        for node in main.select(selector):
            node.decompose()
    return main.get_text(" ")


def pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if not {"_sources", "_static"} & set(p.parts))


def _hits(text: str, patterns) -> list[str]:
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = max(match.start() - 50, 0), match.end() + 50
            context = " ".join(text[start:end].split())
            found.append(f"{match.group(0)!r} in …{context}…")
    return found


def html_hits(html_dir: Path) -> dict[str, list[str]]:
    patterns = (ROW_ID, SENTENCE_ID, MODULE, underscored())
    report = {}
    for page in pages(html_dir):
        hits = _hits(visible_text(page), patterns)
        if hits:
            report[str(page.relative_to(html_dir))] = hits
    return report


def pdf_hits(pdf: Path) -> list[str]:
    """Row ids and module names in the PDF's text (its codebook tables print the
    codebook's values as text, so those are allowed there)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _hits(text, (ROW_ID, MODULE))


def _report(report: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}: {hit}" for page, hits in report.items() for hit in hits)


def test_no_identifier_in_html_text(html_dir):
    report = html_hits(html_dir)
    assert not report, "identifiers in the reading text:\n" + _report(report)


def test_no_identifier_in_pdf_text(pdf_path):
    hits = pdf_hits(pdf_path)
    assert not hits, "identifiers in the PDF's text:\n" + "\n".join(hits)


if __name__ == "__main__":
    build = Path(sys.argv[1] if len(sys.argv) > 1 else "_build")
    found = html_hits(build / "html")
    pdf = build / "latex" / "book.pdf"
    if pdf.exists():
        found |= {"book.pdf": pdf_hits(pdf)}
    print(_report(found))
    print(sum(map(len, found.values())), "hits", file=sys.stderr)
