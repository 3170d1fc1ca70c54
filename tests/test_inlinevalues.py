"""The book's ``{eval}`name``` role (rsii.book.sphinxext.inlinevalues): the value a
notebook glued under ``name``, in the book as in JupyterLab, also inside a paragraph
that Sphinx's translation parsed again, and an unknown name fails a strict build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from rsii.book.sphinxext.inlinevalues import glued_value, resolve, text_forms

PREFIX = "application/papermill.record/"  # as myst_nb.glue(..., display=False) writes


def _glued(name: str, data: dict) -> dict:
    return new_output(
        "display_data",
        data={PREFIX + k: v for k, v in data.items()},
        metadata={"scrapbook": {"name": name, "mime_prefix": PREFIX}},
    )


def _paragraph(*parts) -> tuple[nodes.document, nodes.paragraph]:
    """A docutils document of one paragraph, as a translated message parses into: text
    and ``{eval}`` placeholders in the translator's order."""
    document = new_document("<translated>", get_default_settings(Parser))
    paragraph = nodes.paragraph()
    for part in parts:
        paragraph += glued_value("", name=part[1:]) if part.startswith("=") else nodes.Text(part)
    document += paragraph
    return document, paragraph


def test_the_resolver_fills_a_reparsed_paragraph_in_the_translators_order():
    document, paragraph = _paragraph("نسبة ", "=share", " من ", "=n", " و", "=who", ".")
    values = text_forms(
        {
            "n": {"data": {"text/plain": "12"}},
            "share": {"data": {"text/plain": "'0.83'"}},  # a str's repr: quotes go
            "who": {"data": {"text/plain": "the coalition", "text/markdown": "*the* coalition"}},
        }
    )
    for node in list(document.findall(glued_value)):
        resolve(node, values, "notebooks/x.md", lambda md: [nodes.emphasis(md, md)])
    assert paragraph.astext() == "نسبة 0.83 من 12 و*the* coalition."
    # Markdown is parsed (here by the stand-in), not shown as text/plain.
    assert [e.astext() for e in paragraph.findall(nodes.emphasis)] == ["*the* coalition"]
    assert not list(document.findall(glued_value))


def test_only_text_is_kept_of_what_a_notebook_glued():
    forms = text_forms(
        {"fig": {"data": {"image/png": "iVBOR", "text/plain": "<Figure>"}}, "n": {"data": {}}}
    )
    assert forms == {"fig": {"text/plain": "<Figure>"}, "n": {}}


def _project(folder: Path, paragraph: str) -> Path:
    """A small Sphinx project: one notebook whose outputs (glued values) are stored in
    it, so that myst-nb reads them as it reads the book's from jupyter-cache."""
    folder.mkdir()
    (folder / "conf.py").write_text(
        # Listed before myst-nb on purpose: the role still replaces myst-nb's {eval},
        # which would ask for a running kernel.
        'extensions = ["rsii.book.sphinxext.inlinevalues", "myst_nb"]\n'
        'nb_execution_mode = "off"\n'
        'locale_dirs = ["locale"]\n'
        "gettext_compact = False\n"
        'exclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Values\n\n(here)=\n## Here"),
            new_code_cell(
                "glue_values(...)",
                outputs=[
                    _glued("n", {"text/plain": "12"}),
                    _glued(
                        "who",
                        {
                            "text/plain": "the coalition of this section",
                            "text/markdown": "the *coalition* of {ref}`this section <here>`",
                        },
                    ),
                    _glued("share", {"text/plain": "0.83", "text/markdown": "0.83"}),
                ],
            ),
            new_markdown_cell(paragraph),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.write(notebook, folder / "chapter.ipynb")
    (folder / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n", encoding="utf-8")
    return folder


def _build(folder: Path, *options: str) -> subprocess.CompletedProcess:
    out = folder / "_build" / "html"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            *options,
            str(folder),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _paragraph_html(folder: Path, starts: str) -> str:
    page = (folder / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    start = page.index(starts)
    return page[start : page.index("</p>", start)]


SOURCE = "There are {eval}`n` actors, first the {eval}`who`, a share of {eval}`share`."


def test_values_in_the_book_and_in_a_translated_paragraph(tmp_path):
    folder = _project(tmp_path / "book", SOURCE)
    built = _build(folder)
    assert built.returncode == 0, built.stderr
    html = _paragraph_html(folder, "There are")
    assert '<span class="rsii-value">12</span> actors' in html
    assert 'the <em>coalition</em> of <a class="reference internal" href="#here">' in html
    assert "{eval}" not in html and "'0.83'" not in html and "0.83" in html

    # Sphinx's translation replaces the paragraph with the message parsed on its own,
    # where myst-nb's parsing state (and its glued values) is gone.
    catalog = folder / "locale" / "ar" / "LC_MESSAGES" / "chapter.po"
    catalog.parent.mkdir(parents=True)
    translated = "ترجمة {eval}`share` ثم {eval}`who` ثم {eval}`n`."
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"msgid {json.dumps(SOURCE, ensure_ascii=False)}\n"
        f"msgstr {json.dumps(translated, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    built = _build(folder, "-E", "-D", "language=ar")
    assert built.returncode == 0, built.stderr
    html = _paragraph_html(folder, "ترجمة")
    assert '<span class="rsii-value">0.83</span> ثم' in html
    assert 'the <em>coalition</em> of <a class="reference internal" href="#here">' in html
    assert html.endswith('<span class="rsii-value">12</span>.')


def test_an_unknown_name_fails_the_strict_build_naming_notebook_and_name(tmp_path):
    folder = _project(tmp_path / "book", "A value never glued: {eval}`n_missing`.")
    built = _build(folder)
    assert built.returncode != 0
    assert "chapter.ipynb glued no value named 'n_missing'" in built.stderr, built.stderr
