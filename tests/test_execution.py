"""Notebook execution in the build: the notebooks run side by side while the other pages
are read (rsii.sphinxext.execution), myst-nb uses what they produced, and a failing cell
still fails the strict build with its notebook and cell named."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from rsii import book

pytestmark = pytest.mark.book
GOOD = ("evidence", "network", "stances")


@pytest.fixture(scope="module")
def failing_build(root, tmp_path_factory) -> tuple[int, str]:
    """A cold build of a copy whose timeline notebook raises in its first cell."""
    copy = book.copy_sources(root, tmp_path_factory.mktemp("failing"))
    nb = copy / "notebooks" / "timeline.md"
    text = nb.read_text(encoding="utf-8")
    nb.write_text(
        text.replace(
            "events = load.events()",
            "events = load.events()\nraise ValueError('cell fails here')",
            1,
        ),
        encoding="utf-8",
    )
    result = book.build("html", root=copy, capture=True)
    return result.returncode, result.stdout + result.stderr


def test_failing_cell_fails_the_build_with_its_notebook_named(failing_build):
    returncode, out = failing_build
    assert returncode != 0
    assert "notebooks/timeline.md" in out
    assert "cell fails here" in out and "raise ValueError" in out


def test_notebooks_run_side_by_side_and_myst_nb_reads_their_outputs(failing_build):
    _, out = failing_build
    assert "[rsii] executing 4 notebooks" in out
    for name in GOOD:
        # The worker's cache entry matched the notebook as myst-nb read it.
        assert f"notebooks/{name}.md: Using cached notebook" in out
        assert f"notebooks/{name}.md: Executing notebook" not in out
    # What failed in a worker is not cached: myst-nb runs it again and reports it.
    assert "[rsii] executed timeline.md" not in out
    assert "notebooks/timeline.md: Executing notebook" in out


def _kernels_in(folder) -> list[int]:
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


def test_a_build_that_reads_no_notebook_waits_for_them_quietly(root, tmp_path):
    """With only the execution cache deleted, Sphinx's saved environment holds every
    page, so it reads no notebook: the build waits for the workers, which refill the
    cache, with no traceback and no kernel left behind."""
    from jupyter_cache import get_cache

    copy = book.copy_sources(root, tmp_path)
    assert book.build("html", root=copy, capture=True).returncode == 0
    shutil.rmtree(copy / ".jupyter_cache")
    (copy / "_build" / ".rsii-html-ok").unlink()
    result = book.build("html", root=copy, capture=True)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert "[rsii] executing 4 notebooks" in out
    assert "Traceback" not in out and "Error" not in out, out[-3000:]
    assert len(get_cache(copy / ".jupyter_cache").list_cache_records()) == 4
    time.sleep(2)  # a kernel whose worker has gone notices within a second
    assert _kernels_in(copy.resolve()) == []
