"""Right to left, and the way between the editions.

Every page of each edition links to the same page in the other one: a switch in the
article's header (``rsii-language-switch.html``) and ``<link rel="alternate"
hreflang>`` in ``<head>`` for both editions, with the English one as ``x-default``. The
addresses are relative, computed from the page's name: the Arabic site is published in
the English one's ``ar/`` folder (:mod:`rsii.book.editions`).

In a right-to-left edition (Arabic):

- ``<body dir="rtl">``, through the ``body_tag`` block of the theme's layout (a
  template in ``templates/``, found through ``templates_path``); ``<html lang="ar">``
  comes from ``language``.
- The themes' style sheets are mirrored with rtlcss: pydata-sphinx-theme,
  sphinx-book-theme and Sphinx's ``basic.css`` lay out the page with physical
  left/right rules (the sidebar's side, margins, paddings, floats, borders of
  admonitions and block quotes, the arrows of previous/next) that we do not own and
  cannot rewrite with logical properties; logical properties (``margin-inline-start``)
  only help in our own CSS. rtlcss swaps every such rule, so the primary sidebar, the
  table of contents, previous/next, admonitions, footnotes and tables all mirror, and
  keeps what is marked ``/*rtl:ignore*/`` (in ``rsii.css``: what is right to left in
  both editions). When the build has finished, each sheet in the output's ``_static``
  is replaced by its mirror under the same name, so the templates' links and their
  cache-busting still hold. rtlcss is pinned in ``package.json``/``package-lock.json``
  and installed by ``npm ci`` (``make venv``); nothing is fetched at build time.
- ``rsii-rtl.css`` (written right to left, not mirrored) sets the Arabic body font
  (Amiri, shipped by :mod:`rsii.book.sphinxext.site`) and keeps code left to right.
- Code (code cells, code blocks, inline code) is marked ``lang="en"`` (docutils writes
  a ``language-en`` class as ``lang``), as are the runs an author marks with ``{en}``
  (:mod:`rsii.book.sphinxext.arabic`).
- The interface strings of sphinx-book-theme come from ``locales/<lang>/LC_MESSAGES/
  booktheme.po`` first, then from the theme's own catalog; Sphinx's and
  pydata-sphinx-theme's (domain ``sphinx``) from ``locales/<lang>/LC_MESSAGES/
  sphinx.po``, which Sphinx itself compiles and puts before its own.
"""

from __future__ import annotations

import gettext
import json
import subprocess
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import CatalogRepository

from rsii.book import editions
from rsii.present import arabic

RTL = {"ar"}
# The name of each edition's language, in that language: the switch's label.
NAMES = {"en": "English", "ar": "العربية"}
DEFAULT = "en"  # x-default: the edition for readers of neither language
TEMPLATES = Path(__file__).with_name("templates")
SWITCH = "rsii-language-switch.html"
# The style sheets the pages load that lay out in physical directions (theme.css only
# @imports basic.css), relative to the output's _static.
MIRRORED = (
    "basic.css",
    "styles/theme.css",
    "styles/pydata-sphinx-theme.css",
    "styles/sphinx-book-theme.css",
    "rsii.css",
)
MARK = "/* Mirrored for right-to-left by rtlcss (rsii.book.sphinxext.rtl). */\n"
RTLCSS = Path("node_modules") / ".bin" / "rtlcss"
THEME_CATALOG = "booktheme"  # sphinx-book-theme's gettext domain
# The domain of Sphinx's and pydata-sphinx-theme's strings (locales/<lang>/LC_MESSAGES/
# sphinx.po), through which the book also passes the strings of the themes' templates
# it overrides (templates/) and of the extensions below.
_ = get_translation("sphinx")
# sphinx-copybutton 0.5.2's strings (copybutton.js has no Arabic).
COPYBUTTON = {
    "copy": "Copy",
    "copy_to_clipboard": "Copy to clipboard",
    "copy_success": "Copied!",
    "copy_failure": "Failed to copy",
}
COPYBUTTON_JS = """if (typeof messages === "object" && typeof iconCopy === "string") {
  messages[LANG] = WORDS;
  const before = messages[locale];
  locale = LANG;
  iconCopy = iconCopy.replace(before.copy_to_clipboard, messages[locale].copy_to_clipboard);
  iconCheck = iconCheck.replace(before.copy_success, messages[locale].copy_success);
}"""
# The strings of Sphinx's search page, written into the edition's translations.js.
SEARCH_JS = (
    "Search Results",
    "Searching",
    "Preparing search...",
    "Search finished, found ${resultCount} page(s) matching the search query.",
    "Your search did not match any documents. Please make sure that all words are "
    "spelled correctly and that you've selected enough categories.",
    "Hide Search Matches",
    ", in ",
)


def is_rtl(app) -> bool:
    return app.config.language in RTL


# --- the switch and the alternate links ---------------------------------------------


def alternates(pagename: str, lang: str, uri: str) -> dict[str, str]:
    """The address of ``pagename`` (written to ``uri``) in every edition, relative to the
    page as published in edition ``lang``."""
    depth = pagename.count("/") + (1 if editions.SUBDIR[lang] else 0)
    root = "../" * depth
    return {
        edition: root + (f"{editions.SUBDIR[edition]}/" if editions.SUBDIR[edition] else "") + uri
        for edition in editions.EDITIONS
    }


def page_context(app, pagename, templatename, context, doctree) -> None:
    lang = app.config.language
    if lang not in editions.EDITIONS:
        return
    hrefs = alternates(pagename, lang, app.builder.get_target_uri(pagename))
    links = [
        f'<link rel="alternate" hreflang="{edition}" href="{href}" />'
        for edition, href in hrefs.items()
    ]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{hrefs[DEFAULT]}" />')
    metatags = context.get("metatags", "")
    if metatags and not metatags.endswith("\n"):
        metatags += "\n"
    context["metatags"] = metatags + "\n".join(links) + "\n"
    context["rsii_editions"] = [
        {
            "lang": edition,
            "dir": "rtl" if edition in RTL else "ltr",
            "name": NAMES[edition],
            "href": href,
        }
        for edition, href in hrefs.items()
        if edition != lang
    ]
    if is_rtl(app):
        context["rsii_dir"] = "rtl"


def configure(app, config) -> None:
    """The templates (the body's direction, the switch), the switch in the article's
    header, and the right-to-left style sheet in a right-to-left edition."""
    # First: before the themes' component folders, which they add to templates_path too.
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    if config.language != "en":  # "By The rsii project" under every page
        config.author = str(_(config.author))
    options = dict(config.html_theme_options)
    end = options.get("article_header_end", "article-header-buttons.html")
    end = [end] if isinstance(end, str) else list(end)
    if SWITCH not in end:
        end.insert(0, SWITCH)
    options["article_header_end"] = end
    if "search_bar_text" in options:  # Jupyter Book's, shown as it is by the theme
        options["search_bar_text"] = str(_(options["search_bar_text"]))
    config.html_theme_options = options
    if config.language in RTL:
        app.add_css_file("rsii-rtl.css")


def copybutton_messages(app) -> None:
    """sphinx-copybutton's tooltips and button names in the edition's language: a script
    after copybutton.js adds them to its messages (its own ``let`` bindings: the icons'
    names are made when it loads, the buttons when the page has loaded)."""
    lang = app.config.language
    if lang == "en" or "sphinx_copybutton" not in app.extensions:
        return
    words = {key: str(_(text)) for key, text in COPYBUTTON.items()}
    body = COPYBUTTON_JS.replace("LANG", json.dumps(lang)).replace(
        "WORDS", json.dumps(words, ensure_ascii=False)
    )
    app.add_js_file(None, body=body, priority=501)  # after copybutton.js (500)


# --- myst-nb's fold of a hidden cell, its words translated -----------------------------


def visit_hidden_cell(self, node):
    """myst-nb 1.4.0's ``visit_HideCellInput``, with its words through the catalog."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append(f'<summary aria-label="{escape(str(_("Toggle hidden content")))}">\n')
    show, hide = (escape(str(_(node[key]))) for key in ("prompt_show", "prompt_hide"))
    self.body.append(f'<p class="collapsed admonition-title">{show}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{hide}</p>\n')
    self.body.append("</summary>\n")


def depart_hidden_cell(self, node):
    self.body.append("</details>\n")


def translate_hidden_cells(app) -> None:
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))


# --- code and English runs stay left to right ----------------------------------------


def _is_code(node) -> bool:
    return isinstance(node, nodes.literal_block | nodes.literal)


class MarkCodeEnglish(SphinxPostTransform):
    """In a right-to-left edition, code says it is English (``lang="en"``): code cells'
    input always, other code and output when it holds no Arabic."""

    default_priority = 995
    formats = ("html",)

    def run(self, **kwargs):
        if self.config.language not in RTL:
            return
        for node in self.document.findall(_is_code):
            parent = node.parent
            is_input = isinstance(parent, nodes.Element) and "cell_input" in parent["classes"]
            if is_input or not arabic.has_arabic(node.astext()):
                node["classes"].append("language-en")


# --- the interface strings of sphinx-book-theme ---------------------------------------


def theme_catalog(app) -> None:
    """Our catalog of sphinx-book-theme's strings first, the theme's own after it
    (Sphinx compiles and puts first only the ``sphinx`` domain of ``locale_dirs``)."""
    from sphinx.locale import translators

    lang = app.config.language
    if lang == "en":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, lang, app.config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain != THEME_CATALOG:
            continue
        if catalog.is_outdated():
            catalog.write_mo(lang, app.config.gettext_allow_fuzzy_translations)
        ours = gettext.translation(
            THEME_CATALOG, localedir=str(Path(catalog.base_dir).parent.parent), languages=[lang]
        )
        theirs = translators.get(("general", THEME_CATALOG))
        if theirs is not None and type(theirs) is not gettext.NullTranslations:
            ours.add_fallback(theirs)
        translators["general", THEME_CATALOG] = ours
        return


# --- the mirrored style sheets --------------------------------------------------------


def rtlcss_command(app) -> Path:
    tool = editions.checkout(Path(app.srcdir)) / RTLCSS
    if not tool.exists():
        raise ExtensionError(
            f"{tool} is missing: the right-to-left edition mirrors the themes' CSS with "
            "rtlcss, installed by `npm ci` (part of `make venv`)."
        )
    return tool


def mirror(tool: Path, css: str) -> str:
    done = subprocess.run(
        [str(tool), "-"], input=css, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode:
        raise ExtensionError(f"rtlcss failed: {done.stderr.strip()}")
    out = done.stdout
    # @charset must stay first: the mark goes after it.
    head, sep, rest = out.partition(";\n") if out.startswith("@charset") else ("", "", out)
    return head + sep + MARK + rest


def mirror_static(app, exception) -> None:
    """Replace the style sheets in the output's ``_static`` by their mirrors. Sphinx
    copies the originals over them on every build; a sheet already mirrored (marked)
    is left as it is."""
    if exception is not None or app.builder.format != "html" or not is_rtl(app):
        return
    tool = rtlcss_command(app)
    static = Path(app.outdir) / "_static"
    for name in MIRRORED:
        sheet = static / name
        if not sheet.is_file():
            raise ExtensionError(f"no {name} to mirror in {static}")
        css = sheet.read_text(encoding="utf-8")
        if MARK not in css[:200]:
            sheet.write_text(mirror(tool, css), encoding="utf-8")


# --- the search page's strings ---------------------------------------------------------


def search_translations(app, exception) -> None:
    """Sphinx writes the search page's strings (``_static/translations.js``) from its own
    catalog for the language, not from ``locale_dirs``: lay ours over it."""
    if exception is not None or app.builder.format != "html" or app.config.language == "en":
        return
    script = Path(app.outdir) / "_static" / "translations.js"
    prefix, suffix = "Documentation.addTranslations(", ");"
    data = {"locale": app.config.language, "messages": {}, "plural_expr": "(n != 1)"}
    if script.is_file():
        text = script.read_text(encoding="utf-8").strip()
        if text.startswith(prefix) and text.endswith(suffix):
            data = json.loads(text[len(prefix) : -len(suffix)])
    for message in SEARCH_JS:
        translated = str(_(message))
        if translated != message:
            data["messages"][message] = translated
    script.write_text(prefix + json.dumps(data, ensure_ascii=False, indent=4) + suffix + "\n")


def setup(app):
    app.connect("config-inited", configure)
    app.connect("builder-inited", theme_catalog)
    app.connect("builder-inited", copybutton_messages)
    app.connect("build-finished", search_translations)
    translate_hidden_cells(app)
    app.connect("html-page-context", page_context)
    app.add_post_transform(MarkCodeEnglish)
    app.connect("build-finished", mirror_static)
