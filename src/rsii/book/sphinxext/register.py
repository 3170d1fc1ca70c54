"""The part "Actors": the actor register, written from the data when the build starts
(:mod:`rsii.present.register` computes it, :mod:`rsii.present.register_pages` words
it), with a small ego-network figure per actor.

Files are rewritten only when their bytes change, so Sphinx reads again only the pages
that changed; and the whole step is skipped while the data and the code (the
fingerprint of :mod:`rsii.book.stamps`) are those of the last build that wrote it.
"""

from __future__ import annotations

import time
from pathlib import Path

from sphinx.util import logging

from rsii.book.stamps import CODE_AND_DATA, Stamp, fingerprint
from rsii.present import register, register_pages

logger = logging.getLogger(__name__)


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_register(folder: Path, reg: register.Register) -> dict:
    """Pages and figures into ``folder``; stale ones (actors no longer in the data) go."""
    files = {
        folder / name: text.encode("utf-8") for name, text in register_pages.pages(reg).items()
    }
    for actor in reg.actors["id"]:
        if register_pages.has_ties(reg, actor):
            files[folder / register_pages.figure_name(actor)] = register_pages.ego_png(reg, actor)
    written = sum(write_if_changed(path, data) for path, data in files.items())
    stale = [p for p in [*folder.glob("*.md"), *folder.glob("_figures/*.png")] if p not in files]
    for path in stale:
        path.unlink()
    return {"files": len(files), "written": written, "removed": len(stale)}


def generate(app) -> None:
    """Write the register's pages and figures, and keep the register on
    ``app.rsii_register`` for the article chapter (None when nothing it depends on
    changed since the last build)."""
    folder = Path(app.srcdir) / register.FOLDER
    stamp = Stamp(Path(app.doctreedir) / ".rsii-register")
    key = fingerprint(Path(app.srcdir), CODE_AND_DATA)
    app.rsii_register = None
    if stamp.holds(key) and (folder / "index.md").exists():
        return
    start = time.perf_counter()
    reg = app.rsii_register = register.build()
    counts = write_register(folder, reg)
    stamp.write(key)
    logger.info(
        "[rsii] actor register: %d pages and figures, %d written, %d removed in %.2f s",
        counts["files"],
        counts["written"],
        counts["removed"],
        time.perf_counter() - start,
    )


def setup(app):
    # Before the article chapter (sphinxext.articlepage, 530), whose sentences link to
    # the register's anchors.
    app.connect("builder-inited", generate, priority=520)
