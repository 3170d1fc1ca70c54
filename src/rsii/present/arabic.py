"""Finding Arabic in text, and laying it out where no bidi engine does it for us."""

from __future__ import annotations

import re

_LETTER = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# From an Arabic letter to the last Arabic letter reachable through digits, spaces and
# punctuation, so that numbers inside an Arabic clause stay in its right-to-left run.
RUN = re.compile(
    rf"[{_LETTER}](?:[{_LETTER}\s\d.,:;!?()\[\]«»\"'\-–—+/%\u200c\u200d\u064b-\u065f]*[{_LETTER}])?"
)
# Unicode directional formatting characters (pdftotext adds some; they are invisible).
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def has_arabic(text: str) -> bool:
    return RUN.search(text) is not None


def runs(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the Arabic runs in ``text``."""
    return [m.span() for m in RUN.finditer(text)]


def pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut at the edges of its Arabic runs, in order: (piece, is it Arabic).
    No piece is empty. Every format that marks Arabic (MyST, HTML, LaTeX, docutils
    nodes) wraps the Arabic pieces and keeps the others as they are."""
    out, last = [], 0
    for start, end in runs(text):
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return out


def visual(text: str) -> str:
    """Text for matplotlib, as it is: matplotlib 3.11 lays text out with libraqm, which
    shapes Arabic and orders a line's runs by the Unicode bidi algorithm (brackets
    mirrored, numbers in place). Reordering it beforehand, as the book did for earlier
    matplotlib, reverses the words of every Arabic label; tests/test_presentation.py
    checks the order matplotlib draws. Kept as the one place figures pass their text
    through, should the pinned matplotlib change."""
    return text
