"""Build benchmarks (``make bench``): how long the book takes to build, cold and warm,
against the floor of executing its notebooks alone, and how heavy the site is.

Prints a table and writes it to benchmarks/results.md (for developers, not in the book).
Timings are wall-clock seconds on the machine that ran it, one run each.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from pypdf import PdfReader

from rsii.book import build as book
from rsii.data import paths

RESULTS = Path("benchmarks") / "results.md"


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _build(copy: Path, target: str) -> str:
    """As `make html` / `make pdf` run it: a new Python process, ``python -m rsii.book.build``.
    Returns the build's log."""
    result = subprocess.run(
        [sys.executable, "-m", "rsii.book.build", "--root", str(copy), target],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"the {target} build failed")
    return result.stdout + result.stderr


def _logged_seconds(log: str, pattern: str) -> str:
    """A duration the book's extension logs (``… in 3.21 s``), or "not logged"."""
    found = re.search(pattern + r".* in ([0-9.]+) s", log)
    return f"{float(found.group(1)):.1f} s" if found else "not logged"


def _notebooks_alone(copy: Path) -> dict[str, float]:
    """Each notebook run alone in a fresh kernel, as a reader reruns a chapter before any
    build (an empty analysis cache: the chapter computes what it reads): name → seconds."""
    times = {}
    for path in sorted((copy / "notebooks").glob("*.md")):
        env = {**os.environ, "RSII_CACHE": tempfile.mkdtemp(prefix="rsii-bench-cache-")}
        nb = jupytext.read(path)
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        client.execute(env=env)
        times[path.stem] = time.perf_counter() - start
    return times


def _part_pages(reader, title: str) -> int:
    """How many pages the outline's top-level entry ``title`` spans."""
    tops = [o for o in reader.outline if not isinstance(o, list)]
    starts = [reader.get_destination_page_number(o) for o in tops]
    for i, entry in enumerate(tops):
        if entry.title.endswith(title):
            end = starts[i + 1] if i + 1 < len(starts) else len(reader.pages)
            return end - starts[i]
    return 0


def _weight(site: Path) -> tuple[int, int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    heaviest = max((p.stat().st_size for p in pages), default=0)
    return sum(p.stat().st_size for p in files), len(pages), heaviest


def run() -> list[tuple[str, str, str]]:
    root = paths.repo_root()
    with tempfile.TemporaryDirectory(prefix="rsii-bench-") as tmp:
        copy = book.copy_sources(root, Path(tmp))
        workers = min(len(list((copy / "notebooks").glob("*.md"))), os.cpu_count() or 1)
        python = _timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
        alone = _notebooks_alone(copy)
        floor = sum(alone.values())
        log: list[str] = []
        cold_html = _timed(lambda: log.append(_build(copy, "html")))
        warm_html = _timed(lambda: _build(copy, "html"))
        cold_ar = _timed(lambda: log.append(_build(copy, "html-ar")))
        warm_ar = _timed(lambda: _build(copy, "html-ar"))
        nb = copy / "notebooks" / "timeline.md"
        nb.write_text(nb.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        touched = _timed(lambda: _build(copy, "html"))
        cold_pdf = _timed(lambda: _build(copy, "pdf"))
        warm_pdf = _timed(lambda: _build(copy, "pdf"))
        cold_pdf_ar = _timed(lambda: _build(copy, "pdf-ar"))
        total, pages, heaviest = _weight(copy / "_build" / "html")
        reader = PdfReader(copy / "_build" / "latex" / "book.pdf")
        pdf_pages, register_pages = len(reader.pages), _part_pages(reader, "Actor register")
        pdf_ar_pages = len(PdfReader(copy / "_build" / "latex" / "book-ar.pdf").pages)
    # The test loops run in the checkout, whose package the virtual environment imports.
    check = _timed(lambda: subprocess.run(["make", "check"], cwd=root, capture_output=True))
    suite = _timed(lambda: subprocess.run(["make", "test"], cwd=root, capture_output=True))
    mb = 1024 * 1024

    def aim(ok: bool) -> str:
        return "met" if ok else "not met"

    return [
        (
            "notebooks executed alone (floor)",
            f"{floor:.1f} s",
            "one after another, each in a fresh kernel",
        ),
        *(
            (f"notebook {name}, alone", f"{seconds:.1f} s", "as a reader reruns the chapter")
            for name, seconds in alone.items()
        ),
        (
            "cold HTML build",
            f"{cold_html:.1f} s",
            f"{cold_html / floor:.2f} × floor (aim ≤ 1.5: {aim(cold_html <= 1.5 * floor)})",
        ),
        (
            "within it: the analysis, computed once",
            _logged_seconds(log[0], r"\[rsii\] analysis computed"),
            "rsii.analysis.results, read by every notebook, the register and the export",
        ),
        (
            "within it: the notebooks, run side by side",
            _logged_seconds(log[0], r"\[rsii\] notebooks: \d+ run side by side"),
            f"up to {workers} at a time (jupyter-cache's local-parallel executor), before Sphinx",
        ),
        (
            "within it: generating the actor register's pages",
            _logged_seconds(log[0], r"\[rsii\] actor register: \d+ pages"),
            "pages and figures, written when Sphinx starts",
        ),
        (
            "HTML rebuild, nothing changed",
            f"{warm_html:.2f} s",
            f"{warm_html / cold_html:.3f} × cold (aim ≤ 0.1: {aim(warm_html <= 0.1 * cold_html)});"
            f" Python's start alone: {python:.2f} s",
        ),
        (
            "cold HTML build of the Arabic edition (after the English)",
            f"{cold_ar:.1f} s",
            f"both editions {(cold_html + cold_ar) / cold_html:.2f} × the English alone "
            f"(aim ≤ 2: {aim(cold_html + cold_ar <= 2 * cold_html)}); notebooks "
            + _logged_seconds(log[1], r"\[rsii\] notebooks: \d+ run side by side"),
        ),
        (
            "Arabic HTML rebuild, nothing changed",
            f"{warm_ar:.2f} s",
            f"{warm_ar / cold_ar:.3f} × cold (aim ≤ 0.1: {aim(warm_ar <= 0.1 * cold_ar)})",
        ),
        (
            "HTML rebuild after editing one notebook",
            f"{touched:.1f} s",
            f"{touched / cold_html:.2f} × cold",
        ),
        ("cold PDF build (after the HTML build)", f"{cold_pdf:.1f} s", f"{pdf_pages} pages"),
        (
            "the actor register in the PDF",
            f"{register_pages} pages",
            f"{register_pages / pdf_pages:.0%} of the book (aim: the PDF ≤ 90 pages: "
            f"{aim(pdf_pages <= 90)})",
        ),
        ("PDF rebuild, nothing changed", f"{warm_pdf:.2f} s", f"{warm_pdf / cold_pdf:.3f} × cold"),
        (
            "cold Arabic PDF build (after the English PDF)",
            f"{cold_pdf_ar:.1f} s",
            f"{pdf_ar_pages} pages; {cold_pdf_ar / cold_pdf:.2f} × the English PDF "
            f"(aim ≤ 1.2: {aim(cold_pdf_ar <= 1.2 * cold_pdf)})",
        ),
        ("HTML site weight", f"{total / mb:.1f} MB", f"{pages} pages"),
        ("make check", f"{check:.0f} s", f"aim < 60 s: {aim(check < 60)}"),
        ("make test, book already built", f"{suite:.0f} s", f"aim ≤ 600 s: {aim(suite <= 600)}"),
        ("heaviest page", f"{heaviest / mb:.2f} MB", "the interactive network inlines BokehJS"),
    ]


def main() -> int:
    rows = run()
    header = "| measure | value | against the aim |\n| --- | --- | --- |\n"
    table = header + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = (
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')} ({machine}); one run each, "
        "wall-clock time.\n\n" + table
    )
    print(table)
    target = paths.repo_root() / RESULTS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
