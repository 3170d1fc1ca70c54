"""Tables for the book as MyST Markdown, so both HTML and PDF get real tables with the
Arabic cells marked (lang/dir in HTML, babel's Arabic in LaTeX) and sentence ids linked
to the article chapter; the same tables carry HTML too, for JupyterLab, where a notebook
is rerun and no Sphinx resolves the MyST."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from rsii.present import arabic, readable, words

_SENTENCE = re.compile(r"^s\d{2}$")


_SEPARATORS = ("; ", ", ", " – ", " ")


def _actor_pattern(actors: Mapping[str, str]) -> re.Pattern:
    """One actor name or id (longest first), an optional parenthesis after it, then a
    separator or the end of the cell."""
    names = "|".join(re.escape(n) for n in sorted(actors, key=len, reverse=True))
    seps = "|".join(re.escape(s) for s in _SEPARATORS)
    return re.compile(rf"(?P<name>{names})(?P<suffix> \([^()]*\))?(?P<sep>{seps}|$)")


def link_actors(text: str, actors: Mapping[str, str], pattern: re.Pattern) -> str | None:
    """The cell with each actor name linked to its page (``{ref}`name <actor-id>```), if
    the cell consists only of actor names (ids or English names, with an optional
    parenthesis each, joined by "; ", ", ", " – " or spaces); else None, so prose that
    merely mentions an actor stays as it is."""
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


def _mark_arabic(text: str) -> str:
    """Wrap each Arabic run, not the whole cell, so mixed cells keep their English."""
    return "".join(
        "{ar}`" + piece.replace("`", "") + "`" if ar else piece for piece, ar in arabic.pieces(text)
    )


LINE = 105  # characters of a table's small type across the PDF's text width


def column_shares(df: pd.DataFrame) -> list[float]:
    """Each column's share of the line for the PDF, which never hyphenates a cell: every
    column gets at least its longest word (a header breaks between words, not inside
    one), and what is left goes to the columns whose cells are longer than that."""
    least, want = [], []
    for column in df.columns:
        cells = [_visible(str(column)), *(_visible(v) for v in df[column].astype(str))]
        # Code (in backticks) is set in a wider, monospaced face.
        word = max(
            (round(len(w) * (1.3 if "`" in c else 1)) for c in cells for w in c.split()),
            default=1,
        )
        least.append(min(word, 30) + 2)
        want.append(max(word + 2, min(max(len(c) for c in cells), 150) + 2))
    spare = LINE - sum(least)
    if spare <= 0:
        return [n / sum(least) for n in least]
    extra = [w - n for w, n in zip(want, least, strict=True)]
    grant = min(1.0, spare / max(sum(extra), 1))
    widths = [n + e * grant for n, e in zip(least, extra, strict=True)]
    return [w / LINE for w in widths]


def _visible(cell: str) -> str:
    """A cell's text as printed: the label of a {ref} or {cite} role, not its target."""
    cell = re.sub(r"\{ref\}`([^<`]*)<[^>`]*>`", r"\1", cell)
    cell = re.sub(r"`([^`]*)`", r"`\1", cell)  # keep one backtick: a mark of code
    return re.sub(r"\{cite:p\}`[^`]*`", "[00]", cell)


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

    # LaTeX sets long tables in fixed columns that never wrap: give each column a share of
    # the line in proportion to its longest cell, so wide tables stay on the page.
    shares = column_shares(df)
    # Ragged right: a justified narrow cell that may not hyphenate opens wide gaps.
    spec = "".join(f">{{\\raggedright\\arraybackslash}}\\Y{{{share:.3f}}}" for share in shares)
    columns = f"```{{tabularcolumns}} {spec}\n```\n\n"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    body_cells = [
        [_cell(v, link_sentences, actors, pattern) for v in row]
        for row in df.itertuples(index=False)
    ]
    rows = ["| " + " | ".join(cells) + " |" for cells in body_cells]
    source = columns + "\n".join([head, rule, *rows]) + "\n"
    return Markdown(
        source,
        html=readable.html_table(head_cells, body_cells),
        plain="\n".join(
            " | ".join(readable.plain(c) for c in cells) for cells in [head_cells, *body_cells]
        ),
    )
