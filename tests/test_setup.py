"""The set-up a reader meets: make targets that name what they need, Binder's own
configuration, and the fonts that come with the Python packages."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest


def _dry_run(root, *targets) -> str:
    """What `make` would run for ``targets``, with .venv taken as installed."""
    out = subprocess.run(
        ["make", "-n", "-o", ".venv/bin/.installed", *targets],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


@pytest.mark.parametrize("target", ["lab", "validate", "export"])
def test_python_only_targets_need_no_system_packages(root, target):
    assert "system-deps" not in _dry_run(root, target)


def test_the_html_needs_node_only(root):
    """The Arabic edition mirrors the themes' style sheets with rtlcss (npm): the HTML
    asks for Node.js and npm, and no other system package."""
    out = _dry_run(root, "-W", "package.json", "html")
    calls = [line for line in out.splitlines() if "system-deps" in line]
    assert calls and all(line.strip().endswith("system-deps.sh nodejs npm") for line in calls)


@pytest.mark.parametrize("target", ["pdf", "bench", "test", "book"])
def test_pdf_bench_and_test_check_the_system_packages(root, target):
    assert "scripts/system-deps.sh" in _dry_run(root, target)


def test_no_debian_font_is_needed(root):
    deps = (root / "scripts" / "system-deps.sh").read_text()
    assert "amiri" not in deps.lower()
    for path in [*(root / "src").rglob("*.py"), root / "book" / "_config.yml"]:
        assert "/usr/share/fonts" not in path.read_text(encoding="utf-8"), path


def test_binder_builds_the_same_environment(root):
    binder = root / "binder"
    lines = [
        line.strip()
        for line in (binder / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["-r ../requirements.txt"]
    pins = (root / "requirements.txt").read_text().splitlines()
    assert pins[-1] == "-e ."  # installs rsii, and with it the JupyterLab setting
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", p) for p in pins[2:-1] if p)
    python = (binder / "runtime.txt").read_text().strip()
    wanted = tomllib.loads((root / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python == "python-" + wanted.removeprefix(">=")


def test_the_lab_setting_ships_with_the_package(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())
    shared = project["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"jupyterlab/rsii.json": "share/jupyter/lab/settings/overrides.d/rsii.json"}


def test_launch_buttons_point_at_what_opens(root):
    config = (root / "book" / "_config.yml").read_text()
    assert "colab_url" not in config  # Colab cannot open a MyST notebook
    assert "notebook_interface: jupyterlab" in config


def test_every_pin_installs_on_the_oldest_python_declared(root):
    """The pins install on every Python that pyproject.toml accepts: Debian 12's python3
    is 3.11.2, and one newer release of a pinned package (soupsieve 3+) asks for 3.11.5."""
    from importlib import metadata

    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    declared = tomllib.loads((root / "pyproject.toml").read_text())["project"]["requires-python"]
    oldest = re.fullmatch(r">=\s*([\d.]+)", declared).group(1)
    oldest += ".0" * (2 - oldest.count("."))
    requirements = (root / "requirements.txt").read_text()
    pins = re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)", requirements, re.M)
    refused = []
    for name, version in pins:
        dist = metadata.distribution(name)
        installed = f"{name}: {dist.version} installed, {version} pinned"
        assert Version(dist.version) == Version(version), installed
        needs = dist.metadata.get("Requires-Python")
        if needs and not SpecifierSet(needs).contains(oldest):
            refused.append(f"{name}=={version} (Python {needs})")
    assert not refused, f"refuse Python {oldest}: {', '.join(refused)}"


def test_the_wheel_is_built_with_the_pinned_hatchling(root):
    """The build backend pyproject.toml asks for is the one requirements.txt installs, so
    tests/test_wheel.py builds the wheel offline, with --no-build-isolation, as pip would."""
    build = tomllib.loads((root / "pyproject.toml").read_text())["build-system"]["requires"]
    pins = (root / "requirements.txt").read_text().splitlines()
    assert len(build) == 1 and build[0].startswith("hatchling==")
    assert [p for p in pins if p.startswith("hatchling==")] == build
