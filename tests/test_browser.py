"""The HTML book in a real browser (Debian's Chromium, headless): every page loads cleanly and
offline, search works in English and Arabic, the previous/next links walk the table of
contents, Arabic is laid out right to left in the font shipped with the book, no page
is wider than a phone, and a full-page screenshot of every page lands in
test-artifacts/. Accessibility: axe-core finds no serious or critical problem on any
page, in the light and in the dark theme; images have text alternatives; the pages say
they are English and every piece of Arabic says it is Arabic.

Development: ``RSII_SITE=/tmp/site .venv/bin/pytest tests/test_browser.py`` runs against a
copy of an already-built site instead of building the book first.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from tour import THEMES

pytest_plugins = ["browser", "tour"]
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


def _offender_kind(url: str) -> str:
    lowered = url.lower()
    for needle, kind in KNOWN_OFFENDERS.items():
        if needle in lowered:
            return kind
    return "unknown"


def test_screenshots_of_every_page(chapter_visits, root):
    shots = root / "test-artifacts" / "screenshots"
    missing = [n for n in chapter_visits if not (shots / f"{n}.png").stat().st_size]
    assert not missing, f"empty screenshots: {missing}"


def test_pages_load_without_console_errors(chapter_visits):
    problems = []
    for name, report in chapter_visits.items():
        visit = report.visit
        problems += [f"{name}: console error: {m}" for m in visit.console_errors]
        problems += [f"{name}: uncaught exception: {m}" for m in visit.page_errors]
    assert not problems, "\n".join(problems)


def test_every_local_asset_loads(chapter_visits):
    problems = [f"{name}: {f}" for name, r in chapter_visits.items() for f in r.visit.failed]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_machine(chapter_visits):
    """The book works offline: nothing is fetched from any host but the local server."""
    problems = []
    for name, report in chapter_visits.items():
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


def _walk(visits: dict, start: str, link: str) -> list[str]:
    """The pages visited by following ``link`` ("next" or "previous") from ``start``."""
    by_url = {v.visit.url.split("?")[0]: v for v in visits.values()}
    walked = [start]
    while (to := by_url[walked[-1]].navigation[link]) and len(walked) <= len(visits):
        assert to in by_url, f"{walked[-1]}: its {link} link leads to {to}, not to a page"
        walked.append(to)
    return walked


def test_next_and_previous_links_walk_the_table_of_contents(tour, site_url, site_pages):
    """From the first page of the sidebar, the next links lead through the sidebar's pages
    in its order to the last, and the previous links back (each link as the browser
    resolved it on its page)."""
    sidebar = next(iter(tour.values())).navigation["sidebar"]
    assert sidebar, "no sidebar links (nav.bd-links a.reference.internal)"
    forward = _walk(tour, sidebar[0], "next")
    backward = _walk(tour, forward[-1], "previous")

    def short(urls):
        return [u.removeprefix(site_url) for u in urls]

    assert short(forward) == short(sidebar), (
        f"'next' links visit {short(forward)}\nthe sidebar lists {short(sidebar)}"
    )
    assert short(backward) == short(forward)[::-1], (
        f"'previous' links visit {short(backward)}, not {short(forward)[::-1]}"
    )
    orphans = sorted(set(site_pages) - set(short(sidebar)))
    assert not orphans, f"pages not reachable from the sidebar: {orphans}"


def test_no_page_is_wider_than_a_phone(chapter_visits):
    """At 390 px, the width of a phone, no page scrolls sideways: wide tables, code and
    the interactive network scroll inside their own boxes."""
    problems = [
        f"{name}: {v.phone['overflow']} px too wide: {', '.join(v.phone['sticking_out'])}"
        for name, v in chapter_visits.items()
        if v.phone["overflow"] > 0
    ]
    assert not problems, "\n".join(problems)


def test_no_table_is_wider_than_its_column(chapter_visits):
    """At 1280 px every table fits the text column it stands in: none scrolls sideways
    or runs under the page's contents sidebar (column widths come from the content)."""
    tables = [t for v in chapter_visits.values() for t in v.tables]
    assert len(tables) > 20, "the tour measured too few tables"
    wide = [
        f"{name}: table {t['table']} ({t['header']!r}) {t['width']:.0f} px in a "
        f"{t['column']:.0f} px column"
        for name, v in chapter_visits.items()
        for t in v.tables
        if t["width"] > t["column"] + 1
    ]
    assert not wide, "\n".join(wide)


def test_one_search_box_on_a_desktop_page(chapter_visits):
    counts = {name: v.search_boxes for name, v in chapter_visits.items()}
    assert set(counts.values()) == {1}, {n: c for n, c in counts.items() if c != 1}


def test_wide_tables_are_cards_on_a_phone(chapter_visits):
    """The statement table, on a phone, is a stack of cards, each cell under its
    column's name, not a table scrolled sideways."""
    statements = chapter_visits["notebooks/stances"].phone
    assert statements["cards"] > 0, "no table became cards on a phone"
    assert statements["unlabelled"] == 0, "a card cell without its column's name"


def test_arabic_is_right_to_left(chapter_visits):
    problems = []
    total = 0
    for name, report in chapter_visits.items():
        for el in report.arabic_elements:
            total += 1
            where = f"{name}: <{el['tag']}{' id=' + el['id'] if el['id'] else ''}> {el['text']!r}"
            if el["dir"] != "rtl":
                problems.append(f"{where}: dir={el['dir']!r}")
            if el["direction"] != "rtl":
                problems.append(f"{where}: computed direction {el['direction']!r}")
    assert total, "no lang=ar elements on any page"
    assert not problems, "\n".join(problems)


def test_plus_one_is_laid_out_as_one_plus_four(chapter_visits):
    """Inside Arabic, the bidi algorithm turns "4+1" into Arabic numbers: 1+4 left to right."""
    found = {n: r.plus_one for n, r in chapter_visits.items() if r.plus_one is not None}
    assert found, "no page has #sentence-s01"
    for name, boxes in found.items():
        assert boxes, f"{name}: no '4+1' inside #sentence-s01"
        four, plus, one = boxes["four"], boxes["plus"], boxes["one"]
        assert abs(four["top"] - one["top"]) < 4, f"{name}: 4+1 broken across lines: {boxes}"
        assert one["left"] < plus["left"] < four["left"], (
            f"{name}: '4+1' laid out left to right as 4+1, not 1+4: {boxes}"
        )


def test_arabic_uses_the_shipped_amiri_font(chapter_visits):
    """Amiri comes from _static/fonts (an @font-face), not from fonts this machine happens to
    have: readers' machines mostly lack it."""
    assert any(r.probes for r in chapter_visits.values()), "no visible Arabic text on any page"
    problems = []
    for name, report in chapter_visits.items():
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


# ----------------------------------------------------------------- accessibility

BLOCKING = {"serious", "critical"}


def _targets(node) -> str:
    return " ".join(t if isinstance(t, str) else " >>> ".join(t) for t in node["target"])


def _describe(violation) -> str:
    nodes = violation["nodes"]
    shown = "; ".join(_targets(n) for n in nodes[:4])
    more = f" (+{len(nodes) - 4} more)" if len(nodes) > 4 else ""
    return (
        f"{violation['id']} [{violation['impact']}] {violation['help']}: "
        f"{len(nodes)} element(s): {shown}{more}"
    )


@pytest.mark.parametrize("theme", THEMES)
def test_no_serious_axe_violations(tour, theme):
    problems = []
    for name, visit in tour.items():
        assert visit.themes[theme] == theme, (
            f"{name}: the page is in the {visit.themes[theme]!r} theme, not {theme!r}"
        )
        problems += [
            f"{name}: {_describe(v)}" for v in visit.violations[theme] if v["impact"] in BLOCKING
        ]
    assert not problems, f"axe-core, {theme} theme:\n" + "\n".join(problems)


def test_images_in_the_content_have_alt_text(tour):
    problems = [
        f"{name}: <img src={img['src']!r} alt={img['alt']!r}>"
        for name, visit in tour.items()
        for img in visit.facts["images"]
        if not (img["alt"] or "").strip()
    ]
    assert not problems, "images without alt text:\n" + "\n".join(problems)


def test_pages_declare_english(tour):
    problems = [
        f"{name}: <html lang={visit.facts['htmlLang']!r}>"
        for name, visit in tour.items()
        if visit.facts["htmlLang"] != "en"
    ]
    assert not problems, "\n".join(problems)


def test_all_arabic_is_inside_lang_ar(tour):
    problems = [
        f"{name}: {item}" for name, visit in tour.items() for item in visit.facts["unmarked"]
    ]
    assert not problems, "Arabic outside lang=ar:\n" + "\n".join(problems)


def test_chapter_figures_open_at_full_size(light_context, page_opener, site_url):
    page, _ = page_opener(light_context, f"{site_url}notebooks/stances.html", "figures")
    try:
        page.wait_for_load_state("load")
        links = page.eval_on_selector_all(
            ".bd-article figure img",
            "imgs => imgs.map(i => [i.closest('a') && i.closest('a').href, i.src])",
        )
    finally:
        page.close()
    assert len(links) >= 3, links
    for href, src in links:
        assert href == src, f"a figure's image does not open at full size: {src}"
