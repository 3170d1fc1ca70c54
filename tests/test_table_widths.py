"""Column widths from content, Arabic columns flush right, and index terms merged by
case: the rules behind the tables and the index of both editions, without a build."""

from __future__ import annotations

import pandas as pd

from rsii.book.sphinxext import index
from rsii.present import tables


def _statements() -> pd.DataFrame:
    quote = "شكل نتيجة لاتفاق تم التوصل إليه في نهاية سبتمبر 2015 بين روسيا وإيران والعراق"
    english = "[it] was formed as a result of an agreement reached at the end of September 2015"
    return pd.DataFrame(
        {
            "Speaker": ["Russia", "Iran", "Joint Operations Command"],
            "Arabic": [quote] * 3,
            "English": [english] * 3,
            "Sentence": ["s02", "s02", "s10"],
            "Footnotes": ["{cite:p}`fn05,fn06,fn07`", "{cite:p}`fn05`", ""],
        }
    )


def test_prose_columns_get_the_room_and_narrow_ones_their_longest_word():
    shares = dict(zip(_statements().columns, tables.column_shares(_statements()), strict=True))
    assert sum(shares.values()) <= 1.0001
    # The quote and its English are the widest; the citations, once "[5, 6, 7]", narrow.
    assert min(shares["Arabic"], shares["English"]) > max(shares["Footnotes"], shares["Sentence"])
    # Every header prints whole: its longest word, in the header's face, fits.
    for header, share in shares.items():
        assert share * tables.LINE >= len(header) * tables.HEADER


def test_code_gets_the_width_of_its_wider_face():
    df = pd.DataFrame({"Value": ["`international_organisation`"], "Meaning": ["a body " * 40]})
    value, _ = tables.column_shares(df)
    assert value * tables.LINE >= len("international_organisation") * tables.CODE


def test_a_table_whose_cells_fit_stays_narrower_than_the_line():
    shares = tables.column_shares(pd.DataFrame({"Bloc": ["A", "B"], "Actors": [3, 4]}))
    assert sum(shares) < 0.5


def test_arabic_columns_are_set_flush_right_and_others_ragged_right():
    df = _statements()
    text = tables.markdown_table(df).text
    spec = text.split("\n", 1)[0]
    assert spec.count("raggedleft") == 1 and spec.count("raggedright") == len(df.columns) - 1
    assert tables.arabic_column(["{ar}`روسيا`", ""])
    assert not tables.arabic_column(["{ar}`روسيا` (Russia)"])
    assert not tables.arabic_column(["", ""])


def test_index_terms_that_differ_by_case_take_one_form():
    forms = index.case_forms(["Actor", "actor", "Walk index", "walk index", "Iraq", "pair; Camp"])
    assert forms["actor"] == "actor" and forms["walk index"] == "walk index"
    assert forms["iraq"] == "Iraq"
    assert index._recase("Camp; Stance", {"camp": "camp", "stance": "stance"}) == "camp; stance"
