"""What Sphinx translates from the catalogs, and the check that it translated all of it.

Two kinds of text reach a page of the Arabic edition. The hand-written prose of the
chapters and the notebooks' Markdown is English in the sources and translated by
Sphinx from ``locales/ar/LC_MESSAGES/<page>.po``. What the code writes (the cells'
outputs, the codebook's tables, the what-if view, the generated pages) is written in
the edition's language to begin with (:mod:`rsii.present.i18n`): it is kept out of
the catalogs (``translatable = False``, before Sphinx's ``Locale`` transform at
priority 20), or it would be extracted as English and then found "untranslated".

The check: Sphinx marks every node it could translate as translated or not
(``translation_progress_classes``, set in book/_config.ar.yml), and falls back to the
English in silence. Here every untranslated node is a warning, with its page and line,
which the strict build turns into an error; so is a page whose catalog is missing.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from rsii.present.arabic import has_arabic

logger = logging.getLogger(__name__)

OUTPUT_CLASSES = {"cell_output"}  # myst-nb's container of a code cell's outputs


def keep_as_written(node: nodes.Node, hand_written=()) -> None:
    """Keep ``node`` and everything in it out of the catalogs: it is written in the
    edition's language by the code; except the node types in ``hand_written``, and what
    is in them."""
    for element in node.findall(nodes.Element):
        if not any(isinstance(a, hand_written) for a in _lineage(element, node)):
            element["translatable"] = False


def _lineage(element: nodes.Element, top: nodes.Node):
    while element is not None and element is not top:
        yield element
        element = element.parent


class KeepOutputsAsWritten(SphinxTransform):
    """Cells' outputs are written by the code in the edition's language."""

    default_priority = 15  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if OUTPUT_CLASSES & set(container.get("classes", [])):
                # A figure's caption and its image's description are the notebook's
                # prose, written in the cell's metadata: translated like the rest.
                keep_as_written(container, hand_written=(nodes.caption, nodes.image))
        for image in self.document.findall(nodes.image):
            # Its description (alt) is translated; its file, which the build names by
            # a hash of the figure, is not a message: no edition shows other images.
            image["translatable"] = False


# Pages the build writes in the edition's language (rsii.book.stamps.GENERATED).
GENERATED_PAGES = ("book/article", "book/actors/")


class TranslateTocCaptions(SphinxTransform):
    """The parts' captions ("The source", "Analysis", …) are messages of the root page's
    catalog, but sphinx-external-toc puts its toctrees in after Sphinx translated the
    page (``InsertToctrees``, priority 100), so they stayed English on every page's
    sidebar: translated here, from the same catalog, and failing like any other text
    when the catalog lacks them."""

    default_priority = 110

    def apply(self, **kwargs) -> None:
        if self.config.language == "en":
            return
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [str(Path(self.env.srcdir) / d) for d in self.config.locale_dirs]
        catalog, _ = init_locale(dirs, self.config.language, domain)
        for toctree in self.document.findall(addnodes.toctree):
            caption = toctree.get("caption")
            if not caption:
                continue
            translated = catalog.gettext(caption)
            if translated == caption:
                _warn(self.app, toctree, caption)
            toctree["caption"] = translated


class CheckTranslated(SphinxTransform):
    """After Sphinx marks what it translated (``AddTranslationClasses``, 950)."""

    default_priority = 960

    def apply(self, **kwargs) -> None:
        check_translated(self.app, self.document)


def check_translated(app, doctree) -> None:
    """In an edition other than English, every translatable text of the page must have
    come from its catalog."""
    if app.config.language == "en" or not app.config.translation_progress_classes:
        return
    docname = app.env.docname
    if not docname.startswith(GENERATED_PAGES):
        catalog = Path(app.srcdir) / "locales" / app.config.language / "LC_MESSAGES"
        if not (catalog / f"{docname}.po").is_file():
            logger.warning(
                "no %s catalog for this page (%s); run `make catalogs` and translate it",
                app.config.language,
                (catalog / f"{docname}.po").relative_to(app.srcdir),
                location=docname,
                type="rsii",
                subtype="untranslated",
            )
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.image):
            # Sphinx translates an image's description but marks the image by its file,
            # which is no message: an image is translated when its description is.
            if node.get("alt") and not has_arabic(node["alt"]):
                _warn(app, node, node["alt"])
            elif "untranslated" in node.get("classes", ()):
                node["classes"].remove("untranslated")  # its description is translated
                node["classes"].append("translated")
            continue
        if "untranslated" in node.get("classes", ()):
            _warn(app, node, node.astext())


def _warn(app, node, text: str) -> None:
    text = text.strip().replace("\n", " ")
    logger.warning(
        "untranslated (no %s translation in the page's catalog, or only a fuzzy one): %r; "
        "run `make catalogs` and translate it",
        app.config.language,
        text[:80] + ("..." if len(text) > 80 else ""),
        location=node,
        type="rsii",
        subtype="untranslated",
    )


def setup(app):
    app.add_transform(KeepOutputsAsWritten)
    app.add_transform(CheckTranslated)
    app.add_transform(TranslateTocCaptions)
