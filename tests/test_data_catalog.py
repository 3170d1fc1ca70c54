"""The Arabic catalog of the data's strings (locales/ar/LC_MESSAGES/rsii/data.po) never
retranslates a quotation: a quote_en is the project's English of an Arabic quotation of
the article, so its Arabic is the row's own quote_ar, word for word. The catalog is also
complete (no message untranslated or fuzzy), so that an Arabic page never falls back on
English data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from rsii.data import paths

ROOT = paths.repo_root()
CATALOG = ROOT / "locales" / "ar" / "LC_MESSAGES" / "rsii" / "data.po" if ROOT else None
QUOTED = ("stances", "statement_concepts")  # the tables whose rows carry quote_ar/quote_en


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="ar")


def quote_rows(root: Path) -> list[tuple[str, int, dict[str, str]]]:
    """(table, line of the CSV file, row) of every row with an English quote."""
    found = []
    for table in QUOTED:
        with open(root / "data" / f"{table}.csv", encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                if row["quote_en"].strip():
                    found.append((table, line, row))
    return found


def quote_mismatches(rows, catalog: Catalog) -> list[str]:
    """Each row whose quote_en the catalog lacks, leaves untranslated or fuzzy, or renders
    otherwise than by the row's quote_ar."""
    problems = []
    for table, line, row in rows:
        where = f"data/{table}.csv:{line} ({row['id']})"
        message = catalog.get(row["quote_en"], context=f"{table}.quote_en")
        if message is None:
            problems.append(f"{where}: quote_en not in the catalog")
        elif message.fuzzy:
            problems.append(f"{where}: translation is fuzzy")
        elif message.string != row["quote_ar"]:
            problems.append(f"{where}: {message.string!r} is not quote_ar {row['quote_ar']!r}")
    return problems


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    assert CATALOG is not None, "tests run from the source checkout"
    return read_catalog(CATALOG)


def test_every_quote_is_the_articles_own_arabic(catalog):
    rows = quote_rows(ROOT)
    assert rows, "the data has quotations"
    assert quote_mismatches(rows, catalog) == []


def test_a_retranslated_quote_is_caught(catalog):
    table, line, row = quote_rows(ROOT)[0]
    message = catalog.get(row["quote_en"], context=f"{table}.quote_en")
    original = message.string
    try:
        message.string = original + " (ترجمة)"
        assert len(quote_mismatches([(table, line, row)], catalog)) == 1
        message.string = ""
        assert len(quote_mismatches([(table, line, row)], catalog)) == 1
    finally:
        message.string = original
    missing = dict(row, quote_en=row["quote_en"] + " (changed)")
    assert "not in the catalog" in quote_mismatches([(table, line, missing)], catalog)[0]


def test_every_data_string_is_translated(catalog):
    untranslated = [
        f"{m.context}: {m.id[:60]!r}" for m in catalog if m.id and (not m.string or m.fuzzy)
    ]
    assert untranslated == []
    assert not catalog.fuzzy, "the catalog's header is still marked fuzzy"
