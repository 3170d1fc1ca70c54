"""Everything a chapter's notebook uses, importable in one line::

    from rsii.present.notebook import load, network, figures, glue_values, show_figure

The loaders (:mod:`rsii.data.load`), the analyses (:mod:`rsii.analysis`), the means to
show them (figures, tables, the interactive network, the register's links), and two
helpers of its own: glue computed values into the prose, and show a figure as a
reproducible PNG.
"""

from __future__ import annotations

from IPython.display import Image, display
from myst_nb import glue

from rsii.analysis import (
    balance,
    centrality,
    dna,
    evidence,
    network,
    results,
    signed,
    stated,
    timeline,
)
from rsii.data import load
from rsii.present import figures, interactive, register, timechart, views, words
from rsii.present.figures import png_bytes
from rsii.present.tables import Markdown, markdown_table

__all__ = [
    "balance",
    "centrality",
    "dna",
    "evidence",
    "figures",
    "glue_values",
    "interactive",
    "load",
    "markdown_table",
    "network",
    "register",
    "results",
    "show_figure",
    "signed",
    "stated",
    "timechart",
    "timeline",
    "views",
    "words",
]


def glue_values(**values) -> None:
    """Make each value available to the prose: numbers with {glue:text}`name`, strings
    (as Markdown) with {glue:md}`name`."""
    for name, value in values.items():
        if hasattr(value, "item"):  # a NumPy scalar: glued as the Python number it holds
            value = value.item()
        glue(name, Markdown(value) if isinstance(value, str) else value, display=False)


def show_figure(fig) -> None:
    """Display a matplotlib figure as a PNG with no timestamp."""
    display(Image(png_bytes(fig)))
