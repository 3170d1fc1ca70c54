"""The book's own Sphinx extension: Arabic markup, footnote-numbered bibliography
styles, the generated article chapter, the back matter, and a guard against publishing
a cell's stderr."""

from . import arabic, articlepage, backmatter, bibstyle, cellguard, codebook, site


def setup(app):
    for part in (arabic, articlepage, backmatter, bibstyle, cellguard, codebook, site):
        part.setup(app)
    app.add_css_file("rsii.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
