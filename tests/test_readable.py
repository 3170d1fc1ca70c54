"""What a rerun notebook shows outside the book: tables and glued values as a reader
reads them (HTML and plain text, no MyST roles), and glued values bound in the kernel
with the MIME bundle jupyterlab-myst renders for ``{eval}`name```."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.core.formatters import format_display_data
from jupyter_client.manager import start_new_kernel

from rsii.present import notebook, readable, tables

ACTORS = {"russia": "russia", "Russia": "russia", "Iraq": "iraq", "iraq": "iraq"}


def _table() -> tables.Markdown:
    df = pd.DataFrame(
        {
            "Iraq": ["Russia; Iraq (host)", "x | y"],
            "Quote": ["تحالف رباعي", "`data/events.csv`"],
            "Sentence": ["s14", "s20"],
            "Footnotes": ["{cite:p}`fn03,fn07`", ""],
            "Share": [0.5, 0.25],
        }
    )
    return tables.markdown_table(df, actors=ACTORS)


def test_a_table_is_myst_for_the_book_and_plain_html_for_jupyterlab():
    table = _table()
    bundle, _ = format_display_data(table)
    # The book's MyST is unchanged: column widths for LaTeX, links to the register.
    assert bundle["text/markdown"].startswith("```{tabularcolumns}")
    assert "{ref}`Russia <actor-russia>`" in bundle["text/markdown"]
    html = bundle["text/html"]
    for source in ("{", "}", "`", "tabularcolumns", "\\Y", "actor-russia", "<actor"):
        assert source not in html, source
    assert html.startswith("<table><thead><tr><th>Iraq</th><th>Quote</th>")
    assert "<td>Russia; Iraq (host)</td>" in html
    assert '<td><span lang="ar" dir="rtl">تحالف رباعي</span></td>' in html
    assert "<td>sentence 14</td>" in html and "<td>x | y</td>" in html
    assert "<td>[fn03, fn07]</td>" in html and "<code>data/events.csv</code>" in html
    assert "<td>0.500</td>" in html
    assert bundle["text/plain"].splitlines()[1] == (
        "Russia; Iraq (host) | تحالف رباعي | sentence 14 | [fn03, fn07] | 0.500"
    )


def test_roles_read_as_their_labels():
    assert readable.plain("{ref}`sentence 14 <sentence-s14>` and {ar}`سوريا`") == (
        "sentence 14 and سوريا"
    )
    assert readable.plain("as {cite:t}`leifeld2017dna` shows") == "as leifeld2017dna shows"
    assert readable.inline_html("a < b & {ref}`Iraq <actor-iraq>`") == "a &lt; b &amp; Iraq"


def test_prose_values_read_without_quotes_or_roles():
    value = notebook.prose_value("the {ref}`Russia <actor-russia>` – 0.83")
    bundle, _ = format_display_data(value)
    assert bundle["text/plain"] == "the Russia – 0.83"  # no quotes: not a str's repr
    assert bundle["text/markdown"] == "the {ref}`Russia <actor-russia>` – 0.83"
    assert bundle["text/html"] == "the Russia – 0.83"
    import numpy as np

    assert notebook.prose_value(np.int64(7)) == 7 and type(notebook.prose_value(np.int64(7))) is int
    with pytest.raises(TypeError, match="format the float"):
        notebook.prose_value(np.float64(0.8333))


def test_glued_values_are_bound_where_jupyterlab_evaluates_them():
    """What jupyterlab-myst does for ``{eval}`name```: ask the kernel for ``name`` as a
    user expression, and render the MIME bundle it gets back."""
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        code = (
            "from rsii.present.notebook import glue_values\n"
            "glue_values(n_actors=12, s_share=f'{0.8333:.2f}', top='the {ref}`Iraq <actor-iraq>`')"
        )
        expressions = {"a": "n_actors", "b": "s_share", "c": "top"}
        reply = client.execute_interactive(code, user_expressions=expressions, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        found = reply["content"]["user_expressions"]
        assert found["a"]["data"] == {"text/plain": "12"}
        assert found["b"]["data"]["text/plain"] == "0.83"
        assert found["c"]["data"]["text/html"] == "the Iraq"
        assert found["c"]["data"]["text/plain"] == "the Iraq"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
