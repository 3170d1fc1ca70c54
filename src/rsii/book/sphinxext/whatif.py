"""``{whatif}``: the what-if view, where a reader switches between the modelling choices
and sees each model's signed network, its balance and its clusters.

In HTML the directive writes :func:`rsii.present.whatif.html`: the payload of every
model (:func:`rsii.present.whatif.book_payload`, computed once per build and data from
:func:`rsii.analysis.results.results`) inline as JSON, the form, and the places
``_static/whatif.js`` draws into; the page that holds it loads ``whatif.js`` and
``whatif.css``. Other outputs (the PDF) get one paragraph instead, saying that the HTML
edition has the view and, with the option ``:figure: LABEL``, which figure stands in for
it in print (a numbered reference to the specification curve)::

    ```{whatif}
    :figure: fig-specification-curve
    ```
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from rsii.present import i18n, whatif
from rsii.present.i18n import _

logger = logging.getLogger(__name__)
CLASS = "rsii-whatif"
PRINT = (
    "The HTML edition of this book has an interactive view here: a reader makes the "
    "modelling choices and sees the signed network of that model, its frustration index, "
    "its optimal splits and its clusters."
)


def payload() -> dict:
    """The book's payload: every model of :func:`rsii.present.whatif.analyses`."""
    return whatif.book_payload()


class WhatIf(SphinxDirective):
    """The what-if view (HTML) or a paragraph pointing to the printed stand-in."""

    option_spec = {"figure": directives.unchanged_required}

    def run(self):
        uid = f"{CLASS}-{self.env.new_serialno(CLASS)}"
        try:
            view = nodes.raw("", whatif.html(payload(), uid), format="html")
        except i18n.MissingTranslation as missing:  # a warning (an error with -W), not a crash
            logger.warning("the what-if view: %s", missing, location=self.get_location())
            return []
        label = self.options.get("figure")
        if i18n.is_arabic():
            para = self._arabic(label)
        else:
            para = nodes.paragraph("", PRINT)
        if label and not i18n.is_arabic():
            para += nodes.Text(" In print, ")
            para += self._reference(label)
            para += nodes.Text(", the specification curve, stands in for it.")
        printed = addnodes.only(expr="not html")
        printed += para
        self.set_source_info(view)
        self.set_source_info(printed)
        return [view, printed]

    def _reference(self, label: str):
        return addnodes.pending_xref(
            "",
            nodes.inline(label, label, classes=["xref", "std", "std-numref"]),
            refdomain="std",
            reftype="numref",
            reftarget=label.lower(),
            refexplicit=False,
            refwarn=True,
            refdoc=self.env.docname,
        )

    def _arabic(self, label: str | None):
        """The printed paragraph in Arabic: one sentence with the figure's reference in
        its place (``{figure}``)."""
        if not label:
            return nodes.paragraph("", print_arabic())
        before, after = print_figure_arabic().split("{figure}")
        para = nodes.paragraph("", before)
        para += self._reference(label)
        para += nodes.Text(after)
        return para


def print_arabic() -> str:
    """The Arabic of ``PRINT``."""
    return _(
        "The HTML edition of this book has an interactive view here: a reader makes the "
        "modelling choices and sees the signed network of that model, its frustration "
        "index, its optimal splits and its clusters."
    )


def print_figure_arabic() -> str:
    """The Arabic of ``PRINT`` and the sentence after it, ``{figure}`` the reference."""
    return _(
        "The HTML edition of this book has an interactive view here: a reader makes the "
        "modelling choices and sees the signed network of that model, its frustration "
        "index, its optimal splits and its clusters. In print, {figure}, the specification "
        "curve, stands in for it."
    )


def assets(app, pagename, templatename, context, doctree) -> None:
    """Load the view's script and style sheet on the pages that hold a view only."""
    if doctree is None:
        return
    marker = f'class="{CLASS}"'
    if any(marker in node.astext() for node in doctree.findall(nodes.raw)):
        app.add_js_file("whatif.js")
        app.add_css_file("whatif.css")


def setup(app):
    app.add_directive("whatif", WhatIf)
    app.connect("html-page-context", assets)
