"""The chapter "The article", written from data/sentences.csv when the build starts,
so the book never holds a second, hand-typed copy of the text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from rsii.data import load, paths

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


def _heading(row) -> str:
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
    parts = [INTRO, "## Lead (untitled in the article)\n"]
    by_line = sorted(
        [(int(h.line), "h", h) for h in headings.itertuples()]
        + [(int(s.line), "s", s) for s in sentences.itertuples()],
        key=lambda t: (t[0], t[2].id),
    )
    for _, kind, row in by_line:
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


def setup(app):
    app.add_config_value("rsii_article_page", "book/article.md", "env")
    app.connect("builder-inited", write_page, priority=530)
