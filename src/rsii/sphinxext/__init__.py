"""The book's own Sphinx extension: Arabic markup, footnote-numbered bibliography
styles, the generated article chapter, bibliographies kept in place in the PDF, the index,
and a guard against publishing a cell's stderr."""

from . import arabic, articlepage, bibliography, bibstyle, cellguard, codebook, index, site


def setup(app):
    for part in (arabic, articlepage, bibliography, bibstyle, cellguard, codebook, index, site):
        part.setup(app)
    app.add_css_file("rsii.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
