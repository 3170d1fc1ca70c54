"""Shared fixtures: the project's files, and the book built the way readers build it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rsii.book import build as book
from rsii.data import paths

# Helper modules the test modules import and load as plugins (pytest_plugins).
pytest.register_assert_rewrite("browser", "tour")

ROOT = paths.repo_root()
BUILT = {"html_dir", "html_ar_dir", "pdf_path", "pdf_ar_path"}  # fixtures that build the book


# The modules that take longest: the clean copies built from the sources, and the tour
# of every page in the browser.
LONGEST = ("test_build.py", "test_browser.py")


def pytest_collection_modifyitems(items):
    """A test that uses the built book needs the build: mark it, so that `make check`
    (``-m "not book"``) never builds the book.

    `make check` and `make test` run the tests on every core (pytest-xdist, ``--dist
    loadfile``: a module's tests stay on one worker, and its module fixtures are made
    once); the longest modules come first, so that they start at once on different
    workers."""
    for item in items:
        if BUILT & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)
    rank = {name: i for i, name in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST)))  # stable otherwise


@pytest.fixture(scope="session")
def root() -> Path:
    assert ROOT is not None, "tests run from the source checkout"
    return ROOT


@pytest.fixture(scope="session")
def sentences(root) -> pd.DataFrame:
    return pd.read_csv(root / "data" / "sentences.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def headings(root) -> pd.DataFrame:
    return pd.read_csv(root / "data" / "headings.csv", dtype=str, keep_default_na=False)


def _built(target: str) -> None:
    result = book.build(target, capture=True)
    assert result.returncode == 0, (
        f"strict {target} build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )


@pytest.fixture(scope="session")
def html_dir(root) -> Path:
    """The HTML site, built with warnings as errors (incremental after `make html`)."""
    _built("html")
    return root / "_build" / "html"


@pytest.fixture(scope="session")
def html_ar_dir(root, html_dir) -> Path:
    """The Arabic edition of the site (``ar/`` in the English one), built strict."""
    _built("html-ar")
    return root / "_build" / "html" / "ar"


@pytest.fixture(scope="session")
def pdf_path(root) -> Path:
    """The PDF, built with warnings as errors."""
    _built("pdf")
    return root / "_build" / "latex" / "book.pdf"


@pytest.fixture(scope="session")
def pdf_ar_path(root) -> Path:
    """The Arabic edition's PDF, built with warnings as errors."""
    _built("pdf-ar")
    return root / "_build" / "latex" / "book-ar.pdf"
