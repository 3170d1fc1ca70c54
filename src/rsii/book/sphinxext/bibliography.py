"""The PDF's bibliographies where the book puts them.

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
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from rsii.book.sphinxext import latex

# Sphinx's own limit for the width given to citation labels (sphinx.writers.latex).
MAX_LABEL = 8

LATEX_PREAMBLE = r"""
% rsii.book.sphinxext.bibliography: a bibliography list that stays where it is written,
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


def setup(app):
    app.add_node(
        local_bibliography,
        latex=(latex_visit_bibliography, latex_depart_bibliography),
    )
    app.add_node(local_citation, latex=(latex_visit_citation, latex.skip))
    app.add_post_transform(KeepBibliographiesInPlace)
    app.connect("config-inited", latex.add_preamble(LATEX_PREAMBLE))
