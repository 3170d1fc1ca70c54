"""The part "Actors": the actor register, written from the data when the build starts
(see :mod:`rsii.register`), with a small ego-network figure per actor.

Files are rewritten only when their text or bytes change, and the whole step is skipped
when neither the data nor the code that writes the pages changed since the last build,
so a warm rebuild neither re-reads the pages nor redraws the figures.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sphinx.util import logging

from .. import arabic, paths

logger = logging.getLogger(__name__)
STAMP = ".rsii-register"
# rsii.register (pandas, networkx, matplotlib, the data loaders) is imported only when
# the register is written, so a warm rebuild does not pay for it.
FOLDER = "book/actors"  # = rsii.register.FOLDER


def _inputs_key() -> str:
    """A hash of what the pages depend on: the data and the package's code."""
    digest = hashlib.sha256()
    here = Path(__file__).parent.parent
    files = sorted(paths.data_dir().glob("*.csv")) + [paths.data_dir() / "datapackage.json"]
    for path in files + sorted(here.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _draw(folder: Path, reg, actors: list[str]) -> tuple[int, float]:
    from .. import register

    start = time.perf_counter()
    written = sum(
        write_if_changed(folder / register.figure_name(a), register.ego_png(reg, a)) for a in actors
    )
    return written, time.perf_counter() - start


class Drawing:
    """The ego figures, drawn in a second process where the platform forks (else at
    once); :meth:`wait` returns (figures written, seconds spent drawing)."""

    def __init__(self, folder: Path, reg, actors: list[str], parallel: bool):
        self.pool = self.future = None
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self.future = self.pool.submit(_draw, folder, reg, actors)
        else:
            self.done = _draw(folder, reg, actors)

    def wait(self) -> tuple[int, float]:
        if self.future is not None:
            self.done = self.future.result()
            self.pool.shutdown()
            self.pool = self.future = None
        return self.done


def write_register(
    folder: Path,
    reg,
    camp_moves: bool = False,
    parallel: bool = True,
    wait: bool = True,
) -> dict:
    """Pages and figures into ``folder``; stale ones (actors no longer in the data) go.

    The figures are drawn in a second process (where the platform forks) while this one
    reruns the hard cases (``camp_moves``) and writes the pages; with ``wait=False`` the
    drawing may go on after the return (``counts["drawing"].wait()``)."""
    from .. import register

    drawn = [a for a in reg.actors["id"] if register.has_ties(reg, a)]
    drawing = Drawing(folder, reg, drawn, parallel)
    if camp_moves:
        reg.camp_moves = register.case_camp_moves(reg)
    pages = {folder / name: text.encode("utf-8") for name, text in register.pages(reg).items()}
    written = sum(write_if_changed(path, data) for path, data in pages.items())
    wanted = set(pages) | {folder / register.figure_name(a) for a in drawn}
    stale = [p for p in [*folder.glob("*.md"), *folder.glob("_figures/*.png")] if p not in wanted]
    for path in stale:
        path.unlink()
    counts = {"files": len(wanted), "written": written, "removed": len(stale), "drawing": drawing}
    if wait:
        counts["written"] += drawing.wait()[0]
    return counts


def generate(app) -> None:
    """Write the register's pages, and keep the register on ``app.rsii_register`` for
    the article chapter (None when nothing it depends on changed since the last build).
    The figures are drawn meanwhile; :func:`read_actors_last` and :func:`figures_ready`
    make sure they are on disk before a page showing one is read."""
    folder = Path(app.srcdir) / FOLDER
    stamp = Path(app.doctreedir) / STAMP
    key = _inputs_key()
    app.rsii_register = app.rsii_drawing = None
    if stamp.exists() and stamp.read_text() == key and (folder / "index.md").exists():
        return
    from .. import register

    start = time.perf_counter()
    reg = app.rsii_register = register.build(camp_moves=False)
    counts = write_register(folder, reg, camp_moves=True, wait=False)
    app.rsii_drawing = (counts["drawing"], stamp, key)
    logger.info(
        "[rsii] actor register: %d pages and figures, %d pages written, %d files removed "
        "in %.2f s; figures drawing in the background",
        counts["files"],
        counts["written"],
        counts["removed"],
        time.perf_counter() - start,
    )


def read_actors_last(app, env, docnames: list[str]) -> None:
    """Read the actor pages after the other pages (but before the notebooks, which
    sphinxext.execution puts last), so that their figures have the longest time to be
    drawn, in their own process, before a page showing one is read."""
    first = [d for d in docnames if not d.startswith(FOLDER + "/")]
    docnames[:] = first + [d for d in docnames if d.startswith(FOLDER + "/")]


def figures_ready(app, *args) -> None:
    """Wait for the figures (once), then mark the register's inputs as built."""
    pending = getattr(app, "rsii_drawing", None)
    if pending is None:
        return
    app.rsii_drawing = None
    drawing, stamp, key = pending
    written, seconds = drawing.wait()
    logger.info("[rsii] actor register: %d figures written, drawn in %.2f s", written, seconds)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key)


def _on_source_read(app, docname, source) -> None:
    if docname.startswith(FOLDER + "/"):
        figures_ready(app)


# The theme's print header (the page title as plain text) comes from a template, which the
# Arabic post-transform never sees. (The general index marks its own: sphinxext.index.)
_TEXT = re.compile(r"(<[^>]*>)([^<]+)(?=<)")


def mark_arabic_html(page: Path) -> None:
    """Wrap each Arabic run of a built page's body text that is not marked yet in
    ``<span lang="ar" dir="rtl">``; scripts and the head are left alone."""
    html = page.read_text(encoding="utf-8")
    head, sep, body = html.partition("<body")

    def mark(match: re.Match) -> str:
        tag, text = match.groups()
        if 'lang="ar"' in tag:  # marked already (by the extension, or an earlier pass)
            return match.group(0)
        return tag + "".join(
            f'<span lang="ar" dir="rtl">{piece}</span>' if ar else piece
            for piece, ar in arabic.pieces(text)
        )

    parts = re.split(r"(<script.*?</script>)", body, flags=re.S)
    body = "".join(p if p.startswith("<script") else _TEXT.sub(mark, p) for p in parts)
    marked = head + sep + body
    if marked != html:
        page.write_text(marked, encoding="utf-8")


def mark_template_arabic(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in (out / FOLDER).glob("*.html"):
        mark_arabic_html(page)


def _label_toggles(html) -> str:
    # pydata-sphinx-theme folds a chapter's pages (the actor pages) under a <summary>
    # holding only a chevron icon; axe-core requires a name for it. (The theme hands
    # back a BeautifulSoup document, hence str().)
    return str(html).replace(
        '<summary><span class="toctree-toggle"',
        '<summary aria-label="Show or hide the pages of this chapter"><span class="toctree-toggle"',
    )


def page_context(app, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is not None:
        context["generate_toctree_html"] = lambda *a, **k: _label_toggles(generate(*a, **k))


def fast_citation_lookup() -> None:
    """sphinxcontrib-bibtex asks pybtex for its plaintext backend at every citation it
    resolves, and pybtex scans every installed entry point for it (about 13 ms a time);
    the register's pages hold a few hundred citations. Registered at run time, the
    backend (the same class) is found in a dictionary."""
    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.backends", "plaintext", Backend, force=True)


def setup(app):
    fast_citation_lookup()
    app.connect("html-page-context", page_context, priority=900)
    # After the notebooks have started (sphinxext.execution, 510) and before the article
    # chapter (530), whose sentences link to the register's anchors.
    app.connect("builder-inited", generate, priority=520)
    app.connect("env-before-read-docs", read_actors_last)
    app.connect("source-read", _on_source_read)
    app.connect("env-updated", figures_ready)
    app.connect("build-finished", mark_template_arabic)
