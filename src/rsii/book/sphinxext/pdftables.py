"""Tables that print whole in the PDF, and running heads that fit.

Sphinx sets a table of up to 30 rows as ``tabulary`` or ``tabular``, which cannot break
across pages: a table taller than what is left of the page runs under the footer and
its last rows are never printed. Every table here is a ``longtable`` (it breaks between
rows, and repeats its header), set two sizes smaller, with words kept whole (no
hyphenation inside cells: a header reads "positive", not "pos- itive"); column widths
come from :func:`rsii.present.tables.markdown_table`, which gives each column at least
its longest word. Running heads print the chapter's and section's short marks, cut to
one line, so a long section title never overprints the page number.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from rsii.book.sphinxext import latex

LATEX_PREAMBLE = r"""
% rsii.book.sphinxext.pdftables: tables two sizes smaller, words kept whole in cells.
\makeatletter
\g@addto@macro\sphinxatlongtablestart{\footnotesize\hyphenpenalty=10000\exhyphenpenalty=10000
  \setlength{\tabcolsep}{4pt}}
\makeatother
% Running heads: one line each, cut with an ellipsis if a title is too long for it.
\usepackage{truncate}
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[L]{{\py@HeaderFamily\truncate{0.8\textwidth}{\nouppercase{\rightmark}}}}%
  \fancyhead[R]{{\py@HeaderFamily\truncate{0.8\textwidth}{\@title, \py@release}}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0.4pt}%
}
\makeatother
"""


class LongTables(SphinxPostTransform):
    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for table in self.document.findall(nodes.table):
            if "longtable" not in table["classes"]:
                table["classes"].append("longtable")


def setup(app):
    app.add_post_transform(LongTables)
    app.connect("config-inited", latex.add_preamble(LATEX_PREAMBLE))
