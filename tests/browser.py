"""Browser-test helpers: the built site served on 127.0.0.1, one headless Chromium, and a
page opener that keeps every request on this machine and records what went wrong.

Test modules load the fixtures with ``pytest_plugins = ["browser"]`` and use the helpers
through the ``page_opener`` fixture, so that pytest imports this module only once.  Point
the tests at an already-built copy of the site with ``RSII_SITE=/path/to/html``; without it
they use the ``html_dir`` fixture, which builds the book strictly first.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
# Sphinx's own pages that are not chapters of the book.
NOT_CHAPTERS = {"search.html", "genindex.html", "py-modindex.html"}
NAV_TIMEOUT_MS = 30_000


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8", errors="replace")[:2000]


def chapter_pages(site: Path) -> list[str]:
    """Every page of the book, as a path relative to the site root ("book/article.html").

    All HTML files except Sphinx's search and index pages, static/source copies and
    redirect stubs (the top-level index.html only points at the first chapter).
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        # ar/: the Arabic edition, toured by tests/test_rtl_browser.py
        if rel.parts[0] in {"_static", "_sources", "_images", "ar"} or rel.name in NOT_CHAPTERS:
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue  # e.g. a stray .pytest_cache/README.html is not part of the book
        if _is_redirect(path):
            continue
        pages.append(rel.as_posix())
    return pages


def page_name(rel: str) -> str:
    """ "book/article.html" -> "book/article" (used for screenshots and messages)."""
    return rel.removesuffix(".html")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return True  # data:, blob:, about: never leave the machine
    return parts.hostname == HOST


@dataclass
class Visit:
    """What happened while one page loaded."""

    name: str
    url: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


def open_page(context, url: str, name: str = ""):
    """Open ``url`` in a new tab of ``context``; return ``(page, visit)`` once it has loaded.

    Every request is recorded; any request to a host other than 127.0.0.1 is aborted and
    listed in ``visit.external``.  Console errors (other than those for the aborted requests),
    uncaught exceptions, failed local requests and HTTP errors are recorded as well.
    """
    visit = Visit(name=name or url, url=url)
    page = context.new_page()
    page.set_default_timeout(NAV_TIMEOUT_MS)

    def route(route):
        request_url = route.request.url
        visit.requests.append(request_url)
        if is_local(request_url):
            route.continue_()
        else:
            visit.external.append(request_url)
            route.abort("blockedbyclient")

    def on_console(message):
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if where and where in visit.external:
            return  # the aborted request is reported as an external request
        visit.console_errors.append(f"{message.text} ({where or 'no location'})")

    def on_response(response):
        visit.statuses[response.url] = response.status
        if response.status >= 400 and is_local(response.url):
            visit.failed.append(f"HTTP {response.status} {response.url}")

    def on_failed(request):
        if is_local(request.url):
            visit.failed.append(f"{request.failure} {request.url}")

    def on_websocket(ws):
        if not is_local(ws.url):
            visit.external.append(ws.url)

    page.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("websocket", on_websocket)
    page.goto(url, wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except Exception:  # a page that keeps polling is judged by its requests
        pass
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, visit


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The built HTML site: $RSII_SITE if set (development), else the strict build."""
    override = os.environ.get("RSII_SITE")
    site = Path(override) if override else request.getfixturevalue("html_dir")
    assert (site / "index.html").is_file(), f"no built site in {site}"
    return site


@pytest.fixture(scope="session")
def site_pages(site_dir) -> list[str]:
    pages = chapter_pages(site_dir)
    assert pages, f"no pages found in {site_dir}"
    return pages


@pytest.fixture(scope="session")
def site_url(site_dir) -> Iterator[str]:
    """Base URL (ending in "/") of the site, served from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests use Debian's Chromium. "
            "`make test` installs it (through `make system`, i.e. scripts/system-deps.sh)."
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def new_context(browser, *, dark: bool = False):
    """A fresh browser context in the light (default) or the dark theme of the book."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme="dark" if dark else "light",
        locale="en-GB",
        reduced_motion="reduce",
        service_workers="block",
    )
    mode = "dark" if dark else "light"
    # pydata-sphinx-theme reads these before first paint (see the inline script in <head>).
    context.add_init_script(
        f'try {{ localStorage.setItem("mode", "{mode}");'
        f' localStorage.setItem("theme", "{mode}"); }} catch (e) {{}}'
    )
    return context


@pytest.fixture(scope="session")
def page_opener():
    """:func:`open_page`, for test modules (importing this module would import it twice)."""
    return open_page


# One context per test module, so that state one module leaves behind (localStorage, such as
# the search terms Sphinx stores for highlighting) does not leak into another's pages.
@pytest.fixture(scope="module")
def light_context(chromium):
    context = new_context(chromium)
    yield context
    context.close()


@pytest.fixture(scope="module")
def dark_context(chromium):
    context = new_context(chromium, dark=True)
    yield context
    context.close()
