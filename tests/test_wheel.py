"""The wheel as a packaging tool builds it from a clone that GitHub's standard Python
.gitignore governs: hatchling leaves out what .gitignore names, so a package folder
called ``build/`` (as ``rsii.build`` was) silently drops out of the wheel. The wheel must
hold every file of ``src/rsii`` and the data package, install, and run the ``rsii``
command; its version is CITATION.cff's, and so is ``rsii.__version__``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

GITIGNORE = Path(__file__).parent / "data" / "Python.gitignore"  # vendored, source in it


def _run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done


def _tracked(root: Path) -> list[str]:
    return [f for f in _run("git", "ls-files", "-z", cwd=root).stdout.split("\0") if f]


def _clone(root: Path, dest: Path, renames: dict[str, str] | None = None) -> list[str]:
    """Copy the tracked files of ``root`` to ``dest`` (``renames`` maps a path prefix to
    another), lay GitHub's Python .gitignore over the project's own and commit the copy
    to a new git repository, where a file the rules ignore is not even added. The copied
    paths are returned, as they are in ``dest``."""
    copied = []
    for name in _tracked(root):
        target = name
        for old, new in (renames or {}).items():
            target = new + target[len(old) :] if target.startswith(old) else target
        (dest / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, dest / target)
        copied.append(target)
    own = (root / ".gitignore").read_text(encoding="utf-8")
    (dest / ".gitignore").write_text(own + "\n" + GITIGNORE.read_text(encoding="utf-8"))
    _run("git", "init", "-q", cwd=dest)
    _run("git", "add", "-A", cwd=dest)
    return copied


def _wheel(source: Path, out: Path) -> Path:
    """The wheel pip builds from ``source`` with the venv's own hatchling (pinned in
    requirements.txt), offline."""
    _run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"),
        *("-w", str(out), str(source)),
        cwd=source,
    )
    (wheel,) = out.glob("*.whl")
    return wheel


def _missing(wheel: Path, copied: list[str]) -> list[str]:
    """The package's and the data package's files that the wheel lacks, as it would
    name them (``src/rsii/x`` is ``rsii/x``; ``data/x`` is ``rsii/_data/x``)."""
    wanted = {f.removeprefix("src/") for f in copied if f.startswith("src/rsii/")}
    wanted |= {"rsii/_data/" + f.removeprefix("data/") for f in copied if f.startswith("data/")}
    wanted.add("rsii/_data/references.bib")
    with zipfile.ZipFile(wheel) as zf:
        return sorted(wanted - set(zf.namelist()))


def _cff_version(root: Path) -> str:
    return str(yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))["version"])


@pytest.fixture(scope="module")
def built(root, tmp_path_factory) -> tuple[Path, list[str]]:
    """The wheel of a clean clone of the sources, and the files copied into the clone."""
    source = tmp_path_factory.mktemp("clone")
    copied = _clone(root, source)
    return _wheel(source, tmp_path_factory.mktemp("dist")), copied


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> tuple[Path, dict]:
    """The wheel installed into a folder of its own, and an environment that imports
    ``rsii`` from there first (before the checkout's editable install), with no data
    folder named, so that the packaged copy of the data package is used."""
    wheel, _ = built
    site = tmp_path_factory.mktemp("installed") / "site"
    _run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--target",
        site,
        wheel,
        cwd=site.parent,
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "RSII_DATA_DIR"}}
    env["PYTHONPATH"] = str(site)
    return site, env


def test_the_wheel_holds_the_whole_package_and_the_data(built):
    wheel, copied = built
    assert not _missing(wheel, copied), "files hatchling left out of the wheel"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for name in (
        "rsii/cli.py",
        "rsii/book/build.py",
        "rsii/book/sphinxext/__init__.py",
        "rsii/book/sphinxext/arabic-pdftext.lua",
        "rsii/_data/datapackage.json",
        "rsii/_data/source/article.ar.txt",
    ):
        assert name in names, name


def test_the_check_fails_for_a_package_folder_named_build(root, tmp_path):
    """The test above can fail: with ``rsii.book`` back under its old name, the standard
    .gitignore's bare ``build/`` line takes the folder out of git and out of the wheel."""
    source = tmp_path / "clone"
    copied = _clone(root, source, {"src/rsii/book/": "src/rsii/build/"})
    missing = _missing(_wheel(source, tmp_path / "dist"), copied)
    assert "rsii/build/build.py" in missing and "rsii/build/sphinxext/__init__.py" in missing
    assert all(name.startswith("rsii/build/") for name in missing), missing
    assert "src/rsii/build/build.py" not in _tracked(source)  # git ignores it as well


def test_the_installed_wheel_runs_the_command(installed):
    site, env = installed
    rsii = site / "bin" / "rsii"
    shown = _run(rsii, "--help", cwd=site.parent, env=env)
    assert "validate" in shown.stdout and "export" in shown.stdout
    checked = _run(rsii, "validate", cwd=site.parent, env=env)
    assert checked.stdout.strip(), "rsii validate prints a summary"
    where = _run(
        sys.executable,
        "-c",
        "import rsii.data.paths as p; print(p.data_dir())",
        cwd=site.parent,
        env=env,
    )
    assert Path(where.stdout.strip()) == site / "rsii" / "_data"  # the packaged copy


def test_the_version_is_citation_cffs_everywhere(root, built, installed):
    """CITATION.cff, the wheel's metadata and ``rsii.__version__`` agree."""
    wheel, _ = built
    site, env = installed
    version = _cff_version(root)
    assert wheel.name.startswith(f"rsii-{version}-")
    shown = _run(
        sys.executable,
        "-c",
        "import rsii; print(rsii.__version__, rsii.__file__)",
        cwd=site.parent,
        env=env,
    )
    assert shown.stdout.split() == [version, str(site / "rsii" / "__init__.py")]


def test_the_wheel_takes_a_changed_version_from_citation_cff(root, tmp_path):
    source = tmp_path / "clone"
    _clone(root, source)
    cff = source / "CITATION.cff"
    old = _cff_version(root)
    text = cff.read_text(encoding="utf-8")
    assert f'\nversion: "{old}"\n' in text
    cff.write_text(text.replace(f'\nversion: "{old}"\n', '\nversion: "7.8.9rc1"\n'))
    assert _wheel(source, tmp_path / "dist").name.startswith("rsii-7.8.9rc1-")
