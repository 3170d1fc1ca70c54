"""`make lab` as readers use it: JupyterLab from .venv, a double click on a MyST notebook
opens it as a notebook, "Run All Cells" finishes with no error and no stderr, and the
chapter then reads as the book does: numbers in the prose, citations and links as text,
tables as tables, no MyST source shown."""

from __future__ import annotations

import json
import os
import re
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
from rsii.data import load

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book
CHAPTERS = ["network", "stances", "robustness", "evidence", "timeline"]


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


# What a reader may not see in a rerun chapter: MyST a renderer left as source, and the
# LaTeX column widths of the book's tables.
SOURCE_MARKS = ("{glue", "{cite", "{ref}", "{eval}", "tabularcolumns", "\\raggedright")


def _computed(chapter: str) -> str:
    """A sentence of the chapter with a number in it, the number counted here from the
    data package, not taken from the notebook."""
    if chapter == "network":
        return f"gives {load.network().number_of_nodes()} actors"
    if chapter == "stances":
        return f"holds {len(load.stances())} positions"
    if chapter == "robustness":
        from rsii.analysis import multiverse

        return f"one of {len(multiverse.models())} defensible models"
    if chapter == "evidence":
        footnotes = {n for s in load.sentences()["footnotes"].dropna() for n in str(s).split()}
        return f"Each of the {len(footnotes)} footnotes"
    return f"dates {len(load.events())} events"


def _prose_names(path: Path) -> set[str]:
    """The names the chapter's prose evaluates (``{eval}`name```)."""
    return set(re.findall(r"\{eval\}`([^`]+)`", path.read_text(encoding="utf-8")))


def test_jupyterlab_myst_comes_with_the_pinned_environment(root):
    """The MyST renderer is a prebuilt extension installed by pip from the pins: nothing
    is built or fetched when JupyterLab starts."""
    pins = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "jupyterlab-myst==2.7.0" in pins
    extension = Path(sys.prefix) / "share/jupyter/labextensions/jupyterlab-myst/package.json"
    assert json.loads(extension.read_text())["name"] == "jupyterlab-myst"


@pytest.fixture(scope="module")
def lab_session(tmp_path_factory, root):
    """`make lab` on a clean copy of the sources, with a home that only tells JupyterLab
    to render every cell (JupyterLab 4 draws only the cells in view), so that each
    cell's prompt, outputs and prose can be read from the page."""
    base = tmp_path_factory.mktemp("lab")
    copy = book.copy_sources(root, base / "src")
    home = base / "home"
    tracker = home / ".jupyter/lab/user-settings/@jupyterlab/notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    # Matplotlib's font cache built beforehand in that home: on a loaded machine its
    # "building the font cache" notice (after 5 s) would go to the first cell's stderr.
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"} | {"HOME": str(home)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    log = base / "lab.log"
    process, url, token = _start(copy / "notebooks", home, log)
    try:
        yield url, token, copy
    finally:
        _stop(process)


def _close_sessions(url: str, token: str) -> None:
    """Shut the chapter's kernel down, so that the next chapter has the machine."""
    with urllib.request.urlopen(f"{url}/api/sessions?token={token}") as answer:
        sessions = json.load(answer)
    for session in sessions:
        request = urllib.request.Request(
            f"{url}/api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(request).close()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_rerun_in_jupyterlab_reads_as_the_book_does(chromium, lab_session, root, chapter):
    """A double click opens the chapter as a notebook; "Run All Cells" finishes with no
    error and no stderr; the prose then shows the numbers the cells computed, the
    citations and links as text and the tables as tables, with no MyST source left,
    and the page asked nothing of any other host."""
    url, token, copy = lab_session
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    elsewhere = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((url, "data:", "blob:")) else elsewhere.append(r.url),
    )
    try:
        # A workspace of its own: JupyterLab does not reopen the previous chapter.
        page.goto(f"{url}/lab/workspaces/{chapter}?token={token}", wait_until="domcontentloaded")
        item = page.locator(".jp-DirListing-item", has_text=f"{chapter}.md")
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
        assert n > 1
        expected = _computed(chapter)
        prose = panel.locator(".jp-MarkdownCell")
        deadline = time.monotonic() + 600  # the stance chapter's null models, on 2 cores
        while time.monotonic() < deadline:
            prompts = panel.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
            done = [p for p in prompts if p.strip() not in ("[ ]:", "[*]:", "")]
            text = "\n".join(prose.all_inner_texts())
            if len(done) == n and expected in text:
                break
            time.sleep(1)
        shot = root / "test-artifacts" / f"lab-{chapter}.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))
        assert len(done) == n, f"{n - len(done)} of {n} cells did not finish: {prompts}"
        errors = panel.locator("[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.all_inner_texts()[:3]
        visible = panel.inner_text()
        shown = [mark for mark in SOURCE_MARKS if mark in visible]
        assert not shown, f"{chapter}: MyST source shown: {shown}"
        assert expected in text, f"{chapter}: no {expected!r} in the prose"
        # A value not evaluated is shown as its name.
        words = set(re.findall(r"[A-Za-z_]+", text))
        unevaluated = _prose_names(root / "notebooks" / f"{chapter}.md") & words
        assert not unevaluated, f"{chapter}: values shown as their names: {sorted(unevaluated)}"
        tables = panel.locator(".jp-OutputArea-output table")
        if "markdown_table(" in (root / "notebooks" / f"{chapter}.md").read_text():
            assert tables.count() > 0, f"{chapter}: no table rendered"
            assert tables.first.locator("th").count() > 1
        assert not elsewhere, f"requests to other hosts: {elsewhere[:5]}"
        # Saved, the chapter keeps its source: the values evaluated stay out of it.
        saved = copy / "notebooks" / f"{chapter}.md"
        before = saved.stat().st_mtime_ns
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while saved.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.5)
        assert saved.stat().st_mtime_ns != before, "the notebook was not saved"
        assert "user_expressions" not in saved.read_text(encoding="utf-8")
    finally:
        context.close()
        _close_sessions(url, token)
