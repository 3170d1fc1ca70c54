"""What a build publishes carries no cell's stderr, error output or traceback.

Sphinx warns about such outputs only when it reads a page, and a page it thinks is up
to date is not read again; so every build also looks at what it wrote. Problems name the
notebook and the cell.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

# myst-nb marks a cell's stderr and error outputs with these classes.
_OUTPUT = re.compile(r'<div class="output (stderr|traceback)\b')
_CELL = re.compile(r'<div class="cell\b[^"]*"')
_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S)
_TAG = re.compile(r"<[^>]+>")
# Text that only a stream or an error output would put on a PDF page.
_PDF_SIGNS = re.compile(
    r"Traceback \(most recent call last\)|^\s*findfont: |^\s*\w+(Error|Warning): ", re.M
)


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def html_problems(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        for match in _OUTPUT.finditer(text):
            cells = [m.start() for m in _CELL.finditer(text, 0, match.start())]
            where = f"code cell {len(cells)}" if cells else "a cell"
            source = _PRE.search(text, cells[-1]) if cells else None
            first = _text(source.group(1)).splitlines()[:1] if source else []
            shown = _text(_PRE.search(text, match.start()).group(1)).splitlines()[:1]
            kind = "wrote to stderr" if match.group(1) == "stderr" else "raised an error"
            problems.append(
                f"{page.relative_to(site).with_suffix('.md')}: {where}"
                f"{' (' + first[0] + ')' if first else ''} {kind}: {shown[0] if shown else ''}"
            )
    return problems


def pdf_problems(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    problems = []
    for number, page in enumerate(text.split("\f"), start=1):
        for match in _PDF_SIGNS.finditer(page):
            line = page[match.start() :].strip().splitlines()[0]
            problems.append(f"{pdf.name} page {number}: {line}")
    return problems


def check(target: str, build_dir: Path) -> list[str]:
    if target == "html":
        return html_problems(build_dir / "html")
    if target == "pdf":
        return pdf_problems(build_dir / "latex" / "book.pdf")
    return []


def report(target: str, problems: list[str]) -> str:
    lines = "\n".join(f"  {p}" for p in problems)
    return (
        f"The {target} build wrote cell output that must not be published "
        f"(stderr, errors or tracebacks):\n{lines}\n"
    )
