"""The book's own Sphinx extension: Arabic markup, the right-to-left edition and the
switch between the editions, footnote-numbered bibliography
styles, the generated article chapter and actor register, bibliographies kept in place
in the PDF, the index, the guard against publishing a cell's stderr, the values a
notebook glued into its prose (``{eval}``), the site's finishing touches, search in Arabic, and the
workarounds of upstream behaviour (each in one module)."""

from rsii.book.sphinxext import (
    arabic,
    articlepage,
    bibliography,
    bibstyle,
    cellguard,
    codebook,
    codecells,
    edition,
    index,
    inlinevalues,
    latex_ar,
    pdftables,
    register,
    rtl,
    search_ar,
    site,
    translation,
    whatif,
    workarounds,
)

# Each part connects its own events; the order of their handlers is set by priorities.
PARTS = (
    arabic,
    articlepage,
    bibliography,
    bibstyle,
    cellguard,
    codebook,
    codecells,
    edition,
    index,
    inlinevalues,
    latex_ar,
    pdftables,
    register,
    rtl,
    search_ar,
    site,
    translation,
    whatif,
    workarounds,
)


def setup(app):
    for part in PARTS:
        part.setup(app)
    app.add_css_file("rsii.css")
    # Reading in parallel is not tested, and the pages the build writes when it starts
    # (the article, the register) are written once, by the main process.
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}
