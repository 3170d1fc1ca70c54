"""The HTML book in a real browser (Debian's Chromium, headless): every page loads cleanly and
offline, search works in English and Arabic, the previous/next links walk the table of
contents, Arabic is laid out right to left in the font shipped with the book, and a
full-page screenshot of every page lands in test-artifacts/screenshots/.

Development: ``RSII_SITE=/tmp/site .venv/bin/pytest tests/test_browser.py`` runs against a
copy of an already-built site instead of building the book first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book

# Where requests to other hosts usually come from, to name the culprit in the report.
KNOWN_OFFENDERS = {
    "mathjax": "MathJax from a CDN (Sphinx's mathjax_path)",
    "thebe": "sphinx-thebe / thebe from unpkg",
    "unpkg.com": "a script from unpkg (sphinx-thebe?)",
    "bokeh": "Bokeh JS from cdn.bokeh.org",
    "fonts.googleapis": "web fonts from Google Fonts",
    "fonts.gstatic": "web fonts from Google Fonts",
    "cdn.jsdelivr": "a script from jsDelivr",
    "require.js": "RequireJS from a CDN (ipywidgets / plotly outputs)",
    "requirejs": "RequireJS from a CDN (ipywidgets / plotly outputs)",
}

AMIRI_FILE = "_static/fonts/Amiri-Regular.ttf"

ARABIC_ELEMENTS_JS = """() => Array.from(document.querySelectorAll('[lang|="ar"]')).map(el => ({
    tag: el.tagName.toLowerCase(),
    id: el.id,
    dir: el.getAttribute("dir"),
    direction: getComputedStyle(el).direction,
    text: el.textContent.trim().slice(0, 40),
}))"""

# Marks up to `limit` elements inside lang="ar" that hold Arabic text directly, so that the
# DevTools protocol can say which font rendered those glyphs.
MARK_ARABIC_TEXT_JS = """(limit) => {
    const marked = [];
    for (const el of document.querySelectorAll('[lang|="ar"], [lang|="ar"] *')) {
        if (marked.length >= limit) break;
        if (!el.getClientRects().length) continue;
        const own = Array.from(el.childNodes)
            .filter(n => n.nodeType === Node.TEXT_NODE && /[\\u0600-\\u06FF]/.test(n.data));
        if (own.length) {
            el.setAttribute("data-rsii-font-probe", String(marked.length));
            marked.push(own[0].data.trim().slice(0, 30));
        }
    }
    return marked;
}"""

WEB_FONTS_JS = """() => Array.from(document.fonts)
    .map(f => ({family: f.family.replace(/["']/g, ""), status: f.status}))"""

PLUS_ONE_JS = """(selector) => {
    const root = document.querySelector(selector);
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf("4+1");
        if (at < 0) continue;
        const box = (k) => {
            const range = document.createRange();
            range.setStart(node, at + k);
            range.setEnd(node, at + k + 1);
            const r = range.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        };
        return {four: box(0), plus: box(1), one: box(2)};
    }
    return {};
}"""


@dataclass
class PageReport:
    """One load of one page, and what the browser made of it."""

    name: str
    visit: object
    arabic_elements: list[dict] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)
    probe_fonts: list[list[dict]] = field(default_factory=list)
    web_fonts: list[dict] = field(default_factory=list)
    plus_one: dict | None = None


def _platform_fonts(context, page, count: int) -> list[list[dict]]:
    """Fonts Chromium used for each marked element's text (DevTools CSS domain)."""
    if not count:
        return []
    cdp = context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        fonts = []
        for i in range(count):
            node = cdp.send(
                "DOM.querySelector",
                {"nodeId": root, "selector": f'[data-rsii-font-probe="{i}"]'},
            )["nodeId"]
            fonts.append(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])
        return fonts
    finally:
        cdp.detach()


@pytest.fixture(scope="module")
def reports(light_context, page_opener, site_url, site_pages, root) -> dict[str, PageReport]:
    """Load every page once, take its screenshot and record what the checks need."""
    shots = root / "test-artifacts" / "screenshots"
    out = {}
    for rel in site_pages:
        name = rel.removesuffix(".html")
        page, visit = page_opener(light_context, site_url + rel, name)
        try:
            report = PageReport(name=name, visit=visit)
            target = shots / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            report.arabic_elements = page.evaluate(ARABIC_ELEMENTS_JS)
            report.web_fonts = page.evaluate(WEB_FONTS_JS)
            report.probes = page.evaluate(MARK_ARABIC_TEXT_JS, 5)
            report.probe_fonts = _platform_fonts(light_context, page, len(report.probes))
            report.plus_one = page.evaluate(PLUS_ONE_JS, "#sentence-s01")
        finally:
            page.close()
        out[name] = report
    return out


def _offender_kind(url: str) -> str:
    lowered = url.lower()
    for needle, kind in KNOWN_OFFENDERS.items():
        if needle in lowered:
            return kind
    return "unknown"


def test_screenshots_of_every_page(reports, root):
    shots = root / "test-artifacts" / "screenshots"
    missing = [n for n in reports if not (shots / f"{n}.png").stat().st_size]
    assert not missing, f"empty screenshots: {missing}"


def test_pages_load_without_console_errors(reports):
    problems = []
    for name, report in reports.items():
        visit = report.visit
        problems += [f"{name}: console error: {m}" for m in visit.console_errors]
        problems += [f"{name}: uncaught exception: {m}" for m in visit.page_errors]
    assert not problems, "\n".join(problems)


def test_every_local_asset_loads(reports):
    problems = [f"{name}: {f}" for name, r in reports.items() for f in r.visit.failed]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_machine(reports):
    """The book works offline: nothing is fetched from any host but the local server."""
    problems = []
    for name, report in reports.items():
        for url in dict.fromkeys(report.visit.external):
            problems.append(f"{name}: {url}  [{_offender_kind(url)}]")
    assert not problems, "requests to other hosts (aborted):\n" + "\n".join(problems)


@pytest.mark.parametrize("query", ["coalition", "داعش"], ids=["english", "arabic"])
def test_search_finds_pages(light_context, page_opener, site_url, query):
    page, visit = page_opener(light_context, f"{site_url}search.html?q={quote(query)}", "search")
    try:
        page.wait_for_function(
            "() => (document.querySelector('#search-results .search-summary') || {}).textContent",
            timeout=20_000,
        )
        summary = page.inner_text("#search-results .search-summary")
        hits = page.eval_on_selector_all(
            "#search-results ul.search > li a", "links => links.map(a => a.href)"
        )
    finally:
        page.close()
    assert any(u.endswith("searchindex.js") for u in visit.requests), "searchindex.js not loaded"
    assert not visit.external, f"search page fetched from other hosts: {visit.external}"
    assert hits, f"no results for {query!r}: {summary!r}"
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in hits), hits


def _sidebar(page) -> list[str]:
    """The book's pages in the order of the primary sidebar (absolute URLs, no fragment)."""
    hrefs = page.eval_on_selector_all(
        "nav.bd-links a.reference.internal", "links => links.map(a => a.href)"
    )
    return list(dict.fromkeys(h.split("#", 1)[0] for h in hrefs))


def _follow(page, selector: str, limit: int) -> list[str]:
    visited = [page.url.split("#", 1)[0]]
    for _ in range(limit):
        link = page.locator(selector)
        if not link.count():
            break
        with page.expect_navigation(wait_until="load"):
            link.first.click()
        visited.append(page.url.split("#", 1)[0])
    return visited


def test_next_and_previous_links_walk_the_table_of_contents(
    light_context, page_opener, site_url, site_pages
):
    # The top-level index.html is a redirect to the first chapter.
    page, _ = page_opener(light_context, site_url + "index.html", "index")
    try:
        page.wait_for_selector("nav.bd-links a.reference.internal", state="attached")
        sidebar = _sidebar(page)
        forward = _follow(page, "a.right-next", limit=len(site_pages) + 2)
        backward = _follow(page, "a.left-prev", limit=len(site_pages) + 2)
    finally:
        page.close()

    def short(urls):
        return [u.removeprefix(site_url) for u in urls]

    assert sidebar, "no sidebar links (nav.bd-links a.reference.internal)"
    assert short(forward) == short(sidebar), (
        f"'next' links visit {short(forward)}\nthe sidebar lists {short(sidebar)}"
    )
    assert short(backward) == short(forward)[::-1], (
        f"'previous' links visit {short(backward)}, not {short(forward)[::-1]}"
    )
    orphans = sorted(set(site_pages) - set(short(sidebar)))
    assert not orphans, f"pages not reachable from the sidebar: {orphans}"


def test_arabic_is_right_to_left(reports):
    problems = []
    total = 0
    for name, report in reports.items():
        for el in report.arabic_elements:
            total += 1
            where = f"{name}: <{el['tag']}{' id=' + el['id'] if el['id'] else ''}> {el['text']!r}"
            if el["dir"] != "rtl":
                problems.append(f"{where}: dir={el['dir']!r}")
            if el["direction"] != "rtl":
                problems.append(f"{where}: computed direction {el['direction']!r}")
    assert total, "no lang=ar elements on any page"
    assert not problems, "\n".join(problems)


def test_plus_one_is_laid_out_as_one_plus_four(reports):
    """Inside Arabic, the bidi algorithm turns "4+1" into Arabic numbers: 1+4 left to right."""
    found = {n: r.plus_one for n, r in reports.items() if r.plus_one is not None}
    assert found, "no page has #sentence-s01"
    for name, boxes in found.items():
        assert boxes, f"{name}: no '4+1' inside #sentence-s01"
        four, plus, one = boxes["four"], boxes["plus"], boxes["one"]
        assert abs(four["top"] - one["top"]) < 4, f"{name}: 4+1 broken across lines: {boxes}"
        assert one["left"] < plus["left"] < four["left"], (
            f"{name}: '4+1' laid out left to right as 4+1, not 1+4: {boxes}"
        )


def test_arabic_uses_the_shipped_amiri_font(reports):
    """Amiri comes from _static/fonts (an @font-face), not from fonts this machine happens to
    have: readers' machines mostly lack it."""
    assert any(r.probes for r in reports.values()), "no visible Arabic text on any page"
    problems = []
    for name, report in reports.items():
        if not report.probes:
            continue
        statuses = {
            url: status
            for url, status in report.visit.statuses.items()
            if url.split("?", 1)[0].endswith(AMIRI_FILE)
        }
        if not statuses:
            problems.append(f"{name}: {AMIRI_FILE} was never requested (no @font-face for it?)")
        elif any(s != 200 for s in statuses.values()):
            problems.append(f"{name}: {AMIRI_FILE} answered {statuses}")
        amiri_faces = [f for f in report.web_fonts if f["family"] == "Amiri"]
        if not any(f["status"] == "loaded" for f in amiri_faces):
            problems.append(f"{name}: no loaded Amiri web font in document.fonts: {amiri_faces}")
        for text, fonts in zip(report.probes, report.probe_fonts, strict=True):
            used = ", ".join(
                f"{f['familyName']}{' (web font)' if f['isCustomFont'] else ' (system)'}"
                f" x{f['glyphCount']}"
                for f in fonts
            )
            if not any(f["familyName"] == "Amiri" and f["isCustomFont"] for f in fonts):
                problems.append(f"{name}: {text!r} rendered with {used}")
    assert not problems, "\n".join(dict.fromkeys(problems))


_NODE_POSITIONS = """() => {
  const idx = Bokeh.index;
  const plot = (idx.roots ? [...idx.roots] : Object.values(idx))[0];
  const rect = plot.canvas_view.el.getBoundingClientRect();
  for (const r of plot.renderer_views.values()) {
    const g = r.glyph;
    if (g && g.sx && g.sx.length > 5 && !g.sxs)  // the scatter of actors, not the lines
      return Array.from(g.sx).map((x, i) => [rect.left + x, rect.top + g.sy[i]]);
  }
  return [];
}"""

_TOOLTIP_TEXT = """() => [...document.querySelectorAll('.bk-Tooltip')]
  .filter(e => getComputedStyle(e).display !== 'none' && e.shadowRoot)
  .map(e => [...e.shadowRoot.children].filter(c => c.tagName !== 'STYLE')
                                      .map(c => c.innerText || '').join(' '))
  .join(' ')"""


def test_interactive_network_answers_hovering(light_context, page_opener, site_url):
    """Hover each actor of the Bokeh view: a tooltip gives its English and Arabic names."""
    page, visit = page_opener(light_context, f"{site_url}notebooks/network.html", "network")
    try:
        page.locator(".rsii-interactive").first.scroll_into_view_if_needed()
        page.wait_for_function("() => window.Bokeh && Bokeh.index", timeout=20_000)
        points = page.evaluate(_NODE_POSITIONS)
        assert len(points) > 10, "the interactive network did not render its actors"
        shown = []
        for x, y in points[:8]:
            page.mouse.move(x, y)
            page.wait_for_timeout(150)
            shown.append(page.evaluate(_TOOLTIP_TEXT))
    finally:
        page.close()
    assert not visit.external and not visit.page_errors, (visit.external, visit.page_errors)
    with_names = [t for t in shown if re.search(r"[\u0600-\u06ff]", t) and re.search("[A-Za-z]", t)]
    assert len(with_names) == len(shown), f"hovering gave no bilingual tooltip: {shown}"
