"""The Arabic PDF's index order (rsii.book.sphinxext.arsort) and the Arabic headwords of
its entries (rsii.book.sphinxext.arindex): no build needed."""

from __future__ import annotations

from rsii.book.sphinxext import arindex, arsort
from rsii.present import i18n


def _order(words):
    return sorted(words, key=lambda w: arsort.sort_key(w))


def test_alphabet_order_not_code_points():
    # By code point أ (U+0623) would come before ا (U+0627), and ي before ى.
    assert _order(["يمن", "باب", "أمن", "تل", "ابن"]) == ["ابن", "أمن", "باب", "تل", "يمن"]


def test_article_marks_and_variants_are_ignored():
    assert _order(["العراق", "عمل", "سوريا", "إيران"]) == ["إيران", "سوريا", "العراق", "عمل"]
    assert arsort.group("العراق") == "ع"
    assert arsort.group("أردوغان") == "ا"
    assert arsort.sort_key("مُستنتَج")[1] == arsort.sort_key("مستنتج")[1]
    assert arsort.group("4+1") == arsort.OTHERS


def test_shorter_word_first_then_by_words():
    assert _order(["حالة صعبة", "حالة", "حال"]) == ["حال", "حالة", "حالة صعبة"]


def test_idx_to_ind_merges_pages_once_in_order():
    idx = [
        r"\indexentry{روسيا (Russia)@\spxentry{روسيا}\spxextra{Russia}}{12}",
        r"\indexentry{إيران (Iran)@\spxentry{إيران}\spxextra{Iran}}{9}",
        r"\indexentry{روسيا (Russia)@\spxentry{روسيا}\spxextra{Russia}|spxpagem}{3}",
        r"\indexentry{روسيا (Russia)@\spxentry{روسيا}\spxextra{Russia}}{12}",
        r"\indexentry{موقف (stance)@\spxentry{موقف}\spxextra{stance}}{ii}",
    ]
    ind = arsort.write(arsort.parse(idx))
    lines = [line.strip() for line in ind.splitlines() if line.strip().startswith(r"\item")]
    assert lines == [
        r"\item \spxentry{إيران}\spxextra{Iran}، \hyperpage{9}",
        r"\item \spxentry{روسيا}\spxextra{Russia}، \spxpagem{\hyperpage{3}}، \hyperpage{12}",
        r"\item \spxentry{موقف}\spxextra{stance}، \hyperpage{ii}",
    ]
    assert ind.index(r"\lettergroup{ا}") < ind.index(r"\lettergroup{ر}") < ind.index("{م}")


def test_entries_headed_by_arabic():
    terms = {"stance": "موقف"}
    assert arindex.arabic_first("stance", terms) == "موقف (stance)"
    assert arindex.arabic_first("Russia (روسيا)", terms) == "روسيا (Russia)"
    assert arindex.arabic_first("فاعل (actor)", terms) == "فاعل (actor)"
    assert arindex._english("sign (of a tie)") == "sign, of a tie"


def test_every_index_term_has_its_arabic():
    with i18n.using("ar"):
        terms = arindex._terms()
    assert all(i18n_is_arabic(t) for t in terms.values())


def i18n_is_arabic(text: str) -> bool:
    from rsii.present import arabic

    return arabic.has_arabic(text)
