"""Search in the Arabic edition (rsii.book.sphinxext.search_ar): one stem for a word
whatever its hamza and alef forms, tatweel, diacritics and definite article; a leading
«و» or «ف» kept where it belongs to the word; the browser's stemmer (run by node, and
by Chromium) giving Python's stem for every word of the article; the index and the
language data of a small Arabic Sphinx project; and, on the built Arabic site, searches
in Chromium that find the pages."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import quote

import playwright
import pytest

from rsii.book import build as book
from rsii.book.sphinxext import search_ar

pytest_plugins = ["browser"]

LANG = search_ar.SearchArabic({})


def stem(word: str) -> str:
    return LANG.stem(word).lower()  # as Sphinx's index does


@pytest.mark.parametrize(
    "words",
    [
        (
            "ايران",
            "إيران",
            "إيـــران",
            "إِيرَان",
            "الإيرانية",
            "ﺇﻳﺮﺍﻥ",
        ),  # hamza, tatweel, marks, forms
        ("الحشد", "حشد", "والحشد", "للحشد", "بالحشد", "الحَشْد"),  # the article, with و ب ل
        ("روسيا", "الروسي", "رُوسيا"),
        ("التحالف", "تحالف", "تَحالُف", "للتحالف"),
        ("آلية", "ألية", "الية"),  # alef madda, hamza above, bare alef
        ("في", "فى"),  # alef maqsura
        ("المعسكرات", "معسكر"),
        ("إيران", "إيراني", "الإيراني", "إيرانيين"),  # nouns, not a verb with «ني»
        ("شبكة", "الشبكات"),
    ],
)
def test_spellings_of_a_word_share_a_stem(words):
    assert len({stem(w) for w in words}) == 1, {w: stem(w) for w in words}


def test_the_article_stays_where_little_would_remain():
    assert stem("الله") != stem("له")
    assert search_ar.normalise("التي") == "التي"


def test_normalisation_does_not_fold_taa_marbuta_or_alternative_spellings():
    # «ة» is not «ه», and «سورية» is not rewritten «سوريا» (the stemmer alone decides).
    assert search_ar.normalise("حكومة") == "حكومة"
    assert search_ar.normalise("سورية") != search_ar.normalise("سوريا")


@pytest.mark.parametrize("word", ["وزير", "وزارة", "وكالة", "واشنطن", "فرنسا", "فصائل", "فيلق"])
def test_a_leading_waw_or_faa_of_the_word_is_kept(word):
    assert stem(word)[0] == word[0], stem(word)
    assert stem("ال" + word) == stem(word)


def test_the_index_holds_a_word_with_a_conjunction_both_ways():
    assert LANG.split("وروسيا والحشد وزير") == ["وروسيا", "روسيا", "والحشد", "الحشد", "وزير", "زير"]
    assert stem("روسيا") in {stem(w) for w in LANG.split("وروسيا")}
    assert stem("وزير") == stem(LANG.split("وزير")[0])  # a search for «وزير» finds it


def test_words_are_split_with_their_diacritics():
    assert LANG.split("تَحالُفٌ عَسْكَرِيٌّ، 4+1") == ["تَحالُفٌ", "عَسْكَرِيٌّ", "4", "1"]


def test_english_runs_are_stemmed_as_in_the_english_edition():
    assert stem("Networks") == "network" and stem("US") == "us"
    assert not LANG.word_filter(stem("the")) and LANG.word_filter(stem("ايران"))


# ---- the browser's stemmer --------------------------------------------------------------


def node() -> str:
    """Node: the system's, else the one the playwright package ships for its driver."""
    bundled = Path(playwright.__file__).parent / "driver" / "node"
    found = shutil.which("node") or (str(bundled) if bundled.is_file() else None)
    assert found, "no node: neither on PATH nor in the playwright package"
    return found


RUN = """
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stemmer = new Stemmer();
process.stdout.write(JSON.stringify(words.map((w) => stemmer.stemWord(w.toLowerCase()))));
"""


def js_stems(code: str, words: list[str]) -> list[str]:
    out = subprocess.run(
        [node(), "-e", code + RUN], input=json.dumps(words), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


@functools.cache
def article_words() -> tuple[str, ...]:
    """Every distinct word of the article (Arabic) and of its translation (English)."""
    import pandas as pd

    from rsii.data import paths

    frame = pd.read_csv(paths.repo_root() / "data" / "sentences.csv", dtype=str).fillna("")
    text = " ".join(frame["text_ar"]) + " " + " ".join(frame["text_en"])
    return tuple(sorted(set(LANG.split(text))))


def variants(words) -> list[str]:
    """Each Arabic word with prefixes, marks and tatweel, as a reader might type it."""
    out = []
    for i, word in enumerate(w for w in words if search_ar.is_arabic(w)):
        out += [p + word for p in ("و", "ف", "ب", "ل", "ك", "وال", "بال", "لل", "ولل")]
        marks = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0670", "\u0640"]
        out.append("".join(c + marks[(i + j) % len(marks)] for j, c in enumerate(word)))
    return out


def test_the_browser_stemmer_gives_python_s_stem_for_every_word_of_the_article():
    words = list(article_words())
    words += variants(words) + ["ﻹيران", "ﻻ", "ٱلحشد", "فى", "على", "سوريه", "ی", "ک"]
    assert len(words) > 4000
    python = [stem(w) for w in words]
    browser = js_stems(search_ar.js_stemmer_code(), words)
    differ = [(w, p, j) for w, p, j in zip(words, python, browser, strict=True) if p != j]
    assert not differ, differ[:20]


def test_the_query_is_split_as_the_pages_are():
    text = "تَحالُفٌ عَسْكَرِيٌّ، 4+1 US-Iran"
    code = f"{search_ar.JS_SPLITTER}process.stdout.write(JSON.stringify(splitQuery({text!r})));"
    out = subprocess.run([node(), "-e", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == ["تَحالُفٌ", "عَسْكَرِيٌّ", "4", "1", "US", "Iran"]
    assert LANG.split(text) == json.loads(out.stdout)


# ---- a small Arabic Sphinx project --------------------------------------------------------

PAGES = {
    "index": "الصفحة الأولى\n=============\n\n.. toctree::\n\n   iran\n   hashd\n",
    "iran": "إيـران\n======\n\nتَحالُف روسيا وسورية وإيران.\n",
    "hashd": "الحشد\n=====\n\nقال وزير الخارجية إن الحشد الشعبي وفرنسا.\n",
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    tmp = tmp_path_factory.mktemp("search_ar")
    src = tmp / "src"
    src.mkdir()
    for name, text in PAGES.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(
        "extensions = ['rsii.book.sphinxext.search_ar']\nlanguage = 'ar'\nproject = 'test'\n",
        encoding="utf-8",
    )
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(src, src, tmp / "html", tmp / "doctrees", "html",
                     status=None, warning=warnings, freshenv=True)  # fmt: skip
        app.build()
    # Another module's in-process Sphinx on the same worker leaves its registrations
    # behind; Sphinx says so while setting up, which says nothing of this project.
    left = [w for w in warnings.getvalue().splitlines() if "already registered" not in w]
    assert not left, "\n".join(left)
    return tmp / "html"


def read_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


def pages_for(index: dict, word: str) -> set[str]:
    found = set()
    for mapping in (index["terms"], index["titleterms"]):
        docs = mapping.get(stem(word), [])
        found |= {index["docnames"][d] for d in ([docs] if isinstance(docs, int) else docs)}
    return found


def test_a_small_arabic_project_indexes_the_normal_forms(small_site):
    index = read_index(small_site)
    # The first page lists the others' titles (its table of contents).
    assert pages_for(index, "ايران") == {"index", "iran"}  # «إيـران», «وإيران»
    assert pages_for(index, "حشد") == {"index", "hashd"}
    assert pages_for(index, "تحالف") == {"iran"}  # «تَحالُف»
    assert pages_for(index, "روسيا") == {"iran"}
    assert pages_for(index, "سوريا") == {"iran"}  # «وسورية»: the stemmer's «سور»
    assert pages_for(index, "وزير") == {"hashd"} and pages_for(index, "فرنسا") == {"hashd"}
    assert pages_for(index, "زير") == {"hashd"}  # the price of finding «وروسيا»
    data = (small_site / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "class BookStemmer extends ArabicStemmer" in data and "var splitQuery" in data
    words = ["إيـران", "وإيران", "الحشد", "وزير", "تَحالُف", "networks"]
    assert js_stems(data, words) == [stem(w) for w in words]


# ---- the built Arabic site, in Chromium ---------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def ar_site(root) -> Path:
    """The Arabic site: $RSII_SITE_AR if set, else the strict build of it."""
    if override := os.environ.get("RSII_SITE_AR"):
        return Path(override)
    result = book.build("html-ar", capture=True)
    assert result.returncode == 0, f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return root / "_build" / "html" / "ar"


@pytest.fixture(scope="module")
def ar_url(ar_site):
    handler = functools.partial(_Quiet, directory=str(ar_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.book
def test_the_arabic_index_holds_the_article_s_words_in_normal_form(ar_site):
    index = read_index(ar_site)
    for word in ("إيران", "ايران", "الحشد", "حشد", "سوريا", "روسيا", "التحالف"):
        assert "book/article" in pages_for(index, word), word


def search(context, page_opener, url: str, query: str) -> list[str]:
    page, visit = page_opener(context, f"{url}search.html?q={quote(query)}", query)
    try:
        # Sphinx writes "Search Results" (in the page's language) over "Searching" at the end.
        page.wait_for_function(
            "() => document.querySelector('#search-results h2')?.innerText"
            " === Documentation.gettext('Search Results')"
        )
        links = page.eval_on_selector_all(
            "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
        )
    finally:
        page.close()
    assert not visit.external and not visit.page_errors and not visit.failed, visit
    return sorted({re.sub(r"[?#].*", "", href) for href in links})


@pytest.mark.book
@pytest.mark.parametrize(
    "query, same",
    [("ايران", "إيران"), ("الحشد", "حشد"), ("سوريا", "سوريا"), ("روسيا", "روسيا")],
)
def test_searches_on_the_arabic_site_find_the_article(
    light_context, page_opener, ar_url, query, same
):
    found = search(light_context, page_opener, ar_url, query)
    assert "book/article.html" in found, found
    if same != query:
        assert search(light_context, page_opener, ar_url, same) == found


@pytest.mark.book
def test_chromium_stems_every_word_of_the_article_as_python_does(
    light_context, page_opener, ar_url
):
    words = list(article_words())
    words += variants(words)
    page, visit = page_opener(light_context, f"{ar_url}search.html", "search")
    try:
        browser = page.evaluate(
            "words => { const s = new Stemmer();"
            " return words.map(w => s.stemWord(w.toLowerCase())); }",
            words,
        )
    finally:
        page.close()
    differ = [(w, stem(w), b) for w, b in zip(words, browser, strict=True) if stem(w) != b]
    assert not differ, differ[:20]
