"""The article as data: checksum, segmentation, markers and an exact rebuild."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from rsii.data import article, corpus


def test_copy_of_the_article_is_unchanged(root):
    text = (root / "data" / "source" / "article.ar.txt").read_text(encoding="utf-8")
    assert corpus.sha256(text) == corpus.ARTICLE_SHA256
    seed = root.parent / "shared" / "seed" / "article.ar.txt"
    if (
        seed.exists()
    ):  # beside a checkout in this workplace: the copy matches its seed byte for byte
        assert seed.read_bytes() == (root / "data" / "source" / "article.ar.txt").read_bytes()


def test_licence_notice_ships_beside_the_text(root):
    notice = (root / "data" / "source" / "NOTICE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notice and "Wikipedia contributors" in notice


def test_headings_are_the_six_of_the_article(headings):
    assert list(headings.title_ar) == [
        "الخلفية",
        "التحالف",
        "موقف الجهات",
        "أطراف مؤيدة",
        "أطراف رافضة",
        "بدء غرفة عمليات بغداد",
    ]


def test_markers_counted_as_the_seed_readme_says(sentences):
    numbers = [int(n) for cell in sentences.footnotes for n in cell.split()]
    assert len(numbers) == 21
    assert sorted(set(numbers)) == list(range(1, 20))
    assert {n for n, k in Counter(numbers).items() if k == 2} == {5, 14}


def test_editorial_insertion_is_text_not_a_footnote(sentences):
    s08 = sentences.set_index("id").loc["s08"]
    assert "[الرئيس التركي رجب طيب]" in s08.text_ar
    assert s08.footnotes == "11"


def test_no_marker_left_in_the_text(sentences):
    assert not sentences.text_ar.str.contains(r"\[\d+\]").any()


def test_tables_rebuild_the_article_exactly(root, headings, sentences):
    text = (root / "data" / "source" / "article.ar.txt").read_text(encoding="utf-8")
    assert article.from_tables(headings, sentences) == text


def test_committed_tables_are_what_the_code_derives(headings, sentences):
    head_df, sent_df = article.build()
    pd.testing.assert_frame_equal(head_df.astype(str), headings.astype(str))
    pd.testing.assert_frame_equal(sent_df.astype(str), sentences.astype(str))


def test_every_sentence_has_a_translation(sentences):
    assert (sentences.text_en.str.len() > 20).all()
    assert sentences.id.tolist() == [f"s{i:02d}" for i in range(1, len(sentences) + 1)]


def test_split_keeps_quotes_and_markers_with_their_sentence():
    para = "قال «نعم.»[3] ثم ذهب.[4][5] وانتهى"
    assert corpus.split_sentences(para) == ["قال «نعم.»[3]", "ثم ذهب.[4][5]", "وانتهى"]


def test_markers_mid_sentence_keep_their_offsets():
    plain, numbers, offsets = corpus.split_markers("أ[1] ب[2][3] ج")
    assert (plain, numbers, offsets) == ("أ ب ج", [1, 2, 3], [1, 3, 3])
    sentence = corpus.Sentence("s01", 1, "", plain, numbers, offsets)
    assert sentence.raw == "أ[1] ب[2][3] ج"


def test_headings_are_short_unpunctuated_lines():
    assert corpus.is_heading("الخلفية")
    assert not corpus.is_heading("ثم تمكن التنظيم من السيطرة.")
    assert not corpus.is_heading("حيث أشار المندوب الروسي[13]")
