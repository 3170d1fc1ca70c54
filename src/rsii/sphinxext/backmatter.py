"""The back matter: bibliographies where the book puts them, and an index in both editions.

Sphinx's LaTeX builder moves every citation of the book into one ``thebibliography`` at
the end of the document (``sphinx.builders.latex.transforms.BibliographyTransform``,
a post-transform at priority 750), so the PDF would print the bibliography chapter's
headings with nothing under them and then a second, unnumbered "Bibliography" mixing
the article's footnotes with the methods literature. ``KeepBibliographiesInPlace`` runs
just before it and turns each run of citations that sphinxcontrib-bibtex left in place
into a ``local_bibliography`` of ``local_citation`` nodes, which that transform does not
collect. They are written with the same ``\\bibitem[label]{docname:id}`` Sphinx would
write, inside a list without a chapter heading (``rsiibibliography``): hyperref's
``\\bibitem`` sets the anchor ``cite.<docname>:<id>`` that each in-text citation
(sphinxcontrib-bibtex's ``\\hyperlink{cite.…}``) points to, wherever the list stands.
The HTML builder never sees these nodes.

The index: ``{index}`` entries in the chapters feed the PDF's index (xindy) and the
HTML ``genindex`` page; ``link_index_in_navigation`` adds that page to the last part of
the HTML navigation, and ``mark_arabic_in_genindex`` gives Arabic in an entry
``lang="ar" dir="rtl"`` there, as ``arabic.WrapArabicRuns`` does in the chapters.
"""

from __future__ import annotations

import re

from docutils import nodes
from markupsafe import Markup, escape
from sphinx import addnodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from .. import arabic

# Sphinx's own limit for the width given to citation labels (sphinx.writers.latex).
MAX_LABEL = 8

LATEX_PREAMBLE = r"""
% rsii.sphinxext.backmatter: a bibliography list that stays where it is written,
% without the chapter heading of thebibliography (the section gives the heading).
\makeatletter
\newenvironment{rsiibibliography}[1]
  {\list{\@biblabel{\@arabic\c@enumiv}}%
        {\settowidth\labelwidth{\@biblabel{#1}}%
         \leftmargin\labelwidth
         \advance\leftmargin\labelsep
         \usecounter{enumiv}%
         \let\p@enumiv\@empty
         \renewcommand\theenumiv{\@arabic\c@enumiv}}%
   \sloppy
   \clubpenalty4000
   \@clubpenalty\clubpenalty
   \widowpenalty4000%
   \sfcode`\.\@m}
  {\def\@noitemerr{\@latex@warning{Empty bibliography}}%
   \endlist}
% The index lists terms, not code: entries in the text face, not typewriter.
\def\sphinxstyleindexentry#1{#1}
\def\sphinxstyleindexextra#1{ (#1)}
% The index follows the bibliography on the next page, without a blank page between.
\renewenvironment{sphinxtheindex}
  {\clearpage\phantomsection
   \begin{theindex}%
   \addcontentsline{toc}{chapter}{\indexname}}
  {\end{theindex}}
\makeatother
"""


class local_bibliography(nodes.General, nodes.Element):
    """One bibliography list, printed where the ``bibliography`` directive stands."""


class local_citation(nodes.General, nodes.Element):
    """One entry of a ``local_bibliography``: a citation Sphinx does not move."""


class KeepBibliographiesInPlace(SphinxPostTransform):
    """Wrap each run of sibling citations in a list that stays in place (LaTeX only)."""

    default_priority = 740  # before Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs):
        parents = []
        for citation in self.document.findall(nodes.citation):
            if citation.parent not in parents:
                parents.append(citation.parent)
        for parent in parents:
            for run in _runs(parent):
                listing = local_bibliography()
                for citation in run:
                    entry = local_citation(
                        "",
                        *citation.children,
                        ids=citation["ids"],
                        docname=citation["docname"],
                        label=citation[0].astext(),
                    )
                    listing += entry
                parent.replace(run[0], listing)
                for citation in run[1:]:
                    parent.remove(citation)


def _runs(parent: nodes.Element) -> list[list[nodes.citation]]:
    """The citations among ``parent``'s children, grouped where they follow each other."""
    runs: list[list[nodes.citation]] = []
    previous = None
    for child in parent.children:
        if isinstance(child, nodes.citation):
            if previous is None:
                runs.append([])
            runs[-1].append(child)
            previous = child
        else:
            previous = None
    return runs


def latex_visit_bibliography(self, node):
    longest = max((entry["label"] for entry in node), key=len)[:MAX_LABEL]
    self.body.append(f"\n\\begin{{rsiibibliography}}{{{self.encode(longest)}}}\n")


def latex_depart_bibliography(self, node):
    self.body.append("\\end{rsiibibliography}\n")


def latex_visit_citation(self, node):
    label = self.encode(node["label"])
    self.body.append(f"\\bibitem[{label}]{{{node['docname']}:{node['ids'][0]}}}")


def _nothing(self, node):
    pass


_DISPLAYED = re.compile(r"(\\spx(?:entry|extra)\{)([^{}]*)(\})")


def _mark_arabic(display: str) -> str:
    out, last = [], 0
    for start, end in arabic.runs(display):
        out += [display[last:start], r"\foreignlanguage{arabic}{", display[start:end], "}"]
        last = end
    return "".join([*out, display[last:]])


def latex_visit_index(self, node):
    """Sphinx's ``\\index`` entries, with each Arabic run of the printed form (not of
    the sort key) set as Arabic: babel then orders it right to left on its own, so the
    parentheses and page numbers after it stay in place, and its text extracts whole."""
    start = len(self.body)
    try:
        LaTeXTranslator.visit_index(self, node)
    finally:
        for i in range(start, len(self.body)):
            self.body[i] = _DISPLAYED.sub(
                lambda m: m.group(1) + _mark_arabic(m.group(2)) + m.group(3), self.body[i]
            )


def add_preamble(app, config):
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + LATEX_PREAMBLE
    config.latex_elements = elements


def link_index_in_navigation(app, doctree):
    """Add the general index to the root document's last toctree (HTML navigation);
    the LaTeX builder inlines only ``includefiles`` and prints its own index."""
    if app.env.docname != app.config.root_doc:
        return
    toctrees = list(doctree.findall(addnodes.toctree))
    if toctrees and ("Index", "genindex") not in toctrees[-1]["entries"]:
        toctrees[-1]["entries"].append(("Index", "genindex"))


def _marked(name):
    """An index entry's name for the HTML template, its Arabic runs marked as in the
    chapters (``Markup`` passes the template's escaping unchanged)."""
    if not isinstance(name, str) or not arabic.has_arabic(name):
        return name
    out, last = Markup(""), 0
    for start, end in arabic.runs(name):
        out += escape(name[last:start])
        out += Markup('<span class="ar" lang="ar" dir="rtl">%s</span>') % name[start:end]
        last = end
    return out + escape(name[last:])


def mark_arabic_in_genindex(app, pagename, templatename, context, doctree):
    """Arabic in an entry gets ``lang="ar" dir="rtl"``. Entries that start with Arabic
    join the "Symbols" group, as xindy puts them under "Non-alphabetical" in the PDF:
    a group's letter is also the heading's id, which cannot carry markup."""
    if pagename != "genindex" or "genindexentries" not in context:
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
        context["next"] = {"link": context["pathto"]("genindex"), "title": "Index"}
    elif pagename == "genindex":
        title = app.env.titles[last].astext() if last in app.env.titles else last
        context["prev"] = {"link": context["pathto"](last), "title": escape(title)}


def setup(app):
    app.add_node(
        local_bibliography,
        latex=(latex_visit_bibliography, latex_depart_bibliography),
    )
    app.add_node(local_citation, latex=(latex_visit_citation, _nothing))
    app.add_node(addnodes.index, override=True, latex=(latex_visit_index, _nothing))
    app.add_post_transform(KeepBibliographiesInPlace)
    app.connect("config-inited", add_preamble)
    app.connect("doctree-read", link_index_in_navigation)
    app.connect("html-page-context", mark_arabic_in_genindex)
    app.connect("html-page-context", index_after_last_page)
