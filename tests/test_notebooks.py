"""Every chapter notebook, as the build executed it: no error and no stderr in any cell,
and a figure wherever a cell declares one. (The build runs them; ``test_lab.py`` runs
one again in JupyterLab, as a reader would.)"""

from __future__ import annotations

import nbformat
import pytest

from rsii.data import paths

NOTEBOOKS = sorted((paths.repo_root() / "notebooks").glob("*.md"))


@pytest.mark.book
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_ran_clean_in_the_build(path, html_dir):
    nb = nbformat.read(html_dir / "_sources" / "notebooks" / f"{path.stem}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), f"{path.name}: not executed"
    errors = [
        o
        for c in code
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
