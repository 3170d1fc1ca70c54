"""The article as tables: ``headings.csv`` and ``sentences.csv``, derived by code from
the verbatim text plus the project's hand-written inputs in ``data/source/`` (heading
levels and English translations)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from rsii.data import corpus, paths
from rsii.data.errors import DataError

SENTENCE_COLUMNS = [
    "id",
    "line",
    "section",
    "section_en",
    "text_ar",
    "text_en",
    "footnotes",
    "footnote_offsets",
]
HEADING_COLUMNS = ["id", "line", "level", "title_ar", "title_en"]


def read_article(data: Path | None = None) -> str:
    path = paths.article_path(data)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        line = path.read_bytes()[: e.start].count(b"\n") + 1
        raise DataError(path, line, f"not UTF-8 ({e.reason})") from None


def _read_keyed(path: Path, columns: list[str]) -> dict[str, tuple[int, dict]]:
    """Rows of a small hand-written CSV by id, with the line each came from."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, None, "file is missing") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(path, 1, f"missing column(s): {', '.join(missing)}")
    rows: dict[str, tuple[int, dict]] = {}
    for row in reader:
        line = reader.line_num
        if row["id"] in rows:
            raise DataError(path, line, f"duplicate id {row['id']!r}")
        rows[row["id"]] = (line, row)
    return rows


def build(data: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Segment the article and join the translations: (headings, sentences)."""
    data = data or paths.data_dir()
    text = read_article(data)
    headings, sentences = corpus.parse(text)
    src = data / "source"
    heads = _read_keyed(src / "headings.csv", ["id", "title_ar", "title_en", "level"])
    trans = _read_keyed(src / "translation.en.csv", ["id", "text_en"])

    for ids, table, path in (
        ([h.id for h in headings], heads, src / "headings.csv"),
        ([s.id for s in sentences], trans, src / "translation.en.csv"),
    ):
        for extra in sorted(set(table) - set(ids)):
            raise DataError(path, table[extra][0], f"id {extra!r} matches nothing in the article")
        for gone in ids:
            if gone not in table:
                raise DataError(path, None, f"no row for {gone!r}")
    for h in headings:
        line, row = heads[h.id]
        if row["title_ar"] != h.title_ar:
            raise DataError(
                src / "headings.csv",
                line,
                f"title_ar differs from the article's heading {h.title_ar!r}",
            )

    title_en = {h.title_ar: heads[h.id][1]["title_en"] for h in headings}
    head_df = pd.DataFrame(
        [
            (h.id, h.line, int(heads[h.id][1]["level"]), h.title_ar, heads[h.id][1]["title_en"])
            for h in headings
        ],
        columns=HEADING_COLUMNS,
    )
    sent_df = pd.DataFrame(
        [
            (
                s.id,
                s.line,
                s.section,
                title_en.get(s.section, ""),
                s.text_ar,
                trans[s.id][1]["text_en"],
                " ".join(map(str, s.footnotes)),
                " ".join(map(str, s.offsets)),
            )
            for s in sentences
        ],
        columns=SENTENCE_COLUMNS,
    )
    return head_df, sent_df


def write(data: Path | None = None) -> list[Path]:
    data = data or paths.data_dir()
    written = []
    for name, df in zip(("headings.csv", "sentences.csv"), build(data), strict=True):
        df.to_csv(data / name, index=False, lineterminator="\n")
        written.append(data / name)
    return written


def from_tables(headings: pd.DataFrame, sentences: pd.DataFrame) -> str:
    """Rebuild the article text from the two tables (the inverse of :func:`build`)."""
    heads = [corpus.Heading(r.id, int(r.line), r.title_ar) for r in headings.itertuples()]
    sents = [
        corpus.Sentence(
            r.id,
            int(r.line),
            r.section,
            r.text_ar,
            [int(n) for n in str(r.footnotes or "").split()],
            [int(n) for n in str(r.footnote_offsets or "").split()],
        )
        for r in sentences.fillna("").itertuples()
    ]
    return corpus.rebuild(heads, sents)
