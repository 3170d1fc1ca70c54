"""The package's four layers: imports run one way (cli and book → present → analysis → data),
as import-linter's contracts in pyproject.toml say, and every module stays short."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LINT = Path(sys.executable).with_name("lint-imports")
LAYERS = ("book", "present", "analysis", "data")


def _lint(src: Path, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--config", str(config), "--no-cache"],
        cwd=src,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def planted(root, tmp_path):
    """A copy of the package and of the contracts, in which a test may plant imports."""
    src = tmp_path / "src"
    shutil.copytree(root / "src" / "rsii", src / "rsii", ignore=shutil.ignore_patterns("*.pyc"))
    config = tmp_path / "pyproject.toml"
    shutil.copy(root / "pyproject.toml", config)
    return src, config


def test_the_layers_hold(planted):
    src, config = planted
    result = _lint(src, config)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, upward",
    [
        ("data/paths.py", "from rsii.analysis import balance"),
        ("analysis/balance.py", "from rsii.present import tables"),
        ("present/tables.py", "from rsii.book import stamps"),
        ("data/load.py", "from rsii.data import validate"),
        ("book/stamps.py", "from rsii import cli"),
    ],
)
def test_an_import_against_the_contracts_fails(planted, module, upward):
    src, config = planted
    path = src / "rsii" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{upward}  # planted\n")
    result = _lint(src, config)
    assert result.returncode != 0, f"{module}: {upward!r} passed the contracts"
    assert "BROKEN" in result.stdout


def test_each_layer_is_a_documented_sub_package(root):
    package = root / "src" / "rsii"
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((package / layer / "__init__.py").read_text()))
        assert doc and "import" in doc, f"rsii.{layer} says what it may import"
    loose = sorted(p.name for p in package.glob("*.py") if p.name != "__init__.py")
    assert loose == ["cli.py"], f"modules outside the layers: {loose}"
    doc = ast.get_docstring(ast.parse((package / "cli.py").read_text()))
    assert doc and "import" in doc, "rsii.cli says what it may import"


def test_no_module_is_over_500_lines(root):
    long = {
        str(p.relative_to(root)): n
        for p in (root / "src").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, long


def test_private_upstream_names_only_in_the_workarounds(root):
    """myst-nb's and jupyter-cache's undocumented modules are imported in one place."""
    private = ("myst_nb.core", "myst_nb.ext", "jupyter_cache.base", "jupyter_cache.executors.utils")
    allowed = root / "src" / "rsii" / "book" / "sphinxext" / "workarounds.py"
    for path in (root / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith(private):
                    assert path == allowed, f"{path.name} imports {node.module}"


def test_nothing_is_imported_through_importlib(root):
    for path in (root / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import_module" not in text and "__import__" not in text, path.name
