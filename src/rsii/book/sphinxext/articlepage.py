"""The chapter "The article", written from data/sentences.csv when the build starts,
so the book never holds a second, hand-typed copy of the text.

In the English edition each sentence is the article's Arabic, then this project's
English; in the Arabic edition, the Arabic is the sentence's text and the English
follows it as a secondary line, marked English. The mark is the directive
``{english}`` defined here (also used by the actor register's pages): a block whose
HTML is ``<div class="english" lang="en" dir="ltr">`` (Sphinx writes no ``lang`` of
its own, so the node has its own visitors) and whose LaTeX is babel's English.
Labels (``sentence-s01``, ``coded-s01``) are the same in both editions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import Directive

from rsii.data import load, paths
from rsii.present import i18n
from rsii.present.i18n import _

if TYPE_CHECKING:  # imported when needed: a warm rebuild skips it
    from rsii.present.register import Register

INTRO = """\
# The article

This chapter reproduces the edition of the article that the book analyses
{cite:p}`wikipedia-4plus1`, sentence by sentence, each numbered as every coded row in the
data package counts it (sentence 1 is `s01` in the downloads); the Arabic is
verbatim, the English is this project's translation, and the numbers in brackets are
the article's own footnote markers, linked to the [bibliography](bibliography).
Square brackets inside a quotation (as in {ref}`sentence 8 <sentence-s08>`) are the
article's editorial insertions, not footnotes.

Under each sentence, *Coded* lists what the data package codes from it: the actors it
names, with links to their pages in the {ref}`actor register <actor-register>`, and the
relations, stances and events read from it, each linked to its row there.

The page is generated from `data/sentences.csv` and the coded tables at every build.
"""


def intro() -> str:
    """The chapter's title and introduction, in the edition's language."""
    if not i18n.is_arabic():
        return INTRO  # as the English edition has always written it
    paragraphs = [
        "# " + _("The article"),
        _(
            "This chapter reproduces the edition of the article that the book analyses "
            "{cite:p}`wikipedia-4plus1`, sentence by sentence, each numbered as every coded "
            "row in the data package counts it (sentence 1 is `s01` in the downloads); the "
            "Arabic is verbatim, the English is this project's translation, and the numbers in "
            "brackets are the article's own footnote markers, linked to the "
            "[bibliography](bibliography). Square brackets inside a quotation (as in "
            "{ref}`sentence 8 <sentence-s08>`) are the article's editorial insertions, not "
            "footnotes."
        ),
        _(
            "Under each sentence, *Coded* lists what the data package codes from it: the actors "
            "it names, with links to their pages in the {ref}`actor register <actor-register>`, "
            "and the relations, stances and events read from it, each linked to its row there."
        ),
        _("The page is generated from `data/sentences.csv` and the coded tables at every build."),
    ]
    return "\n\n".join(paragraphs) + "\n"


def _heading(row) -> str:
    if i18n.is_arabic():
        return f"{'#' * (row.level + 1)} {row.title_ar}"
    return f"{'#' * (row.level + 1)} {row.title_en} · {{ar}}`{row.title_ar}`"


def _sentence(row, reg: Register | None = None) -> str:
    cite = ""
    if row.footnotes:
        keys = ",".join(f"fn{int(n):02d}" for n in row.footnotes.split())
        cite = f" {{cite:p}}`{keys}`"
    if reg is None:
        coded = ""
    else:
        from rsii.present.register_pages import sentence_coding

        coded = f"\n{sentence_coding(reg, row.id)}"
    if i18n.is_arabic():  # the Arabic as the text, this project's English under it
        return (
            f"(sentence-{row.id})=\n"
            f"**{int(row.id[1:])}.** {row.text_ar}{cite}\n\n"
            f"```{{english}}\n{row.text_en}\n```\n{coded}"
        )
    return (
        f"(sentence-{row.id})=\n"
        f"```{{ar}}\n{row.text_ar}\n```\n\n"
        f"**{int(row.id[1:])}.** {row.text_en}{cite}\n{coded}"
    )


def render(headings: pd.DataFrame, sentences: pd.DataFrame, reg: Register | None = None) -> str:
    """MyST source for the chapter: sections as in the article, each sentence in Arabic
    then English, footnote markers as citations, and (given the register) what was
    coded from it."""
    sentences = sentences.fillna("")
    parts = [intro(), "## " + _("Lead (untitled in the article)") + "\n"]
    by_line = sorted(
        [(int(h.line), "h", h) for h in headings.itertuples()]
        + [(int(s.line), "s", s) for s in sentences.itertuples()],
        key=lambda t: (t[0], t[2].id),
    )
    for _line, kind, row in by_line:
        parts.append(_heading(row) if kind == "h" else _sentence(row, reg))
    return "\n".join(parts)


def write_page(app) -> None:
    target = Path(app.srcdir) / app.config.rsii_article_page
    reg = getattr(app, "rsii_register", None)
    if reg is None and target.exists():
        return  # the register found its inputs (data, code) unchanged: so is this page
    if reg is None:
        from rsii.present.register import build

        reg = build(cases=False)
    data = paths.data_dir()
    text = render(load.headings(data), load.sentences(data), reg)
    # Rewrite only on change, so a warm rebuild does not re-read the page.
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


# --- English inside the Arabic edition: {english} ------------------------------------


class english_block(nodes.container):
    """A left-to-right English paragraph inside a page of the Arabic edition."""


class EnglishDirective(Directive):
    """A block of English (this project's translation, an English name): its content is
    parsed as ordinary markup."""

    has_content = True

    def run(self):
        node = english_block("\n".join(self.content), classes=["english"])
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def html_visit_english(self, node):
    self.body.append(self.starttag(node, "div", "", lang="en", dir="ltr"))


def html_depart_english(self, node):
    self.body.append("</div>\n")


def latex_visit_english(self, node):
    self.body.append("\n\\begin{otherlanguage}{english}\n")


def latex_depart_english(self, node):
    self.body.append("\n\\end{otherlanguage}\n")


def _passthrough(self, node):
    pass


def setup(app):
    plain = (_passthrough, _passthrough)
    app.add_node(
        english_block,
        html=(html_visit_english, html_depart_english),
        latex=(latex_visit_english, latex_depart_english),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_directive("english", EnglishDirective)
    app.add_config_value("rsii_article_page", "book/article.md", "env")
    app.connect("builder-inited", write_page, priority=530)
