"""Numbers and lists in words, so that a sentence of the book reads as a person wrote it
for the value the data has: "one actor", "three actors", "no actor"; "A, B and C"."""

from __future__ import annotations

from collections.abc import Iterable

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
    """ "A", "A and B", "A, B and C"."""
    items = list(items)
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
