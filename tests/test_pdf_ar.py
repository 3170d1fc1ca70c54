"""The Arabic edition's PDF: built strict, Arabic from its outline to its index, every
link resolving, its text layer whole in three extractors, the same bytes when built
again, and page images for a person to look at (test-artifacts/pdf-ar/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pdflinks
import pytest
from pypdf import PdfReader
from test_pdf_text import EXTRACTORS, FOOTNOTE, PRESENTATION, tokens

from rsii.book import build as book
from rsii.present import arabic

pytestmark = pytest.mark.book

# Share of the distinct Arabic words of the LaTeX source that each extractor returns
# whole, over the whole book; measured 0.775, 0.990 and 0.965 of 3298 words, and set a
# little below. What pdftotext splits: words with harakat (poppler sets each zero-width
# mark apart; the book's own prose has many more than the article); what all three
# split: the words with Amiri's lam-kaf connector, which the Arabic PDF gives the text
# U+0640 (الـكربولي), and a number with a letter after it (2003م).
BOOK_AIMS = {"pdftotext": 0.75, "mutool": 0.98, "pdfminer": 0.95}
# The same, on the article's own words (the English PDF's measure: 0.95, 0.98, 0.98).
ARTICLE_AIMS = {"pdftotext": 0.95, "mutool": 0.98, "pdfminer": 0.98}
ARTIFACTS = "test-artifacts/pdf-ar"


def _squash(text: str) -> str:
    """Letters only. U+0640 (tatweel): the text the Arabic PDF gives Amiri's lam-kaf
    connector (the English PDF gives it U+200D)."""
    return re.sub(r"[\s\u200d\u0640]+", "", arabic.BIDI_CONTROLS.sub("", text))


def _pdftotext(pdf, *args) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def latex_dir(root, pdf_ar_path):
    return root / "_build" / "ar" / "src" / "_build" / "latex"


@pytest.fixture(scope="module")
def reader(pdf_ar_path) -> PdfReader:
    return PdfReader(pdf_ar_path)


@pytest.fixture(scope="module")
def chapters(reader) -> list[tuple[str, int]]:
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


@pytest.fixture(scope="module")
def pages(pdf_ar_path) -> list[str]:
    """Each page's text in reading order (``-raw`` gives the Arabic PDF's glyphs one by
    one: its lines are set right to left)."""
    return _pdftotext(pdf_ar_path).split("\f")[:-1]


def _span(chapters, reader, name) -> tuple[int, int]:
    for i, (title, page) in enumerate(chapters):
        if re.sub(r"^[\d.]+\s*", "", title) == name:
            end = chapters[i + 1][1] - 1 if i + 1 < len(chapters) else len(reader.pages) - 1
            return page, end
    raise AssertionError(f"no chapter {name!r} in the outline: {chapters}")


# --- Arabic from the outline to the index ------------------------------------------


def test_outline_is_arabic(chapters):
    titles = [re.sub(r"^[\d.]+\s*", "", t) for t, _ in chapters]
    english = [t for t in titles if not arabic.has_arabic(t)]
    assert not english, f"chapters without Arabic in the outline: {english}"
    assert titles[-2:] == ["المراجع", "الفهرس"], titles


def test_contents_are_arabic(latex_dir):
    toc = (latex_dir / "book.toc").read_text(encoding="utf-8")
    chapters = re.findall(r"\\contentsline \{chapter\}\{(?:\\numberline \{\d+\})?(.*?)\}\{", toc)
    assert len(chapters) >= 10
    english = [c for c in chapters if not arabic.has_arabic(c)]
    assert not english, english
    assert "المحتويات" in (latex_dir / "book.tex").read_text(encoding="utf-8")


def test_title_page_is_arabic(pages):
    title = _squash(pages[0])
    for words in ("ويكيبيديا العربية", "الإصدار", "ديسمبر", "برخصة"):
        assert _squash(words) in title, words


def test_every_link_and_named_destination_resolves(reader, latex_dir):
    named = reader.named_destinations
    for name, dest in named.items():
        assert reader.get_destination_page_number(dest) >= 0, name
    linked = set()
    for kind, dest in pdflinks.links(reader):
        if kind == "internal":
            assert isinstance(dest, str) and dest in named, f"dangling link {dest!r}"
            linked.add(dest)
    tex = (latex_dir / "book.tex").read_text(encoding="utf-8")
    cited = set(re.findall(r"\\hyperlink\{(cite\.[^}]+)\}", tex))
    assert len(cited) >= 19
    assert cited <= linked, f"citations without a working link: {sorted(cited - linked)[:5]}"


def test_bibliography_holds_the_footnotes_before_the_methods(pages, chapters, reader):
    first, last = _span(chapters, reader, "المراجع")
    text = "\n".join(pages[first : last + 1])
    text = text[text.index("[1]") :]  # the chapter's opening words name [1]–[19]
    labels = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d{1,2})\]", text)))
    assert labels == list(range(1, 20)), labels
    last_footnote = text.index("[19]")
    assert text.index("[1]") < last_footnote < text.index("[Wikipedia]") < text.index("[Hei46]")


def test_index_lists_every_actor_by_its_arabic_name(pages, chapters, reader, root):
    """By the short Arabic name (short_ar), its page title."""
    import pandas as pd

    first, last = _span(chapters, reader, "الفهرس")
    text = _squash("".join(pages[first : last + 1]))
    actors = pd.read_csv(root / "data" / "actors.csv", dtype=str, keep_default_na=False)
    text = re.sub(r"[\[\]]", "", text)  # extractors mirror brackets in Arabic text
    missing = [a for a in actors.short_ar if re.sub(r"[\[\]]", "", _squash(a)) not in text]
    assert not missing, missing


def test_index_is_in_arabic_alphabetical_order(latex_dir):
    from rsii.book.sphinxext import arsort

    ind = (latex_dir / "book.ind").read_text(encoding="utf-8")
    groups = re.findall(r"\\lettergroup\{(.+?)\}", ind)
    letters = [g for g in groups if g != arsort.OTHERS]
    assert letters == sorted(letters, key=arsort.ALPHABET.index), groups
    assert len(letters) >= 15


def test_no_page_carries_a_traceback_or_stderr(pdf_ar_path):
    text = _pdftotext(pdf_ar_path, "-layout")
    for mark in ("Traceback", "Error:", "Warning:", "stderr"):
        assert mark not in text, mark


def test_code_is_left_to_right(latex_dir):
    """Code blocks are set in English (babel's otherlanguage around sphinxVerbatim)."""
    tex = (latex_dir / "book.tex").read_text(encoding="utf-8")
    assert r"\BeforeBeginEnvironment{sphinxVerbatim}{\begin{otherlanguage}{english}}" in tex
    assert tex.count(r"\begin{sphinxVerbatim}") >= 1


# --- the text layer ----------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(EXTRACTORS))
def extracted(request, pdf_ar_path):
    return request.param, EXTRACTORS[request.param](pdf_ar_path)


@pytest.fixture(scope="module")
def book_words(latex_dir) -> set[str]:
    """The Arabic words the LaTeX source sets (its commands are ASCII)."""
    return set(tokens((latex_dir / "book.tex").read_text(encoding="utf-8")))


def _share(name, found, wanted, aims):
    whole = wanted & set(found)
    share = len(whole) / len(wanted)
    print(f"{name}: {len(whole)}/{len(wanted)} whole ({share:.3f})")
    missing = sorted(wanted - set(found))[:12]
    assert share >= aims[name], f"{name}: {len(whole)}/{len(wanted)}; not whole: {missing}"


def test_the_books_arabic_words_come_out_whole(extracted, book_words):
    name, text = extracted
    _share(name, tokens(text), book_words, BOOK_AIMS)


def test_the_articles_words_come_out_whole(extracted, root):
    name, text = extracted
    article = (root / "data" / "source" / "article.ar.txt").read_text(encoding="utf-8")
    _share(name, tokens(text), set(tokens(FOOTNOTE.sub("", article))), ARTICLE_AIMS)


def test_every_glyph_has_its_letters(extracted):
    name, text = extracted
    assert "\ufffd" not in text, f"{name}: a glyph without a Unicode mapping"
    assert not PRESENTATION.search(text), f"{name}: presentation forms instead of letters"


def test_a_search_for_syria_finds_it(pdf_ar_path):
    assert "سوريا" in _pdftotext(pdf_ar_path)


def test_no_missing_glyphs(latex_dir):
    log = (latex_dir / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


# --- the same bytes, and pages to look at -----------------------------------------


def test_same_bytes_when_built_again(pdf_ar_path, latex_dir, root, tmp_path):
    before = pdf_ar_path.read_bytes()
    shutil.copy2(latex_dir / "book.pdf", tmp_path / "book.pdf")
    (latex_dir / "book.pdf").unlink()
    env = {**os.environ, "SOURCE_DATE_EPOCH": book.source_date_epoch(root)}
    try:
        subprocess.run(
            ["latexmk", "-pdf", "-dvi-", "-ps-", "-e", "$max_repeat=10", "book.tex"],
            cwd=latex_dir,
            env=env,
            capture_output=True,
            check=True,
        )
        assert (latex_dir / "book.pdf").read_bytes() == before
    finally:
        shutil.copy2(tmp_path / "book.pdf", latex_dir / "book.pdf")


def _first_page(pages, pattern, start=0) -> int:
    for n in range(start, len(pages)):
        if re.search(pattern, pages[n]):
            return n
    raise AssertionError(f"no page matches {pattern!r}")


def test_page_images_for_a_person_to_look_at(pdf_ar_path, pages, chapters, root):
    folder = root / ARTIFACTS
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    body = chapters[0][1]
    wanted = {
        "title": 0,
        "contents": 2,
        "chapter-opening": body,
        "table": _first_page(pages, r"تابع من الصفحة السابقة", body),
        "code": _first_page(pages, r"@book\{", body),
        "bibliography": chapters[-2][1],
        "index": chapters[-1][1],
    }
    for name, page in wanted.items():
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page + 1), "-l"]
            + [str(page + 1), str(pdf_ar_path), str(folder / name)],
            check=True,
        )
    assert sorted(p.stem for p in folder.glob("*.png")) == sorted(wanted)
