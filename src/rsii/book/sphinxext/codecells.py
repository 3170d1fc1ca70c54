"""The reading text without code: in HTML each code cell's source is folded behind the
theme's "show code" control (the notebooks tag their cells ``hide-input``); in the PDF,
which has no such control, the sources are left out. Outputs stay in both. The notebooks
themselves are offered for download (MyST and executed ``.ipynb``)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class DropCodeInPdf(SphinxPostTransform):
    default_priority = 10
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.container)):
            if node.get("nb_element") == "cell_code_source":
                node.parent.remove(node)


def setup(app):
    app.add_post_transform(DropCodeInPdf)
