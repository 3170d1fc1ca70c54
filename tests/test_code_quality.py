"""ruff over the package, the tests and the notebooks' code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext

RUFF = [sys.executable, "-m", "ruff"]


def _ruff(*args, cwd):
    return subprocess.run([*RUFF, *args], cwd=cwd, capture_output=True, text=True)


def test_ruff_lint_and_format(root):
    lint = _ruff("check", "src", "tests", cwd=root)
    assert lint.returncode == 0, lint.stdout
    fmt = _ruff("format", "--check", "src", "tests", cwd=root)
    assert fmt.returncode == 0, fmt.stdout


def test_ruff_lint_on_notebook_code(root, tmp_path: Path):
    for path in sorted((root / "notebooks").glob("*.md")):
        jupytext.write(jupytext.read(path), tmp_path / f"{path.stem}.py", fmt="py:percent")
    # Notebooks import where they first need something; E402 is their normal style.
    lint = _ruff(
        "check",
        "--config",
        str(root / "pyproject.toml"),
        "--ignore",
        "E402,E501",
        str(tmp_path),
        cwd=root,
    )
    assert lint.returncode == 0, lint.stdout
