"""Numbers and lists in words, so that a sentence of the book reads as a person wrote it
for the value the data has: "one actor", "three actors", "no actor"; "A, B and C"."""

from __future__ import annotations

from collections.abc import Iterable

from rsii.present import i18n

_SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_IRREGULAR = {"party": "parties", "body": "bodies", "case": "cases", "statement": "statements"}


def number(n: int) -> str:
    """0–10 in words ("no" for 0), larger numbers in digits."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def plural(noun: str) -> str:
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count(n: int, noun: str, zero: str | None = None) -> str:
    """``n`` of ``noun``: "one actor", "3 actors"; ``zero`` replaces "no actors"."""
    if n == 0 and zero is not None:
        return zero
    return f"{number(n)} {noun if n == 1 else plural(noun)}"


def sentence(sid: str) -> str:
    """A sentence of the article as a reader counts it: "s17" → "sentence 17"."""
    return f"sentence {int(str(sid)[1:])}"


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
        return f"no draw (a share below 1 in {draws + 1:,}, the least {draws:,} draws can show)"
    return f"a share of {p_value:.3f}"


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
