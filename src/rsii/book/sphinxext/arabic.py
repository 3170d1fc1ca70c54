"""Arabic marked once, rendered right in every builder.

``{ar}`text``` (role) and ```{ar}``` (directive) mark Arabic explicitly; a post-transform
also wraps any Arabic run left unmarked (notebook output, bibliography entries), so
every run gets ``lang="ar" dir="rtl"`` in HTML and babel's Arabic in LaTeX. In the
Arabic edition's HTML, whose pages say they are Arabic, it leaves the text as it is.

The reverse, in the Arabic edition: ``{en}`text``` marks an English run inside Arabic
prose (the title of a cited work, a Latin name), ``lang="en" dir="ltr"`` in HTML, plain
text in LaTeX for now.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.transforms.post_transforms import SphinxPostTransform

from rsii.present import arabic


class ar_inline(nodes.inline):
    """An Arabic run inside a paragraph."""


class ar_block(nodes.container):
    """A right-to-left Arabic paragraph or group of paragraphs."""


class en_inline(nodes.inline):
    """An English run inside Arabic prose."""


def ar_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    return [ar_inline(rawtext, text, classes=["ar"])], []


def en_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    return [en_inline(rawtext, text, classes=["en"])], []


class ArDirective(Directive):
    """A block of Arabic: its content is parsed as ordinary markup."""

    has_content = True

    def run(self):
        node = ar_block("\n".join(self.content), classes=["ar"])
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


_SKIP = (
    nodes.literal_block,
    nodes.literal,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    ar_inline,
    ar_block,
)


class WrapArabicRuns(SphinxPostTransform):
    """Mark every Arabic run that no author marked, whatever produced it."""

    default_priority = 990  # after the bibliography and citations are laid out

    def run(self, **kwargs):
        if self.config.language == "ar" and self.app.builder.format == "html":
            return  # the page itself says it is Arabic (<html lang="ar">)
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or inside(parent, _SKIP) or not arabic.has_arabic(text):
                continue
            parent.replace(text, _split(str(text)))


def inside(node, kinds) -> bool:
    """Whether ``node`` or one of its ancestors is one of ``kinds``."""
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


def _split(value: str) -> list[nodes.Node]:
    return [
        ar_inline(piece, piece, classes=["ar"]) if ar else nodes.Text(piece)
        for piece, ar in arabic.pieces(value)
    ]


# --- HTML: the attributes a browser and a screen reader need ------------------------


def html_visit_inline(self, node):
    self.body.append(self.starttag(node, "span", "", lang="ar", dir="rtl"))


def html_depart_inline(self, node):
    self.body.append("</span>")


def html_visit_en(self, node):
    self.body.append(self.starttag(node, "span", "", lang="en", dir="ltr"))


def html_visit_block(self, node):
    self.body.append(self.starttag(node, "div", "", lang="ar", dir="rtl"))


def html_depart_block(self, node):
    self.body.append("</div>\n")


# --- LaTeX: babel's Arabic, set up in the preamble (book/_config.yml) ----------------


def _in_moving_argument(node) -> bool:
    # Titles and captions travel to bookmarks and the table of contents, where
    # \foreignlanguage is not allowed; babel's onchar=ids still picks the Arabic font and
    # bidi=basic orders the run there.
    return inside(node, (nodes.title, nodes.caption, nodes.subtitle))


def latex_visit_inline(self, node):
    if not _in_moving_argument(node):
        self.body.append(r"\foreignlanguage{arabic}{")


def latex_depart_inline(self, node):
    if not _in_moving_argument(node):
        self.body.append("}")


def latex_visit_block(self, node):
    self.body.append("\n\\begin{otherlanguage}{arabic}\n")


def latex_depart_block(self, node):
    self.body.append("\n\\end{otherlanguage}\n")


def _passthrough(self, node):
    pass


def setup(app):
    plain = (_passthrough, _passthrough)
    app.add_node(
        ar_inline,
        html=(html_visit_inline, html_depart_inline),
        latex=(latex_visit_inline, latex_depart_inline),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        ar_block,
        html=(html_visit_block, html_depart_block),
        latex=(latex_visit_block, latex_depart_block),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        en_inline,
        html=(html_visit_en, html_depart_inline),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_role("ar", ar_role)
    app.add_role("en", en_role)
    app.add_directive("ar", ArDirective)
    app.add_post_transform(WrapArabicRuns)
