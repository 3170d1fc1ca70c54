"""The Arabic edition in a real browser (Debian's Chromium, headless): the primary
sidebar stands on the right, no page is wider than the window at 1280 and 390 px, code
reads left to right, and axe-core finds no serious or critical problem in the light and
the dark theme.

Development: ``RSII_SITE=_build/html`` reads an already-built site (with ``ar/``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from rsii.book import build as book

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# A few actor pages besides every chapter.
ACTORS = ("index", "russia", "iraqi-government", "islamic-state-isis", "united-states")
AUDITED = ("book/intro.html", "notebooks/network.html", "book/actors/russia.html", "search.html")
BLOCKING = {"serious", "critical"}

OVERFLOW_JS = """() => document.documentElement.scrollWidth
    - document.documentElement.clientWidth"""

SIDES_JS = """() => {
    const box = (s) => { const e = document.querySelector(s);
        return e ? e.getBoundingClientRect().toJSON() : null; };
    return {sidebar: box("#pst-primary-sidebar"), article: box("article.bd-article"),
            toc: box("#pst-secondary-sidebar"), width: document.documentElement.clientWidth,
            direction: getComputedStyle(document.body).direction};
}"""

CODE_JS = """() => Array.from(document.querySelectorAll(
        "div[class^=highlight-] pre, code.literal, div.cell_input pre"))
    .filter(e => e.getClientRects().length)
    .map(e => ({tag: e.tagName, direction: getComputedStyle(e).direction,
                lang: e.closest("[lang]").getAttribute("lang")}))"""


@pytest.fixture(scope="module")
def site(request) -> Path:
    override = os.environ.get("RSII_SITE")
    if override:
        return Path(override)
    english = request.getfixturevalue("html_dir")
    result = book.build("html-ar", capture=True)
    assert result.returncode == 0, f"strict html-ar build failed:\n{result.stdout[-4000:]}"
    return english


@pytest.fixture(scope="module")
def base_url(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/ar/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sample(site) -> list[str]:
    """Every chapter and a few actor pages of the Arabic edition."""
    ar = site / "ar"
    chapters = [
        p.relative_to(ar).as_posix()
        for folder in ("book", "notebooks")
        for p in sorted((ar / folder).glob("*.html"))
    ]
    actors = [f"book/actors/{name}.html" for name in ACTORS]
    missing = [a for a in actors if not (ar / a).is_file()]
    assert not missing, f"actor pages missing: {missing}"
    return chapters + actors


@pytest.fixture(scope="module")
def visits(chromium, page_opener, base_url, sample) -> dict:
    """Per width, per page: the layout facts (one visit per page and width)."""
    out = {}
    for width, viewport in WIDTHS.items():
        context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
        # The light theme, chosen as a reader does (pydata-sphinx-theme's localStorage).
        context.add_init_script(
            'try { localStorage.setItem("mode", "light"); localStorage.setItem("theme", "light");'
            " } catch (e) {}"
        )
        try:
            out[width] = {}
            for rel in sample:
                page, visit = page_opener(context, base_url + rel, rel)
                try:
                    out[width][rel] = {
                        "overflow": page.evaluate(OVERFLOW_JS),
                        "sides": page.evaluate(SIDES_JS),
                        "code": page.evaluate(CODE_JS),
                        "errors": visit.console_errors + visit.page_errors + visit.failed,
                    }
                finally:
                    page.close()
        finally:
            context.close()
    return out


def test_pages_load_cleanly(visits):
    problems = [
        f"{width} {rel}: {facts['errors']}"
        for width, pages in visits.items()
        for rel, facts in pages.items()
        if facts["errors"]
    ]
    assert not problems, "\n".join(problems)


def test_primary_sidebar_is_on_the_right(visits):
    problems = []
    for rel, facts in visits["desktop"].items():
        sides = facts["sides"]
        if sides["direction"] != "rtl":
            problems.append(f"{rel}: body direction {sides['direction']}")
        sidebar, article = sides["sidebar"], sides["article"]
        if not sidebar or not article or sidebar["left"] < article["right"]:
            problems.append(f"{rel}: sidebar {sidebar} is not right of the article {article}")
        elif sidebar["right"] < sides["width"] - 2:
            problems.append(f"{rel}: the sidebar ends at {sidebar['right']} of {sides['width']}")
        toc = sides["toc"]
        if toc and toc["width"] and toc["right"] > article["left"] + 1:
            problems.append(f"{rel}: the page's contents {toc} are not left of the article")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll(visits, width):
    wide = {rel: f["overflow"] for rel, f in visits[width].items() if f["overflow"] > 0}
    assert not wide, f"wider than the window at {width} width (px too wide): {wide}"


def test_code_reads_left_to_right(visits):
    seen, problems = 0, []
    for rel, facts in visits["desktop"].items():
        for code in facts["code"]:
            seen += 1
            if code["direction"] != "ltr":
                problems.append(f"{rel}: <{code['tag']}> {code['direction']}")
    assert seen, "no code on the sampled pages"
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_axe_violations(chromium, page_opener, base_url, theme):
    from browser import new_context

    context = new_context(chromium, dark=theme == "dark")
    axe, problems = Axe(), []
    try:
        for rel in AUDITED:
            url = base_url + rel + ("?q=التحالف" if rel == "search.html" else "")
            page, _ = page_opener(context, url, rel)
            try:
                assert page.evaluate("document.documentElement.dataset.theme") == theme
                for v in axe.run(page).response["violations"]:
                    if v["impact"] in BLOCKING:
                        targets = "; ".join(str(n["target"]) for n in v["nodes"][:4])
                        problems.append(f"{rel}: {v['id']} [{v['impact']}] {targets}")
            finally:
                page.close()
    finally:
        context.close()
    assert not problems, f"axe-core, {theme} theme:\n" + "\n".join(problems)
