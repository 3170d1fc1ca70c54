"""Every place where the book works around what an upstream package does, in one module.

Each workaround names the pinned version it was written against and where upstream
does it; ``tests/test_workarounds.py`` checks that upstream still does, so a test fails
(and the workaround can go) once upstream changes. This is the only module that imports
names myst-nb or jupyter-cache do not document as public.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from sphinx.locale import get_translation

# --- myst-nb 1.4.0: the ".ipynb" download of a page whose outputs came from the cache


def executed_download(app, doctree) -> None:
    """The notebook offered for download (``_sources/<page>.ipynb``, which the theme
    copies from myst-nb's ``jupyter_execute/<page>.ipynb``) holds its outputs.

    myst-nb 1.4.0 (``myst_nb/sphinx_.py``, ``Parser.parse``) writes that file from the
    notebook it *read*; when the outputs come from jupyter-cache they live in a merged
    copy, so the file has none. (No upstream issue found in MyST-NB's tracker; the
    closest is executablebooks/MyST-NB#617, outputs not restored from the cache for
    jupytext notebooks.) Here the file is written again from the cache, merged, and
    stripped of glued data as myst-nb strips the notebook it renders."""
    path = Path(app.env.doc2path(app.env.docname))
    if app.config.source_suffix.get(path.suffix) != "myst-nb" or not _is_notebook(path):
        return
    import nbformat
    from jupyter_cache import get_cache
    from myst_nb.core.read import myst_nb_reader_plugin
    from myst_nb.ext.glue import extract_glue_data_cell

    config = app.env.mystnb_config
    try:
        cache = get_cache(config.execution_cache_path)
        _, executed = cache.merge_match_into_notebook(myst_nb_reader_plugin(str(path)))
    except KeyError:
        return  # not executed (it failed: the build reports it)
    for cell in executed.cells:
        if cell.cell_type == "code":
            extract_glue_data_cell(cell)  # as myst-nb does: glued, undisplayed outputs go
    *folders, name = app.env.docname.split("/")
    target = Path(config.output_folder, *folders, name + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, target)


def _is_notebook(path: Path) -> bool:
    from myst_nb.core.read import is_myst_markdown_notebook

    return is_myst_markdown_notebook(path.read_text(encoding="utf-8"))


# --- sphinx-book-theme 1.3.0: the ".ipynb" download only with a launch button


def ipynb_download(app, pagename, templatename, context, doctree) -> None:
    """sphinx-book-theme 1.3.0 (``header_buttons/launch.py``, ``add_launch_buttons``)
    copies a MyST notebook's executed ``.ipynb`` into ``_sources`` and offers it for
    download only when a launch button (Binder, JupyterHub, …) is configured; the book
    has none until it has a public address. The same copy, made here."""
    if context.get("ipynb_source"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(executed.read_bytes())
    context["ipynb_source"] = f"{pagename}.ipynb"


# --- Sphinx 7.4.7: an inline script added after the builder starts is emitted twice


def unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Sphinx 7.4.7 lists an inline script added after the builder starts twice (once
    with filename None, once ""), so sphinx-thebe's ``const THEBE_JS_URL`` is declared
    twice and the browser logs an error. Each script is kept once."""
    seen, scripts = set(), []
    for js in context.get("script_files", []):
        key = (
            getattr(js, "filename", js) or "",
            tuple(sorted(getattr(js, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            scripts.append(js)
    context["script_files"] = scripts


# --- docutils 0.21.2: the deprecated ARIA role doc-biblioentry


def citation_roles(app, pagename, templatename, context, doctree) -> None:
    """docutils 0.21.2 (``writers/_html_base.py``, ``visit_citation``) marks citations
    with the deprecated ARIA role ``doc-biblioentry`` inside a ``role="list"``, and
    axe-core requires list items there."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


# --- pydata-sphinx-theme 0.17.1: a fold toggle without an accessible name

TOGGLE = '<summary><span class="toctree-toggle"'


def labelled_toggles(app, pagename, templatename, context, doctree) -> None:
    """pydata-sphinx-theme 0.17.1 (``toctree.py``, ``add_collapse_checkboxes``) folds a
    chapter's pages under a ``<summary>`` holding only a chevron icon, and axe-core
    requires a name for it. (The theme hands back a BeautifulSoup document: str().)"""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    # In the edition's language, from the interface catalog (locales/ar/.../sphinx.po).
    label = get_translation("sphinx")("Show or hide the pages of this chapter")

    def labelled(*args, **kwargs) -> str:
        return str(generate(*args, **kwargs)).replace(
            TOGGLE, f'<summary aria-label="{label}"><span class="toctree-toggle"'
        )

    context["generate_toctree_html"] = labelled


# --- pybtex 0.26.1: a scan of every installed entry point per citation


def fast_citation_lookup() -> None:
    """sphinxcontrib-bibtex 2.7.0 asks pybtex 0.26.1 for its plaintext backend at every
    citation it resolves (``pybtex.plugin.find_plugin``), and pybtex scans every
    installed entry point for it, about 13 ms each time; the register's pages hold a
    few hundred citations. Registered at run time, the same class is found in a
    dictionary."""
    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.backends", "plaintext", Backend, force=True)


# --- Sphinx 7.4.7: the static files are copied only when some page is written


def static_files_changed(app, env) -> list[str]:
    """Sphinx 7.4.7 (``Builder.build``) copies ``html_static_path`` in its finish
    phase, which it skips when no page is out of date (sphinx-doc/sphinx#1810, fixed
    in Sphinx 8.2 by sphinx-doc/sphinx#13236): a style sheet edited alone would never
    reach the site. When a static file differs from its copy in the site, the first
    page is written again, and the finish phase copies them all."""
    if app.builder.format != "html":
        return []
    site = Path(app.outdir) / "_static"
    for entry in app.config.html_static_path:
        folder = Path(app.confdir, entry)
        for path in sorted(folder.rglob("*")):
            copy = site / path.relative_to(folder)
            if path.is_file() and not (copy.is_file() and filecmp.cmp(path, copy, shallow=False)):
                return [app.config.root_doc]
    return []


# --- myst-nb 1.4.0: {eval} only with a live kernel; the glued values on the document


def glued_outputs(document) -> dict | None:
    """The outputs a notebook glued (name → output, with ``data`` by MIME type) while
    myst-nb parses it; None for a document myst-nb is not parsing as a notebook (a
    page, or a translated message parsed on its own).

    myst-nb 1.4.0 resolves ``{eval}`` by asking a running kernel (``myst_nb/ext/eval``,
    ``retrieve_eval_data``: ``nb_client.eval_variable``), which only inline execution
    has, not a book executed through jupyter-cache. The values the notebook glued are
    on the document while it is parsed, where myst-nb's own ``{glue}`` role reads them
    (``myst_nb/ext/glue/utils.py``, ``retrieve_glue_data``), and removed after."""
    renderer = document.get("nb_renderer")
    if renderer is None:
        return None
    return dict(renderer.renderer.nb_client.glue_data)


def setup(app) -> None:
    fast_citation_lookup()
    app.connect("env-get-updated", static_files_changed)
    app.connect("doctree-read", executed_download)
    # Before the theme's header buttons (priority 501), which read ipynb_source.
    app.connect("html-page-context", ipynb_download, priority=500)
    app.connect("html-page-context", unique_scripts)
    app.connect("html-page-context", citation_roles)
    app.connect("html-page-context", labelled_toggles, priority=900)
