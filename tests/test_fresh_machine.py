"""The book on a reader's fresh machine: no fonts but the packages', no caches, and a
strict gate that holds on every run.

(a) A clean copy builds, HTML and PDF, with new empty HOME, MPLCONFIGDIR and
    XDG_CACHE_HOME and every system Amiri hidden; its figures are the same bytes as this
    checkout's, and the PDF embeds Amiri.
(b) The same with a matplotlib font cache written before Amiri was there (a stale cache).
(c) A cell that writes to stderr fails the build, and fails it again on an unchanged
    rerun; once the cell is gone the build passes, an unchanged rebuild does no Sphinx
    work, and a changed notebook is rebuilt.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata

import fresh
import pytest

from rsii import book

pytestmark = pytest.mark.book


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.png")}


def _build(copy, env_dir, *targets):
    result = fresh.run(
        [sys.executable, "-m", "rsii.book", "--root", str(copy), *targets], env_dir, copy
    )
    return result, result.stdout + result.stderr


def _amiri_in_cache(env_dir, copy) -> str:
    probe = (
        "import matplotlib.font_manager as fm; "
        "print(sorted(f.fname for f in fm.fontManager.ttflist if f.name == 'Amiri'))"
    )
    result = fresh.run([sys.executable, "-c", probe], env_dir, copy)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_system_amiri_is_really_hidden(root, tmp_path):
    listing = fresh.run(
        ["sh", "-c", "cat " + " ".join(f'"{d}"/* 2>/dev/null' for d in fresh.system_amiri_dirs())],
        tmp_path / "env",
        root,
    )
    assert listing.stdout == ""
    assert _amiri_in_cache(tmp_path / "env", root) == "[]"


def test_fresh_machine_builds_html_and_pdf(root, html_dir, tmp_path):
    copy = book.copy_sources(root, tmp_path / "src")
    result, out = _build(copy, tmp_path / "env", "html", "pdf")
    assert result.returncode == 0, out[-5000:]
    assert "findfont" not in out
    site = copy / "_build" / "html"
    figures = _digests(site / "_images")
    assert figures and figures == _digests(html_dir / "_images")
    assert sorted(p.name for p in (site / "_static" / "fonts").iterdir()) == [
        "Amiri-Bold.ttf",
        "Amiri-OFL.txt",
        "Amiri-Regular.ttf",
    ]
    pdf = copy / "_build" / "latex" / "book.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("findfont") == 0 and "روسيا" in unicodedata.normalize("NFKC", text)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert any("Amiri-Regular" in line and " yes " in line for line in fonts.splitlines())


def test_stale_font_cache_is_no_trouble(root, html_dir, tmp_path):
    copy = book.copy_sources(root, tmp_path / "src")
    env_dir = tmp_path / "env"
    assert _amiri_in_cache(env_dir, copy) == "[]"  # the cache now exists and lists no Amiri
    result, out = _build(copy, env_dir, "html")
    assert result.returncode == 0, out[-5000:]
    assert "findfont" not in out
    assert _digests(copy / "_build" / "html" / "_images") == _digests(html_dir / "_images")


STDERR_CELL = """
```{code-cell} ipython3
import sys
import unicodedata

print("rsii-test: this line went to stderr", file=sys.stderr)
```
"""


def test_a_failed_build_fails_again_until_fixed(root, tmp_path):
    copy = book.copy_sources(root, tmp_path / "src")
    env_dir = tmp_path / "env"
    notebook = copy / "notebooks" / "timeline.md"
    clean = notebook.read_text(encoding="utf-8")
    notebook.write_text(clean + STDERR_CELL, encoding="utf-8")
    for attempt in ("first", "unchanged rerun"):
        result, out = _build(copy, env_dir, "html")
        assert result.returncode != 0, f"{attempt}: a cell's stderr passed the strict build"
        assert "notebooks/timeline" in out and "this line went to stderr" in out, attempt
    result, out = _build(copy, env_dir, "pdf")
    assert result.returncode != 0, "the PDF build published a cell's stderr"
    assert "timeline.md" in out and "wrote to stderr" in out

    notebook.write_text(clean, encoding="utf-8")
    result, out = _build(copy, env_dir, "html")
    assert result.returncode == 0, out[-5000:]
    page = copy / "_build" / "html" / "notebooks" / "timeline.html"
    assert "this line went to stderr" not in page.read_text(encoding="utf-8")

    result, out = _build(copy, env_dir, "html")
    assert result.returncode == 0 and "html: up to date" in out
    assert "jupyter-book" not in out.lower() and "build succeeded" not in out

    notebook.write_text(clean.replace("# The timeline", "# The timeline, edited", 1))
    result, out = _build(copy, env_dir, "html")
    assert result.returncode == 0 and "html: up to date" not in out
    assert "The timeline, edited" in page.read_text(encoding="utf-8")
