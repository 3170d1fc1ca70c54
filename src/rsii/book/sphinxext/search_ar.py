"""Search in Arabic: Sphinx has no Arabic search language, so the Arabic edition's index
and its search page would match words only as spelled, diacritics and all. This module
registers one (:class:`SearchArabic`, ``ar``) that indexes, and searches for, each word
in one normal form, so that «ايران» finds «إيران» and «الحشد» finds «حشد».

A word in Arabic script is
1. split from the text with its diacritics (Sphinx's own splitter, in Python and in the
   browser, cuts «تَحالُف» into three at the marks, which are not word characters);
2. normalised (:func:`normalise`): compatibility forms composed (NFKC: presentation
   forms, «ﻻ»); tatweel and the diacritics (harakat, shadda, sukun, superscript alef,
   Quranic marks) dropped; «أ إ آ ٱ» written «ا»; «ى» (and Persian «ی») written «ي»,
   Persian «ک» «ك»; then the definite article, with a conjunction or preposition before
   it («ال وال فال بال كال لل ولل فلل»), taken off when at least three letters remain,
   so that «الله» and «التي» keep theirs. «ة» stays «ة»: it is not «ه», the pronoun of
   «حكومته», and Arabic Wikipedia spells it consistently; the stemmer takes off a final
   «ة» and a final «ه» alike, so that «سوريه» typed for «سورية» still finds it;
3. stemmed by Snowball's Arabic stemmer (the pinned ``snowballstemmer``), which takes off
   suffixes and prefixes, and writes hamza's seats «ؤ ئ» as «و ي», with two of its
   routines replaced (:class:`BookArabicStemmer`):
   - it stems every word as a noun. Snowball takes a word for a noun when it has the
     article, and otherwise tries the verb's endings first, which read «إيراني» as a verb
     with the pronoun «ني» («اير»), while «الإيراني» gives «ايران»; with the article
     already off, that would part «إيراني» from «الإيراني» and from «إيران». As nouns,
     «إيران إيراني الإيراني إيرانيين» share «ايران», «شبكة شبكات» «شبك», «تصريح تصريحات»
     «تصريح». (It also gives «سوريا» the stem of «سوري» and «سورية», «سور»: the
     stemmer's doing, no rule rewrites one spelling as the other.)
   - it never takes off a leading «و» or «ف» as the conjunction: Snowball does for any
     word of more than three letters whose second is not «ا», which turns «وزير» into
     «زير», «وكالة» into «كال», «فرنسا» into «رنس», «فصائل» into «صائل». No rule of
     spelling tells the radical «و» of «وزير» from the conjunction of «وروسيا», so the
     index holds such a word (of three letters or more after it) both ways: as written
     and without its first letter; the search page stems a query word as written. «وزير»
     finds «وزير» and «روسيا» finds «وروسيا»; the price is that «زير» finds «وزير» too.
Words in other scripts (English titles, code) are stemmed as in the English edition
(Porter, Sphinx's English stop words).

The browser runs the same steps (``search_ar.js``): the rules are handed to it from here,
and Snowball's stemmer is translated from the package's Python (:mod:`.snowball_js`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import snowballstemmer
from snowballstemmer.arabic_stemmer import ArabicStemmer
from sphinx.search import SearchLanguage
from sphinx.search.en import english_stopwords, js_porter_stemmer

from rsii.book.sphinxext import snowball_js

# Letters of the Arabic script (the Arabic blocks and presentation forms).
ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# Combining marks: Quranic signs, harakat (fathatan ... sukun, maddah and hamza above and
# below, subscript alef ...), superscript alef, Quranic annotation signs. Regex class body,
# the same text for Python's re and JavaScript's RegExp.
MARKS = (
    "\\u0610-\\u061a\\u064b-\\u065f\\u0670"
    "\\u06d6-\\u06dc\\u06df-\\u06e4\\u06e7\\u06e8\\u06ea-\\u06ed"
)
TATWEEL = "\\u0640"
FOLDED = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ (alef wasla)
    "\u0672": "\u0627",  # ٲ
    "\u0673": "\u0627",  # ٳ
    "\u0649": "\u064a",  # ى (alef maqsura)
    "\u06cc": "\u064a",  # ی (Persian yeh)
    "\u06a9": "\u0643",  # ک (Persian kaf)
}
# The definite article, alone or after a conjunction or preposition: longest first.
ARTICLES = ("وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل")
REST = 3  # letters that must remain after the article
CONJUNCTIONS = ("و", "ف")
# Snowball's routines the book replaces (BookArabicStemmer): the one that takes a leading
# «و» or «ف» off, and the one that tells nouns (after the article) from verbs.
REPLACED = ("__r_Prefix_Step2", "__r_Checks1")

_ARABIC = re.compile(f"[{ARABIC}]")
_DROPPED = re.compile(f"[{TATWEEL}{MARKS}]")
_WORD = re.compile(rf"[\w{MARKS}]+")
_FOLD = str.maketrans(FOLDED)
JS_SOURCE = Path(__file__).with_name("search_ar.js")


def _plain(word: str) -> str:
    """The word without marks and tatweel, its variant letters folded."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", word)).translate(_FOLD)


def normalise(word: str) -> str:
    """The word without marks, tatweel, variant letters and definite article."""
    word = _plain(word)
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= REST:
            return word[len(article) :]
    return word


def conjunction_less(word: str) -> str | None:
    """The word without a leading «و»/«ف» that may be the conjunction, if it may be."""
    word = _plain(word)
    if word.startswith(CONJUNCTIONS) and len(word) - 1 >= REST:
        return word[1:]
    return None


class BookArabicStemmer(ArabicStemmer):
    """Snowball's Arabic stemmer, with two of its routines replaced (see the module)."""

    def _ArabicStemmer__r_Prefix_Step2(self):  # noqa: N802 (Snowball's name, mangled)
        return False  # never the conjunction «و»/«ف»

    def _ArabicStemmer__r_Checks1(self):  # noqa: N802
        self.B_is_noun, self.B_is_verb, self.B_is_defined = True, False, False
        return True  # every word a noun, definite or not alike


assert all(hasattr(ArabicStemmer, f"_ArabicStemmer{name}") for name in REPLACED), (
    "snowballstemmer renamed the routines the book replaces"
)


def is_arabic(word: str) -> bool:
    return _ARABIC.search(word) is not None


@functools.cache
def js_stemmer_code() -> str:
    """The search page's ``Stemmer`` (for language_data.js)."""
    rules = {
        "arabic": ARABIC,
        "dropped": TATWEEL + MARKS,
        "folded": FOLDED,
        "articles": ARTICLES,
        "rest": REST,
        "conjunction_step": snowball_js._js_name(REPLACED[0]),
        "checks_step": snowball_js._js_name(REPLACED[1]),
    }
    porter = js_porter_stemmer.replace("var Stemmer = function", "var PorterStemmer = function")
    assert porter != js_porter_stemmer, "Sphinx renamed its English stemmer"
    code = JS_SOURCE.read_text(encoding="utf-8")
    for name, value in (
        ("__RULES__", json.dumps(rules)),
        ("__SNOWBALL__", snowball_js.arabic_stemmer_js()),
        ("__PORTER__", porter),
    ):
        assert code.count(name) == 1, name
        code = code.replace(name, value)
    return code


# The query is cut into words as the pages are: letters, digits, "_" and the marks.
JS_SPLITTER = (
    "var splitQuery = function (query) {\n"
    f"  return query.split(/[^\\p{{Letter}}\\p{{Number}}_\\p{{Emoji_Presentation}}{MARKS}]+/gu)\n"
    "    .filter(function (term) { return term; });\n"
    "};\n"
)


class SearchArabic(SearchLanguage):
    lang = "ar"
    language_name = "Arabic"
    stopwords = english_stopwords  # for the English runs; Arabic words are all indexed
    js_splitter_code = JS_SPLITTER

    def init(self, options) -> None:
        self.arabic = BookArabicStemmer()
        self.english = snowballstemmer.stemmer("porter")

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        return js_stemmer_code()

    def split(self, input: str) -> list[str]:
        words = []
        for word in _WORD.findall(input):
            words.append(word)
            if is_arabic(word) and (rest := conjunction_less(word)):
                words.append(rest)
        return words

    def stem(self, word: str) -> str:
        if is_arabic(word):
            return self.arabic.stemWord(normalise(word))
        word = word.lower()
        # Sphinx's English stemmer for the browser leaves words under three letters as
        # they are («US», «is»), Snowball's Porter stemmer does not: the browser's rule.
        return word if len(word) < 3 else self.english.stemWord(word)

    def word_filter(self, word: str) -> bool:
        if is_arabic(word):
            return len(word) >= 2
        return super().word_filter(word)


def signature() -> str:
    """What the index depends on: this module and the browser's code."""
    source = Path(__file__).read_bytes() + js_stemmer_code().encode()
    return hashlib.sha256(source).hexdigest()[:16]


def setup(app) -> None:
    app.add_search_language(SearchArabic)
    # Sphinx keeps the index entries of the pages it does not write again; a config value
    # of the HTML output makes it write (and index) every page when the stemming changes.
    app.add_config_value("rsii_search_ar", signature(), "html")
