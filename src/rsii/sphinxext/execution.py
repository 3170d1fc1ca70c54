"""The notebooks run side by side, one per core, while Sphinx reads the other pages.

myst-nb (``execute_notebooks: cache``) runs a notebook when Sphinx reads it, one after
another, and Sphinx reads nothing else meanwhile. When the build starts, this part finds
the notebooks that jupyter-cache does not hold, reads each the way myst-nb will (same
reader, same configuration, so the same cache key) and runs them in worker processes;
Sphinx reads the notebooks last, and before the first it waits for the workers and
stores what they executed in the cache, where myst-nb finds it.

Only successes are stored. A notebook that failed here is run again by myst-nb, which
reports the error as it always does; so errors, warnings and strictness are myst-nb's,
whether or not this part ran. Where the platform cannot fork, nothing changes.

It also makes the notebook offered for download hold its outputs when they came from
the cache (see :func:`executed_download`).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from pathlib import Path, PurePosixPath

from sphinx.util import logging

logger = logging.getLogger(__name__)


def _read(app, path: Path):
    """The notebook as myst-nb's parser reads it (None: not a notebook)."""
    from myst_nb.core.read import create_nb_reader

    text = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), app.env.myst_config, app.env.mystnb_config, text)
    return None if reader is None else reader.read(text)


def _work(pending, taken, folder: Path, timeout, allow_errors) -> None:
    """A worker: take the next notebook not yet taken, run it in its folder as myst-nb
    does, and leave the executed notebook (if it ran cleanly) in ``folder``."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(pending):
            return
        path, notebook = pending[index]
        try:
            result = single_nb_execution(
                notebook,
                cwd=str(path.parent),
                timeout=timeout,
                allow_errors=allow_errors,
                meta_override=True,
            )
        except Exception:
            continue  # a kernel that would not start or died: myst-nb retries and reports
        except BaseException:
            return  # stopped by the build: quietly, the build reports what matters
        if result.err is None:
            (folder / f"{index}.seconds").write_text(str(result.time))
            nbformat.write(result.nb, folder / f"{index}.ipynb")


class Execution:
    """The notebooks missing from the cache, running in forked worker processes (plain
    processes, no pool: the register forks its figure worker after this starts, and a
    pool's threads would be forked with it)."""

    def __init__(self, app, pending: list[tuple[Path, object]]):
        config = app.env.mystnb_config
        self.cache_path = config.execution_cache_path
        self.pending = pending
        self.folder = Path(tempfile.mkdtemp(prefix="rsii-execute-"))
        context = multiprocessing.get_context("fork")
        self.taken = taken = context.Value("i", 0)
        args = (
            pending,
            taken,
            self.folder,
            config.execution_timeout,
            config.execution_allow_errors,
        )
        workers = min(len(pending), os.cpu_count() or 1)
        self.workers = [context.Process(target=_work, args=args) for _ in range(workers)]
        for worker in self.workers:
            worker.start()
        self.started, self.owner = time.perf_counter(), os.getpid()
        logger.info(
            "[rsii] executing %d notebooks, %d at a time, while the other pages are read",
            len(pending),
            workers,
        )

    def finish(self) -> None:
        """Wait for the workers; put every notebook that ran cleanly in the cache."""
        import nbformat
        from jupyter_cache import get_cache
        from jupyter_cache.base import CacheBundleIn

        try:
            for worker in self.workers:
                worker.join()
            cache = get_cache(self.cache_path)
            for index, (path, _) in enumerate(self.pending):
                executed = self.folder / f"{index}.ipynb"
                if not executed.exists():
                    continue  # myst-nb runs it again, and reports why it fails
                seconds = float((self.folder / f"{index}.seconds").read_text())
                cache.cache_notebook_bundle(
                    CacheBundleIn(
                        nbformat.read(executed, as_version=4),
                        str(path),
                        data={"execution_seconds": seconds},
                    ),
                    check_validity=False,
                    overwrite=True,
                )
                logger.info("[rsii] executed %s in %.2f s", path.name, seconds)
        finally:
            self.stop()
        logger.info("[rsii] notebooks executed in %.2f s", time.perf_counter() - self.started)

    def stop(self) -> None:
        """Let the workers end the notebooks they are running, start no other, and
        leave no file behind. (No signal: a kernel stopped while it starts prints
        Python's fatal-error report, and nbclient shuts kernels down itself.)"""
        self.taken.value = len(self.pending)
        for worker in self.workers:
            worker.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def notebooks(app) -> dict:
    """The book's notebooks, docname → the notebook as myst-nb reads it (read once, when
    the build starts)."""
    return getattr(app, "rsii_notebooks", {})


def start(app) -> None:
    """Start the notebooks jupyter-cache lacks (after myst-nb has read its configuration).

    Settings under which myst-nb would run a notebook differently from here (a temporary
    folder, kernel aliases, per-notebook overrides, exclusion) leave it to myst-nb."""
    app.rsii_execution, app.rsii_notebooks = None, {}
    config = getattr(app.env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache":
        return
    from jupyter_cache import get_cache

    cache = get_cache(config.execution_cache_path)
    docnames = app.project.discover(app.config.exclude_patterns, app.config.include_patterns)
    pending = []
    for docname in sorted(docnames):
        path = Path(app.project.doc2path(docname, absolute=True))
        if app.config.source_suffix.get(path.suffix) != "myst-nb":
            continue
        notebook = _read(app, path)
        if notebook is None:
            continue
        app.rsii_notebooks[docname] = notebook
        if config.metadata_key in notebook.metadata or any(
            PurePosixPath(path.as_posix()).match(p) for p in config.execution_excludepatterns
        ):
            continue
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            pending.append((path, notebook))
    forks = "fork" in multiprocessing.get_all_start_methods()
    if pending and forks and not (config.execution_in_temp or config.kernel_rgx_aliases):
        app.rsii_execution = Execution(app, pending)


def _ours(app):
    """The running execution, if this process started it (not a reader Sphinx forked)."""
    execution = getattr(app, "rsii_execution", None)
    return execution if execution is not None and execution.owner == os.getpid() else None


def read_notebooks_last(app, env, docnames: list[str]) -> None:
    """Sphinx reads every other page while the notebooks run. (If it reads none of
    them, as when only the cache was deleted, it waits for them here.)"""
    found = notebooks(app)
    docnames[:] = [d for d in docnames if d not in found] + [d for d in docnames if d in found]
    execution = _ours(app)
    if execution is not None and not found.keys() & set(docnames):
        app.rsii_execution = None
        execution.finish()  # the cache is filled for the build that reads them


def before_notebook(app, docname, source) -> None:
    execution = _ours(app)
    if execution is not None and docname in notebooks(app):
        app.rsii_execution = None
        execution.finish()


def stop(app, exception) -> None:
    """A build that ends before reading the notebooks leaves no worker behind."""
    execution = _ours(app)
    if execution is not None:
        app.rsii_execution = None
        execution.stop()


def executed_download(app, doctree) -> None:
    """The notebook offered for download (``_sources/<page>.ipynb``, copied by the theme
    from myst-nb's ``jupyter_execute/<page>.ipynb``) holds its outputs.

    myst-nb writes that file from the notebook it read; when the outputs came from the
    cache, it keeps them in a merged copy, and the file it writes has none. So the file
    is written again from the cache, merged and stripped of glued data the way myst-nb
    treats the notebook it renders."""
    notebook = notebooks(app).get(app.env.docname)
    if notebook is None:
        return
    import nbformat
    from jupyter_cache import get_cache
    from myst_nb.ext.glue import extract_glue_data_cell

    config = app.env.mystnb_config
    try:
        _, executed = get_cache(config.execution_cache_path).merge_match_into_notebook(notebook)
    except KeyError:
        return  # not executed (excluded, or it failed: the build reports it)
    for cell in executed.cells:
        if cell.cell_type == "code":
            extract_glue_data_cell(cell)  # as myst-nb does: glued, undisplayed outputs go
    *folders, name = app.env.docname.split("/")
    target = Path(config.output_folder, *folders, name + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, target)


def setup(app):
    # After myst-parser and myst-nb have built their configuration (priority 500).
    app.connect("builder-inited", start, priority=510)
    app.connect("env-before-read-docs", read_notebooks_last, priority=900)
    app.connect("source-read", before_notebook)
    app.connect("doctree-read", executed_download)
    app.connect("build-finished", stop)
