"""What the notebooks need besides the analysis: glue numbers and names into the prose,
and show figures as reproducible PNGs."""

from __future__ import annotations

import matplotlib.pyplot as plt
from IPython.display import Image, display
from myst_nb import glue

from .figures import png_bytes
from .tables import Markdown


def glue_values(**values) -> None:
    """Make each value available to the prose: numbers with {glue:text}`name`, strings
    (as Markdown) with {glue:md}`name`."""
    for name, value in values.items():
        glue(name, Markdown(value) if isinstance(value, str) else value, display=False)


def show(fig) -> None:
    """Display a matplotlib figure as a PNG with no timestamp, then close it."""
    display(Image(png_bytes(fig)))
    plt.close(fig)
