"""The two helpers a chapter's notebook has of its own: glue computed values into its
prose, and show a figure as a reproducible PNG. Everything else a notebook takes from
where it lives (``rsii.data.load``, ``rsii.analysis.network``, ``rsii.present.figures``
and so on), so that a reader rerunning it sees which module does what.

The prose names a glued value with ``{eval}`name```. In the book, the book's Sphinx
extension puts there the value glued under that name; in JupyterLab, jupyterlab-myst
evaluates ``name`` in the notebook's kernel, where :func:`glue_values` has bound it to
the same value.
"""

from __future__ import annotations

from numbers import Integral

from IPython import get_ipython
from IPython.display import Image, display
from myst_nb import glue

from rsii.present.figures import png_bytes
from rsii.present.tables import Markdown


def prose_value(value):
    """A value as the prose shows it: a whole number as it is, text as
    :class:`~rsii.present.tables.Markdown` (MyST for the book; HTML and plain text,
    without quotes or roles, for JupyterLab), any other object (a figure) as it is.

    A float is refused: the prose would print every digit of it, so a notebook formats
    it first, ``f"{share:.2f}"``, and glues the text."""
    if hasattr(value, "item") and not hasattr(value, "__len__"):
        value = value.item()  # a NumPy scalar: the Python number it holds
    if isinstance(value, float):
        raise TypeError(f"format the float {value!r} for the prose first, e.g. f'{{x:.2f}}'")
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, str):
        return Markdown(value)
    return value


def glue_values(**values) -> None:
    """Glue each value under its keyword name for the prose's ``{eval}`name```, and
    bind the name in the notebook's namespace, where JupyterLab evaluates it.

    Values pass through :func:`prose_value`; outside IPython (a plain script) there is
    no namespace to bind and nothing to glue into, and nothing happens but the checks.
    """
    shown = {name: prose_value(value) for name, value in values.items()}
    shell = get_ipython()
    if shell is None:
        return
    for name, value in shown.items():
        glue(name, value, display=False)
    shell.user_ns.update(shown)


def show_figure(fig) -> None:
    """Display a matplotlib figure as a PNG with no timestamp."""
    display(Image(png_bytes(fig)))
