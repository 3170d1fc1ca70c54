"""The coding rules for statements, acts and concepts, and for the notes readers see.

Each check takes the :class:`~rsii.data.rules.Context` that :mod:`rsii.data.validate`
read and returns its problems as ``FILE:LINE`` errors:

- an act (a stance whose ``mode`` is ``act``) is inferred: its position is the coder's
  reading of a deed;
- only statements carry concepts: each row of ``statement_concepts.csv`` names a stance
  whose mode is ``statement``, quotes words verbatim from that stance's sentence (the
  same check as every other quote, :func:`rsii.data.rules.row_problems`), and names a
  (stance, concept) pair once; an alternative coding may not turn such a statement into
  an act;
- a ``note`` cell, which the book shows to readers, holds no row id (``r075``, ``st11``,
  ``hc16``, ``alt58``, ``e06``, ``sc01``, ``h03``), no sentence id (``s07``: a reader
  counts "sentence 7") and no identifier (an actor's id, a concept's ``snake_case`` id
  or a codebook value with an underscore, such as ``coalition_body``): it says in words
  what it refers to. The same holds for the value of an alternative that replaces a
  note.
"""

from __future__ import annotations

import re

from rsii.data.rules import Context, Problems, row_problems

ACT, STATEMENT = "act", "statement"
# Row ids of the package's tables, and sentence ids (s01 …), which a note writes in words.
ROW_ID = re.compile(r"(?<![A-Za-z0-9_])(?:r\d{3}|st\d{2}|hc\d{2}|alt\d{2}|e\d{2}|sc\d{2}|h\d{2}"
                    r"|s\d{2})(?![A-Za-z0-9_])")  # fmt: skip
WORD = re.compile(r"(?<![A-Za-z0-9_])[a-z][a-z0-9_]*(?![A-Za-z0-9_])")


def identifiers(ctx: Context) -> set[str]:
    """The ids a note may not use: every actor id, and every concept id and codebook
    value that is not an English word (one with an underscore)."""
    ids = set(ctx.ids.get("actors", set()))
    ids |= {c for c in ctx.ids.get("concepts", set()) if "_" in c}
    codebook = ctx.tables.get("codebook")
    if codebook is not None and "value" in codebook.header:
        ids |= {row["value"] for _, row in codebook if "_" in row["value"]}
    return ids


def ids_in(text: str, names: set[str]) -> list[str]:
    """The row ids and identifiers in ``text``, in order of appearance, each once."""
    found = [m.group(0) for m in ROW_ID.finditer(text)]
    found += [m.group(0) for m in WORD.finditer(text) if m.group(0) in names]
    return list(dict.fromkeys(sorted(found, key=text.index)))


def _id_message(found: list[str]) -> str:
    return (
        f"note names {', '.join(repr(i) for i in found)}: a note is read in the book, so say "
        "in words what it refers to (\"sentence 7\", the actor's name, the hard case's title, "
        "the kind or relation in words)"
    )


def check_notes(ctx: Context) -> Problems:
    """No row id or identifier in any table's ``note``, nor in an alternative's new note."""
    out = Problems()
    names = identifiers(ctx)
    for table in ctx.tables.values():
        if table is None or "note" not in table.header:
            continue
        for line, row in table:
            found = ids_in(row["note"], names)
            if found:
                out.add(table.path, line, _id_message(found))
    alts = ctx.tables.get("alternatives")
    if alts is not None and {"column", "value"} <= set(alts.header):
        for line, alt in alts:
            if alt["column"] == "note":
                found = ids_in(alt["value"], names)
                if found:
                    out.add(alts.path, line, f"value: {_id_message(found)}")
    return out


def check_statements(ctx: Context) -> Problems:
    """Acts are inferred; concepts belong to statements and quote their sentence."""
    out = Problems()
    stances = ctx.tables.get("stances")
    if stances is None or not {"id", "mode", "inferred", "sentence"} <= set(stances.header):
        return out  # a missing column is reported by the header check
    for line, row in stances:
        if row["mode"] == ACT and row["inferred"] == "false":
            out.add(stances.path, line, "an act is inferred: its position is the coder's "
                    "reading of what the actor did (set inferred to true and say how in the "
                    "note)")  # fmt: skip
    pairs = ctx.tables.get("statement_concepts")
    if pairs is None or not {"stance", "concept", "quote_ar"} <= set(pairs.header):
        return out
    stance = {row["id"]: row for _, row in stances}
    seen: dict[tuple[str, str], int] = {}
    for line, row in pairs:
        key = (row["stance"], row["concept"])
        if key in seen:
            out.add(pairs.path, line, f"repeats line {seen[key]}: one row per statement and "
                    "concept")  # fmt: skip
        seen.setdefault(key, line)
        said = stance.get(row["stance"])
        if said is None:
            continue  # the foreign key reports it
        if said["mode"] != STATEMENT:
            out.add(pairs.path, line, f"stance {row['stance']} is an {said['mode']}, not a "
                    "statement: only statements carry concepts")  # fmt: skip
        quoted = {"sentence": said["sentence"], "quote_ar": row["quote_ar"]}
        for message in row_problems(ctx, "statement_concepts", quoted):
            out.add(pairs.path, line, f"{message} (the sentence of stance {row['stance']})")
    out += _alternatives_keep_statements(ctx, set(stance), {s for s, _ in seen})
    return out


def _alternatives_keep_statements(ctx: Context, known: set[str], with_concepts: set[str]):
    """An alternative may not make an act of a statement that carries concepts."""
    out = Problems()
    alts = ctx.tables.get("alternatives")
    if alts is None or not {"file", "row", "action", "column", "value"} <= set(alts.header):
        return out
    for line, alt in alts:
        if (
            alt["file"].removesuffix(".csv") == "stances"
            and alt["action"] == "replace"
            and alt["column"] == "mode"
            and alt["value"] != STATEMENT
            and alt["row"] in known & with_concepts
        ):
            out.add(alts.path, line, f"makes stance {alt['row']} an {alt['value']}, but it "
                    "carries concepts (statement_concepts.csv): only statements do")  # fmt: skip
    return out


def check_coding_rules(ctx: Context) -> Problems:
    """Every check of this module."""
    return check_statements(ctx) + check_notes(ctx)
