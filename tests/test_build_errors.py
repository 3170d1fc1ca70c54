"""A failing notebook cell fails the strict build, and the message names the notebook
and the cell."""

from __future__ import annotations

import pytest

from rsii import book

pytestmark = pytest.mark.book


def test_failing_cell_fails_the_build_with_its_notebook_named(root, tmp_path):
    book.copy_sources(root, tmp_path)
    nb = tmp_path / "notebooks" / "timeline.md"
    text = nb.read_text(encoding="utf-8")
    nb.write_text(
        text.replace(
            "events = load.events()",
            "events = load.events()\nraise ValueError('cell fails here')",
            1,
        ),
        encoding="utf-8",
    )
    result = book.build("html", root=tmp_path, capture=True)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "notebooks/timeline.md" in out
    assert "cell fails here" in out and "raise ValueError" in out
