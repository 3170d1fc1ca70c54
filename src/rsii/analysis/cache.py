"""The one cache of what the book computes from its data and code: kept in memory and on
disk per fingerprint of the data package and of the package's code, so that a build
computes the analysis once for every notebook and page, and a chapter rerun after a
build reads it (:func:`rsii.analysis.results.results`, the what-if view's payload)."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from rsii.data import paths


def fingerprint(data: Path | None = None) -> str:
    """A hash of the data package's files and of the package's code: a cached
    result is valid while it is unchanged."""
    folder = Path(data) if data is not None else paths.data_dir()
    code = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for root, pattern in ((folder, "*"), (code, "*.py")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


_MEMORY: dict[tuple[str, str], object] = {}


def cache_folder() -> Path | None:
    """Where :func:`cached` keeps what it computes on disk: ``$RSII_CACHE``; else, in a
    source checkout, the build's folder (``_build/.analysis``), so that a chapter rerun
    after ``make book`` reads what the build computed; else nowhere (memory only)."""
    if folder := os.environ.get("RSII_CACHE"):
        return Path(folder)
    root = paths.repo_root()
    return root / "_build" / ".analysis" if root is not None else None


def cached(name: str, make: Callable[[], object], data: Path | None = None):
    """``make()``, kept per ``name`` and :func:`fingerprint` in memory and on disk in
    :func:`cache_folder` (pickled as ``{name}-{fingerprint}.pickle``, written
    atomically): the one cache of what the book computes from its data and code."""
    key = (name, fingerprint(data))
    if key in _MEMORY:
        return _MEMORY[key]
    folder = cache_folder()
    path = folder / f"{name}-{key[1]}.pickle" if folder else None
    if path is not None and path.is_file():
        with path.open("rb") as f:
            found = pickle.load(f)
    else:
        found = make()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as f:
                pickle.dump(found, f, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(path)
    _MEMORY[key] = found
    return found
