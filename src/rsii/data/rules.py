"""The project's own rules for the coded rows, beyond what a schema can say.

Each check takes the :class:`Context` (what :mod:`rsii.data.validate` read) and returns
its problems: quotes verbatim in their sentence, footnotes that the sentence carries and
the bibliography lists, relation signs and directions agreeing with the codebook's,
ids in id lists, inferred rows explained, dates that exist at their precision,
alternative codings that apply alone and case by case, and the codebook agreeing with
the schema's closed lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from rsii.data import alternatives
from rsii.data.errors import DataError
from rsii.data.read import DESCRIPTOR, Descriptor, Table, clip

ARTICLE = "article"  # according_to: the article's own voice
# The headings of the positions section, whose items are Iraqi parties' positions.
POSITIONS = ("أطراف مؤيدة", "أطراف رافضة")
BELONGING = ("member_of", "part_of", "leads", "chairs", "represents")
# Kinds that take no country from the positions section or from what they belong to.
NO_COUNTRY_RULE = ("coalition", "coalition_body", "state", "international_organisation")
# An Arabic word may carry a conjunction (و, ف) and a preposition (ب, ل) before it.
_PROCLITICS = "(?:[وف])?(?:[بل])?"
_WORD_END = r"(?=$|[\s،؛.:!?؟»«()\[\]\-–—])"
# Columns holding a space-separated list of ids of another table (no foreign key for lists).
ID_LISTS = {("events", "actors"): "actors"}


class Problems(list):
    """The problems one check finds, in the order it finds them."""

    def add(self, where: str, line: int | None, message: str) -> None:
        self.append(DataError(where, line, message))


@dataclass(frozen=True)
class Context:
    """What the checks read: the package's tables and descriptor, the bibliography's
    keys, the sentences by id, every table's ids and the codebook's relation rules."""

    data: Path
    descriptor: Descriptor | None
    tables: dict[str, Table | None]
    bib: set[str] | None = None
    sentences: dict[str, dict[str, str]] | None = None
    ids: dict[str, set[str]] = field(default_factory=dict)
    # relation type → (directed, sign, codebook line), from codebook.csv's sign and directed
    rules: dict[str, tuple[str, str, int]] = field(default_factory=dict)


def footnote_numbers(cell: str) -> list[int]:
    return [int(n) for n in cell.split() if n.isdigit()]


_SHAPES = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}


def _date_problem(date: str, precision: str) -> str | None:
    """A date must exist and, at a precision the codebook names, have its shape."""
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", date):
        return None  # the schema's pattern reports it
    try:
        dt.date.fromisoformat((date + "-01-01")[:10])
    except ValueError:
        return f"date {date!r} is not a calendar date"
    shape = _SHAPES.get(precision)
    if shape and len(date) != len(shape):
        return f"date {date!r} does not have {precision} precision ({shape})"
    return None


def row_problems(ctx: Context, name: str, row: dict[str, str]) -> list[str]:
    """What is wrong with one row beyond its schema: used for the tables and again for
    each row an alternative coding would produce."""
    out = []
    sid = row.get("sentence", "")
    sentence = (ctx.sentences or {}).get(sid) if sid else None
    quote = row.get("quote_ar", "")
    if quote and sentence is not None and quote not in sentence.get("text_ar", ""):
        out.append(f"quote_ar is not verbatim in {sid}'s text_ar: {clip(quote)!r}")
    if "footnotes" in row:
        # A footnote must be one the sentence carries, and the sentence's footnotes must be
        # in the bibliography: checking the bibliography for sentences.csv covers the rest.
        carried = footnote_numbers(sentence.get("footnotes", "")) if sentence is not None else None
        for number in footnote_numbers(row["footnotes"]):
            if name != "sentences" and carried is not None and number not in carried:
                have = " ".join(map(str, carried)) or "none"
                out.append(f"footnote {number} is not one {sid} carries (it has: {have})")
            elif (name == "sentences" or carried is None) and ctx.bib is not None:
                if f"fn{number:02d}" not in ctx.bib:
                    out.append(f"footnote {number} has no entry fn{number:02d} in references.bib")
    for (table, column), target in ID_LISTS.items():
        if table == name and column in row and target in ctx.ids:
            for ident in row[column].split():
                if ident not in ctx.ids[target]:
                    out.append(f"{column}: {ident!r} is not an id in {target}.csv")
    if row.get("inferred") == "true" and not row.get("note", "").strip():
        out.append("inferred is true but note is empty: say how it was inferred")
    rule = ctx.rules.get(row.get("relation", "")) if name == "relations" else None
    sign = row.get("sign", "")
    sign = str(int(sign)) if re.fullmatch(r"[+-]?\d+", sign) else sign
    if rule and (row.get("directed"), sign) != rule[:2]:
        directed, sign, line = rule
        out.append(
            f"{row['relation']} needs directed={directed}, sign={sign} (codebook.csv line {line}),"
            f" not directed={row.get('directed')}, sign={row.get('sign')}"
        )
    if name == "relations" and row.get("source") and row.get("source") == row.get("target"):
        out.append(f"source and target are the same actor {row['source']!r}")
    if "date" in row and "precision" in row:
        problem = _date_problem(row["date"], row["precision"])
        if problem:
            out.append(problem)
    return out


def check_rows(ctx: Context) -> Problems:
    out = Problems()
    for name, table in ctx.tables.items():
        if table is None or name == "alternatives":
            continue
        for line, row in table:
            for message in row_problems(ctx, name, row):
                out.add(table.path, line, message)
    return out


def _foreign(ctx: Context, name: str, column: str) -> tuple[str, str] | None:
    """The (table, column) a single-column foreign key on ``name.column`` points to."""
    if ctx.descriptor is None:
        return None
    res = ctx.descriptor.resource(name) or {}
    for fk in res.get("schema", {}).get("foreignKeys", []):
        local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if local == [column]:
            return (ref.get("resource") or name), ref_fields[0]
    return None


def check_alternatives(ctx: Context) -> Problems:
    """Each alternative applies cleanly on its own, and each case as a whole. A row that
    several alternatives of one case change together (a tie whose source, target and
    type change at once) is checked as the case leaves it, not after each change."""
    out = Problems()
    alts = ctx.tables.get("alternatives")
    if alts is None:
        return out
    changes: dict[tuple[str, str], int] = {}
    for _, alt in alts:
        key = (alt.get("case", ""), alt.get("row", ""))
        changes[key] = changes.get(key, 0) + 1
    clean = set()  # the lines of the alternatives that apply without a problem on their own
    for line, alt in alts:
        together = changes[(alt.get("case", ""), alt.get("row", ""))] > 1
        found = _check_alternative(ctx, alts, line, alt, together)
        out += [p for p in found if p.message]  # an unusable row is reported elsewhere
        if not found:
            clean.add(line)
    return out + _check_cases(ctx, alts, clean)


def _check_alternative(
    ctx: Context, alts: Table, line: int, alt: dict[str, str], together: bool = False
) -> Problems:
    """One alternative applied on its own to the row it names (:mod:`rsii.data.alternatives`),
    then the foreign key of the cell it replaces and the project's rules on the row it
    gives. (A row it cannot be applied to at all, for a problem reported elsewhere, counts
    as not clean.)"""
    name = alternatives.target(alt)
    fields = ctx.descriptor.fields(name) if ctx.descriptor else None
    alone = alternatives.check_alone(alt, ctx.tables.get(name), fields)
    if not alone.usable:
        return Problems([DataError(alts.path, line, "")])  # not clean; reported elsewhere
    out = Problems(DataError(alts.path, line, message) for message in alone.problems)
    if alone.original is None:
        return out
    column, value = alt["column"], alt["value"]
    ref = _foreign(ctx, name, column)
    if ref and value and ref[0] in ctx.ids and value not in ctx.ids[ref[0]]:
        out.add(alts.path, line, f"value {value!r} is not an id in {ref[0]}.csv")
    if together:
        return out  # the row is checked once the whole case has changed it
    changed = dict(alone.original, **{column: value})
    before = set(row_problems(ctx, name, alone.original))
    for message in row_problems(ctx, name, changed):
        if message not in before:
            out.add(alts.path, line, f"after replacing {column}: {message}")
    return out


def _check_cases(ctx: Context, alts: Table, clean: set[int]) -> Problems:
    """Every case has alternatives, and applying all of them together keeps the rows they
    change valid. That every alternative's case is in cases.csv is a foreign key."""
    out = Problems()
    if "case" not in alts.header:
        return out  # reported by the header check
    members: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, alt in alts:
        members.setdefault(alt["case"], []).append((line, alt))
    cases = ctx.tables.get("cases")
    if cases is not None and "id" in cases.header:
        for line, row in cases:
            if row["id"] and row["id"] not in members:
                out.add(cases.path, line, f"case {row['id']!r} has no alternative in {alts.path}")
    for case, rows in members.items():
        if case:
            out += _check_case(ctx, alts, case, [(ln, alt) for ln, alt in rows if ln in clean])
    return out


def _check_case(
    ctx: Context, alts: Table, case: str, members: list[tuple[int, dict[str, str]]]
) -> Problems:
    """Apply a case's alternatives (each valid alone) in file order, as the loader does
    (:func:`rsii.data.alternatives.apply`), and check the rows they leave."""
    applied = alternatives.apply(members, ctx.tables)
    out = Problems(DataError(alts.path, line, message) for line, message in applied.problems)
    for (name, row_id), row in applied.rows.items():
        if row is None:
            continue
        before = set(row_problems(ctx, name, ctx.tables[name].index()[row_id][1]))
        line, _ = applied.by[(name, row_id)][-1]
        together = ", ".join(i for _, i in applied.by[(name, row_id)])
        for message in row_problems(ctx, name, row):
            if message not in before:
                out.add(
                    alts.path,
                    line,
                    f"case {case} applied as a whole ({together} on {row_id!r}): {message}",
                )
    return out


def check_codebook(ctx: Context) -> Problems:
    """Each closed list in the schema equals, in order, the codebook's values for it."""
    out = Problems()
    codebook, descriptor = ctx.tables.get("codebook"), ctx.descriptor
    if codebook is None or descriptor is None or {"field", "value"} - set(codebook.header):
        return out
    lists: dict[str, list[tuple[int, str]]] = {}
    for line, row in codebook:
        lists.setdefault(row.get("field", ""), []).append((line, row.get("value", "")))
    enums: dict[str, list[tuple[str, list]]] = {}
    for res in descriptor.json["resources"]:
        if res.get("name") == "codebook":
            continue
        for spec in res.get("schema", {}).get("fields", []):
            if spec.get("name") in lists and "enum" in spec.get("constraints", {}):
                enums.setdefault(spec["name"], []).append(
                    (res["name"], list(spec["constraints"]["enum"]))
                )
    for name, values in lists.items():
        if name not in enums:
            out.add(
                codebook.path, values[0][0], f"field {name!r} is no closed list in {DESCRIPTOR}"
            )
            continue
        coded = [v for _, v in values]
        for resource, enum in enums[name]:
            where = descriptor.line(resource, name, "enum")
            for line, value in values:
                if value not in enum:
                    out.add(
                        codebook.path, line, f"{name} {value!r} is not in {resource}.{name}'s enum"
                    )
            for value in enum:
                if value not in coded:
                    out.add(
                        descriptor.path, where,
                        f"{resource}.{name} enum has {value!r}, which codebook.csv does not define",
                    )  # fmt: skip
            if set(enum) == set(coded) and enum != coded:
                out.add(
                    descriptor.path, where,
                    f"{resource}.{name} enum is not in codebook.csv's order: {', '.join(coded)}",
                )  # fmt: skip
    return out


def names_state(quote: str, name: str) -> bool:
    """Whether ``quote`` holds the state's name as a word (with its proclitics)."""
    return (
        re.search(rf"(?:^|(?<=[\s«(\[–-])){_PROCLITICS}{re.escape(name)}{_WORD_END}", quote)
        is not None
    )


def check_coding(ctx: Context) -> Problems:
    """The codebook's rules that can be checked mechanically:

    - ``according_to`` is ``article`` or an actor id;
    - one row per tie and sentence: no two relations repeat (source, relation, target)
      in one sentence, nor two stances (actor, target, stance);
    - the country policy: an actor first named in the positions section (s17–s21) is
      Iraqi, and an actor that belongs to, leads, chairs or represents an actor with a
      country has that country (coalitions, coalition bodies, states and international
      organisations aside);
    - a sentiment tie or a stance that reaches a state through anything but the
      state's name in its quote (its officers, its forces, an adjective) is inferred
      (relations and stances both have the column).
    """
    out = Problems()
    actors = ctx.tables.get("actors")
    codebook = ctx.tables.get("codebook")
    if actors is None or not {"id", "kind", "country", "name_ar"} <= set(actors.header):
        return out
    actor = {row["id"]: row for _, row in actors}
    ties = {}
    if codebook is not None and "tie" in codebook.header:
        ties = {r["value"]: r["tie"] for _, r in codebook if r.get("field") == "relation"}
    for name, ends, kind in (
        ("relations", ("source", "target"), "relation"),
        ("stances", ("actor", "target"), "stance"),
        ("events", (), None),
    ):
        table = ctx.tables.get(name)
        if table is None:
            continue
        seen: dict[tuple, int] = {}
        for line, row in table:
            claimant = row.get("according_to", "")
            if "according_to" in row and claimant != ARTICLE and claimant not in actor:
                out.add(table.path, line, f"according_to: {claimant!r} is neither {ARTICLE!r} "
                        "nor an actor id")  # fmt: skip
            if kind is None or any(e not in row for e in ends):
                continue
            key = (row[ends[0]], row.get(kind, ""), row[ends[1]], row.get("sentence", ""))
            if key in seen:
                out.add(table.path, line, f"repeats line {seen[key]}: one row per tie and "
                        "sentence (the unit of coding)")  # fmt: skip
            seen.setdefault(key, line)
            if name == "relations" and ties.get(row.get("relation")) != "sentiment":
                continue
            if row.get("inferred") == "true":
                continue
            for end in ends:
                state = actor.get(row[end])
                if (
                    state
                    and state["kind"] == "state"
                    and not names_state(row.get("quote_ar", ""), state["name_ar"])
                ):
                    out.add(table.path, line, f"{end} {row[end]} is a state its quote does "
                            f"not name ({state['name_ar']}): widen the quote to the name, or "
                            "mark the reading inferred")  # fmt: skip
    out += _check_countries(ctx, actors, actor)
    return out


def _check_countries(ctx: Context, actors: Table, actor: dict[str, dict]) -> Problems:
    out = Problems()
    line_of = {row["id"]: line for line, row in actors}
    positions = {k for k, r in (ctx.sentences or {}).items() if r.get("section") in POSITIONS}
    for line, row in actors:
        if row["kind"] in NO_COUNTRY_RULE:
            continue
        if row.get("first_sentence") in positions and row["country"] != "IRQ":
            out.add(actors.path, line, f"country: first named in the positions section "
                    f"({row['first_sentence']}), whose items are Iraqi parties' positions: "
                    "IRQ by the country policy")  # fmt: skip
    relations = ctx.tables.get("relations")
    if relations is None or not {"source", "target", "relation"} <= set(relations.header):
        return out
    for _, rel in relations:
        source, target = actor.get(rel["source"]), actor.get(rel["target"])
        if rel["relation"] not in BELONGING or not source or not target:
            continue
        if source["kind"] in NO_COUNTRY_RULE or not target["country"]:
            continue
        if source["country"] != target["country"]:
            out.add(actors.path, line_of[rel["source"]], f"country: {source['country']!r}, but "
                    f"it {rel['relation']} {rel['target']} ({rel['id']}), whose country is "
                    f"{target['country']}")  # fmt: skip
    return out
