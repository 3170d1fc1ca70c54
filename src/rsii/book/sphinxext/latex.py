"""Small pieces the extension's LaTeX parts share."""

from __future__ import annotations


def add_preamble(text: str):
    """A ``config-inited`` handler that appends ``text`` to the LaTeX preamble."""

    def handler(app, config) -> None:
        elements = dict(config.latex_elements)
        elements["preamble"] = elements.get("preamble", "") + text
        config.latex_elements = elements

    return handler


def skip(self, node) -> None:
    """A visitor or departure with nothing to write."""
