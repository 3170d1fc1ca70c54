"""The book's own Sphinx extension: Arabic markup, footnote-numbered bibliography
styles, the generated article chapter and actor register, bibliographies kept in place
in the PDF, the index, and a guard against publishing a cell's stderr."""

from . import (
    arabic,
    articlepage,
    bibliography,
    bibstyle,
    cellguard,
    codebook,
    index,
    register,
    site,
)

PARTS = (arabic, articlepage, bibliography, bibstyle, cellguard, codebook, index, register, site)


def setup(app):
    for part in PARTS:
        part.setup(app)
    app.add_css_file("rsii.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
