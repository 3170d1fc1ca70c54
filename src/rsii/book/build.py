"""Build the book the one way the Makefile, the tests and the benchmarks all use.

Jupyter Book 1 runs from the repository root with the configuration in book/, so that
notebooks/ and data/ keep their repository paths in the built site and in launch links.

Strict on every run: a build counts only if Sphinx passed with warnings as errors (a
cell's stderr is one: :mod:`rsii.book.sphinxext.cellguard`). Then, and only then, the
target's stamp records the inputs it was built from, and an unchanged book is not
rebuilt. A build that fails, or is interrupted, throws away Sphinx's saved environment,
so the next run reads every page again and fails again until the cause is gone.

The notebooks run before Sphinx starts, side by side, through jupyter-cache's own
``local-parallel`` executor and the reader myst-nb registers for MyST notebooks; myst-nb
then finds their outputs in the cache. A notebook that fails there is not cached, and
myst-nb runs it again and reports the error as it always does.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from rsii.book import editions, release
from rsii.book.stamps import BOOK_INPUTS, CODE_AND_DATA, Stamp, fingerprint
from rsii.data import paths
from rsii.present import i18n

BUILDERS = {
    "html": "html",
    "html-ar": "html",
    "pdf": "pdflatex",
    "pdf-ar": "pdflatex",
    "linkcheck": "linkcheck",
}
OUTPUTS = {
    "html": Path("html") / "index.html",
    "html-ar": Path("html") / "index.html",
    "pdf": Path("latex") / "book.pdf",
    "pdf-ar": Path("latex") / "book.pdf",
}
# The edition a target builds (rsii.book.editions): "html-ar" is the Arabic site.
LANGUAGE = {"html-ar": "ar", "pdf-ar": "ar"}
# Strict: warnings are errors, every reference must resolve, and all problems are listed.
STRICT = ["-W", "-n", "--keep-going"]
CACHE = ".jupyter_cache"  # = execute.cache in book/_config.yml
NOTEBOOKS = "notebooks"
# jupyter-cache's name for the reader myst-nb registers (entry point jcache.readers).
MYST_READER = {"name": "myst_nb_md", "type": "plugin"}
TIMEOUT = 600  # = execute.timeout in book/_config.yml


def command(target: str) -> list[str]:
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", ".", "--config", "book/_config.yml", "--toc", "book/_toc.yml"]
    cmd += ["--builder", BUILDERS[target]]
    return cmd + (STRICT if target != "linkcheck" else [])


def copy_sources(root: Path, target: Path) -> Path:
    """The files git tracks in ``root``, copied into ``target``: a clean checkout for
    benchmarks and for tests that build the book from scratch."""
    names = (
        subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, names):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target / name)
    return target


def source_date_epoch(root: Path) -> str:
    """$SOURCE_DATE_EPOCH if set, else the time of the checked-out commit: two builds of
    one commit carry the same dates, whenever they run."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, text=True, capture_output=True
        ).stdout.strip()
    except OSError:
        out = ""
    return out or "1448928000"  # 2015-12-01, the article's period, outside a git checkout


def execute_notebooks(root: Path) -> str:
    """Run the notebooks jupyter-cache does not hold, side by side (one per core), and
    cache those that ran cleanly; returns a line saying what ran ("" if nothing did)."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(root / CACHE)
    for path in sorted((root / NOTEBOOKS).glob("*.md")):
        cache.add_nb_to_project(str(path), read_data=MYST_READER)
    pending = len(cache.list_unexecuted())
    if not pending:
        return ""
    start = time.perf_counter()
    logger = logging.getLogger("rsii.execute")
    result = load_executor("local-parallel", cache, logger=logger).run_and_cache(timeout=TIMEOUT)
    failed = sorted(result.excepted + result.errored)
    return (
        f"[rsii] notebooks: {pending} run side by side in {time.perf_counter() - start:.1f} s"
        + (f"; failed, for myst-nb to run and report: {', '.join(failed)}" if failed else "")
        + "\n"
    )


def compute_results(root: Path, env: dict) -> str:
    """Compute the analysis every notebook and the register read
    (:func:`rsii.analysis.results.results`) once, into the folder ``RSII_CACHE`` names,
    before the notebooks run side by side: in a process of its own, which imports the
    package as the notebooks' kernels do."""
    start = time.perf_counter()
    code = "from rsii.analysis import results; results.results()"
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env)
    if done.returncode:  # the notebooks meet the same error and report it, cell by cell
        return "[rsii] the analysis failed; the notebooks report why\n"
    return f"[rsii] analysis computed in {time.perf_counter() - start:.1f} s\n"


def _forget_environment(build_dir: Path) -> None:
    """Sphinx's saved environment may hold pages read with warnings, which it would
    neither read nor warn about again: without it, every page is read anew."""
    shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)


@contextmanager
def _locked(build_dir: Path):
    """One build at a time per build folder (``make -j4 book`` starts html and pdf
    together; they share the execution cache and Sphinx's environment)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".rsii-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(target: str, capture: bool = False, root: Path | None = None):
    """Build one output of the book in ``root`` (default: this checkout)."""
    checkout = root or paths.repo_root()
    if checkout is None:
        raise RuntimeError("building the book needs the source checkout (pip install -e .)")
    cmd = command(target)
    if target == "linkcheck":
        return subprocess.run(cmd, cwd=checkout, text=True, capture_output=capture)
    lang = LANGUAGE.get(target, "en")
    with _locked(checkout / "_build"):
        root = editions.source_tree(checkout, lang)
        result = _build(target, cmd, root, checkout, lang, capture)
        if result.returncode == 0:
            editions.publish(checkout, lang, BUILDERS[target])
    if target.startswith("pdf") and result.returncode == 0:
        from rsii.book.sphinxext.site import offer_pdf

        offer_pdf(checkout / "_build")
    return result


def _build(target, cmd, root: Path, checkout: Path, lang: str, capture: bool):
    """One strict build of ``target`` from the source tree ``root`` (the checkout, or an
    edition's tree of links to it)."""
    build_dir = root / "_build"
    done = Stamp(build_dir / f".rsii-{target}")
    # The edition's name (version, commit) is printed in the book: part of the key.
    edition = release.read(checkout).name + lang
    key = fingerprint(root, BOOK_INPUTS, extra=" ".join(cmd[1:]) + edition)
    if done.holds(key) and (build_dir / OUTPUTS[target]).exists():
        note = f"{target}: up to date (no input changed since the last strict build)"
        if not capture:
            print(note)
        return subprocess.CompletedProcess(cmd, 0, note if capture else None, "")
    done.clear()
    # Outputs depend on the code, data and pins as well as on the notebooks' text,
    # which is all jupyter-cache sees: when those change, nothing cached is kept.
    inputs, code_and_data = Stamp(build_dir / ".rsii-inputs"), fingerprint(root, CODE_AND_DATA)
    if not inputs.holds(code_and_data):
        shutil.rmtree(root / CACHE, ignore_errors=True)
        _forget_environment(build_dir)
        inputs.write(code_and_data)
    # The analysis is computed once per build and data, and read by every notebook
    # (their kernels inherit this process's environment) and by the register.
    # Both editions read the one analysis, computed in the checkout's build folder.
    os.environ["RSII_CACHE"] = str(checkout / "_build" / ".analysis")
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(checkout)}
    # The notebooks' kernels inherit this process's environment: they word in ``lang``.
    os.environ[i18n.ENV] = env[i18n.ENV] = lang
    # Every table is a longtable and every reference carries its page: LaTeX needs a
    # few more passes than latexmk's default five for both to settle.
    env["LATEXMKOPTS"] = "-e '$$max_repeat=10'"  # $$: make's escape for $
    result = None
    try:
        ran = compute_results(root, env) + execute_notebooks(root)
        if not capture:
            print(ran, end="", file=sys.stderr)
        result = subprocess.run(cmd, cwd=root, env=env, text=True, capture_output=capture)
        if capture:
            result.stderr = ran + result.stderr
    finally:
        if result is None or result.returncode != 0:
            _forget_environment(build_dir)
    if result.returncode == 0:
        done.write(key)
    return result


def main(argv: list[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    root = None
    if args[:1] == ["--root"]:
        root, args = Path(args[1]).resolve(), args[2:]
    for target in args or ["html"]:
        if target not in BUILDERS:
            print(f"unknown target {target!r}; choose from {', '.join(BUILDERS)}", file=sys.stderr)
            return 2
        if build(target, root=root).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
