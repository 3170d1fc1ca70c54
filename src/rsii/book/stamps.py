"""What a build was made from: one fingerprint of its inputs, and stamps that remember it.

A stamp is a small file holding the fingerprint of the inputs a step last succeeded on;
the step is skipped while the fingerprint is unchanged. The book's build
(:mod:`rsii.book.build`) and the actor register (:mod:`rsii.book.sphinxext.register`)
use the same fingerprint, over different inputs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# What the book is built from, relative to the checkout.
BOOK_INPUTS = (
    "book", "notebooks", "data", "src", "locales", "references.bib", "requirements.txt",
    "CITATION.cff",
)  # fmt: skip
# What the notebooks' outputs and the generated pages depend on besides their own text.
# The catalogs word the Arabic edition's generated pages and notebook outputs.
CODE_AND_DATA = ("src", "data", "locales", "references.bib", "requirements.txt")
# Pages the build writes itself from data/ and src/ (gitignored): they follow from those.
GENERATED = ("book/article.md", "book/actors")
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def _files(root: Path, names) -> list[Path]:
    found = []
    for name in names:
        top = root / name
        if top.is_file():
            found.append(top)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            found += [Path(folder) / f for f in files if not f.endswith((".pyc", ".mo"))]
    generated = [root / g for g in GENERATED]
    return sorted(p for p in found if not any(p == g or g in p.parents for g in generated))


def fingerprint(root: Path, names=BOOK_INPUTS, extra: str = "") -> str:
    """A hash of the named inputs' paths and bytes under ``root`` (plus ``extra``)."""
    digest = hashlib.sha256(extra.encode())
    for path in _files(root, names):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Stamp:
    """A file remembering the fingerprint a step last succeeded on."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def holds(self, key: str) -> bool:
        return self.path.is_file() and self.path.read_text() == key

    def write(self, key: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(key)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
