"""A cell's stderr or error output never reaches a page, in HTML or in the PDF.

This post-transform runs each time a page is written (the LaTeX builder writes every
page on every build), naming the notebook, the cell and what it wrote, so a strict build
fails on every run, not only the first.

Why not myst-nb's own ``nb_output_stderr: warn`` (``execute.stderr_output`` in
book/_config.yml): myst-nb 1.4.0 warns only while it reads a notebook, so a page kept in
Sphinx's saved environment (a build killed before :mod:`rsii.book.build` could throw it
away, or a non-strict linkcheck) passes the next strict build, HTML and LaTeX alike; and
it renders an error output (a cell tagged ``raises-exception``, which nbclient lets run
on) with no warning at all, whatever its settings.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
KINDS = {"stderr": "wrote to stderr", "traceback": "raised an error"}


def _cell(node):
    parent = node.parent
    while parent is not None and parent.get("nb_element") != "cell_code":
        parent = parent.parent
    return parent


class CellGuard(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.literal_block):
            classes = set(node.get("classes", []))
            kind = next((KINDS[c] for c in classes & KINDS.keys()), None)
            if "output" not in classes or kind is None:
                continue
            cell = _cell(node)
            which = f"cell {cell['cell_index'] + 1}" if cell is not None else "a cell"
            lines = [line for line in node.astext().splitlines() if line.strip()]
            # A traceback's last line names the error; its first is a rule of dashes.
            first = lines[-1:] if kind == KINDS["traceback"] else lines[:1]
            logger.warning(
                "%s %s, and it would be published: %s",
                which,
                kind,
                first[0] if first else "",
                location=node,
                type="rsii",
                subtype="cell-output",
            )


def setup(app):
    app.add_post_transform(CellGuard)
