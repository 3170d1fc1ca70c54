"""Every chapter notebook runs clean from a fresh kernel and produces its figures."""

from __future__ import annotations

import jupytext
import pytest
from nbclient import NotebookClient

from rsii import paths

NOTEBOOKS = sorted((paths.repo_root() / "notebooks").glob("*.md"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path):
    nb = jupytext.read(path)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error" or o.get("name") == "stderr"
    ]
    assert not errors, f"{path.name}: {errors[:1]}"
    for i, cell in enumerate(nb.cells):
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if cell.cell_type == "code" and figure:
            kinds = {k for o in cell.outputs for k in o.get("data", {})}
            assert "image/png" in kinds, f"{path.name} cell {i}: figure {figure['name']} missing"


def test_every_notebook_is_in_the_table_of_contents(root):
    toc = (root / "book" / "_toc.yml").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}" in toc


def test_notebooks_are_stored_without_outputs(root):
    assert not list((root / "notebooks").glob("*.ipynb")), "notebooks are MyST Markdown"
