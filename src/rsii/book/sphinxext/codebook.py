"""``{codebook-table} FIELD``: the closed list of one field, read from data/codebook.csv
at build time (through :mod:`rsii.data.load`, so checked as everywhere else), so the
codebook chapter never holds a second copy of the definitions."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from rsii.book.sphinxext import translation
from rsii.data import load, paths
from rsii.present import i18n, words
from rsii.present.i18n import _, p_
from rsii.present.tables import markdown_table

COLUMNS = ("value", "definition", "sign", "directed", "tie", "example", "example_sentence")


def headers() -> dict[str, str]:
    """Each column's heading, in the edition's language."""
    return {
        "value": p_("codebook", "Value"),
        "definition": p_("codebook", "Definition"),
        "sign": p_("codebook", "Sign"),
        "directed": p_("codebook", "Directed"),
        "tie": p_("codebook", "Tie"),
        "example": p_("codebook", "Example"),
        "example_sentence": p_("codebook", "Sentence"),
    }


def _arabic(rows, field: str):
    """The rows in the Arabic edition's words: each value its Arabic beside its code
    (the code is what the data files hold), the definitions and examples translated,
    the flags and the ties' classes in words; the signs stay numbers."""
    rows = rows.copy()
    codes = ["`" + v + "`" for v in rows["value"]]
    rows["value"] = [
        _("{word} ({code})", word=words.value(field, v), code=c)
        for v, c in zip(rows["value"], codes, strict=True)
    ]
    for column in ("definition", "example"):
        rows[column] = rows[column].map(lambda t, c=column: i18n.data_(t, f"codebook.{c}"))
    rows["directed"] = rows["directed"].map(lambda d: words.value("flag", d) if d else d)
    rows["tie"] = rows["tie"].map(lambda t: words.value("tie", t) if t else t)
    return rows


def field_table(field: str) -> str | None:
    """The Markdown table of ``field``'s values, with the columns any of them fills, or
    None when the codebook has no such field."""
    book = load.as_written("codebook")  # the signs and flags as the file writes them
    rows = book[book["field"] == field]
    if rows.empty:
        return None
    columns = [c for c in COLUMNS if c in rows and rows[c].str.strip().any()]
    if i18n.is_arabic():
        table = _arabic(rows, field)[columns]
    else:
        table = rows[columns].assign(value=lambda d: "`" + d["value"] + "`")
    return markdown_table(table.rename(columns=headers())).text


class CodebookTable(SphinxDirective):
    required_arguments = 1

    def run(self):
        path = paths.data_dir() / "codebook.csv"
        self.env.note_dependency(str(path))
        text = field_table(self.arguments[0])
        if text is None:
            raise self.error(f"no values for field {self.arguments[0]!r} in {path}")
        container = nodes.container(classes=["codebook-table"])
        self.state.nested_parse(StringList(text.splitlines(), source=str(path)), 0, container)
        translation.keep_as_written(container)  # worded in the edition's language
        return container.children


def setup(app):
    app.add_directive("codebook-table", CodebookTable)
