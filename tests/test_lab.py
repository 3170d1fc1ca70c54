"""`make lab` as readers use it: JupyterLab from .venv, a double click on a MyST notebook
opens it as a notebook, and "Run All Cells" finishes with no error and no stderr."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rsii.book import build as book
from rsii.book import lab

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer at {url}:\n{log.read_text()[-3000:]}")


def _start(notebooks: Path, home: Path, log: Path, as_user: bool = False):
    port, token = _free_port(), secrets.token_hex(16)
    extra = [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
    ]
    # What `make lab` runs, started in a copy of the notebooks (the last root_dir wins).
    cmd = [sys.executable, "-m", "rsii.book.lab", *extra, f"--ServerApp.root_dir={notebooks}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["HOME"] = str(home)  # no user settings: what the reader sees comes with .venv
    if as_user and os.geteuid() == 0:
        # A user namespace with no mapping: the process is "nobody" to itself (and to
        # JupyterLab's root check) while it can still read this machine's venv.
        cmd = ["unshare", "--user", *cmd]
    process = subprocess.Popen(cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_for(f"{url}/api/status?token={token}", process, log)
    return process, url, token


def _wait_for_kernel(url: str, token: str, seconds: float = 60) -> None:
    """Until the notebook's kernel has started and is idle (Run All before that asks the
    reader to pick a kernel)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/sessions?token={token}") as answer:
            sessions = json.load(answer)
        if any(s.get("kernel", {}).get("execution_state") == "idle" for s in sessions):
            return
        time.sleep(0.5)
    pytest.fail(f"no idle kernel after {seconds} s: {sessions}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_allow_root_only_for_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert "--allow-root" in lab.command()
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab.command()


def test_the_environment_ships_the_default_viewer(root):
    """The override that makes a double click open a MyST notebook as a notebook is
    installed with the package, into the environment, not into anyone's home."""
    installed = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.d/rsii.json"
    assert installed.read_bytes() == (root / "jupyterlab" / "rsii.json").read_bytes()
    assert '"markdown": "Jupytext Notebook"' in installed.read_text()


@pytest.fixture
def copy(root, tmp_path):
    """A clean copy of the sources, so the session cannot change the checkout's files."""
    return book.copy_sources(root, tmp_path / "src")


def test_lab_starts_for_a_user_who_is_not_root(copy, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "lab.log"
    process, url, token = _start(copy / "notebooks", home, log, as_user=True)
    try:
        with urllib.request.urlopen(f"{url}/api/contents/network.md?token={token}") as answer:
            content = json.load(answer)
        assert content["type"] == "notebook", "jupytext did not read the MyST file"
        assert content["content"]["cells"], "the notebook has no cells"
    finally:
        _stop(process)
    assert "--allow-root" not in log.read_text()


def test_double_click_opens_a_notebook_that_runs_clean(chromium, copy, tmp_path, root):
    home = tmp_path / "home"
    # The test's own user setting: render every cell (JupyterLab 4 draws only the cells in
    # view), so that each cell's prompt and outputs can be read from the page.
    tracker = home / ".jupyter/lab/user-settings/@jupyterlab/notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    log = tmp_path / "lab.log"
    process, url, token = _start(copy / "notebooks", home, log)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/lab?token={token}", wait_until="domcontentloaded")
        item = page.locator(".jp-DirListing-item", has_text="network.md")
        item.wait_for(timeout=60_000)
        item.dblclick()
        panel = page.locator(".jp-NotebookPanel")
        panel.wait_for(timeout=60_000)
        assert page.locator(".jp-FileEditor").count() == 0, "opened as text, not a notebook"
        _wait_for_kernel(url, token)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        cells = panel.locator(".jp-CodeCell")
        n = cells.count()
        assert n > 5
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            prompts = panel.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            done = [p for p in prompts if p.strip() not in ("[ ]:", "[*]:", "")]
            if len(done) == n:
                break
            time.sleep(1)
        screenshot = root / "test-artifacts" / "lab-network.png"
        screenshot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(screenshot))
        assert len(done) == n, f"{n - len(done)} of {n} cells did not finish: {prompts}"
        errors = panel.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        assert errors.count() == 0, errors.all_inner_texts()[:3]
    finally:
        context.close()
        _stop(process)
