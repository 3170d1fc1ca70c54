"""The book's own Sphinx extension: Arabic markup, footnote-numbered bibliography
styles, the generated article chapter and the actor register."""

from . import arabic, articlepage, bibstyle, codebook, register, site


def setup(app):
    for part in (arabic, articlepage, bibstyle, codebook, register, site):
        part.setup(app)
    app.add_css_file("rsii.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
