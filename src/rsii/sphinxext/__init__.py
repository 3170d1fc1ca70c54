"""The book's own Sphinx extension: Arabic markup, footnote-numbered bibliography
styles, the generated article chapter and actor register, bibliographies kept in place
in the PDF, the index, the notebooks run side by side, and a guard against publishing
a cell's stderr."""

from importlib import import_module

# Each part connects its own events; the order of their handlers is set by priorities.
PARTS = (
    "arabic",
    "articlepage",
    "bibliography",
    "bibstyle",
    "cellguard",
    "codebook",
    "execution",
    "index",
    "register",
    "site",
)


def setup(app):
    for part in PARTS:
        import_module(f"{__name__}.{part}").setup(app)
    app.add_css_file("rsii.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
