"""Tables for the book as MyST Markdown, so both HTML and PDF get real tables with the
Arabic cells marked (lang/dir in HTML, babel's Arabic in LaTeX) and sentence ids linked
to the article chapter; the same tables carry HTML too, for JupyterLab, where a notebook
is rerun and no Sphinx resolves the MyST."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from rsii.present import arabic, i18n, readable, words

_SENTENCE = re.compile(r"^s\d{2}$")


# Between names in a cell: English lists, then the Arabic edition's (words.semicolons,
# words.commas).
_SEPARATORS = ("; ", ", ", " – ", "؛ ", "، ", " ")


def _actor_pattern(actors: Mapping[str, str]) -> re.Pattern:
    """One actor name or id (longest first), an optional parenthesis after it, then a
    separator or the end of the cell."""
    names = "|".join(re.escape(n) for n in sorted(actors, key=len, reverse=True))
    seps = "|".join(re.escape(s) for s in _SEPARATORS)
    return re.compile(rf"(?P<name>{names})(?P<suffix> \([^()]*\))?(?P<sep>{seps}|$)")


def link_actors(text: str, actors: Mapping[str, str], pattern: re.Pattern) -> str | None:
    """The cell with each actor name linked to its page (``{ref}`name <actor-id>```), if
    the cell consists only of actor names (ids, English or, in the Arabic edition, Arabic
    names, with an optional parenthesis each, joined by "; ", ", ", " – ", «؛ », «، » or
    spaces); else None, so prose that merely mentions an actor stays as it is."""
    out, pos = [], 0
    while pos < len(text):
        match = pattern.match(text, pos)
        if match is None or match.end() == pos:
            return None
        name = match["name"]
        shown = name.replace("<", "‹").replace(">", "›")
        out.append(f"{{ref}}`{shown} <actor-{actors[name]}>`")
        out.append(_mark_arabic(match["suffix"] or "") + match["sep"])
        pos = match.end()
    return "".join(out) if out else None


def sentence_link(sid: str) -> str:
    """A link to a sentence of the article chapter, named as a reader counts it."""
    return f"{{ref}}`{words.sentence(sid)} <sentence-{sid}>`"


def _cell(value, link_sentences: bool, actors=None, pattern=None) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        text = f"{value:.3f}"
    else:
        text = str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    if link_sentences and _SENTENCE.match(text):
        return sentence_link(text)
    if actors:
        linked = link_actors(text, actors, pattern)
        if linked is not None:
            return linked
    return _mark_arabic(text)


# A MyST role with its content: a cell's links and citations, marked as they are.
_ROLE = re.compile(r"\{[\w:+.-]+\}`[^`]*`")


def _mark_arabic(text: str) -> str:
    """Wrap each Arabic run, not the whole cell, so mixed cells keep their English; a
    role's content (a link's Arabic label) is left to the role. The Arabic edition's
    pages are Arabic throughout: nothing to mark there."""
    if i18n.is_arabic():
        return text
    out, last = [], 0
    for match in _ROLE.finditer(text):
        out += [_mark_runs(text[last : match.start()]), match.group(0)]
        last = match.end()
    return "".join([*out, _mark_runs(text[last:])])


def _mark_runs(text: str) -> str:
    return "".join(
        "{ar}`" + piece.replace("`", "") + "`" if ar else piece for piece, ar in arabic.pieces(text)
    )


# Characters of a table's small type (9 pt FreeSerif, 3.55 pt a character with its
# spaces) across the PDF's text width (482 pt), less a margin for capitals and italics.
LINE = 125
PAD = 2  # a column's margin, in the same characters (its padding is apart)
HEADER = 1.2  # a header's sans-serif face runs wider than the cells' serif
CODE = 1.6  # so does code, in the monospaced face (5.4 pt a character)


def column_shares(df: pd.DataFrame) -> list[float]:
    """Each column's share of the PDF's line, from the table's cells as they print (see
    :func:`shares`)."""
    cells = [[_cell(v, True) for v in df[c]] for c in df.columns]
    return shares([str(c) for c in df.columns], cells)


def shares(
    headers: list[str], columns: list[list[str]], line: float = LINE, *, markup: bool = True
) -> list[float]:
    """Column widths from their content, as shares of the line, for the PDF, which never
    hyphenates a cell. Every column first gets its longest word (a header's too, so a
    header prints whole: "Sentence", not "Sentenc"); what is left of the line then goes,
    a character at a time, to the column where it saves the most printed lines, rows'
    heights summed. Prose columns (a quote, a translation) so end wide and columns of
    numbers, footnotes or one-word values narrow; a table whose every cell fits stays
    narrower than the line."""
    heads = [_visible(h) for h in headers]
    cols = [[_visible(c) for c in col] for col in columns]
    least = np.array(
        [
            min(max([_longest(h, HEADER), *(_longest(c) for c in col)]), 40) + PAD
            for h, col in zip(heads, cols, strict=True)
        ],
        dtype=float,
    )
    rows = [list(r) for r in zip(*cols, strict=True)] if cols and cols[0] else []
    lengths = np.array(
        [[len(h) * HEADER for h in heads], *[[_length(c) for c in r] for r in rows]], dtype=float
    )
    widths = least.copy()
    if widths.sum() >= line:
        return list(widths / widths.sum())

    def height(w):
        # A row is as tall as its tallest cell; a smooth maximum (a norm of high order)
        # so that widening either of two equally tall cells still counts.
        lines = np.maximum(lengths / np.maximum(w - PAD, 1), 1)
        return (lines**8).sum(axis=1) ** (1 / 8)

    step = 0.5
    while widths.sum() + step <= line:
        now = height(widths).sum()
        gains = [
            now - height(widths + step * (np.arange(len(widths)) == j)).sum()
            for j in range(len(widths))
        ]
        best = int(np.argmax(gains))
        if gains[best] <= 1e-3:
            break
        widths[best] += step
    return [float(w) / line for w in widths]


def _longest(text: str, factor: float = 1.0) -> float:
    """The longest word, in characters; code (marked by a backtick) runs wider."""
    return max(
        (len(w.lstrip("`")) * (CODE if w.startswith("`") else factor) for w in text.split()),
        default=1,
    )


def _length(text: str) -> float:
    return sum(len(w.lstrip("`")) * (CODE if w.startswith("`") else 1) + 1 for w in text.split())


def arabic_column(cells: list[str], *, markup: bool = True) -> bool:
    """Whether a column's cells are Arabic only (some may be empty): the PDF sets such a
    column flush right, where Arabic lines begin."""
    texts = [(_visible(c) if markup else c).strip() for c in cells]
    texts = [t for t in texts if t]
    return bool(texts) and all(
        all(ar or not re.search(r"[A-Za-z0-9]", piece) for piece, ar in arabic.pieces(t))
        and arabic.has_arabic(t)
        for t in texts
    )


def colspec(headers: list[str], columns: list[list[str]], *, markup: bool = True) -> str:
    """The LaTeX column spec of a table: widths from :func:`shares`, ragged right (a
    justified narrow cell that may not hyphenate opens wide gaps), Arabic columns flush
    right."""
    return "".join(
        f">{{\\{'raggedleft' if arabic_column(col, markup=markup) else 'raggedright'}"
        f"\\arraybackslash}}\\Y{{{share:.3f}}}"
        for share, col in zip(shares(headers, columns, markup=markup), columns, strict=True)
    )


def _visible(cell: str) -> str:
    """A cell's text as printed: the label of a {ref} role, not its target; citations
    as their bracketed numbers; Arabic without its role; code with one backtick before
    each word (a mark of the wider face)."""
    cell = re.sub(r"\{ref\}`([^<`]*)<[^>`]*>`", r"\1", cell)
    cell = re.sub(
        r"\{cite:p\}`([^`]*)`",
        lambda m: "[" + ", ".join("00" for _ in m.group(1).split(",")) + "]",
        cell,
    )
    cell = re.sub(r"\{ar\}`([^`]*)`", r"\1", cell)
    return re.sub(r"`([^`]*)`", lambda m: " ".join("`" + w for w in m.group(1).split()), cell)


class Markdown:
    """MyST Markdown that reads right wherever it is shown: the book parses its MyST
    (``text/markdown``, first in the book's MIME priority), JupyterLab shows its HTML
    (``text/html``, which JupyterLab prefers to Markdown, so that no MyST role or
    directive is shown there as source), a console its plain text.

    ``html`` and ``plain`` default to the MyST read as inline text
    (:mod:`rsii.present.readable`)."""

    def __init__(self, text: str, *, html: str | None = None, plain: str | None = None):
        self.text = text
        self.html = html if html is not None else readable.inline_html(text)
        self.plain = plain if plain is not None else readable.plain(text)

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.plain


def markdown_table(
    df: pd.DataFrame,
    *,
    index: bool = False,
    link_sentences: bool = True,
    actors: Mapping[str, str] | None = None,
) -> Markdown:
    """A pipe table; sentence ids (s01 …) link to the sentence in the article chapter.

    ``actors`` maps the ways a table names an actor (id, English name) to its id, as
    :func:`rsii.register.actor_links` gives: cells and headers made only of actor names
    then link to the actors' pages in the register.

    The table displays as MyST (``text/markdown``, which the book renders) and as an
    HTML table of the same cells, as a reader reads them (``text/html``, which
    JupyterLab shows): names and sentences as text, Arabic marked right to left, no
    MyST role and no column widths for LaTeX."""
    if index:
        df = df.reset_index()
    pattern = _actor_pattern(actors) if actors else None

    def header(column) -> str:
        text = str(column)
        linked = link_actors(text, actors, pattern) if actors else None
        return linked if linked is not None else text

    head_cells = [header(c) for c in df.columns]
    head = "| " + " | ".join(head_cells) + " |"

    body_cells = [
        [_cell(v, link_sentences, actors, pattern) for v in row]
        for row in df.itertuples(index=False)
    ]
    # LaTeX sets long tables in fixed columns: each gets its share of the line from its
    # content, so wide tables stay on the page and prose columns get the room.
    by_column = (
        [list(c) for c in zip(*body_cells, strict=True)] if body_cells else [[] for _ in df.columns]
    )
    spec = colspec([str(c) for c in df.columns], by_column)
    columns = f"```{{tabularcolumns}} {spec}\n```\n\n"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    rows = ["| " + " | ".join(cells) + " |" for cells in body_cells]
    source = columns + "\n".join([head, rule, *rows]) + "\n"
    return Markdown(
        source,
        html=readable.html_table(head_cells, body_cells),
        plain="\n".join(
            " | ".join(readable.plain(c) for c in cells) for cells in [head_cells, *body_cells]
        ),
    )
