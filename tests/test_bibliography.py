"""Footnotes in BibTeX: one entry per marker, cited in the book, labelled as printed."""

from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from rsii.book.sphinxext import articlepage, bibstyle


@pytest.fixture(scope="module")
def bib(root):
    return parse_file(str(root / "references.bib")).entries


def test_one_entry_per_footnote_with_number_and_sentences(bib, sentences):
    cited_by: dict[int, list[str]] = {}
    for row in sentences.itertuples():
        for n in row.footnotes.split():
            if row.id not in cited_by.setdefault(int(n), []):
                cited_by[int(n)].append(row.id)
    keys = sorted(k for k in bib if k.startswith("fn"))
    assert keys == [f"fn{n:02d}" for n in sorted(cited_by)]
    for n, ids in cited_by.items():
        entry = bib[f"fn{n:02d}"]
        assert entry.fields["number"] == str(n)
        assert entry.fields["sentences"].split() == ids
        assert "footnote" in entry.fields["keywords"]
        # Nothing about the unseen reference list is invented.
        assert not entry.persons and "url" not in entry.fields and "doi" not in entry.fields


def test_every_footnote_is_cited_on_the_article_page(bib, headings, sentences):
    page = articlepage.render(headings.assign(level=headings.level.astype(int)), sentences)
    cited = set()
    for keys in re.findall(r"\{cite:p\}`([^`]+)`", page):
        cited.update(keys.split(","))
    assert {k for k in bib if k.startswith("fn")} <= cited


def test_every_key_cited_anywhere_in_the_book_exists(root, bib):
    sources = list((root / "book").glob("*.md")) + list((root / "notebooks").glob("*.md"))
    for path in sources:
        for keys in re.findall(r"\{cite:[pt]\}`([^`]+)`", path.read_text(encoding="utf-8")):
            for key in keys.split(","):
                assert key.strip() in bib, f"{path.name} cites unknown key {key!r}"


def test_footnote_labels_are_the_article_numbers(bib):
    entries = [bib[k] for k in ("fn14", "fn05", "fn01")]
    labels = list(bibstyle.FootnoteLabelStyle().format_labels(entries))
    assert labels == ["14", "5", "1"]
    ordered = bibstyle.FootnoteSortingStyle().sort(entries)
    assert [e.fields["number"] for e in ordered] == ["1", "5", "14"]


def test_label_field_overrides_alpha_label(bib):
    labels = list(
        bibstyle.FieldLabelStyle().format_labels(
            [bib["wikipedia-4plus1"], bib["heider1946attitudes"]]
        )
    )
    assert labels == ["Wikipedia", "Hei46"]
