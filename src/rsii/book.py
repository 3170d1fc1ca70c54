"""Build the book the one way the Makefile, the tests and the benchmarks all use.

Jupyter Book 1 runs from the repository root with the configuration in book/, so that
notebooks/ and data/ keep their repository paths in the built site and in launch links.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths

BUILDERS = {"html": "html", "pdf": "pdflatex", "linkcheck": "linkcheck"}
# Strict: warnings are errors, every reference must resolve, and all problems are listed.
STRICT = ["-W", "-n", "--keep-going"]


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


def fingerprint(root: Path) -> str:
    """A hash of what the notebooks' outputs depend on besides their own text: the
    package's code and the data. jupyter-cache and Sphinx see only the notebook."""
    digest = hashlib.sha256()
    files = sorted(
        [*root.glob("src/rsii/**/*.py"), *root.glob("data/**/*"), root / "references.bib"]
    )
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def invalidate_if_inputs_changed(root: Path, output: Path | None = None) -> bool:
    """Drop the execution cache and Sphinx's saved environment when code or data changed,
    so no page shows outputs computed from older inputs. Returns whether it did."""
    build_dir = (output or root) / "_build"
    stamp = build_dir / ".rsii-inputs"
    now = fingerprint(root)
    if stamp.exists() and stamp.read_text() == now:
        return False
    shutil.rmtree(root / ".jupyter_cache", ignore_errors=True)
    shutil.rmtree(build_dir / ".doctrees", ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(now)
    return True


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
    if target != "linkcheck":
        invalidate_if_inputs_changed(root, output)
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root)}
    result = subprocess.run(
        command(target, strict, output), cwd=root, env=env, text=True, capture_output=capture
    )
    if target == "pdf" and result.returncode == 0:
        from .sphinxext.site import offer_pdf

        offer_pdf((output or root) / "_build")
    return result


def main(argv: list[str] | None = None) -> int:
    targets = (argv if argv is not None else sys.argv[1:]) or ["html"]
    for target in targets:
        if target not in BUILDERS:
            print(f"unknown target {target!r}; choose from {', '.join(BUILDERS)}", file=sys.stderr)
            return 2
        if build(target).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
