"""``{codebook-table} FIELD``: the closed list of one field, read from data/codebook.csv
at build time (through :mod:`rsii.data.load`, so checked as everywhere else), so the
codebook chapter never holds a second copy of the definitions."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from rsii.book.sphinxext import translation
from rsii.data import load, paths
from rsii.present.tables import markdown_table

HEADERS = {
    "value": "Value",
    "definition": "Definition",
    "sign": "Sign",
    "directed": "Directed",
    "tie": "Tie",
    "example": "Example",
    "example_sentence": "Sentence",
}


def field_table(field: str) -> str | None:
    """The Markdown table of ``field``'s values, with the columns any of them fills, or
    None when the codebook has no such field."""
    book = load.as_written("codebook")  # the signs and flags as the file writes them
    rows = book[book["field"] == field]
    if rows.empty:
        return None
    columns = [c for c in HEADERS if c in rows and rows[c].str.strip().any()]
    table = rows[columns].assign(value=lambda d: "`" + d["value"] + "`")
    return markdown_table(table.rename(columns=HEADERS)).text


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
