"""Check the data package and report every problem as ``FILE:LINE: what is wrong``.

Frictionless checks what ``datapackage.json`` can say: the files' structure (blank
rows, rows of the wrong length, repeated column names), types, required cells,
patterns, closed lists, unique and primary keys, foreign keys (:mod:`rsii.data.read`
maps its errors to lines). The project's own rules are :mod:`rsii.data.rules`; the
rules for statements, acts, concepts and notes are :mod:`rsii.data.rules_coding`; the
article's checks are here: its checksum, the tables rebuilding it exactly and agreeing
with what ``rsii sentences`` regenerates. LINE is the physical line in the file (the
header is line 1), so a multi-line quoted cell does not shift the lines after it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from rsii.data import article, corpus, paths
from rsii.data.errors import DataError
from rsii.data.load import SIGNED, TABLES
from rsii.data.read import (
    DESCRIPTOR,
    Table,
    clip,
    decode,
    frictionless_problems,
    header_problems,
    read_descriptor,
    read_table,
    shown_path,
)
from rsii.data.rules import (
    Context,
    Problems,
    check_alternatives,
    check_codebook,
    check_coding,
    check_rows,
    footnote_numbers,
)
from rsii.data.rules_coding import check_coding_rules

RULE_COLUMNS = ("sign", "directed", "tie")
COUNTED = (
    "sentences", "actors", "relations", "stances", "events", "cases", "alternatives", "concepts",
    "statement_concepts",
)  # fmt: skip


def bib_file(data: Path) -> Path:
    """The bibliography beside the data: in it (the wheel), next to it (the checkout)."""
    for candidate in (data / "references.bib", data.parent / "references.bib"):
        if candidate.is_file():
            return candidate
    return paths.bib_path()


def read_bib(data: Path) -> tuple[set[str] | None, Problems]:
    """The keys of the bibliography, or the problems that stop it being read."""
    from pybtex.database import parse_string
    from pybtex.exceptions import PybtexError

    out = Problems()
    path = bib_file(data)
    shown = shown_path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        out.add(shown, None, "file is missing: footnotes cannot be checked against it")
        return None, out
    text, problems = decode(raw, shown)
    out += problems
    if text is None:
        return None, out
    try:
        return set(parse_string(text, "bibtex").entries.keys()), out
    except PybtexError as e:
        out.add(shown, getattr(e, "lineno", None) or 1, f"cannot be parsed: {e}")
        return None, out


def read_rules(codebook: Table | None) -> tuple[dict[str, tuple[str, str, int]], Problems]:
    """The direction and sign each relation type prescribes, from the codebook's columns
    ``sign`` and ``directed``: filled for every relation row, empty for the others."""
    rules: dict[str, tuple[str, str, int]] = {}
    out = Problems()
    if codebook is None or any(c not in codebook.header for c in RULE_COLUMNS):
        return rules, out  # a missing column is reported by the header check
    for line, row in codebook:
        field_name, value = row.get("field", ""), row.get("value", "")
        sign, directed = row["sign"].strip(), row["directed"].strip()
        if field_name != SIGNED:
            if sign or directed or row["tie"].strip():
                out.add(
                    codebook.path, line,
                    f"sign, directed and tie are for {SIGNED} rows only: leave them empty for "
                    f"{field_name} {value!r}",
                )  # fmt: skip
            continue
        missing = [c for c in RULE_COLUMNS if not row[c].strip()]
        if missing:
            out.add(
                codebook.path, line,
                f"{SIGNED} {value!r} needs {' and '.join(missing)}: every {SIGNED} type fixes "
                "the sign and the direction of its ties",
            )  # fmt: skip
            continue
        if re.fullmatch(r"[+-]?\d+", sign) and directed in ("true", "false"):
            rules[value] = (directed, str(int(sign)), line)  # else: the schema reports it
    return rules, out


def _resources(data: Path, descriptor) -> tuple[list[str], Problems]:
    """The tables to read, and what is wrong with the descriptor's list of them."""
    out, names = Problems(), list(TABLES)
    if descriptor is None:
        return names, out
    described = []
    for res in descriptor.json["resources"]:
        name, path = res.get("name"), res.get("path")
        described.append(path)
        if path != f"{name}.csv":
            out.add(
                descriptor.path,
                descriptor.line(name),
                f"resource {name!r} must have the path {name}.csv",
            )
        if name not in names:
            names.append(name)
    for name in TABLES:
        if descriptor.resource(name) is None:
            out.add(descriptor.path, 1, f"no resource for {name}.csv")
    for extra in sorted(p.name for p in data.glob("*.csv")):
        if extra not in described:
            out.add(shown_path(data / extra), None, f"not in {DESCRIPTOR}")
    return names, out


def check(data: Path) -> tuple[list[DataError], dict[str, Table | None]]:
    """Every problem in the data package, and the tables as read."""
    data = Path(data)
    descriptor, problems = read_descriptor(data)
    names, found = _resources(data, descriptor)
    problems += found
    tables: dict[str, Table | None] = {}
    for name in names:
        table, found = read_table(data / f"{name}.csv")
        problems += found
        if table is not None and descriptor is not None and descriptor.resource(name):
            problems += header_problems(table, list(descriptor.fields(name)))
        tables[name] = table
    if descriptor is not None:
        problems += frictionless_problems(descriptor, tables)
    bib, found = read_bib(data)
    problems += found
    rules, found = read_rules(tables.get("codebook"))
    problems += found
    sentences = tables.get("sentences")
    ctx = Context(
        data=data,
        descriptor=descriptor,
        tables=tables,
        bib=bib,
        sentences={k: row for k, (_, row) in sentences.index().items()} if sentences else None,
        ids={n: {r["id"] for r in t.rows} for n, t in tables.items() if t and "id" in t.header},
        rules=rules,
    )
    checks = (
        check_rows, check_coding, check_coding_rules, check_alternatives, check_codebook,
        check_article,
    )  # fmt: skip
    for each in checks:
        problems += each(ctx)
    return problems, tables


def run(data: Path | None = None) -> tuple[list[str], str]:
    """``rsii validate``: (problems, one per line, sorted by file and line; a summary)."""
    data = Path(data) if data is not None else paths.data_dir()
    if not data.is_dir():
        return [f"{shown_path(data)}: no such data folder"], ""
    try:
        problems, tables = check(data)
    except Exception as e:  # a validator reports; it does not crash
        return [f"{shown_path(data)}: validation stopped by an unexpected error: {e!r}"], ""
    unique = sorted(
        {str(e): e for e in problems}.values(), key=lambda e: (e.path, e.line or 0, e.message)
    )
    counts = [f"{len(tables[n].rows) if tables.get(n) else 0} {n}" for n in COUNTED]
    return [str(e) for e in unique], f"{shown_path(data)}/ is valid: {', '.join(counts)}"


# ------------------------------------------------------------------------ the article


def _as_frame(table: Table, columns: list[str]) -> pd.DataFrame | None:
    if any(c not in table.header for c in columns):
        return None
    return pd.DataFrame([[row[c] for c in columns] for row in table.rows], columns=columns)


def check_article(ctx: Context) -> Problems:
    """The article's checksum, its rebuild from the two tables, and the tables' regeneration."""
    out = Problems()
    shown = shown_path(paths.article_path(ctx.data))
    try:
        text = article.read_article(ctx.data)
    except FileNotFoundError:
        out.add(shown, None, "file is missing")
        return out
    except DataError as e:
        out.add(shown, e.line, e.message)
        return out
    if corpus.sha256(text) != corpus.ARTICLE_SHA256:
        out.add(shown, 1, f"sha256 is {corpus.sha256(text)}, expected corpus.ARTICLE_SHA256")

    heads, sents = ctx.tables.get("headings"), ctx.tables.get("sentences")
    if heads is None or sents is None:
        return out
    head_df = _as_frame(heads, ["id", "line", "title_ar"])
    sent_df = _as_frame(sents, article.SENTENCE_COLUMNS)
    if head_df is not None and sent_df is not None:
        try:
            rebuilt = article.from_tables(head_df, sent_df)
        except (ValueError, TypeError):
            rebuilt = None  # a line or footnote that is not a number: reported already
        if rebuilt is not None and rebuilt != text:
            out += _locate_rebuild(text, rebuilt, heads, sents, shown)

    try:
        expected = article.build(ctx.data)
    except DataError as e:
        out.add(shown_path(e.path), e.line, e.message)
        return out
    except (ValueError, KeyError) as e:
        out.add(shown_path(ctx.data / "source"), None, f"cannot regenerate the tables: {e!r}")
        return out
    for table, frame in zip((heads, sents), expected, strict=True):
        out += _compare(table, frame)
    return out


def _locate_rebuild(text, rebuilt, heads: Table, sents: Table, shown: str) -> Problems:
    """Name the row where each article line stops matching its rebuild."""
    out = Problems()
    have, want = rebuilt.split("\n"), text.split("\n")
    for number in range(1, max(len(have), len(want)) + 1):
        a = want[number - 1] if number <= len(want) else ""
        b = have[number - 1] if number <= len(have) else ""
        if a == b:
            continue
        parts = [(heads, ln, r["title_ar"]) for ln, r in heads if r["line"] == str(number)]
        parts += [
            (sents, ln, corpus.Sentence(
                r["id"], number, r["section"], r["text_ar"], footnote_numbers(r["footnotes"]),
                footnote_numbers(r["footnote_offsets"])).raw)
            for ln, r in sents if r["line"] == str(number)
        ]  # fmt: skip
        at = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        if not parts:
            out.add(shown, number, "no row of headings.csv or sentences.csv rebuilds this line")
            continue
        start, culprit = 0, parts[-1]
        for part in parts:
            if at <= start + len(part[2]):
                culprit = part
                break
            start += len(part[2]) + 1
        table, line, _ = culprit
        out.add(
            table.path, line,
            f"does not rebuild line {number} of {shown}: the row gives {clip(b[at:], 30)!r} "
            f"where the article has {clip(a[at:], 30)!r}",
        )  # fmt: skip
    return out


def _compare(table: Table, frame: pd.DataFrame) -> Problems:
    """A table against what ``rsii sentences`` regenerates from data/source/."""
    out = Problems()
    expected = frame.astype(str).to_dict("records")
    for i in range(max(len(expected), len(table.rows))):
        if i >= len(expected):
            out.add(table.path, table.lines[i], "row is not in what `rsii sentences` regenerates")
            continue
        if i >= len(table.rows):
            last = table.lines[-1] + 1 if table.lines else 2
            out.add(table.path, last, f"row {expected[i]['id']!r} is missing: run `rsii sentences`")
            continue
        row = table.rows[i]
        diffs = [c for c in frame.columns if c in row and row[c] != expected[i][c]]
        if diffs:
            out.add(
                table.path, table.lines[i],
                f"{', '.join(diffs)} {'differs' if len(diffs) == 1 else 'differ'} from what "
                "`rsii sentences` regenerates from data/source/",
            )  # fmt: skip
    return out
