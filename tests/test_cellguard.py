"""rsii.book.sphinxext.cellguard on a two-page project whose notebook is stored with its
outputs (nothing runs): a stderr output and an error output fail a strict LaTeX build,
again when it is rerun with Sphinx's environment kept. And why myst-nb's own setting
does not do it: with ``nb_output_stderr = "warn"`` myst-nb 1.4.0 warns only while it
reads a notebook and never about an error output; when that half of the test fails,
upstream may have made cellguard unnecessary (see its docstring)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NOTEBOOK = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "language_info": {"name": "python"},
    },
    "cells": [
        {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Probe"},
        {
            "cell_type": "code",
            "id": "a",
            "metadata": {},
            "execution_count": 1,
            "source": "print('rsii-probe: to stderr', file=sys.stderr)",
            "outputs": [
                {"output_type": "stream", "name": "stderr", "text": "rsii-probe: to stderr\n"}
            ],
        },
        {
            "cell_type": "code",
            "id": "b",
            "metadata": {"tags": ["raises-exception"]},  # nbclient runs on past it
            "execution_count": 2,
            "source": "raise ValueError('rsii-probe: an error')",
            "outputs": [
                {
                    "output_type": "error",
                    "ename": "ValueError",
                    "evalue": "rsii-probe: an error",
                    "traceback": ["-" * 40, "ValueError: rsii-probe: an error"],
                }
            ],
        },
    ],
}


def _project(folder: Path, extensions: list[str], stderr: str) -> Path:
    folder.mkdir()
    (folder / "conf.py").write_text(
        f"extensions = {extensions!r}\n"
        "nb_execution_mode = 'off'\n"
        f"nb_output_stderr = {stderr!r}\n"
        "exclude_patterns = ['_build']\n"
    )
    (folder / "index.md").write_text("# Book\n\n```{toctree}\nprobe\n```\n")
    (folder / "probe.ipynb").write_text(json.dumps(NOTEBOOK))
    return folder


# Strict LaTeX builds, one after the other in one process (Sphinx and myst-nb load once),
# each keeping Sphinx's environment for the next and writing its warnings to a file.
BUILDS = """
import json, sys
from sphinx.cmd.build import build_main
codes = []
for run, folder in enumerate(sys.argv[1:]):
    out = folder + "/_build"
    args = ["-W", "--keep-going", "-q", "-b", "latex", "-d", out + "/env", "-w", f"{out}/{run}.txt"]
    codes.append(build_main([*args, folder, out + "/latex"]))
print(json.dumps(codes))
"""


def _strict_latex(*folders: Path) -> list[tuple[int, str]]:
    """Each build's exit status and warnings (a folder named twice is built twice)."""
    done = subprocess.run(
        [sys.executable, "-c", BUILDS, *map(str, folders)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    codes, out = json.loads(done.stdout.splitlines()[-1]), []
    for run, (folder, code) in enumerate(zip(folders, codes, strict=True)):
        out.append((code, (folder / "_build" / f"{run}.txt").read_text(encoding="utf-8")))
    return out


def test_cellguard_fails_every_strict_build_and_myst_nb_alone_does_not(tmp_path):
    guarded = _project(tmp_path / "g", ["myst_nb", "rsii.book.sphinxext.cellguard"], "show")
    alone = _project(tmp_path / "a", ["myst_nb"], "warn")
    runs = _strict_latex(guarded, guarded, alone, alone)
    for status, out in runs[:2]:  # the first run, then a rerun with the environment kept
        assert status != 0 and "probe.ipynb" in out and len(out.strip().splitlines()) == 2, out
        assert "cell 2 wrote to stderr, and it would be published: rsii-probe: to stderr" in out
        assert "cell 3 raised an error, and it would be published: ValueError: rsii" in out
    (status, out), (again, out_again) = runs[2:]
    assert status != 0 and "stderr was found in the cell outputs of cell 2" in out, out
    assert len(out.strip().splitlines()) == 1  # none for the error output, published as is
    assert again == 0 and not out_again  # the page was read before: no warning, it passes
