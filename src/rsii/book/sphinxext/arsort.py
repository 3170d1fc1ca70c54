"""The Arabic PDF's index, sorted in Arabic alphabetical order: xindy has no Arabic
(``xindy -L arabic`` does not exist, and its ``general`` module sorts by code point,
which puts أ after ي).

latexmk runs this file as its ``makeindex`` (``python rsii-arsort.py -o book.ind
book.idx``, set up by :mod:`rsii.book.sphinxext.latex_ar`): it reads the entries LaTeX
wrote to the ``.idx`` file and writes the ``.ind`` file that ``sphinxtheindex`` prints.
It uses the standard library only, so that it runs from the LaTeX folder.

The sort rule, the one of printed Arabic indexes:

1. letters in the order of the alphabet (hijāʾī): ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق
   ك ل م ن ه و ي;
2. harakat, shadda, sukun and tatweel are ignored;
3. a letter's variants sort as the letter: أ إ آ ٱ as ا; ة as ه; ى and ئ as ي; ؤ as و; a
   hamza on its own (ء) comes before ا;
4. the article «ال» at the start of a word is ignored («العراق» sorts under ع), as are
   the prefixes of no other kind;
5. words are compared one by one, a shorter word before a longer one that starts with it;
   entries equal so far are ordered by their full written form, then by their English.

An entry is grouped under the first letter of its sort key (with the variants of rule 3
shown as the letter); an entry that does not start with an Arabic letter (a number, a
Latin name) goes into a first group of its own.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ALPHABET = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"
VARIANTS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و"}
ARTICLE = "ال"
OTHERS = "رموز وأرقام"  # the group of entries that start with no Arabic letter

_LINE = re.compile(r"^\\indexentry\{(?P<entry>.*)\}\{(?P<page>[^{}]*)\}\s*$")
_COMMAND = re.compile(r"\\[a-zA-Z]+\s*|[{}]")


def _letters(text: str) -> str:
    """Only what sorts: no marks, tatweel or LaTeX markup; variants as their letter."""
    text = _COMMAND.sub("", text)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if unicodedata.category(ch) == "Mn" or ch == "\u0640":
            continue
        out.append(VARIANTS.get(ch, ch))
    return "".join(out)


def _word_key(word: str) -> tuple:
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        word = word[len(ARTICLE) :]
    return tuple((0, ALPHABET.index(ch)) if ch in ALPHABET else (1, ord(ch.lower())) for ch in word)


def sort_key(arabic: str, english: str = "") -> tuple:
    """The key an entry sorts by (the rule above)."""
    words = re.findall(r"\w+", _letters(arabic))
    return (
        0 if words and words[0][0] in ALPHABET else -1,
        tuple(_word_key(w) for w in words),
        _letters(arabic),
        english.lower(),
    )


def group(arabic: str) -> str:
    """The letter an entry is listed under, or :data:`OTHERS`."""
    words = re.findall(r"\w+", _letters(arabic))
    if not words or words[0][0] not in ALPHABET:
        return OTHERS
    word = words[0]
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        word = word[len(ARTICLE) :]
    return "ا" if word[0] == "ء" else word[0]


def _split_top(text: str, sep: str) -> tuple[str, str | None]:
    """``text`` split at the last ``sep`` outside braces (None if there is none)."""
    depth, at = 0, -1
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == sep and depth == 0:
            at = i
            if sep == "@":
                break
    return (text, None) if at < 0 else (text[:at], text[at + 1 :])


def parse(lines) -> dict[str, dict]:
    """Entries of an ``.idx`` file: sort key text → display, pages (page, main)."""
    entries: dict[str, dict] = {}
    for line in lines:
        found = _LINE.match(line.strip())
        if not found:
            continue
        entry, page = found.group("entry"), found.group("page")
        entry, fmt = _split_top(entry, "|")
        key, display = _split_top(entry, "@")
        display = display if display is not None else key
        item = entries.setdefault(key, {"display": display, "pages": []})
        main = fmt == "spxpagem"
        if (page, main) not in item["pages"]:
            item["pages"].append((page, main))
    return entries


def _page_order(page: str) -> tuple:
    return (1, int(page), "") if page.isdigit() else (0, 0, page)


def _pages(pages: list[tuple[str, bool]]) -> str:
    """Each page once (in bold when an entry's main page), in the order of the book."""
    main = {p for p, m in pages if m}
    unique = sorted({p for p, _ in pages}, key=_page_order)
    return "، ".join(
        rf"\spxpagem{{\hyperpage{{{p}}}}}" if p in main else rf"\hyperpage{{{p}}}" for p in unique
    )


_EXTRA = re.compile(r"^(?P<arabic>.*?)\s*\((?P<english>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def entry_parts(key: str) -> tuple[str, str]:
    """An entry as (its Arabic, the English in its last parentheses)."""
    found = _EXTRA.match(key)
    return (found.group("arabic"), found.group("english")) if found else (key, "")


def write(entries: dict[str, dict]) -> str:
    """The ``.ind`` file: Sphinx's ``sphinxtheindex``, one letter group at a time."""
    ordered = sorted(entries, key=lambda k: sort_key(*entry_parts(k)))
    lines = [
        r"\begin{sphinxtheindex}",
        r"\let\lettergroup\sphinxstyleindexlettergroup",
        r"\let\spxpagem\sphinxstyleindexpagemain",
        r"\let\spxentry\sphinxstyleindexentry",
        r"\let\spxextra\sphinxstyleindexextra",
        "",
    ]
    current = None
    for key in ordered:
        letter = group(entry_parts(key)[0])
        if letter != current:
            if current is not None:
                lines += ["", r"  \indexspace", ""]
            lines.append(rf"  \lettergroup{{{letter}}}")
            current = letter
        item = entries[key]
        lines.append(rf"  \item {item['display']}، {_pages(item['pages'])}")
    lines += ["", r"\end{sphinxtheindex}", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """``arsort.py [-o book.ind] book.idx`` (latexmk's ``makeindex`` call)."""
    args = list(argv)
    out = None
    if "-o" in args:
        at = args.index("-o")
        out = args[at + 1]
        del args[at : at + 2]
    source = Path(args[-1])
    target = Path(out) if out else source.with_suffix(".ind")
    text = source.read_text(encoding="utf-8") if source.exists() else ""
    target.write_text(write(parse(text.splitlines())), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
