"""Build the book the one way the Makefile, the tests and the benchmarks all use.

Jupyter Book 1 runs from the repository root with the configuration in book/, so that
notebooks/ and data/ keep their repository paths in the built site and in launch links.

Strict on every run: a build counts only if Sphinx passed with warnings as errors and
its output passed :mod:`rsii.outputs`. Only then is a stamp of every input written; an
unchanged book with a stamp is not rebuilt at all, and a build without one starts from a
fresh Sphinx environment, so a failure is never forgotten by the next run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from . import outputs, paths

BUILDERS = {"html": "html", "pdf": "pdflatex", "linkcheck": "linkcheck"}
OUTPUTS = {"html": Path("html") / "index.html", "pdf": Path("latex") / "book.pdf"}
# Strict: warnings are errors, every reference must resolve, and all problems are listed.
STRICT = ["-W", "-n", "--keep-going"]
# What the book is built from. Pages the build writes itself from data/ (gitignored) are
# left out: they follow from data/ and src/, which are in.
INPUTS = ("book", "notebooks", "data", "src", "references.bib", "requirements.txt")
GENERATED = ("book/article.md", "book/actors")
# What the notebooks' outputs depend on besides their own text, which jupyter-cache sees.
EXECUTION_INPUTS = ("src", "data", "references.bib", "requirements.txt")
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def command(target: str, strict: bool = True, output: Path | None = None) -> list[str]:
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [
        str(jb),
        "build",
        ".",
        "--config",
        "book/_config.yml",
        "--toc",
        "book/_toc.yml",
        "--builder",
        BUILDERS[target],
    ]
    if output is not None:
        cmd += ["--path-output", str(output)]
    return cmd + (STRICT if strict and target != "linkcheck" else [])


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
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            text=True,
            capture_output=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or "1448928000"  # 2015-12-01, the article's period, outside a git checkout


def _files(root: Path, names) -> list[Path]:
    found = []
    for name in names:
        top = root / name
        if top.is_file():
            found.append(top)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            found += [Path(folder) / f for f in files if not f.endswith(".pyc")]
    generated = [root / g for g in GENERATED]
    return sorted(p for p in found if not any(p == g or g in p.parents for g in generated))


def fingerprint(root: Path, names=INPUTS, extra: str = "") -> str:
    """A hash of the named inputs' paths and bytes (plus ``extra``)."""
    digest = hashlib.sha256(extra.encode())
    for path in _files(root, names):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def invalidate_if_inputs_changed(root: Path, output: Path | None = None) -> bool:
    """Drop the execution cache and Sphinx's saved environment when code, data or the
    pinned packages changed, so no page shows outputs computed from older inputs.
    Returns whether it did."""
    build_dir = (output or root) / "_build"
    stamp = build_dir / ".rsii-inputs"
    now = fingerprint(root, EXECUTION_INPUTS)
    if stamp.exists() and stamp.read_text() == now:
        return False
    shutil.rmtree(root / ".jupyter_cache", ignore_errors=True)
    shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(now)
    return True


@contextmanager
def _locked(build_dir: Path):
    """One build at a time per build folder (``make -j4 book`` starts html and pdf
    together; they share the execution cache and Sphinx's environment)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".rsii-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(
    target: str,
    strict: bool = True,
    output: Path | None = None,
    capture: bool = False,
    root: Path | None = None,
) -> subprocess.CompletedProcess:
    """Build one output of the book in ``root`` (default: this checkout)."""
    root = root or paths.repo_root()
    if root is None:
        raise RuntimeError("building the book needs the source checkout (pip install -e .)")
    cmd = command(target, strict, output)
    if target == "linkcheck":
        return subprocess.run(cmd, cwd=root, text=True, capture_output=capture)
    build_dir = (output or root) / "_build"
    with _locked(build_dir):
        stamp = build_dir / f".rsii-{target}-ok"
        clean_env = build_dir / ".doctrees" / ".rsii-clean"
        now = fingerprint(root, extra=" ".join(cmd[1:]))
        if (
            strict
            and stamp.exists()
            and stamp.read_text() == now
            and (build_dir / OUTPUTS[target]).exists()
        ):
            note = f"{target}: up to date (no input changed since the last strict build)"
            if not capture:
                print(note)
            return subprocess.CompletedProcess(cmd, 0, note if capture else None, "")
        stamp.unlink(missing_ok=True)
        invalidate_if_inputs_changed(root, output)
        # An environment that no successful build left behind may hold pages read with
        # warnings, which Sphinx would not read, nor warn about, again.
        if not clean_env.exists():
            shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)
        clean_env.unlink(missing_ok=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root)}
        result = subprocess.run(cmd, cwd=root, env=env, text=True, capture_output=capture)
        if result.returncode == 0:
            problems = outputs.check(target, build_dir)
            if problems:
                result.returncode = 1
                report = outputs.report(target, problems)
                if capture:
                    result.stderr += report
                else:
                    print(report, file=sys.stderr)
        if result.returncode == 0:
            clean_env.parent.mkdir(parents=True, exist_ok=True)
            clean_env.touch()
            stamp.write_text(now)
        else:
            shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)
    if target == "pdf" and result.returncode == 0:
        from .sphinxext.site import offer_pdf

        offer_pdf(build_dir)
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
