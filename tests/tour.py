"""One visit to every page of the built site in Chromium, shared by the browser tests.

Each page is opened once (``browser.open_page``: every request kept on this machine and
recorded) and, while it is open:

- a full-page screenshot lands in test-artifacts/screenshots/ (desktop, 1280 px) and
  test-artifacts/screenshots-390/ (a phone's width);
- the browser says what it made of the Arabic (direction, fonts), the page's language
  marks and its images, and where its previous and next links lead;
- axe-core audits it in the light theme, then again in the dark theme, which the page
  switches to as pydata-sphinx-theme's own switch does (``data-mode``/``data-theme`` on
  ``<html>``: the theme's CSS keys on them, and nothing is reloaded);
- every table of the content is measured against the text column at 1280 px, and the
  search boxes a reader sees there are counted;
- the viewport narrows to 390 px, and the page's width is measured there.

Loading a page costs more than all of this together (about 1 s of the 2 s per page), so
one visit per page instead of one per check keeps the browser tests quick.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe

THEMES = ["light", "dark"]
# Sphinx's own pages, which readers use too: audited, not screenshot.
EXTRA_PAGES = {"search": "search.html?q=coalition", "genindex": "genindex.html"}
PHONE = {"width": 390, "height": 844}

ARABIC = r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"

# Language marks and images: text or attributes holding Arabic outside lang="ar", and the
# images of the content with their alternative text.
DOM_FACTS_JS = """() => {
    const arabic = /ARABIC_RE/;
    const lang = (node) => {
        const holder = node.closest("[lang]");
        return holder ? holder.getAttribute("lang") : null;
    };
    const isArabic = (code) => code !== null && /^ar(-|$)/i.test(code);
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string"
           ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const excerpt = (text) => {
        const at = Math.max(0, text.search(arabic) - 10);
        return JSON.stringify(text.slice(at, at + 50).replace(/\\s+/g, " "));
    };
    const unmarked = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, noscript, template")) continue;
        if (!arabic.test(node.data) || isArabic(lang(parent))) continue;
        unmarked.push(`text in <${describe(parent)}> (lang=${lang(parent)}): `
                      + excerpt(node.data));
    }
    for (const el of document.querySelectorAll("[aria-label], img[alt], [placeholder]")) {
        for (const name of ["aria-label", "alt", "placeholder"]) {
            const value = el.getAttribute(name);
            if (value && arabic.test(value) && !isArabic(lang(el)))
                unmarked.push(`${name} of <${describe(el)}> (lang=${lang(el)}): `
                              + excerpt(value));
        }
    }
    const root = document.querySelector("#main-content") || document.body;
    const images = Array.from(root.querySelectorAll("img")).map(img => ({
        src: img.getAttribute("src"),
        alt: img.getAttribute("alt"),
    }));
    return {
        htmlLang: document.documentElement.getAttribute("lang"),
        unmarked: unmarked,
        images: images,
    };
}""".replace("ARABIC_RE", ARABIC)

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

# Where the page's own previous/next links lead (absolute URLs, as a click would go), and
# the pages of the primary sidebar in its order.
NAVIGATION_JS = """() => {
    const href = (selector) => {
        const a = document.querySelector(selector);
        return a ? a.href.split("#")[0] : null;
    };
    const sidebar = Array.from(document.querySelectorAll("nav.bd-links a.reference.internal"))
        .map(a => a.href.split("#")[0]);
    return {next: href("a.right-next"), previous: href("a.left-prev"),
            sidebar: [...new Set(sidebar)]};
}"""

# pydata-sphinx-theme's theme switch sets both attributes (and remembers the choice).
SWITCH_THEME_JS = """(mode) => {
    document.documentElement.dataset.mode = mode;
    document.documentElement.dataset.theme = mode;
    return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        .then(() => Promise.all(document.getAnimations().map(a => a.finished)))
        .then(() => document.documentElement.dataset.theme);
}"""

# Resolves once the frame after a change is drawn and every transition has ended.
SETTLED_JS = """() => new Promise(r => requestAnimationFrame(() => r(true)))
    .then(() => Promise.all(document.getAnimations().map(a => a.finished)))
    .then(() => true)"""

# How much wider than the window the page is, and the elements that make it so: those
# that stick out of the window and of every box that could scroll or clip them (a fixed
# drawer kept off screen, such as the theme's secondary sidebar, widens nothing).
OVERFLOW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const held = (el) => {
        for (let a = el; a && a !== document.body; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.position === "fixed") return true;
            if (a !== el && style.overflowX !== "visible") return true;
        }
        return false;
    };
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > width + 1 && !held(el))
            out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
                ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                + ` (right edge ${Math.round(r.right)} px)`);
    }
    return {overflow: document.documentElement.scrollWidth - width, sticking_out: out.slice(0, 5)};
}"""


# Each table of the content against the text column it stands in (at desktop width).
TABLES_JS = """() => {
    const column = document.querySelector("article.bd-article");
    if (!column) return [];
    const style = getComputedStyle(column);
    const width = column.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    return Array.from(column.querySelectorAll("table")).map((table, i) => ({
        table: i + 1,
        header: (table.querySelector("th") || {textContent: ""}).textContent.trim(),
        width: table.getBoundingClientRect().width,
        column: width,
    }));
}"""


# The search fields and buttons a reader sees (at desktop width).
SEARCH_JS = """() => Array.from(
    document.querySelectorAll("input[type=search], button.search-button-field")
).filter(el => el.checkVisibility() && el.getBoundingClientRect().width > 0).length"""

# On a phone: tables shown as cards (each row a block), and their cells without the
# column's name beside them.
CARDS_JS = """() => {
    const cards = Array.from(document.querySelectorAll("article.bd-article table"))
        .filter(t => getComputedStyle(t).display === "block");
    const cells = cards.flatMap(t => Array.from(t.querySelectorAll("tbody td")));
    return {cards: cards.length, unlabelled: cells.filter(td => !td.dataset.label).length};
}"""


@dataclass
class PageVisit:
    """One visit to one page, and what the browser made of it."""

    name: str
    visit: object
    themes: dict[str, str] = field(default_factory=dict)  # theme asked -> theme shown
    violations: dict[str, list] = field(default_factory=dict)  # theme -> axe violations
    facts: dict = field(default_factory=dict)
    arabic_elements: list[dict] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)
    probe_fonts: list[list[dict]] = field(default_factory=list)
    web_fonts: list[dict] = field(default_factory=list)
    plus_one: dict | None = None
    navigation: dict = field(default_factory=dict)
    phone: dict = field(default_factory=dict)
    tables: list[dict] = field(default_factory=list)
    search_boxes: int = 0


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


def _inspect(context, page, report: PageVisit, axe: Axe, shots) -> None:
    if shots is not None:
        (target := shots / f"{report.name}.png").parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
    report.facts = page.evaluate(DOM_FACTS_JS)
    report.arabic_elements = page.evaluate(ARABIC_ELEMENTS_JS)
    report.web_fonts = page.evaluate(WEB_FONTS_JS)
    report.probes = page.evaluate(MARK_ARABIC_TEXT_JS, 5)
    report.probe_fonts = _platform_fonts(context, page, len(report.probes))
    report.plus_one = page.evaluate(PLUS_ONE_JS, "#sentence-s01")
    report.navigation = page.evaluate(NAVIGATION_JS)
    report.tables = page.evaluate(TABLES_JS)
    report.search_boxes = page.evaluate(SEARCH_JS)
    # What loading the page asked for, before axe-core fetches the style sheets again to
    # read them (resolving their @import against the page, so some of its fetches 404).
    report.visit = copy.deepcopy(report.visit)
    for theme in THEMES:
        report.themes[theme] = page.evaluate(SWITCH_THEME_JS, theme)
        report.violations[theme] = axe.run(page).response["violations"]
    page.evaluate(SWITCH_THEME_JS, "light")
    page.set_viewport_size(PHONE)
    # The theme slides its sidebar away as the window narrows: measure once it is gone.
    page.evaluate(SETTLED_JS)
    report.phone = {**page.evaluate(OVERFLOW_JS), **page.evaluate(CARDS_JS)}
    if shots is not None:
        (target := shots.with_name(shots.name + "-390") / f"{report.name}.png").parent.mkdir(
            parents=True, exist_ok=True
        )
        page.screenshot(path=str(target), full_page=True)


@pytest.fixture(scope="session")
def tour(chromium, page_opener, site_url, site_pages, root) -> dict[str, PageVisit]:
    """Name ("book/article", "search") -> its :class:`PageVisit`, for every page of the
    book and Sphinx's search and index pages."""
    from browser import new_context, page_name

    pages = {page_name(rel): rel for rel in site_pages}
    screenshots = {name: root / "test-artifacts" / "screenshots" for name in pages}
    pages.update(EXTRA_PAGES)
    context = new_context(chromium)
    axe = Axe()
    out = {}
    try:
        for name, rel in pages.items():
            page, visit = page_opener(context, site_url + rel, name)
            try:
                if name == "search":
                    page.wait_for_function(
                        "() => (document.querySelector('#search-results .search-summary')"
                        " || {}).textContent",
                        timeout=20_000,
                    )
                report = PageVisit(name=name, visit=visit)
                _inspect(context, page, report, axe, screenshots.get(name))
            finally:
                page.close()
            out[name] = report
    finally:
        context.close()
    return out


@pytest.fixture(scope="session")
def chapter_visits(tour, site_pages) -> dict[str, PageVisit]:
    """The visits to the book's own pages (not Sphinx's search and index)."""
    return {name: v for name, v in tour.items() if name not in EXTRA_PAGES}
