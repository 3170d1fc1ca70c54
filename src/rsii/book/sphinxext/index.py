"""The index, in both editions.

``{index}`` entries in the chapters feed the PDF's index (xindy) and the HTML
``genindex`` page; ``link_index_in_navigation`` adds that page to the last part of the
HTML navigation, and ``mark_arabic_in_genindex`` gives Arabic in an entry
``lang="ar" dir="rtl"`` there, as ``arabic.WrapArabicRuns`` does in the chapters. In the
PDF, Arabic in an entry's printed form is set as Arabic.

Terms that differ only by case ("Actor", a glossary's term, and "actor", an entry in a
chapter) are one entry in both editions: :func:`merge_case` gives every such term the
lower-case form the index uses for it.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from sphinx import addnodes
from sphinx.locale import _
from sphinx.writers.latex import LaTeXTranslator

from rsii.book.sphinxext import arindex, arsort, latex
from rsii.present import arabic

LATEX_PREAMBLE = r"""
\makeatletter
% The index lists terms, not code: entries in the text face, not typewriter.
\def\sphinxstyleindexentry#1{#1}
% An entry's extra (an actor's Arabic name) never breaks across lines, so its brackets
% stay beside its first and last words.
\def\sphinxstyleindexextra#1{ (\mbox{#1})}
% The index follows the bibliography on the next page, without a blank page between;
% its entries ragged right, so an Arabic name kept on one line stretches no line before.
\renewenvironment{sphinxtheindex}
  {\clearpage\phantomsection
   \begin{theindex}\raggedright
   \addcontentsline{toc}{chapter}{\indexname}}
  {\end{theindex}}
\makeatother
"""


_DISPLAYED = re.compile(r"(\\spx(?:entry|extra)\{)([^{}]*)(\})")


def _mark_arabic(display: str) -> str:
    return "".join(
        r"\foreignlanguage{arabic}{" + piece + "}" if ar else piece
        for piece, ar in arabic.pieces(display)
    )


def _parts(value: str) -> list[str]:
    return [p.strip() for p in value.split(";")]


def case_forms(values) -> dict[str, str]:
    """Each term (a part of an entry between semicolons), lower-cased, to the one form
    the index prints for it: the lower-case form if any entry uses it, else the first."""
    forms: dict[str, str] = {}
    for value in values:
        for part in _parts(value):
            key = part.lower()
            if key not in forms or (part == key and forms[key] != key):
                forms[key] = part
    return forms


def _recase(value: str, forms: dict[str, str]) -> str:
    return "; ".join(forms.get(p.lower(), p) for p in _parts(value))


def _forms(env) -> dict[str, str]:
    entries = env.domains["index"].entries
    return case_forms(e[1] for items in entries.values() for e in items)


def merge_case(app, env) -> None:
    """``env-updated``: every index entry of every page in the one case of its term,
    so the HTML's index lists "actor" once; the PDF's entries follow (see
    :func:`latex_visit_index`)."""
    forms = env.rsii_index_forms = _forms(env)
    for items in env.domains["index"].entries.values():
        items[:] = [(e[0], _recase(e[1], forms), *e[2:]) for e in items]
        if (env.config.language or "en") == "ar":  # «عربي (English)», as in the PDF
            items[:] = arindex.arabic_entries(items)


def latex_visit_index(self, node):
    """Sphinx's ``\\index`` entries, in the one case of their term (as the HTML's),
    with each Arabic run of the printed form (not of the sort key) set as Arabic: babel
    then orders it right to left on its own, so the parentheses and page numbers after
    it stay in place, and its text extracts whole."""
    forms = getattr(self.builder.env, "rsii_index_forms", None) or _forms(self.builder.env)
    node["entries"] = [(e[0], _recase(e[1], forms), *e[2:]) for e in node["entries"]]
    if (self.config.language or "en") == "ar":
        node["entries"] = arindex.arabic_entries(node["entries"])  # «عربي (English)»
    start = len(self.body)
    try:
        LaTeXTranslator.visit_index(self, node)
    finally:
        for i in range(start, len(self.body)):
            self.body[i] = _DISPLAYED.sub(
                lambda m: m.group(1) + _mark_arabic(m.group(2)) + m.group(3), self.body[i]
            )


def link_index_in_navigation(app, doctree):
    """Add the general index to the root document's last toctree (HTML navigation);
    the LaTeX builder inlines only ``includefiles`` and prints its own index."""
    if app.env.docname != app.config.root_doc:
        return
    toctrees = list(doctree.findall(addnodes.toctree))
    entry = (str(_("Index")), "genindex")  # Sphinx's own word, in the edition's language
    if toctrees and entry not in toctrees[-1]["entries"]:
        toctrees[-1]["entries"].append(entry)


def _marked(name):
    """An index entry's name for the HTML template, its Arabic runs marked as in the
    chapters (``Markup`` passes the template's escaping unchanged)."""
    if not isinstance(name, str) or not arabic.has_arabic(name):
        return name
    return Markup("").join(
        Markup('<span class="ar" lang="ar" dir="rtl">%s</span>') % piece if ar else escape(piece)
        for piece, ar in arabic.pieces(name)
    )


def _marked_english(name):
    """In the Arabic edition, the English beside an entry's Arabic gets ``lang="en"``."""
    if not isinstance(name, str):
        return name
    return Markup("").join(
        escape(piece)
        if ar or not re.search("[A-Za-z]", piece)
        else Markup('<span class="en" lang="en" dir="ltr">%s</span>') % piece
        for piece, ar in arabic.pieces(name)
    )


def arabic_genindex(context) -> None:
    """The Arabic edition's index: every entry headed by its Arabic, grouped under its
    first letter and sorted by the Arabic PDF's rule (:mod:`arsort`), not by code point."""
    entries = [entry for _key, group in context["genindexentries"] for entry in group]
    groups: dict[str, list] = {}
    for name, (links, subitems, category) in entries:
        head, english = arsort.entry_parts(name)
        marked = (links, [(_marked_english(sub), sl) for sub, sl in subitems], category)
        groups.setdefault(arsort.group(head), []).append(
            (arsort.sort_key(head, english), (_marked_english(name), marked))
        )
    order = sorted(groups, key=lambda g: (g != arsort.OTHERS, arsort.sort_key(g)))
    context["genindexentries"] = [
        (letter, [entry for _k, entry in sorted(groups[letter], key=lambda t: t[0])])
        for letter in order
    ]


def mark_arabic_in_genindex(app, pagename, templatename, context, doctree):
    """Arabic in an entry gets ``lang="ar" dir="rtl"``. Entries that start with Arabic
    join the "Symbols" group, as xindy puts them under "Non-alphabetical" in the PDF:
    a group's letter is also the heading's id, which cannot carry markup."""
    if pagename != "genindex" or "genindexentries" not in context:
        return
    if (getattr(getattr(app, "config", None), "language", None) or "en") == "ar":
        arabic_genindex(context)
        return
    symbols = _("Symbols")
    groups: dict[str, list] = {}
    for key, entries in context["genindexentries"]:
        groups.setdefault(symbols if arabic.has_arabic(key) else key, []).extend(entries)
    if symbols in groups:
        groups = {symbols: groups.pop(symbols), **groups}
    context["genindexentries"] = [
        (
            key,
            [
                (_marked(name), (links, [(_marked(sub), sl) for sub, sl in subitems], category))
                for name, (links, subitems, category) in entries
            ],
        )
        for key, entries in groups.items()
    ]


def _last_document(app) -> str:
    """The last document in reading order (the one the toctrees put last)."""
    relations = app.env.collect_relations()
    doc, seen = app.config.root_doc, set()
    while doc in relations and relations[doc][2] and doc not in seen:
        seen.add(doc)
        doc = relations[doc][2]
    return doc


def index_after_last_page(app, pagename, templatename, context, doctree):
    """The "next" button of the last chapter leads to the index, and the index's
    "previous" back to it, so that paging through the site ends on the index as the
    PDF does and follows the navigation, which lists the index last."""
    if "pathto" not in context:
        return
    last = _last_document(app)
    if pagename == last and not context.get("next"):
        context["next"] = {"link": context["pathto"]("genindex"), "title": str(_("Index"))}
    elif pagename == "genindex":
        title = app.env.titles[last].astext() if last in app.env.titles else last
        context["prev"] = {"link": context["pathto"](last), "title": escape(title)}


def setup(app):
    app.add_node(addnodes.index, override=True, latex=(latex_visit_index, latex.skip))
    app.connect("config-inited", latex.add_preamble(LATEX_PREAMBLE))
    app.connect("doctree-read", link_index_in_navigation)
    app.connect("env-updated", merge_case)
    app.connect("html-page-context", mark_arabic_in_genindex)
    app.connect("html-page-context", index_after_last_page)
