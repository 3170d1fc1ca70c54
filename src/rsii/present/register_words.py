"""The actor register's words for the codebook's values, in the edition's language.

The register (:mod:`rsii.present.register_pages`) and the article chapter name the
codebook's values (kinds, relation types, stances, date precisions) and the book's
blocs in running text. Each value is a message with a context of its field
(``p_("kind", "state")``), so that a translator sees what it names; the functions here
return the English as the book has always written it, and the Arabic from the catalog
``rsii/present.register_words.po``.

A tie said of two actors ("Russia is a member of the 4+1 coalition") is a whole
message per relation type: Arabic words it with a verbal noun (عضوية روسيا في …), which
agrees with no subject; English keeps its verb agreement
(:func:`rsii.present.words.relation_clause`).
"""

from __future__ import annotations

from rsii.present import i18n, words
from rsii.present.i18n import _, n_, p_
from rsii.present.words import indefinite, relation_clause

_KINDS = {
    "state": lambda: p_("kind", "state"),
    "government": lambda: p_("kind", "government"),
    "state_body": lambda: p_("kind", "state body"),
    "person": lambda: p_("kind", "person"),
    "armed_group": lambda: p_("kind", "armed group"),
    "party_or_bloc": lambda: p_("kind", "party or bloc"),
    "media": lambda: p_("kind", "news organisation or media unit"),
    "coalition": lambda: p_("kind", "coalition"),
    "coalition_body": lambda: p_("kind", "coalition body"),
    "international_organisation": lambda: p_("kind", "international organisation"),
    "unnamed_source": lambda: p_("kind", "unnamed source"),
}


def kind(value: str) -> str:
    """A kind of actor as a table names it: "state", «دولة»."""
    return _KINDS[str(value)]()


def a_kind(value: str) -> str:
    """A kind of actor as a sentence says what an actor is: "a state", «دولة»."""
    return indefinite(kind(value)) if not i18n.is_arabic() else kind(value)


_RELATIONS = {
    "member_of": lambda: p_("relation", "member of"),
    "part_of": lambda: p_("relation", "part of"),
    "leads": lambda: p_("relation", "leads"),
    "chairs": lambda: p_("relation", "chairs"),
    "represents": lambda: p_("relation", "represents"),
    "hosts": lambda: p_("relation", "hosts"),
    "cooperates_with": lambda: p_("relation", "cooperates with"),
    "allied_with": lambda: p_("relation", "allied with"),
    "supports": lambda: p_("relation", "supports"),
    "calls_for": lambda: p_("relation", "calls for"),
    "opposes": lambda: p_("relation", "opposes"),
    "criticises": lambda: p_("relation", "criticises"),
    "accuses": lambda: p_("relation", "accuses"),
    "fights": lambda: p_("relation", "fights"),
    "speaks_to": lambda: p_("relation", "speaks to"),
}


def relation(value) -> str:
    """A relation type as a label: "member of", «عضو في»."""
    word = _RELATIONS.get(str(value))
    return word() if word else str(value).replace("_", " ")


_BELONGING = {
    "member_of": lambda target: p_("belonging", "member of {target}", target=target),
    "part_of": lambda target: p_("belonging", "part of {target}", target=target),
    "leads": lambda target: p_("belonging", "leads {target}", target=target),
    "chairs": lambda target: p_("belonging", "chairs {target}", target=target),
    "represents": lambda target: p_("belonging", "represents {target}", target=target),
}
BELONGING = tuple(_BELONGING)


def belonging(value, target: str) -> str:
    """What an actor belongs to, leads or represents: "member of {target}"."""
    return _BELONGING[str(value)](target)


# A tie between two actors (sentence coding), and a tie towards the page's actor.
_TIES = {
    "member_of": lambda s, t: p_("tie", "{source} is a member of {target}", source=s, target=t),
    "part_of": lambda s, t: p_("tie", "{source} is part of {target}", source=s, target=t),
    "leads": lambda s, t: p_("tie", "{source} leads {target}", source=s, target=t),
    "chairs": lambda s, t: p_("tie", "{source} chairs {target}", source=s, target=t),
    "represents": lambda s, t: p_("tie", "{source} represents {target}", source=s, target=t),
    "hosts": lambda s, t: p_("tie", "{source} hosts {target}", source=s, target=t),
    "cooperates_with": lambda s, t: p_(
        "tie", "{source} cooperates with {target}", source=s, target=t
    ),
    "allied_with": lambda s, t: p_("tie", "{source} is allied with {target}", source=s, target=t),
    "supports": lambda s, t: p_("tie", "{source} supports {target}", source=s, target=t),
    "calls_for": lambda s, t: p_("tie", "{source} calls for {target}", source=s, target=t),
    "opposes": lambda s, t: p_("tie", "{source} opposes {target}", source=s, target=t),
    "criticises": lambda s, t: p_("tie", "{source} criticises {target}", source=s, target=t),
    "accuses": lambda s, t: p_("tie", "{source} accuses {target}", source=s, target=t),
    "fights": lambda s, t: p_("tie", "{source} fights {target}", source=s, target=t),
    "speaks_to": lambda s, t: p_("tie", "{source} speaks to {target}", source=s, target=t),
    "support": lambda s, t: p_("stance", "{source} supports {target}", source=s, target=t),
    "oppose": lambda s, t: p_("stance", "{source} opposes {target}", source=s, target=t),
}
_TOWARDS = {
    "member_of": lambda s: p_("tie towards it", "{source} is a member of it", source=s),
    "part_of": lambda s: p_("tie towards it", "{source} is part of it", source=s),
    "leads": lambda s: p_("tie towards it", "{source} leads it", source=s),
    "chairs": lambda s: p_("tie towards it", "{source} chairs it", source=s),
    "represents": lambda s: p_("tie towards it", "{source} represents it", source=s),
    "hosts": lambda s: p_("tie towards it", "{source} hosts it", source=s),
    "cooperates_with": lambda s: p_("tie towards it", "{source} cooperates with it", source=s),
    "allied_with": lambda s: p_("tie towards it", "{source} is allied with it", source=s),
    "supports": lambda s: p_("tie towards it", "{source} supports it", source=s),
    "calls_for": lambda s: p_("tie towards it", "{source} calls for it", source=s),
    "opposes": lambda s: p_("tie towards it", "{source} opposes it", source=s),
    "criticises": lambda s: p_("tie towards it", "{source} criticises it", source=s),
    "accuses": lambda s: p_("tie towards it", "{source} accuses it", source=s),
    "fights": lambda s: p_("tie towards it", "{source} fights it", source=s),
    "speaks_to": lambda s: p_("tie towards it", "{source} speaks to it", source=s),
    "support": lambda s: p_("stance towards it", "{source} supports it", source=s),
    "oppose": lambda s: p_("stance towards it", "{source} opposes it", source=s),
}


def tie(value, source: str, target: str, source_en: str = "") -> str:
    """A relation or stance between two named actors, as a clause: "Russia is a member
    of the 4+1 coalition"; ``source_en``: the source's English name, by which English
    agrees the verb (:func:`rsii.present.words.is_plural`)."""
    if not i18n.is_arabic() or str(value) not in _TIES:
        return f"{source} {relation_clause(value, source_en or source)} {target}"
    return _TIES[str(value)](source, target)


def tie_towards(value, source: str, source_en: str = "") -> str:
    """A relation or stance towards the page's actor: "Russia is a member of it"."""
    if not i18n.is_arabic() or str(value) not in _TOWARDS:
        return f"{source} {relation_clause(value, source_en or source)} it"
    return _TOWARDS[str(value)](source)


_PRECISIONS = {
    "year": lambda: p_("precision", "year"),
    "month": lambda: p_("precision", "month"),
    "day": lambda: p_("precision", "day"),
    "approximate": lambda: p_("precision", "approximate"),
}


def precision(value) -> str:
    word = _PRECISIONS.get(str(value))
    return word() if word else str(value)


_BLOCS = {
    "4+1 coalition": lambda: p_("bloc", "4+1 coalition"),
    "US-led coalition": lambda: p_("bloc", "US-led coalition"),
    "Islamic State": lambda: p_("bloc", "Islamic State"),
    "Iraqi domestic actors": lambda: p_("bloc", "Iraqi domestic actors"),
    "Other": lambda: p_("bloc", "Other"),
}


def bloc(name: str) -> str:
    """A bloc's name (:func:`rsii.analysis.network.assign_blocs`)."""
    word = _BLOCS.get(str(name))
    return word() if word else str(name)


def country(code: str) -> str:
    """A country as the edition names it: the data's ISO 3166-1 code in English, the
    country's Arabic name in the Arabic edition (the code stays in the downloads)."""
    if not code or not i18n.is_arabic():
        return code
    names = {
        "IRN": p_("country", "IRN"), "IRQ": p_("country", "IRQ"), "LBN": p_("country", "LBN"),
        "RUS": p_("country", "RUS"), "SYR": p_("country", "SYR"), "TUR": p_("country", "TUR"),
        "USA": p_("country", "USA"),
    }  # fmt: skip
    return names.get(code) or p_("country", code)


def arrow(directed: bool) -> str:
    """The arrow between a tie's ends, pointing the way a line of the edition reads."""
    return p_("arrow", "→") if directed else "–"


def comma() -> str:
    return "، " if i18n.is_arabic() else ", "


def semicolon() -> str:
    return "؛ " if i18n.is_arabic() else "; "


def sentence_link(sid: str) -> str:
    """A link to a sentence of the article chapter, named as a reader counts it
    (:func:`rsii.present.tables.sentence_link`, in the edition's language)."""
    text = _("sentence {number}", number=int(str(sid)[1:]))
    return f"{{ref}}`{text} <sentence-{sid}>`"


def number(n: int) -> str:
    """A count as a sentence of the edition writes it: "three" (English, 0–10 in
    words), «3» (Arabic: digits, as Arabic Wikipedia writes them)."""
    return str(n) if i18n.is_arabic() else words.number(n)


def always(n: int, with_: str, against: str) -> str:
    """Whom all ``n`` optimal splits put with the actor, and against it (either may be
    empty): one sentence for each case, and for one, two and more splits."""
    if with_ and against:
        if n == 2:
            return _(
                "in both optimal two-camp splits, in one camp with {with_}; "
                "in the other camp from {against}", with_=with_, against=against,
            )  # fmt: skip
        return n_(
            "in the one optimal two-camp split, in one camp with {with_}; "
            "in the other camp from {against}",
            "in all {n} optimal two-camp splits, in one camp with {with_}; "
            "in the other camp from {against}",
            n, with_=with_, against=against,
        )  # fmt: skip
    if with_:
        if n == 2:
            return _("in both optimal two-camp splits, in one camp with {with_}", with_=with_)
        return n_(
            "in the one optimal two-camp split, in one camp with {with_}",
            "in all {n} optimal two-camp splits, in one camp with {with_}",
            n, with_=with_,
        )  # fmt: skip
    if against:
        if n == 2:
            return _(
                "in both optimal two-camp splits, in the other camp from {against}",
                against=against,
            )
        return n_(
            "in the one optimal two-camp split, in the other camp from {against}",
            "in all {n} optimal two-camp splits, in the other camp from {against}",
            n, against=against,
        )  # fmt: skip
    if n == 2:
        return _("no other actor is always with it or always against it in both optimal "
                 "two-camp splits")  # fmt: skip
    return n_(
        "no other actor is always with it or always against it in the one optimal two-camp split",
        "no other actor is always with it or always against it in all {n} optimal two-camp splits",
        n,
    )
