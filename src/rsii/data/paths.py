"""Where the project's files are, found from the package rather than the working
directory, so notebooks, tests and the command line agree whatever their cwd."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parents[1]  # the rsii package


def repo_root() -> Path | None:
    """The source checkout this package was installed from (editable install), if any."""
    root = _PKG.parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "data").is_dir() else None


def data_dir() -> Path:
    """The data package: $RSII_DATA_DIR, else the checkout's data/, else the copy in the wheel."""
    env = os.environ.get("RSII_DATA_DIR")
    if env:
        return Path(env).resolve()
    root = repo_root()
    return root / "data" if root else _PKG / "_data"


def article_path(data: Path | None = None) -> Path:
    return (data or data_dir()) / "source" / "article.ar.txt"


def bib_path() -> Path:
    root = repo_root()
    return root / "references.bib" if root else _PKG / "_data" / "references.bib"
