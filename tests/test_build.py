"""The book built from clean copies of the sources, as a reader builds it.

Two copies, each built once and shared by the tests of this module:

- the *fresh* copy, built (HTML and PDF) as on a reader's fresh machine: new, empty
  HOME, MPLCONFIGDIR and XDG_CACHE_HOME, matplotlib's font cache written before Amiri
  was there (a stale cache), every system Amiri hidden (``fresh.run``). It is also the
  reproducibility copy: its figures, PDF text and data download equal the checkout's.
- the *failing* copy, whose timeline notebook gets a cell that writes to stderr, then
  one that raises: the strict build fails and names the notebook and the cell, fails
  again when rerun unchanged, and passes once the cell is gone.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import fresh
import pytest

from rsii.book import build as book
from rsii.book import release

pytestmark = pytest.mark.book


def _digests(folder: Path, pattern: str = "*.png") -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob(pattern)}


def _pdf_text(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text


def _amiri_in_cache(env_dir: Path, cwd: Path) -> str:
    probe = (
        "import matplotlib.font_manager as fm; "
        "print(sorted(f.fname for f in fm.fontManager.ttflist if f.name == 'Amiri'))"
    )
    result = fresh.run([sys.executable, "-c", probe], env_dir, cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def fresh_copy(root, html_dir, tmp_path_factory) -> tuple[Path, str]:
    """The sources archive the checkout's HTML site offers, unpacked into a clean folder
    and built there with the README's commands (`make html pdf`), the checkout's
    environments standing in for the ones `make` would install, its own code first."""
    edition = release.read(root)
    folder = tmp_path_factory.mktemp("fresh")
    with tarfile.open(html_dir / "downloads" / edition.archive) as tar:
        # tarfile's extraction filters came with Python 3.11.4; Debian 12's is 3.11.2.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(folder, **safe)
    copy = folder / edition.name
    env_dir = folder / "env"
    assert _amiri_in_cache(env_dir, copy) == "[]"  # the cache now exists and lists no Amiri
    venv = Path(sys.executable).parent.parent
    result = fresh.run(
        ["make", "html", "pdf", f"VENV={venv}", f"TOOLS={root / '.venv-tools'}"],
        env_dir,
        copy,
        extra={"PYTHONPATH": str(copy / "src")},
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-5000:]
    assert (copy / "_build" / "html" / "downloads" / edition.archive).exists()
    return copy, out


def test_system_amiri_is_really_hidden(root, tmp_path):
    listing = fresh.run(
        ["sh", "-c", "cat " + " ".join(f'"{d}"/* 2>/dev/null' for d in fresh.system_amiri_dirs())],
        tmp_path / "env",
        root,
    )
    assert listing.stdout == ""
    assert _amiri_in_cache(tmp_path / "env", root) == "[]"


def test_fresh_build_runs_the_notebooks_before_sphinx_and_reads_them_from_the_cache(
    fresh_copy,
):
    """On a fresh machine the notebooks run side by side before Sphinx starts, myst-nb
    takes from jupyter-cache every one that ran there, and no kernel is left behind."""
    from jupyter_cache import get_cache

    copy, out = fresh_copy
    notebooks = sorted(p.stem for p in (copy / "notebooks").glob("*.md"))
    assert f"[rsii] notebooks: {len(notebooks)} run side by side" in out
    # A kernel of jupyter-cache's pool can lose a port race with another starting at the
    # same moment; that notebook is not cached, and myst-nb runs it and reports nothing.
    failed = re.search(r"failed, for myst-nb to run and report: (.*)", out)
    rerun = failed.group(1) if failed else ""
    for name in notebooks:
        if f"notebooks/{name}.md" not in rerun:
            assert f"notebooks/{name}.md: Using cached notebook" in out
            assert f"notebooks/{name}.md: Executing notebook" not in out
    if not rerun:  # the lost race prints the kernel's traceback; nothing else may
        assert "Traceback" not in out, out[-3000:]
    assert len(get_cache(copy / book.CACHE).list_cache_records()) == len(notebooks)
    assert _kernels_in(copy.resolve()) == []


def test_fresh_machine_builds_with_the_packages_fonts(fresh_copy):
    copy, out = fresh_copy
    assert "findfont" not in out
    fonts = sorted(p.name for p in (copy / "_build" / "html" / "_static" / "fonts").iterdir())
    assert fonts == ["Amiri-Bold.ttf", "Amiri-OFL.txt", "Amiri-Regular.ttf"]
    pdf = copy / "_build" / "latex" / "book.pdf"
    assert "روسيا" in unicodedata.normalize("NFKC", _pdf_text(pdf))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert any("Amiri-Regular" in line and " yes " in line for line in listing.splitlines())


def test_fresh_build_reproduces_the_checkouts_figures(fresh_copy, html_dir):
    copy, _ = fresh_copy
    figures = _digests(copy / "_build" / "html" / "_images")
    ours = _digests(html_dir / "_images")  # may also hold an earlier build's figures
    assert figures and all(ours.get(name) == digest for name, digest in figures.items())


def test_fresh_build_reproduces_the_arabic_edition(fresh_copy, html_ar_dir):
    """The Arabic edition from the sources archive, on a fresh machine: every figure byte
    for byte, and every page's text as the checkout's (the HTML around it differs only
    where Sphinx adds a cache-busting query to a style sheet an earlier build left, and
    in the footer's year, which follows SOURCE_DATE_EPOCH)."""
    from bs4 import BeautifulSoup

    copy, _ = fresh_copy
    theirs = copy / "_build" / "html" / "ar"
    assert _digests(theirs / "_images") == {
        name: digest
        for name, digest in _digests(html_ar_dir / "_images").items()
        if name in _digests(theirs / "_images")
    }
    assert len(_digests(theirs / "_images")) > 10

    def texts(site: Path) -> dict[str, str]:
        out = {}
        for page in site.rglob("*.html"):
            main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
            for footer in main.find_all("footer") if main is not None else ():
                footer.decompose()  # its year follows SOURCE_DATE_EPOCH
            if main is not None and "_static" not in page.parts:
                out[str(page.relative_to(site))] = main.get_text(" ", strip=True)
        return out

    ours, built = texts(html_ar_dir), texts(theirs)
    assert len(built) > 50 and set(built) == set(ours)
    assert [name for name in sorted(built) if ours[name] != built[name]] == []


def test_fresh_build_reproduces_the_checkouts_pdf_text(fresh_copy, pdf_path):
    copy, _ = fresh_copy
    text = _pdf_text(copy / "_build" / "latex" / "book.pdf")
    assert len(text) > 10_000 and text == _pdf_text(pdf_path)


def test_fresh_build_offers_the_same_data(fresh_copy, html_dir):
    copy, _ = fresh_copy

    def contents(site: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(site / "downloads" / "rsii-data.zip") as zf:
            return {name: zf.read(name) for name in zf.namelist()}

    assert contents(copy / "_build" / "html") == contents(html_dir)


def test_the_archive_rebuilds_the_same_book_and_itself(fresh_copy, html_dir, root):
    """The book built from the archive names the same sources, and offers the same
    archive, byte for byte."""
    copy, _ = fresh_copy
    edition = release.read(root)
    rebuilt = copy / "_build" / "html"
    assert release.read(copy).name == edition.name
    about = (rebuilt / "book" / "about.html").read_text(encoding="utf-8")
    assert edition.archive in about
    ours = (html_dir / "downloads" / edition.archive).read_bytes()
    assert (rebuilt / "downloads" / edition.archive).read_bytes() == ours


# ----------------------------------------------------------------- the failing copy

STDERR_CELL = """
```{code-cell} ipython3
import sys

print("rsii-test: this line went to stderr", file=sys.stderr)
```
"""
RAISE = "raise ValueError('rsii-test: cell fails here')"


def _kernels_in(folder: Path) -> list[int]:
    """Kernels (processes) still running in ``folder``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cwd = (proc / "cwd").resolve()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel" in cmdline and (cwd == folder or folder in cwd.parents):
            found.append(int(proc.name))
    return found


@pytest.fixture(scope="module")
def failing_copy(root, html_dir, tmp_path_factory) -> tuple[Path, str]:
    """A copy of the sources that starts with the checkout's execution cache (its code
    and data are the checkout's, so the cache holds), to run only what the tests change.
    (The fresh copy runs every notebook from nothing.)"""
    copy = book.copy_sources(root, tmp_path_factory.mktemp("failing"))
    shutil.copytree(root / book.CACHE, copy / book.CACHE)
    (copy / "_build").mkdir()
    shutil.copy(root / "_build" / ".rsii-inputs", copy / "_build" / ".rsii-inputs")
    return copy, (copy / "notebooks" / "timeline.md").read_text(encoding="utf-8")


def _build(copy: Path, target: str = "html") -> tuple[int, str]:
    result = book.build(target, root=copy, capture=True)
    return result.returncode, result.stdout + result.stderr


def test_a_failed_build_fails_again_until_fixed(failing_copy):
    copy, clean = failing_copy
    notebook = copy / "notebooks" / "timeline.md"
    notebook.write_text(clean + STDERR_CELL, encoding="utf-8")
    for attempt in ("first", "unchanged rerun"):
        status, out = _build(copy)
        assert status != 0, f"{attempt}: a cell's stderr passed the strict build"
        assert "notebooks/timeline" in out and "this line went to stderr" in out, attempt
        assert re.search(r"cell \d+ wrote to stderr", out), attempt
    status, out = _build(copy, "pdf")
    assert status != 0 and "timeline" in out and "wrote to stderr" in out

    first = "events = load.events()"
    assert first in clean
    notebook.write_text(clean.replace(first, f"{first}\n{RAISE}", 1), encoding="utf-8")
    for attempt in ("first", "unchanged rerun"):
        status, out = _build(copy)
        assert status != 0, f"{attempt}: a failing cell passed the strict build"
        assert "notebooks/timeline.md" in out and "cell fails here" in out, attempt

    notebook.write_text(clean, encoding="utf-8")
    status, out = _build(copy)
    assert status == 0, out[-5000:]
    page = copy / "_build" / "html" / "notebooks" / "timeline.html"
    assert "this line went to stderr" not in page.read_text(encoding="utf-8")

    status, out = _build(copy)
    assert status == 0 and "html: up to date" in out and "build succeeded" not in out

    notebook.write_text(clean.replace("# The timeline", "# The timeline, edited", 1))
    status, out = _build(copy)
    assert status == 0 and "html: up to date" not in out
    assert "The timeline, edited" in page.read_text(encoding="utf-8")

    style = copy / "book" / "_static" / "rsii.css"  # a style sheet edited alone
    style.write_text(style.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    status, out = _build(copy)
    assert status == 0, out[-3000:]
    site_style = copy / "_build" / "html" / "_static" / "rsii.css"
    assert site_style.read_bytes() == style.read_bytes()
