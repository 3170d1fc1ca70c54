"""Tables that print whole in the PDF and fit the page on screen, and running heads
that fit.

Every table's column widths come from its content, in both outputs
(:class:`ContentWidths`, with :func:`rsii.present.tables.shares`): the PDF's columns (a
table without its own ``tabularcolumns``, such as the codebook's hand-written ones) and
the HTML's ``<colgroup>``; columns of Arabic only are set flush right. The last two rows
of a table are kept on one page, so no row is left alone on the next.

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
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from rsii.book.sphinxext import latex
from rsii.present import tables

LATEX_PREAMBLE = r"""
% rsii.book.sphinxext.pdftables: tables two sizes smaller, words kept whole in cells.
\makeatletter
\g@addto@macro\sphinxatlongtablestart{\footnotesize\hyphenpenalty=10000\exhyphenpenalty=10000
  \setlength{\tabcolsep}{4pt}}
\makeatother
% Running heads: one line each, cut with an ellipsis if a title is too long for it; the
% book's short title (its title before the colon, set by rsii.book.sphinxext.latex).
\usepackage{truncate}
\makeatletter
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[L]{{\py@HeaderFamily\truncate{0.8\textwidth}{\nouppercase{\rightmark}}}}%
  \fancyhead[R]{{\py@HeaderFamily\truncate{0.8\textwidth}{\rsiishorttitle}}}%
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


def _cell_text(entry: nodes.Element) -> str:
    """An entry's text as printed, a backtick before each word of code (which runs
    wider): what :func:`rsii.present.tables.shares` measures."""
    code = {w for lit in entry.findall(nodes.literal) for w in lit.astext().split()}
    return " ".join("`" + w if w in code else w for w in entry.astext().split())


def _grid(table: nodes.table) -> tuple[list[str], list[list[nodes.Element]]] | None:
    """A simple table's header texts and body entries by column; None for a table with
    spanning cells or without one header row (left to Sphinx's defaults)."""
    groups = list(table.findall(nodes.tgroup))
    if len(groups) != 1:
        return None
    group = groups[0]
    width = int(group["cols"])
    heads = [r for t in group.findall(nodes.thead) for r in t.findall(nodes.row)]
    body = [r for t in group.findall(nodes.tbody) for r in t.findall(nodes.row)]
    rows = [[e for e in r.children if isinstance(e, nodes.entry)] for r in heads + body]
    if len(heads) != 1 or not body or any(len(r) != width for r in rows):
        return None
    if any(e.get("morecols") or e.get("morerows") for r in rows for e in r):
        return None
    return [e.astext() for e in rows[0]], [list(c) for c in zip(*rows[1:], strict=True)]


class ContentWidths(SphinxPostTransform):
    """Column widths from the cells as printed (references resolved), for every table:
    HTML gets them as its ``<colgroup>``; LaTeX, for a table without a ``tabularcolumns``
    of its own, as a column spec (ragged right, Arabic columns flush right). A cell of
    Arabic only is marked (class ``rsii-ar``) for the HTML to set it right to left."""

    default_priority = 800

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            grid = _grid(table)
            if grid is None:
                continue
            headers, columns = grid
            texts = [[_cell_text(e) for e in col] for col in columns]
            for col in columns:
                for entry in col:
                    if tables.arabic_column([entry.astext()], markup=False):
                        entry["classes"].append("rsii-ar")
            shares = tables.shares(headers, texts, markup=False)
            for spec, share in zip(table.findall(nodes.colspec), shares, strict=False):
                spec["colwidth"] = max(1, round(share * 1000))
            table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]
            table["classes"].append("colwidths-given")
            before = table.previous_sibling() if table.parent is not None else None
            if self.app.builder.format == "latex" and not isinstance(
                before, addnodes.tabular_col_spec
            ):
                spec = tables.colspec(headers, texts, markup=False)
                table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))


def latex_depart_row(self, node) -> None:
    """Sphinx's row ending; after a table's last but one row, ``\\*``: no page break
    before the last row, which would otherwise stand alone under a repeated header."""
    LaTeXTranslator.depart_row(self, node)
    body = node.parent
    if isinstance(body, nodes.tbody) and len(body) >= 2 and body.index(node) == len(body) - 2:
        for i in range(len(self.body) - 1, -1, -1):
            if self.body[i] == "\\\\\n":
                self.body[i] = "\\\\*\n"
                break


def setup(app):
    latex.setup(app)
    app.add_post_transform(ContentWidths)
    app.add_node(nodes.row, override=True, latex=(LaTeXTranslator.visit_row, latex_depart_row))
    app.add_post_transform(LongTables)
    app.connect("config-inited", latex.add_preamble(LATEX_PREAMBLE))
