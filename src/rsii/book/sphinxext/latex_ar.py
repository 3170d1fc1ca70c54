"""The Arabic edition's PDF: Arabic the main language, pages right to left, English
kept for code and Latin runs.

The language itself is babel's, set in book/_config.ar.yml (``bidi=basic`` under
LuaLaTeX, Amiri from the package's files). Two things Sphinx does for an Arabic book
have to be undone here: it adds ``arabic`` to the class options, which makes babel load
``arabic.ldf``, written for pdfTeX, and the LuaLaTeX run fails; and it sets code blocks
in the main language, so that they run right to left with mirrored brackets: here they
are set in English, as are code outputs.
"""

from __future__ import annotations

import re

from rsii.book.sphinxext.latex import add_preamble

ARABIC_PREAMBLE = r"""
% rsii.book.sphinxext.latex_ar: code blocks and outputs left to right, in English.
\usepackage{etoolbox}
\BeforeBeginEnvironment{sphinxVerbatim}{\begin{otherlanguage}{english}}
\AfterEndEnvironment{sphinxVerbatim}{\end{otherlanguage}}
\BeforeBeginEnvironment{sphinxVerbatimintable}{\begin{otherlanguage}{english}}
\AfterEndEnvironment{sphinxVerbatimintable}{\end{otherlanguage}}
\AtBeginDocument{\renewcommand{\releasename}{الإصدار}}
"""


def is_arabic(config) -> bool:
    return (config.language or "en") == "ar"


def arabic_preamble(app, config) -> None:
    if is_arabic(config):
        add_preamble(ARABIC_PREAMBLE)(app, config)


def drop_class_option(app) -> None:
    """Take ``arabic`` out of the class options Sphinx wrote for an Arabic book."""
    if app.builder.name != "latex" or not is_arabic(app.config):
        return
    context = app.builder.context
    context["classoptions"] = re.sub(r",arabic\b", "", context["classoptions"])


def setup(app):
    app.connect("config-inited", arabic_preamble, priority=600)
    app.connect("builder-inited", drop_class_option)
