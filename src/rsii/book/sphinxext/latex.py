"""Small pieces the extension's LaTeX parts share, and the PDF's page layout: floats
that stay in their section and do not take a page alone, a book's front matter (the
landing page's words on the page after the title, then the contents), the short title
for the running heads, and footnote marks kept apart from the link they follow."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

LATEX_PREAMBLE = r"""
% rsii.book.sphinxext.latex: a figure stays in its section (placeins: a float barrier at
% every section), and fills a page alone only when it fills most of it.
\usepackage[section]{placeins}
\renewcommand{\topfraction}{0.85}
\renewcommand{\bottomfraction}{0.6}
\renewcommand{\textfraction}{0.1}
\renewcommand{\floatpagefraction}{0.75}
\setcounter{topnumber}{3}
\setcounter{totalnumber}{4}
% The title page names the edition as a book does.
\AtBeginDocument{\renewcommand{\releasename}{Version}}
% The page's geometry in the log, for the tests that check every word is on the page's
% text area or its head and foot (tests/test_pdf_layout.py).
\AtBeginDocument{\typeout{RSII-LAYOUT paper=\the\paperwidth,\the\paperheight;
  left=\the\dimexpr\oddsidemargin+1in+\hoffset\relax;
  top=\the\dimexpr\topmargin+1in+\voffset+\headheight+\headsep\relax;
  text=\the\textwidth,\the\textheight; head=\the\dimexpr\headheight+\headsep\relax;
  foot=\the\footskip}}
% Front matter as a book's: the landing page's words (Sphinx prints them after the
% contents) come first, on the page after the title page, then the contents; the first
% chapter prints the contents before it starts. No running head over either.
\makeatletter
\renewcommand{\sphinxtableofcontents}{%
  \clearpage\pagenumbering{roman}\thispagestyle{empty}\markboth{}{}%
  \global\let\rsii@contentsdue\@empty}
\newcommand{\rsii@contents}{%
  \clearpage
  \begingroup\parskip\z@skip\sphinxtableofcontentshook\tableofcontents\endgroup
  \clearpage\pagenumbering{arabic}}
\let\rsii@chapter\chapter
\renewcommand{\chapter}{%
  \ifx\rsii@contentsdue\@empty
    \global\let\rsii@contentsdue\relax\rsii@contents
  \fi
  \rsii@chapter}
\makeatother
"""


def add_preamble(text: str):
    """A ``config-inited`` handler that appends ``text`` to the LaTeX preamble."""

    def handler(app, config) -> None:
        elements = dict(config.latex_elements)
        elements["preamble"] = elements.get("preamble", "") + text
        config.latex_elements = elements

    return handler


def skip(self, node) -> None:
    """A visitor or departure with nothing to write."""


def short_title(app, config) -> None:
    """``\\rsiishorttitle`` for the running heads: the title before its colon."""
    short = re.split(r":\s", config.project if not config.html_title else config.html_title)[0]
    text = short.replace("\\", "").replace("{", "").replace("}", "")
    add_preamble(f"\n\\newcommand{{\\rsiishorttitle}}{{{text}}}\n")(app, config)


class MarkApart(SphinxPostTransform):
    """A footnote mark after a link that ends in a digit (a Wikidata id, Q794) with a
    thin space before it, so that "Q794" and its mark "1" do not read as "Q7941"."""

    default_priority = 450  # after Sphinx's ShowUrlsTransform (400) made the footnotes
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            parent = ref.parent
            if parent is None or not ref.astext()[-1:].isdigit():
                continue
            at = parent.index(ref) + 1
            if at < len(parent) and isinstance(parent[at], nodes.footnote):
                parent.insert(at, nodes.raw("", r"\,", format="latex"))


def setup(app):
    app.connect("config-inited", add_preamble(LATEX_PREAMBLE))
    app.connect("config-inited", short_title)
    app.add_post_transform(MarkApart)
