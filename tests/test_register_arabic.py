"""The generated pages of the Arabic edition: the actor register and the article
chapter written in Arabic, with the same files, anchors and links as in English.

The data's own strings (notes, hard cases, events) come from ``rsii/data.po``; the
tests of the pages' wording stand in for them with a marked Arabic placeholder, so
that they test this code's messages; one test reads the real catalog, strictly, once
it holds the data's Arabic."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from rsii.book.sphinxext import articlepage
from rsii.data import load, paths
from rsii.present import i18n, register, register_pages

DATA_STAND_IN = "نص البيانات المترجم"


@pytest.fixture(scope="module")
def reg() -> register.Register:
    return register.build(cases=True)


def _stand_in(text, context=None):
    return DATA_STAND_IN if text else text


@pytest.fixture(scope="module")
def arabic(reg):
    """{file: text} of the register's pages and the article chapter, in Arabic."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(register_pages, "data_", _stand_in)
        with i18n.using("ar"):
            return _pages(reg)


@pytest.fixture(scope="module")
def english(reg):
    with i18n.using("en"):
        return _pages(reg)


def _pages(reg) -> dict[str, str]:
    pages = register_pages.pages(reg)
    data = paths.data_dir()
    pages["ARTICLE"] = articlepage.render(load.headings(data), load.sentences(data), reg)
    return pages


def _labels(text: str) -> list[str]:
    return re.findall(r"^\(([^)]+)\)=$", text, re.M) + re.findall(r"^:name: (\S+)$", text, re.M)


def _targets(text: str) -> list[str]:
    return re.findall(r"\{ref\}`[^`<]*<([^>`]+)>`", text)


_FENCED = re.compile(r"^ *```\{(english|index|raw|tabularcolumns)\}.*?^ *```$", re.M | re.S)
_ROLE = re.compile(r"\{(?:cite:p|ref)\}`([^`<]*)(?:<[^>`]*>)?`")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ARABIC = re.compile(r"[\u0600-\u06FF]+")


def prose(text: str) -> str:
    """The words a reader reads on a page of the Arabic edition: without the English
    marked as English, the index entries, the table (whose English column is English
    by design), labels, link targets, citations' keys, inline code and addresses."""
    text = _FENCED.sub("", text)
    text = re.sub(r"\{cite:p\}`[^`]*`", "", text)
    text = _ROLE.sub(r"\1", text)
    text = re.sub(r"^\([^)]+\)=$|^:name: .*$|^:width: .*$|^```.*$", "", text, flags=re.M)
    text = re.sub(r"^:alt: ", "", text, flags=re.M)
    text = re.sub(r"^\|.*\|$", "", text, flags=re.M)
    text = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\bQ\d+\b", " ", text)
    return text


def latin_share(text: str) -> float:
    words = prose(text)
    latin, arabic = len(_LATIN.findall(words)), len(_ARABIC.findall(words))
    return latin / max(latin + arabic, 1)


def test_every_actor_page_exists_in_arabic_with_its_arabic_name_as_title(reg, arabic, english):
    assert set(arabic) == set(english)
    for actor in reg.actors["id"]:
        page = arabic[register.page_name(reg.names[actor]) + ".md"]
        a = reg.actor(actor)
        assert page.startswith(f"(actor-{actor})=\n# {a['short_ar']}\n"), actor
        assert a["name_ar"] in page  # the article's first mention, quoted on the page
        assert f"```{{english}}\n{a['name_en']}\n```" in page
    assert arabic["index.md"].startswith("(actor-register)=\n# سجل الفاعلين\n")


def test_anchors_and_links_are_the_same_in_both_editions(arabic, english):
    for name in english:
        assert _labels(arabic[name]) == _labels(english[name]), name
        assert set(_targets(arabic[name])) == set(_targets(english[name])), name


def test_arabic_pages_hold_no_untranslated_english(arabic):
    for name, text in arabic.items():
        share = latin_share(text)
        assert share < 0.05, f"{name}: {share:.1%} of the words are in Latin script"
    # Nor any of the English edition's sentences.
    every = "\n".join(map(prose, arabic.values()))
    for english in ("first named in", "according to", "in the article's own voice",
                    "Coder's note", "optimal two-camp split", "Ego network of", "Rerun",
                    "This chapter reproduces", "What the article says"):  # fmt: skip
        assert english not in every


def test_article_chapter_puts_the_arabic_first_and_marks_the_english(reg, arabic):
    page = arabic["ARTICLE"]
    assert page.startswith("# المقالة\n")
    s01 = reg.sentences.set_index("id").loc["s01"]
    assert f"(sentence-s01)=\n**1.** {s01['text_ar']} {{cite:p}}`" in page
    assert f"```{{english}}\n{s01['text_en']}\n```" in page
    for title in load.headings(paths.data_dir())["title_ar"]:
        assert re.search(rf"^#+ {re.escape(title)}$", page, re.M), title
    assert "*المُرمَّز.* الفاعلون: " in page


def test_camp_sentences_are_whole_for_one_two_and_more_splits():
    from rsii.present import register_words as rw

    with i18n.using("ar"):
        one, two, four, eleven = (rw.always(n, "أ", "ب") for n in (1, 2, 4, 11))
        assert one.startswith("في التقسيم الأمثل الوحيد (1)")
        assert two.startswith("في كلا التقسيمين الأمثلين")
        assert four.startswith("في جميع التقسيمات المثلى الـ4")
        assert eleven.startswith("في جميع التقسيمات المثلى الـ11")
        assert "أ" in one and "ب" in one
        assert rw.always(2, "", "").startswith("لا يكون أي فاعل آخر")
    with i18n.using("en"):
        assert rw.always(2, "A", "") == "in both optimal two-camp splits, in one camp with A"
        assert rw.always(1, "", "B").startswith("in the one optimal two-camp split")


def test_a_missing_message_raises(reg, monkeypatch):
    """Strict: a message of the register without its Arabic stops the Arabic edition."""
    table = dict(i18n._catalog("ar"))
    del table[(None, "Hard cases")]
    monkeypatch.setattr(i18n, "_catalog", lambda lang: table)
    monkeypatch.setattr(register_pages, "data_", _stand_in)
    with i18n.using("ar"), pytest.raises(i18n.MissingTranslation, match="Hard cases"):
        register_pages.pages(reg)
    with i18n.using("en"):
        register_pages.pages(reg)  # the English edition needs no catalog


def _data_catalog_translated() -> bool:
    path = i18n.locales_dir() / "ar" / "LC_MESSAGES" / i18n.DOMAIN / f"{i18n.DATA_CATALOG}.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="ar")
    return any(m.id and m.string for m in catalog)


@pytest.mark.skipif(not _data_catalog_translated(), reason="rsii/data.po has no Arabic yet")
def test_arabic_pages_with_the_data_translations(reg):
    """With the data's own Arabic (rsii/data.po): every message the pages need exists."""
    with i18n.using("ar"):
        pages = _pages(reg)
    for name, text in pages.items():
        assert latin_share(text) < 0.05, name
