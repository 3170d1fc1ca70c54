"""The Arabic PDF's index entries: every entry headed by its Arabic, with the English
beside it, as the glossary gives its terms.

The chapters' ``{index}`` entries are written in English (the same sources serve both
editions); in the Arabic edition's PDF each becomes ``Arabic (English)`` before Sphinx
writes it: an entry already headed by Arabic (the glossary's «فاعل (actor)») stays as it
is; an entry whose words in parentheses are Arabic (the register's «Russia (روسيا)»:
an actor's English name and the article's name for it) is turned round; any other entry
is an English term, whose Arabic comes from this module's catalog
(``locales/ar/LC_MESSAGES/rsii/book.sphinxext.arindex.po``, context ``index term``) and
follows the glossary's terminology. A term without a translation stops the build
(:class:`rsii.present.i18n.MissingTranslation`), as every untranslated string does.

:mod:`rsii.book.sphinxext.arsort` then sorts the entries in Arabic alphabetical order.
"""

from __future__ import annotations

import re

from rsii.present import arabic, i18n
from rsii.present.i18n import p_

_TRAILING = re.compile(r"^(?P<head>.*\S)\s+\((?P<extra>[^()]*)\)\s*$")


def _terms() -> dict[str, str]:
    """The English terms of the chapters' index entries, in this edition's words."""
    return {
        "4+1 coalition": p_("index term", "4+1 coalition"),
        "act (as a stance)": p_("index term", "act (as a stance)"),
        "actor": p_("index term", "actor"),
        "actor network": p_("index term", "actor network"),
        "alternative reading": p_("index term", "alternative reading"),
        "argument": p_("index term", "argument"),
        "attribution": p_("index term", "attribution"),
        "balanced triangle": p_("index term", "balanced triangle"),
        "betweenness": p_("index term", "betweenness"),
        "bloc": p_("index term", "bloc"),
        "camp": p_("index term", "camp"),
        "changes to the coding": p_("index term", "changes to the coding"),
        "clusterability": p_("index term", "clusterability"),
        "concept": p_("index term", "concept"),
        "conflict (projection)": p_("index term", "conflict (projection)"),
        "congruence": p_("index term", "congruence"),
        "date precision": p_("index term", "date precision"),
        "degree (centrality)": p_("index term", "degree (centrality)"),
        "directed tie": p_("index term", "directed tie"),
        "discourse network analysis": p_("index term", "discourse network analysis"),
        "ego network": p_("index term", "ego network"),
        "eigenvector centrality": p_("index term", "eigenvector centrality"),
        "event": p_("index term", "event"),
        "footnote": p_("index term", "footnote"),
        "footnote marker": p_("index term", "footnote marker"),
        "frustrated tie": p_("index term", "frustrated tie"),
        "frustration index": p_("index term", "frustration index"),
        "hard case": p_("index term", "hard case"),
        "inferred tie": p_("index term", "inferred tie"),
        "jaccard normalisation": p_("index term", "Jaccard normalisation"),
        "modelling choice": p_("index term", "modelling choice"),
        "multiverse analysis": p_("index term", "multiverse analysis"),
        "robustness": p_("index term", "robustness"),
        "sensitivity to the coding": p_("index term", "sensitivity to the coding"),
        "sign (of a tie)": p_("index term", "sign (of a tie)"),
        "signed network": p_("index term", "signed network"),
        "specification curve": p_("index term", "specification curve"),
        "stance": p_("index term", "stance"),
        "statement": p_("index term", "statement"),
        "structural balance": p_("index term", "structural balance"),
        "target (of a stance)": p_("index term", "target (of a stance)"),
        "tie of affiliation": p_("index term", "tie of affiliation"),
        "tie of sentiment": p_("index term", "tie of sentiment"),
        "two-mode network": p_("index term", "two-mode network"),
        "unit of coding": p_("index term", "unit of coding"),
        "unsourced tie": p_("index term", "unsourced tie"),
        "verbatim quote": p_("index term", "verbatim quote"),
        "walk index": p_("index term", "walk index"),
        "what-if view": p_("index term", "what-if view"),
    }


def _english(text: str) -> str:
    """An English term as the words beside the Arabic: "act, as a stance", without the
    parentheses that would nest inside the entry's own."""
    found = _TRAILING.match(text)
    return f"{found.group('head')}, {found.group('extra')}" if found else text


def arabic_first(value: str, terms: dict[str, str]) -> str:
    """An index entry (one term) as ``Arabic (English)``."""
    if arabic.has_arabic(value[:1]):
        return value  # the glossary's own: already «عربي (English)»
    found = _TRAILING.match(value)
    if found and arabic.has_arabic(found.group("extra")):
        return f"{found.group('extra')} ({found.group('head')})"  # an actor, turned round
    term = terms.get(value.lower())
    if term is None:
        with i18n.using("ar"):
            term = p_("index term", value)  # raises MissingTranslation, naming the term
    return f"{term} ({_english(value)})"


def arabic_entries(entries: list[tuple]) -> list[tuple]:
    """A node's index entries, each one term headed by its Arabic (a ``single`` entry
    of one part; other kinds and sub-entries are not used by the book)."""
    with i18n.using("ar"):
        terms = _terms()
    out = []
    for kind, value, *rest in entries:
        if kind == "single" and ";" not in value:
            value = arabic_first(value, terms)
        out.append((kind, value, *rest))
    return out
