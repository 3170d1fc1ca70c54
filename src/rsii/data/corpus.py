"""Turn the article's plain text into headings and sentences, and back.

The article is one paragraph or heading per line. Footnote markers are ``[n]`` with
digits only, so the editorial insertion ``[الرئيس التركي رجب طيب]`` is left in the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

ARTICLE_SHA256 = "e2ed73c771b8dee54462c01909f83a231e2233a98eea669b26b1430b24ca436b"

MARKER = re.compile(r"\[(\d+)\]")
# A sentence ends at . ؟ ! (optionally closed by a quotation mark » and followed by
# footnote markers), then a space. The end of a line always ends a sentence.
_BOUNDARY = re.compile(r"[.؟!]»?(?:\[\d+\])*(?= )")
_FINAL = ".؟!،:»"


@dataclass
class Heading:
    id: str
    line: int
    title_ar: str  # heading levels are not in the plain text: see data/source/headings.csv


@dataclass
class Sentence:
    id: str
    line: int
    section: str  # the innermost heading above it; "" for the lead
    text_ar: str  # verbatim, markers removed
    footnotes: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # where each marker stood in text_ar

    @property
    def raw(self) -> str:
        """The sentence as the article prints it, markers in place."""
        out, last = [], 0
        for number, at in zip(self.footnotes, self.offsets, strict=True):
            out += [self.text_ar[last:at], f"[{number}]"]
            last = at
        return "".join(out) + self.text_ar[last:]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_heading(line: str) -> bool:
    """Headings are short lines with no footnote marker and no final punctuation."""
    stripped = line.strip()
    return (
        bool(stripped)
        and not MARKER.search(stripped)
        and stripped[-1] not in _FINAL
        and len(stripped.split()) <= 5
    )


def split_markers(raw: str) -> tuple[str, list[int], list[int]]:
    """Remove the footnote markers from a sentence, keeping their numbers and offsets."""
    text, numbers, offsets, last = [], [], [], 0
    for m in MARKER.finditer(raw):
        text.append(raw[last : m.start()])
        numbers.append(int(m.group(1)))
        offsets.append(sum(map(len, text)))
        last = m.end()
    text.append(raw[last:])
    return "".join(text), numbers, offsets


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; joining them with single spaces restores it."""
    parts, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        parts.append(paragraph[start : m.end()])
        start = m.end() + 1  # the single space between sentences
    parts.append(paragraph[start:])
    return [p for p in parts if p]


def parse(text: str) -> tuple[list[Heading], list[Sentence]]:
    """Segment the article into its headings and sentences, numbered in reading order."""
    headings: list[Heading] = []
    sentences: list[Sentence] = []
    section = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if is_heading(line):
            headings.append(Heading(f"h{len(headings) + 1:02d}", number, line.strip()))
            section = line.strip()
            continue
        for raw in split_sentences(line):
            plain, notes, offsets = split_markers(raw)
            sentences.append(
                Sentence(f"s{len(sentences) + 1:02d}", number, section, plain, notes, offsets)
            )
    return headings, sentences


def rebuild(headings: list[Heading], sentences: list[Sentence]) -> str:
    """The article text from its parts: the inverse of :func:`parse`."""
    lines: dict[int, list[str]] = {}
    for h in headings:
        lines[h.line] = [h.title_ar]
    for s in sentences:
        lines.setdefault(s.line, []).append(s.raw)
    last = max(lines)
    return "\n".join(" ".join(lines.get(n, [])) for n in range(1, last + 1))
