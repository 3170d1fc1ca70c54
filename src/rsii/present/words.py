"""Numbers and lists in words, so that a sentence of the book reads as a person wrote it
for the value the data has: "one actor", "three actors", "no actor"; "A, B and C"."""

from __future__ import annotations

from collections.abc import Iterable

from rsii.present import i18n
from rsii.present.i18n import _, n_, p_

_SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_IRREGULAR = {"party": "parties", "body": "bodies", "case": "cases", "statement": "statements"}


def number(n: int) -> str:
    """0–10 in words ("no" for 0), larger numbers in digits; in the Arabic edition
    always in (Western) digits, as Arabic Wikipedia writes them, so that a sentence's
    noun never has to agree with a number word it does not see."""
    if i18n.is_arabic():
        return str(n)
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def plural(noun: str) -> str:
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count(n: int, noun: str, zero: str | None = None) -> str:
    """``n`` of ``noun``: "one actor", "3 actors"; ``zero`` replaces "no actors".

    In the Arabic edition the noun's six forms (:func:`counted`) say it, and ``zero``
    (English) gives way to the zero form."""
    if i18n.is_arabic():
        return counted(n, noun)
    if n == 0 and zero is not None:
        return zero
    return f"{number(n)} {noun if n == 1 else plural(noun)}"


def _counts(n: int) -> dict:
    """The nouns the book counts, each as a message with every plural form (Arabic has
    six: no actor, one, two, 3–10, 11–99, 100 and more)."""
    return {
        "actor": lambda: n_("{n} actor", "{n} actors", n),
        "tie": lambda: n_("{n} tie", "{n} ties", n),
        "speaker": lambda: n_("{n} speaker", "{n} speakers", n),
        "group": lambda: n_("{n} group", "{n} groups", n),
        "pair": lambda: n_("{n} pair", "{n} pairs", n),
        "hard case": lambda: n_("{n} hard case", "{n} hard cases", n),
        "case": lambda: n_("{n} case", "{n} cases", n),
        "choice": lambda: n_("{n} choice", "{n} choices", n),
        "cluster": lambda: n_("{n} cluster", "{n} clusters", n),
        "misfit": lambda: n_("{n} misfit", "{n} misfits", n),
        "statement": lambda: n_("{n} statement", "{n} statements", n),
        "footnote": lambda: n_("{n} footnote", "{n} footnotes", n),
        "optimal two-camp split": lambda: n_(
            "{n} optimal two-camp split", "{n} optimal two-camp splits", n
        ),
    }


def counted(n: int, noun: str) -> str:
    """``n`` of ``noun`` in the edition's language, through the noun's message (see
    :func:`_counts`); a noun without one is an error that says where to add it."""
    found = _counts(n).get(noun)
    if found is None:
        raise i18n.MissingTranslation(
            f"no message counts {noun!r}: add it to rsii.present.words._counts"
        )
    return found()


def sentence(sid: str) -> str:
    """A sentence of the article as a reader counts it: "s17" → "sentence 17"."""
    return _("sentence {n}", n=int(str(sid)[1:]))


def semicolons(items: Iterable[str]) -> str:
    """Items joined by semicolons: "A; B" (Arabic «أ؛ ب»)."""
    return ("؛ " if i18n.is_arabic() else "; ").join(items)


def join_pairs(pairs: Iterable[tuple[str, str]]) -> str:
    """Pairs of names: "A and B and C and D"; in Arabic each pair apart, «أ وب، وج ود»,
    so that a reader sees which names go together."""
    pairs = [_("{a} and {b}", a=a, b=b) for a, b in pairs]
    if i18n.is_arabic():
        return "، و".join(pairs)
    return join(pairs)


def indefinite(noun: str) -> str:
    """ "a state", "an armed group": the article by the first letter, which holds for
    every kind of actor the book names (none starts with a silent h or a "yoo" sound)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """ "A", "A and B", "A, B and C"; in the Arabic edition «أ وب»,
    «أ، ب وج» (``conjunction`` "or": «أ أو ب»)."""
    items = list(items)
    if i18n.is_arabic():
        if len(items) <= 1:
            return "".join(items)
        last = f" أو {items[-1]}" if conjunction == "or" else f" و{items[-1]}"
        return "، ".join(items[:-1]) + last
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def share_of_draws(p_value: float, at_floor: bool, draws: int) -> str:
    """Where an observation falls among a null model's draws, as a sentence says it:
    "a share of 0.026", or, when no draw was as extreme, that the share is below the
    least that ``draws`` draws can show (1 in draws + 1 counts the observation itself).
    """
    if at_floor:
        limit, least = format(draws + 1, ","), format(draws, ",")
        return _(
            "no draw (a share below 1 in {limit}, the least {draws} draws can show)",
            limit=limit,
            draws=least,
        )
    share = format(p_value, ".3f")
    return _("a share of {share}", share=share)


# A relation as a clause about its target ("is a member of it"), for one subject and for
# several: the codebook's relation values are not English verbs.
_RELATION_CLAUSES = {
    "member_of": ("is a member of", "are members of"), "part_of": ("is part of", "are part of"),
    "leads": ("leads", "lead"), "chairs": ("chairs", "chair"),
    "represents": ("represents", "represent"), "hosts": ("hosts", "host"),
    "cooperates_with": ("cooperates with", "cooperate with"),
    "allied_with": ("is allied with", "are allied with"), "supports": ("supports", "support"),
    "calls_for": ("calls for", "call for"), "opposes": ("opposes", "oppose"),
    "criticises": ("criticises", "criticise"), "accuses": ("accuses", "accuse"),
    "fights": ("fights", "fight"), "speaks_to": ("speaks to", "speak to"),
    "support": ("supports", "support"), "oppose": ("opposes", "oppose"),
}  # fmt: skip


def is_plural(name: str) -> bool:
    """Whether an actor's English name is plural, by its head noun (the last word before
    "of" or "in"): "Sunni factions", "General staffs", "Russian fighters in ISIS" are;
    "United States", "Alliance of National Forces" are not (a capitalised head is a
    proper name)."""
    if name.lower().startswith(("a number of ", "several ", "some ")):
        return True  # "A number of European, Arab and Middle Eastern states oppose"
    head = name.split(" of ")[0].split(" in ")[0].split()[-1]
    return head.islower() and head.endswith("s") and not head.endswith("ss")


def relation_clause(relation: str, subject: str) -> str:
    """A relation or stance value as the verb of ``subject``: ("member_of", "Russia") →
    "is a member of"; ("oppose", "Sunni factions") → "oppose"."""
    singular, plural = _RELATION_CLAUSES.get(str(relation), (str(relation).replace("_", " "),) * 2)
    return plural if is_plural(subject) else singular


# --- the codebook's values in words ----------------------------------------------------
# Each closed list of the codebook (and the few values the analysis adds: a tie's class,
# its sign, a yes or no), as a table of the book shows a value: its English words are
# the message, its context the field. Built when asked, so that a missing translation
# is an error where it is used, not when the module is imported.


def _vocabulary(field: str) -> dict:
    if field == "kind":
        return {
            "state": p_("kind", "state"), "government": p_("kind", "government"),
            "state_body": p_("kind", "state body"), "person": p_("kind", "person"),
            "armed_group": p_("kind", "armed group"),
            "party_or_bloc": p_("kind", "party or bloc"),
            "media": p_("kind", "news organisation or media unit"),
            "coalition": p_("kind", "coalition"), "coalition_body": p_("kind", "coalition body"),
            "international_organisation": p_("kind", "international organisation"),
            "unnamed_source": p_("kind", "unnamed source"),
        }  # fmt: skip
    if field == "relation":
        return {
            "member_of": p_("relation", "member of"), "part_of": p_("relation", "part of"),
            "leads": p_("relation", "leads"), "chairs": p_("relation", "chairs"),
            "represents": p_("relation", "represents"), "hosts": p_("relation", "hosts"),
            "allied_with": p_("relation", "allied with"),
            "cooperates_with": p_("relation", "cooperates with"),
            "supports": p_("relation", "supports"), "calls_for": p_("relation", "calls for"),
            "opposes": p_("relation", "opposes"), "criticises": p_("relation", "criticises"),
            "accuses": p_("relation", "accuses"), "fights": p_("relation", "fights"),
            "speaks_to": p_("relation", "speaks to"),
        }  # fmt: skip
    if field == "stance":
        return {"support": p_("stance", "support"), "oppose": p_("stance", "oppose")}
    if field == "stance verb":  # a stance said of its speaker, in a table's cell
        return {"support": p_("stance", "supports"), "oppose": p_("stance", "opposes")}
    if field == "mode":
        return {"statement": p_("mode", "statement"), "act": p_("mode", "act")}
    if field == "agreement":
        return {"agree": p_("agreement", "agree"), "disagree": p_("agreement", "disagree")}
    if field == "precision":
        return {
            "year": p_("precision", "year"), "month": p_("precision", "month"),
            "approximate": p_("precision", "approximate"),
        }  # fmt: skip
    if field == "tie":  # a relation's class
        return {
            "affiliation": p_("tie class", "affiliation"),
            "sentiment": p_("tie class", "sentiment"), "neutral": p_("tie class", "neutral"),
        }  # fmt: skip
    if field == "sign":
        return {1: p_("sign", "positive"), -1: p_("sign", "negative"), 0: p_("sign", "neutral")}
    if field == "yes":
        return {True: p_("answer", "yes"), False: p_("answer", "no")}
    if field == "flag":  # a codebook's true/false, as the file writes it
        return {"true": p_("flag", "true"), "false": p_("flag", "false")}
    if field.startswith("option: "):
        return _options(field.removeprefix("option: "))
    if field in _LABELS:
        return _LABELS[field]()
    raise KeyError(f"no words for the codebook's field {field!r}")


# The multiverse's choices (rsii.analysis.multiverse.OPTIONS), in its order.
CHOICES = ("affiliation", "states", "acts", "founding", "inferred")


def _options(choice: str) -> dict:
    """Each option of a choice of the multiverse, as a table's cell and a figure's row
    label say it."""
    return {
        "affiliation": lambda: {
            False: p_("option", "sentiment ties only"),
            True: p_("option", "affiliation ties added"),
        },
        "states": lambda: {
            "joined": p_("option", "governments joined to their states"),
            "apart": p_("option", "governments apart from their states"),
            "merged": p_("option", "states merged with their agents"),
        },
        "acts": lambda: {
            True: p_("option", "acts counted as positions"),
            False: p_("option", "statements only"),
        },
        "founding": lambda: {
            True: p_("option", "founding ties kept"),
            False: p_("option", "founding ties left out"),
        },
        "inferred": lambda: {
            True: p_("option", "inferred ties and stances kept"),
            False: p_("option", "inferred ties and stances left out"),
        },
    }[choice]()


# The labels the analysis gives (it words nothing itself), by the field a table shows
# them in: each English label → its message.
_LABELS = {
    # rsii.analysis.results.VARIANTS
    "variant": lambda: {
        "sentiment ties and stances, each government joined to its state": p_(
            "variant", "sentiment ties and stances, each government joined to its state"
        ),
        "sentiment ties and stances, governments apart": p_(
            "variant", "sentiment ties and stances, governments apart"
        ),
        "every signed tie, affiliation included, each government joined to its state": p_(
            "variant",
            "every signed tie, affiliation included, each government joined to its state",
        ),
        "every signed tie, affiliation included, governments apart (the book's version 0.1)": p_(
            "variant",
            "every signed tie, affiliation included, governments apart (the book's version 0.1)",
        ),
    },
    # rsii.analysis.camps.NULL_MODELS and MEASURES
    "null model": lambda: {
        "sign permutations": p_("null model", "sign permutations"),
        "degree-preserving rewirings": p_("null model", "degree-preserving rewirings"),
        "sign permutations within sentences": p_(
            "null model", "sign permutations within sentences"
        ),
        "stance signs permuted within targets": p_(
            "null model", "stance signs permuted within targets"
        ),
        "rewirings keeping speakers and targets apart": p_(
            "null model", "rewirings keeping speakers and targets apart"
        ),
    },
    "measure": lambda: {
        "share of balanced triangles": p_("measure", "share of balanced triangles"),
        "walk-based balance": p_("measure", "walk-based balance"),
        "frustration index (two camps)": p_("measure", "frustration index (two camps)"),
        "misfitting ties (any number of clusters)": p_(
            "measure", "misfitting ties (any number of clusters)"
        ),
    },
    # rsii.analysis.network.assign_blocs, and the arenas the stance chapter compares
    "bloc": lambda: {
        "4+1 coalition": p_("bloc", "4+1 coalition"),
        "US-led coalition": p_("bloc", "US-led coalition"),
        "Islamic State": p_("bloc", "Islamic State"),
        "Iraqi domestic actors": p_("bloc", "Iraqi domestic actors"),
        "Other": p_("bloc", "Other"),
    },
    "arena": lambda: {
        "international": p_("arena", "international"),
        "Iraqi domestic": p_("arena", "Iraqi domestic"),
    },
    # rsii.analysis.findings.FINDINGS: what each finding says
    "finding": lambda: {
        "more balanced triangles than at least 95 % of sign permutations": p_(
            "finding", "more balanced triangles than at least 95 % of sign permutations"
        ),
        "not balanced: some tie must change for two camps": p_(
            "finding", "not balanced: some tie must change for two camps"
        ),
        "several two-camp splits equally good": p_(
            "finding", "several two-camp splits equally good"
        ),
        "more than two clusters fit better than two camps": p_(
            "finding", "more than two clusters fit better than two camps"
        ),
        "three clusters reach the fewest misfits": p_(
            "finding", "three clusters reach the fewest misfits"
        ),
        "exactly one tie out of place in the best clustering": p_(
            "finding", "exactly one tie out of place in the best clustering"
        ),
        "the Iraqi approval of the US-led coalition can be that tie": p_(
            "finding", "the Iraqi approval of the US-led coalition can be that tie"
        ),
        "every unbalanced triangle all-negative": p_(
            "finding", "every unbalanced triangle all-negative"
        ),
        "the unbalanced triangles are the main model's two all-negative ones": p_(
            "finding", "the unbalanced triangles are the main model's two all-negative ones"
        ),
        "more stances of support than of opposition": p_(
            "finding", "more stances of support than of opposition"
        ),
    },
}


def value(field: str, code) -> str:
    """A codebook value, or a label of the analysis, in the edition's words:
    ("relation", "member_of") → "member of" (Arabic «عضو في»); ("sign", -1) →
    "negative"; ("yes", True) → "yes"; ("bloc", "Other") → "Other". In English a value
    the field has no words for stays as it is (underscores as spaces); in Arabic it is
    a :class:`~rsii.present.i18n.MissingTranslation`."""
    said = _vocabulary(field)
    key = int(code) if field == "sign" else code
    if key in said:
        return said[key]
    if i18n.is_arabic():
        raise i18n.MissingTranslation(
            f"no words for {code!r} of {field!r}: add it to rsii.present.words._vocabulary"
        )
    return str(code).replace("_", " ")


def commas(items: Iterable[str]) -> str:
    """Items joined by commas: "A, B" (Arabic «أ، ب»)."""
    return ("، " if i18n.is_arabic() else ", ").join(items)
