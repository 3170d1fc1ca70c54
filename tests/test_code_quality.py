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


def test_every_name_of_the_package_the_prose_gives_exists(root):
    """A module or function the book, the notebooks or the README name (``rsii.data.load``,
    ``rsii.data.load.stance_table``) can be imported: a rename leaves none behind."""
    import importlib
    import re

    files = [root / "README.md", *sorted((root / "book").glob("*.md"))]
    files += sorted((root / "notebooks").glob("*.md"))
    missing = []
    for path in files:
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in re.findall(r"\brsii(?:\.[A-Za-z_]\w*)+", line):
                if name.endswith((".json", ".css", ".js")):
                    continue  # a file named after the package
                parts, found = name.split("."), None
                for cut in range(len(parts), 0, -1):  # the longest importable module
                    try:
                        found = importlib.import_module(".".join(parts[:cut]))
                    except ImportError:
                        continue
                    for attr in parts[cut:]:
                        found = getattr(found, attr, None)
                    break
                if found is None:
                    missing.append(f"{path.relative_to(root)}:{line_no}: {name}")
    assert not missing, "names of the package that do not exist:\n" + "\n".join(missing)
