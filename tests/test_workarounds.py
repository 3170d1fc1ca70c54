"""Each workaround in rsii.book.sphinxext.workarounds answers something upstream does
at the pinned version. These tests check that upstream still does it: when one fails,
upstream has changed, and the workaround can go."""

from __future__ import annotations

import inspect


def test_myst_nb_writes_the_download_from_the_notebook_it_read():
    from myst_nb.sphinx_ import Parser

    source = inspect.getsource(Parser.parse)
    assert "content = nbformat.writes(notebook)" in source  # not nb_client's merged copy


def test_docutils_marks_citations_doc_biblioentry():
    from docutils.writers import _html_base

    assert 'role="doc-biblioentry"' in inspect.getsource(_html_base.HTMLTranslator)


def test_the_theme_folds_chapters_under_an_unnamed_summary():
    from pydata_sphinx_theme import toctree

    source = inspect.getsource(toctree.add_collapse_checkboxes)
    assert 'soup.new_tag("summary")' in source and "aria-label" not in source


def test_pybtex_looks_plugins_up_among_entry_points_each_time():
    from pybtex import plugin

    assert "_load_entry_point(plugin_group, name" in inspect.getsource(plugin.find_plugin)


def test_sphinx_tells_an_inline_script_named_none_from_one_named_empty():
    """Sphinx 7.4.7 lists an inline script added after the builder starts once with the
    filename None and once with "", and does not see that they are the same script."""
    from sphinx.builders.html._assets import _JavaScript

    assert _JavaScript(None, body="x") != _JavaScript("", body="x")


def test_the_theme_offers_the_ipynb_only_with_a_launch_button():
    from sphinx_book_theme.header_buttons import launch

    source = inspect.getsource(launch.add_launch_buttons)
    assert '"binderhub_url"' in source and source.index("return") < source.index("copy2(")


def test_sphinx_copies_the_static_files_only_when_it_writes_a_page():
    from sphinx.builders import Builder

    source = inspect.getsource(Builder.build)
    early = source.index("no targets are out of date")
    assert "return" in source[early:] and source.index("return", early) < source.index("finish")


def test_myst_nb_evaluates_eval_with_a_kernel_and_keeps_glued_values_on_the_document():
    """Why the book has an {eval} role of its own (rsii.book.sphinxext.inlinevalues),
    and where ``workarounds.glued_outputs`` finds the values."""
    from myst_nb.ext.eval import retrieve_eval_data
    from myst_nb.ext.glue.utils import retrieve_glue_data

    assert "nb_client.eval_variable(key)" in inspect.getsource(retrieve_eval_data)
    glue = inspect.getsource(retrieve_glue_data)
    assert 'document["nb_renderer"]' in glue and "renderer.nb_client.glue_data" in glue
