"""pybtex styles that print the article's footnotes as the article numbers them.

``:style: footnotes`` on a bibliography labels each entry with its ``number`` field
([5], not [fn05]) and orders entries by that number, whatever the citation order.
``:style: labelled`` is pybtex's alpha style, except that an entry with a ``label``
field (a corporate author, say) is labelled with it.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.labels.alpha import LabelStyle as AlphaLabelStyle
from pybtex.style.sorting import BaseSortingStyle


class FootnoteLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.fields.get("number", entry.key)


class FieldLabelStyle(AlphaLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        alpha = super().format_labels(entries)
        for entry, fallback in zip(entries, alpha, strict=True):
            yield entry.fields.get("label", fallback)


class FootnoteSortingStyle(BaseSortingStyle):
    def sorting_key(self, entry):
        number = entry.fields.get("number", "")
        return (0, int(number), "") if number.isdigit() else (1, 0, entry.key)


class FootnoteStyle(UnsrtStyle):
    default_label_style = "footnote_number"
    default_sorting_style = "footnote_number"


class LabelledStyle(AlphaStyle):
    default_label_style = "field_label"


def setup(app):
    register_plugin("pybtex.style.labels", "field_label", FieldLabelStyle)
    register_plugin("pybtex.style.formatting", "labelled", LabelledStyle)
    register_plugin("pybtex.style.labels", "footnote_number", FootnoteLabelStyle)
    register_plugin("pybtex.style.sorting", "footnote_number", FootnoteSortingStyle)
    register_plugin("pybtex.style.formatting", "footnotes", FootnoteStyle)
