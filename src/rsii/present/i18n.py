"""The edition's language for everything the package words: sentences, table headings,
figure labels, the codebook's values and the data's notes.

The book has two editions, English and Arabic (:mod:`rsii.book.editions`). The English
text is written in the code (and in the data package); its Arabic lives in gettext
catalogs beside the book's own, ``locales/ar/LC_MESSAGES/rsii/<module>.po`` (one per
module that words something, so that a translator sees a module's messages together)
and ``rsii/data.po`` for the data's strings. They are read with Babel, not compiled.

Strict, like the book's build: in the Arabic edition a message without an Arabic
translation, or with a fuzzy one (its English changed since it was translated), raises
:class:`MissingTranslation`, which names the message and the catalog it belongs in; an
Arabic page never falls back to English in silence.

The edition is ``$RSII_LANG`` (``en`` when unset, as for a reader rerunning a chapter
in JupyterLab); the build sets it for the Arabic edition's notebooks and pages, and
:func:`using` sets it for a block of code (tests, the Sphinx extension).

Examples
--------
>>> with using("en"):
...     _("{n} actors", n=27)
'27 actors'
"""

from __future__ import annotations

import contextvars
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from rsii.data import paths

LANGUAGES = ("en", "ar")
ENV = "RSII_LANG"
DOMAIN = "rsii"  # the package's catalogs: locales/<lang>/LC_MESSAGES/rsii/*.po
DATA_CATALOG = "data"  # rsii/data.po: the data package's English strings
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("rsii_lang", default=None)


class MissingTranslation(LookupError):
    """A message the Arabic edition needs has no (or only a fuzzy) translation."""


def language() -> str:
    """The edition being written: ``en`` or ``ar``."""
    lang = _override.get() or os.environ.get(ENV) or "en"
    if lang not in LANGUAGES:
        raise ValueError(f"${ENV} is {lang!r}; the book has editions in {', '.join(LANGUAGES)}")
    return lang


def is_arabic() -> bool:
    return language() == "ar"


@contextmanager
def using(lang: str):
    """Word everything inside the block in ``lang``."""
    if lang not in LANGUAGES:
        raise ValueError(f"no edition in {lang!r}; choose from {', '.join(LANGUAGES)}")
    token = _override.set(lang)
    try:
        yield
    finally:
        _override.reset(token)


def locales_dir() -> Path:
    root = paths.repo_root()
    return (root / "locales") if root else Path(__file__).resolve().parents[1] / "_locales"


def catalog_files(lang: str = "ar") -> list[Path]:
    return sorted((locales_dir() / lang / "LC_MESSAGES" / DOMAIN).glob("*.po"))


@cache
def _catalog(lang: str) -> dict:
    """{(context, msgid): (msgstr, file)} over all the package's catalogs for ``lang``;
    fuzzy and empty translations are left out, so that they count as missing."""
    from babel.messages.pofile import read_po

    table = {}
    for path in catalog_files(lang):
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = (message.context, message.id)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                table[key] = (message.string, path.name)
    return table


def clear() -> None:
    """Forget the catalogs read so far (after a catalog file changed)."""
    _catalog.cache_clear()


def _lookup(key, kind: str):
    found = _catalog(language()).get(key)
    if found is None:
        context, msgid = key
        where = f"{DOMAIN}/{DATA_CATALOG}.po" if kind == "data" else f"{DOMAIN}/<module>.po"
        ctx = f" (context {context!r})" if context else ""
        raise MissingTranslation(
            f"no {language()} translation of {msgid!r}{ctx} in "
            f"locales/{language()}/LC_MESSAGES/{where}; run `make catalogs` and translate it"
        )
    return found[0]


def _(message: str, /, **values) -> str:
    """``message`` in the edition's language, its ``{placeholders}`` filled."""
    text = message if language() == "en" else _lookup((None, message), "code")
    return text.format(**values) if values else text


def p_(context: str, message: str, /, **values) -> str:
    """As :func:`_`, for a message whose translation depends on where it is used
    (``p_("stance", "support")`` against ``p_("relation", "support")``)."""
    text = message if language() == "en" else _lookup((context, message), "code")
    return text.format(**values) if values else text


def n_(singular: str, plural: str, n: int, /, **values) -> str:
    """The form of a message for the number ``n`` (Arabic has six: zero, one, two,
    few, many, other); ``{n}`` is filled with ``n``."""
    values.setdefault("n", n)
    if language() == "en":
        text = singular if n == 1 else plural
    else:
        forms = _lookup((None, (singular, plural)), "code")
        text = forms[_plural_index(language(), n)]
    return text.format(**values)


def _plural_index(lang: str, n: int) -> int:
    if lang == "ar":  # CLDR's rule, as gettext's Plural-Forms header for ar states it
        m = n % 100
        if n == 0:
            return 0
        if n == 1:
            return 1
        if n == 2:
            return 2
        if 3 <= m <= 10:
            return 3
        if 11 <= m <= 99:
            return 4
        return 5
    return 0 if n == 1 else 1


def data_(text: str, context: str | None = None) -> str:
    """A string of the data package (a note, a codebook definition, a hard case) in the
    edition's language, from ``rsii/data.po``; ``context`` is the table and column it
    comes from ("stances.note"). Empty text stays empty."""
    if language() == "en" or not text:
        return text
    return _lookup((context, text), "data")
