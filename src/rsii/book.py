"""Build the book the one way the Makefile, the tests and the benchmarks all use.

Jupyter Book 1 runs from the repository root with the configuration in book/, so that
notebooks/ and data/ keep their repository paths in the built site and in launch links.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import paths

BUILDERS = {"html": "html", "pdf": "pdflatex", "linkcheck": "linkcheck"}
# Strict: warnings are errors, every reference must resolve, and all problems are listed.
STRICT = ["-W", "-n", "--keep-going"]


def command(target: str, strict: bool = True, output: Path | None = None) -> list[str]:
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", ".", "--config", "book/_config.yml", "--toc", "book/_toc.yml",
           "--builder", BUILDERS[target]]
    if output is not None:
        cmd += ["--path-output", str(output)]
    return cmd + (STRICT if strict and target != "linkcheck" else [])


def build(target: str, strict: bool = True, output: Path | None = None,
          capture: bool = False) -> subprocess.CompletedProcess:
    root = paths.repo_root()
    if root is None:
        raise RuntimeError("building the book needs the source checkout (pip install -e .)")
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1448928000")}
    return subprocess.run(command(target, strict, output), cwd=root, env=env, text=True,
                          capture_output=capture)


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
