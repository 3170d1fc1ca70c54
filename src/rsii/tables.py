"""Tables for the book as MyST Markdown, so both HTML and PDF get real tables with the
Arabic cells marked (lang/dir in HTML, babel's Arabic in LaTeX) and sentence ids linked
to the article chapter."""

from __future__ import annotations

import re

import pandas as pd

from . import arabic

_SENTENCE = re.compile(r"^s\d{2}$")


def _cell(value, link_sentences: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        text = f"{value:.3f}"
    else:
        text = str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    if link_sentences and _SENTENCE.match(text):
        return f"{{ref}}`{text} <sentence-{text}>`"
    return _mark_arabic(text)


def _mark_arabic(text: str) -> str:
    """Wrap each Arabic run, not the whole cell, so mixed cells keep their English."""
    out, last = [], 0
    for start, end in arabic.runs(text):
        out += [text[last:start], "{ar}`" + text[start:end].replace("`", "") + "`"]
        last = end
    return "".join(out) + text[last:]


class Markdown:
    """Displays as Markdown in the book (myst-nb parses it) and as text elsewhere."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def markdown_table(
    df: pd.DataFrame, *, index: bool = False, link_sentences: bool = True
) -> Markdown:
    """A pipe table; sentence ids (s01 …) link to the sentence in the article chapter."""
    if index:
        df = df.reset_index()
    head = "| " + " | ".join(str(c) for c in df.columns) + " |"
    # LaTeX sets long tables in fixed columns that never wrap: give each column a share of
    # the line in proportion to its longest cell, so wide tables stay on the page.
    longest = [
        max(7, min(max([len(str(c))] + [len(str(v)) for v in df[c].astype(str)]), 50)) + 5
        for c in df.columns
    ]
    spec = "".join(f"\\Y{{{n / sum(longest):.3f}}}" for n in longest)
    columns = f"```{{tabularcolumns}} {spec}\n```\n\n"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    rows = [
        "| " + " | ".join(_cell(v, link_sentences) for v in row) + " |"
        for row in df.itertuples(index=False)
    ]
    return Markdown(columns + "\n".join([head, rule, *rows]) + "\n")
