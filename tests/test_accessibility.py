"""Accessibility of the HTML book: axe-core finds no serious or critical problem on any page,
in the light and in the dark theme; images have text alternatives; the pages say they are
English and every piece of Arabic says it is Arabic.

Development: ``RSII_SITE=/tmp/site .venv/bin/pytest tests/test_accessibility.py`` runs
against a copy of an already-built site instead of building the book first.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book

THEMES = ["light", "dark"]
BLOCKING = {"serious", "critical"}
# Sphinx's own pages, which readers use too.
EXTRA_PAGES = {"search": "search.html?q=coalition", "genindex": "genindex.html"}

ARABIC = r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"

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
        theme: document.documentElement.dataset.theme || "",
        unmarked: unmarked,
        images: images,
    };
}""".replace("ARABIC_RE", ARABIC)


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


@pytest.fixture(scope="module")
def pages(site_pages) -> dict[str, str]:
    """Name -> path (with query) of every page audited."""
    out = {rel.removesuffix(".html"): rel for rel in site_pages}
    out.update(EXTRA_PAGES)
    return out


@pytest.fixture(scope="module")
def audits(request, pages, page_opener, site_url) -> dict[str, dict]:
    """Load every page in both themes once: axe results and DOM facts per (theme, page)."""
    axe = Axe()
    out: dict[str, dict] = {}
    for theme in THEMES:
        context = request.getfixturevalue(f"{theme}_context")
        for name, rel in pages.items():
            page, visit = page_opener(context, site_url + rel, name)
            try:
                if name == "search":
                    page.wait_for_function(
                        "() => (document.querySelector('#search-results .search-summary')"
                        " || {}).textContent",
                        timeout=20_000,
                    )
                facts = page.evaluate(DOM_FACTS_JS)
                results = axe.run(page).response
            finally:
                page.close()
            out[f"{theme}/{name}"] = {"facts": facts, "violations": results["violations"]}
    return out


@pytest.mark.parametrize("theme", THEMES)
def test_no_serious_axe_violations(audits, theme):
    problems = []
    for key, audit in audits.items():
        if not key.startswith(theme + "/"):
            continue
        name = key.split("/", 1)[1]
        assert audit["facts"]["theme"] == theme, (
            f"{name}: the page is in the {audit['facts']['theme']!r} theme, not {theme!r}"
        )
        problems += [
            f"{name}: {_describe(v)}" for v in audit["violations"] if v["impact"] in BLOCKING
        ]
    assert not problems, f"axe-core, {theme} theme:\n" + "\n".join(problems)


def test_images_in_the_content_have_alt_text(audits):
    problems = [
        f"{key}: <img src={img['src']!r} alt={img['alt']!r}>"
        for key, audit in audits.items()
        if key.startswith("light/")
        for img in audit["facts"]["images"]
        if not (img["alt"] or "").strip()
    ]
    assert not problems, "images without alt text:\n" + "\n".join(problems)


def test_pages_declare_english(audits):
    problems = [
        f"{key}: <html lang={audit['facts']['htmlLang']!r}>"
        for key, audit in audits.items()
        if key.startswith("light/") and audit["facts"]["htmlLang"] != "en"
    ]
    assert not problems, "\n".join(problems)


def test_all_arabic_is_inside_lang_ar(audits):
    problems = [
        f"{key.split('/', 1)[1]}: {item}"
        for key, audit in audits.items()
        if key.startswith("light/")
        for item in audit["facts"]["unmarked"]
    ]
    assert not problems, "Arabic outside lang=ar:\n" + "\n".join(problems)
