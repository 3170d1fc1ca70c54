"""Values a notebook computed, in its prose: ``{eval}`name```.

The same Markdown is read in two places. In JupyterLab, jupyterlab-myst evaluates
``name`` in the notebook's kernel. The book executes its notebooks through
jupyter-cache, and myst-nb's own ``{eval}`` needs a running kernel; this role replaces
it and shows the value the notebook glued under that name
(``rsii.present.notebook.glue_values`` glues each value and binds it to one name).

The role only leaves a placeholder (:class:`glued_value`) naming the value; a
transform puts the value there, from the values kept per document in the environment
when myst-nb parsed the notebook. So the role works as well inside a paragraph that
Sphinx's translation (gettext) parses again on its own, away from the notebook: the
book's later Arabic edition.

A value is shown as text: its ``text/markdown`` parsed as MyST (so links and Arabic
runs are marked as in the rest of the page), else its ``text/plain`` (without the
quotes of a Python string's repr, which jupyterlab-myst drops too). An unknown name is a
warning that names the notebook and the name, and fails a strict build.
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils import new_document
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from rsii.book.sphinxext import workarounds

logger = logging.getLogger(__name__)

# The forms a value can take in running text, in the order they are preferred.
TEXT_TYPES = ("text/markdown", "text/plain")
STORE = "rsii_glued_values"


class glued_value(nodes.Inline, nodes.Element):
    """Where ``{eval}`name``` stands until the value glued as ``name`` replaces it."""


def stored(env) -> dict[str, dict[str, dict[str, str]]]:
    """The values kept in the environment: document → name → MIME type → text."""
    if not hasattr(env, STORE):
        setattr(env, STORE, {})
    return getattr(env, STORE)


def text_forms(outputs: dict) -> dict[str, dict[str, str]]:
    """Of each glued output (name → output), the forms running text can show."""
    return {
        name: {mime: output["data"][mime] for mime in TEXT_TYPES if mime in output["data"]}
        for name, output in outputs.items()
    }


class EvalRole(SphinxRole):
    """``{eval}`name```: a placeholder for the value glued as ``name``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        outputs = workarounds.glued_outputs(self.inliner.document)
        values = stored(self.env)
        # Kept once per reading of the document (the role may come back to a message
        # that gettext's translation parses again, where no notebook is at hand).
        if outputs is not None and self.env.docname not in values:
            values[self.env.docname] = text_forms(outputs)
        node = glued_value(self.rawtext, name=self.text.strip())
        self.set_source_info(node)
        return [node], []


def _unquoted(text: str) -> str:
    """A Python string's repr without its quotes; anything else as it is."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_inline(text: str, document: nodes.document) -> list[nodes.Node] | None:
    """MyST that makes one paragraph, as the nodes inside it (None if it makes more,
    or other blocks), parsed in the document's settings and environment."""
    sub = new_document(document.get("source", ""), document.settings)
    MystParser().parse(text, sub)
    blocks = [n for n in sub.children if not isinstance(n, nodes.system_message)]
    if not blocks:
        return []
    if len(blocks) == 1 and isinstance(blocks[0], nodes.paragraph):
        return list(blocks[0].children)
    return None


def resolve(node: glued_value, values: dict[str, dict[str, str]] | None, where: str, parse):
    """Replace the placeholder with its value (``values``: name → MIME type → text, or
    None when the document glued nothing); warn, naming ``where`` and the name, and
    drop the placeholder when there is no such value or it is not text.
    ``parse(markdown)`` gives a Markdown value's inline nodes, as :func:`parse_inline`."""
    name = node["name"]
    forms = (values or {}).get(name)
    shown = None
    if forms is None:
        problem = "glued no value" if values is None else "glued no value named"
        logger.warning(
            "%s %s %r (for {eval}`%s`)", where, problem, name, name, location=node,
            type="rsii", subtype="eval",
        )  # fmt: skip
    elif "text/markdown" in forms:
        shown = parse(forms["text/markdown"])
    elif "text/plain" in forms:
        text = _unquoted(forms["text/plain"])
        shown = [nodes.Text(text)]
    if forms is not None and shown is None:
        logger.warning(
            "%s glued %r as no inline text (for {eval}`%s`)", where, name, name,
            location=node, type="rsii", subtype="eval",
        )  # fmt: skip
    if shown is None:
        node.parent.remove(node)
        return
    node.replace_self(nodes.inline("", "", *shown, classes=["rsii-value"]))


class ResolveGluedValues(SphinxTransform):
    """Every ``{eval}`` placeholder of the document, replaced with its value."""

    default_priority = 25  # after Sphinx translates messages (the Locale transform, 20)

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        values = stored(self.env).get(docname)
        where = self.env.doc2path(docname, base=False)
        for node in list(self.document.findall(glued_value)):
            resolve(node, values, str(where), lambda text: parse_inline(text, self.document))


def _purge(app, env, docname) -> None:
    stored(env).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in stored(other):
            stored(env)[docname] = stored(other)[docname]


def setup(app):
    # myst-nb registers its own {eval} when it is set up: set it up first, so that this
    # role replaces that one and not the other way round.
    app.setup_extension("myst_nb")
    app.add_role("eval", EvalRole(), override=True)
    app.add_transform(ResolveGluedValues)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
