"""Check the data package and report every problem as ``FILE:LINE: what is wrong``.

Frictionless checks what ``datapackage.json`` can say (types, required cells, patterns,
closed lists, unique and primary keys, foreign keys); the rest is checked here: quotes
verbatim in their sentence, footnotes the sentence carries and the bibliography lists,
relation signs and directions agreeing with the codebook's, alternative codings that apply
alone and case by case, the codebook agreeing with the schema, and the tables rebuilding
the article exactly. LINE is the physical line in the file (the header is line 1), so a
multi-line quoted cell does not shift the lines after it.

The reading helpers (:func:`read_table`, :func:`read_descriptor`, :func:`check_header`)
are shared with :mod:`rsii.load`, so loading and validating read files the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import article, corpus, paths
from .errors import DataError

DESCRIPTOR = "datapackage.json"
# The tables every data package of this project has, in the order they are reported.
TABLES = (
    "headings", "sentences", "codebook", "actors", "relations", "stances", "events", "cases",
    "alternatives",
)  # fmt: skip
ALTERABLE = ("stances", "relations")  # the tables alternatives.csv may change
SIGNED = "relation"  # the codebook field whose rows fix a sign and a direction (columns below)
RULE_COLUMNS = ("sign", "directed")
# Columns holding a space-separated list of ids of another table (no foreign key for lists).
ID_LISTS = {("events", "actors"): "actors"}


def show(path: Path | str) -> str:
    """A path as a reader types it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------- reading


@dataclass
class Table:
    """One CSV file as strings, with the physical line each row starts on."""

    path: str  # as shown in messages
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]  # the line each row of ``rows`` starts on
    starts: list[int]  # the line each CSV record starts on, header and blank rows included
    text: str  # the decoded file, byte-order mark removed

    def line_of(self, row_number: int) -> int:
        """The physical line of frictionless's row number (1 = header, blank rows counted)."""
        if 1 <= row_number <= len(self.starts):
            return self.starts[row_number - 1]
        return self.starts[-1] if self.starts else 1

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        return iter(zip(self.lines, self.rows, strict=True))

    def index(self, column: str = "id") -> dict[str, tuple[int, dict[str, str]]]:
        """Rows by the value of ``column`` (the first row wins on duplicates)."""
        out: dict[str, tuple[int, dict[str, str]]] = {}
        for line, row in self:
            out.setdefault(row.get(column, ""), (line, row))
        return out


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[DataError]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(
                DataError(
                    shown,
                    number,
                    f"not UTF-8: byte 0x{line[e.start]:02x} at byte {e.start + 1} of the line "
                    f"({e.reason}); save the file as UTF-8",
                )
            )
    return None, problems


def _read_text(path: Path, shown: str) -> tuple[str | None, list[DataError]]:
    """The file's text, or the problems that stop it being read (missing, unreadable,
    not UTF-8 on some line)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [DataError(shown, None, "file is missing")]
    except OSError as e:
        return None, [DataError(shown, None, f"cannot be read: {e.strerror or e}")]
    return _decode(raw, shown)


def read_table(path: Path) -> tuple[Table | None, list[DataError]]:
    """Read a CSV file strictly; the table is None when it cannot be read at all.

    Problems that still leave a usable table (a byte-order mark, a row with the wrong
    number of cells, a blank row, a repeated column name) come back with the table.
    """
    shown = show(path)
    text, problems = _read_text(Path(path), shown)
    if text is None:
        return None, problems
    if text.startswith("\ufeff"):
        problems.append(
            DataError(shown, 1, "starts with a byte-order mark (U+FEFF): save as UTF-8 without BOM")
        )
        text = text[1:]
    if not text.strip():
        problems.append(DataError(shown, 1, "file is empty: expected a header row"))
        return None, problems

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    end = 0
    try:
        for record in reader:
            starts.append(end + 1)
            records.append(record)
            end = reader.line_num
    except csv.Error as e:
        start = end + 1
        if "unexpected end of data" in str(e):
            message = (
                "unterminated quoted cell: a quote opened in the row starting here never closes"
            )
        else:
            where = (
                f" (the parser fails on line {reader.line_num})" if reader.line_num > start else ""
            )
            message = f"broken CSV quoting in the row starting here: {e}{where}"
        problems.append(DataError(shown, start, message))
        return None, problems

    header = records[0]
    if not any(header):
        problems.append(DataError(shown, 1, "the first line is blank: expected the header row"))
        return None, problems
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(DataError(shown, 1, f"column {name!r} appears twice in the header"))
        seen.add(name)
    rows, lines = [], []
    for start, record in zip(starts[1:], records[1:], strict=True):
        if not record or record == [""] * len(record) and len(header) > 1:
            problems.append(DataError(shown, start, "blank row"))
            continue
        if len(record) != len(header):
            problems.append(
                DataError(
                    shown, start, f"row has {len(record)} cells, the header has {len(header)}"
                )
            )
        cells = record + [""] * (len(header) - len(record))
        rows.append(dict(zip(header, cells, strict=False)))
        lines.append(start)
    return Table(shown, header, rows, lines, starts, text), problems


def check_header(table: Table, expected: list[str]) -> list[DataError]:
    """Missing, renamed, unexpected or reordered columns, all reported on line 1."""
    problems = []
    have = table.header
    missing = [c for c in expected if c not in have]
    extra = [c for c in have if c not in expected]
    for name in missing:
        position = expected.index(name)
        guess = have[position] if position < len(have) and have[position] in extra else None
        hint = f" (column {position + 1} is {guess!r}: renamed?)" if guess else ""
        problems.append(DataError(table.path, 1, f"missing column {name!r}{hint}"))
    for name in extra:
        problems.append(
            DataError(table.path, 1, f"unexpected column {name!r}: not in {DESCRIPTOR}")
        )
    if not missing and not extra and have != expected:
        problems.append(
            DataError(table.path, 1, f"columns out of order: expected {','.join(expected)}")
        )
    return problems


def _json_line(text: str, *needles: str) -> int:
    """The line of the last of ``needles`` (regexes) found one after the other; else 1."""
    pos = 0
    for needle in needles:
        m = re.compile(needle).search(text, pos)
        if not m:
            break
        pos = m.start()
    return text.count("\n", 0, pos) + 1


@dataclass
class Descriptor:
    """``datapackage.json``: the parsed JSON, its text (for line numbers) and its schemas."""

    path: str  # as shown
    text: str
    json: dict

    def resource(self, name: str) -> dict | None:
        for res in self.json.get("resources", []):
            if isinstance(res, dict) and res.get("name") == name:
                return res
        return None

    def fields(self, name: str) -> dict[str, dict]:
        res = self.resource(name) or {}
        return {f["name"]: f for f in res.get("schema", {}).get("fields", [])}

    def line(self, resource: str, column: str | None = None, key: str | None = None) -> int:
        needles = [rf'"name"\s*:\s*"{re.escape(resource)}"']
        if column:
            needles.append(rf'"name"\s*:\s*"{re.escape(column)}"')
        if key:
            needles.append(rf'"{re.escape(key)}"')
        return _json_line(self.text, *needles)


def read_descriptor(data: Path) -> tuple[Descriptor | None, list[DataError]]:
    """Parse and check ``datapackage.json``; None when it cannot be used for the schemas."""
    import frictionless as fl

    path = Path(data) / DESCRIPTOR
    shown = show(path)
    text, problems = _read_text(path, shown)
    if text is None:
        return None, problems
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as e:
        return None, [DataError(shown, e.lineno, f"not valid JSON: {e.msg}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [DataError(shown, 1, "not a data package: no list of resources")]
    try:
        errors = list(fl.Package.metadata_validate(descriptor))
    except fl.FrictionlessException as e:
        errors = [e.error]
    problems += [DataError(shown, 1, f"descriptor: {error.message}") for error in errors]
    if errors:
        return None, problems
    for res in descriptor["resources"]:
        if not isinstance(res.get("schema"), dict):  # this package keeps schemas inline
            line = _json_line(text, rf'"name"\s*:\s*"{re.escape(str(res.get("name")))}"')
            problems.append(DataError(shown, line, "each resource needs an inline schema"))
    return (None if problems else Descriptor(shown, text, descriptor)), problems


def field_names(descriptor: Descriptor | None, name: str) -> list[str] | None:
    return list(descriptor.fields(name)) if descriptor else None


# ------------------------------------------------------------------------- frictionless

_TYPE_HINTS = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date YYYY-MM-DD",
}
_LABEL_ERRORS = {
    "blank-label", "duplicate-label", "extra-label", "incorrect-label", "missing-label",
    "blank-header", "header-error", "label-error",
}  # fmt: skip
_OWN_ERRORS = {"missing-cell", "extra-cell", "blank-row"}  # read_table reports these


def cell_checker(spec: dict) -> Callable[[str], str | None]:
    """A function telling why a cell is not a valid value of the schema field ``spec``."""
    import frictionless as fl

    try:
        reader = fl.Field.from_descriptor(spec)
    except fl.FrictionlessException as e:
        message = f"{spec.get('name')}: unusable schema field ({e.error.message})"
        return lambda cell: message

    def check(cell: str) -> str | None:
        _, notes = reader.read_cell(cell)
        if not notes:
            return None
        return _cell_message(spec, cell, "type" if "type" in notes else next(iter(notes)))

    return check


def cell_problem(spec: dict, cell: str) -> str | None:
    """Why ``cell`` is not a valid value of the schema field ``spec``, or None."""
    return cell_checker(spec)(cell)


def _cell_message(spec: dict, cell, key: str) -> str:
    name = spec.get("name", "?")
    constraints = spec.get("constraints", {})
    if key == "type":
        kind = spec.get("type", "string")
        return f"{name}: {cell!r} is not {_TYPE_HINTS.get(kind, 'of type ' + kind)}"
    if key == "required":
        return f"{name}: required but empty"
    if key == "enum":
        allowed = ", ".join(map(str, constraints.get("enum", [])))
        return f"{name}: {cell!r} is not one of the allowed values ({allowed})"
    if key == "pattern":
        return f"{name}: {cell!r} does not match the pattern {constraints.get('pattern')}"
    return f"{name}: {cell!r} breaks the constraint {key}={constraints.get(key)!r}"


def _synced_schema(schema: dict, table: Table, usable: dict[str, Table]) -> dict:
    """The schema matched to the header by name, so a missing or extra column does not
    turn every row into errors; keys that need an absent column or table are dropped."""
    fields = {f["name"]: f for f in schema.get("fields", [])}
    out = {k: v for k, v in schema.items() if k not in ("fields", "primaryKey", "foreignKeys")}
    out["fields"] = [fields.get(label, {"name": label, "type": "string"}) for label in table.header]
    pk = schema.get("primaryKey")
    pk = [pk] if isinstance(pk, str) else pk
    if pk and all(f in table.header for f in pk):
        out["primaryKey"] = pk
    fks = []
    for fk in schema.get("foreignKeys", []):
        local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = usable.get(ref["resource"]) if ref.get("resource") else table  # "" = itself
        if target and all(f in table.header for f in local):
            if all(f in target.header for f in ref_fields):
                fks.append(fk)
    if fks:
        out["foreignKeys"] = fks
    return out


def _frictionless(descriptor: Descriptor, tables: dict[str, Table | None]) -> list[DataError]:
    """Validate the readable tables with frictionless, against the package's schemas."""
    import frictionless as fl

    usable = {
        name: t
        for name, t in tables.items()
        if t is not None and len(set(t.header)) == len(t.header)
    }
    resources, schemas = [], {}
    for res in descriptor.json["resources"]:
        name = res.get("name")
        if name not in usable:
            continue
        schemas[name] = res.get("schema", {})
        schema = _synced_schema(schemas[name], usable[name], usable)
        resources.append(
            fl.Resource(
                usable[name].text.encode("utf-8"),
                name=name,
                format="csv",
                encoding="utf-8",
                schema=fl.Schema.from_descriptor(schema),
                dialect=fl.Dialect.from_descriptor({"header": True, "csv": {"delimiter": ","}}),
            )
        )
    if not resources:
        return []
    try:
        report = fl.Package(resources=resources).validate(limit_errors=100_000)
    except fl.FrictionlessException as e:
        return [DataError(descriptor.path, 1, f"frictionless cannot validate: {e.error.message}")]
    problems = []
    for task in report.tasks:
        table = usable[task.name]
        fields = {f["name"]: f for f in schemas[task.name].get("fields", [])}
        unique_rows = {e.row_number for e in task.errors if e.type == "unique-error"}
        for error in task.errors:
            message = _translate(error, table, fields, usable, unique_rows)
            if message:
                line = table.line_of(error.row_number) if hasattr(error, "row_number") else 1
                problems.append(DataError(table.path, line, message))
    for error in report.errors:
        problems.append(DataError(descriptor.path, 1, error.message))
    return problems


def _translate(error, table: Table, fields, tables, unique_rows) -> str | None:
    kind = error.type
    if kind in _LABEL_ERRORS or kind in _OWN_ERRORS:
        return None
    name = getattr(error, "field_name", None)
    spec = fields.get(name, {"name": name})
    if kind == "type-error":
        return _cell_message(spec, error.cell, "type")
    if kind == "constraint-error":
        m = re.search(r'constraint "(\w+)"', error.note)
        return _cell_message(spec, error.cell, m.group(1) if m else "?")
    if kind == "unique-error":
        m = re.search(r"row at position (\d+)", error.note)
        first = f" (first on line {table.line_of(int(m.group(1)))})" if m else ""
        return f"{name}: {error.cell!r} is a duplicate{first}"
    if kind == "primary-key":
        if error.row_number in unique_rows:
            return None  # the unique-error on the same row says it
        m = re.search(r"row at position (\d+)", error.note)
        if m:
            return f"duplicate primary key (the same as on line {table.line_of(int(m.group(1)))})"
        return "primary key is empty"
    if kind == "foreign-key":
        names = list(getattr(error, "field_names", []) or [])
        cells = list(getattr(error, "field_cells", []) or [])
        ref = getattr(error, "reference_name", "") or ""
        ref_fields = list(getattr(error, "reference_field_names", []) or [])
        target = tables[ref].path if ref in tables else table.path
        values = ", ".join(repr(c) for c in cells)
        return f"{', '.join(names)}: {values} is not in {target} (column {', '.join(ref_fields)})"
    return error.message


# ------------------------------------------------------------------------ our own checks


@dataclass
class _Context:
    data: Path
    descriptor: Descriptor | None
    tables: dict[str, Table | None]
    problems: list[DataError] = field(default_factory=list)
    bib: set[str] | None = None
    sentences: dict[str, dict[str, str]] | None = None
    ids: dict[str, set[str]] = field(default_factory=dict)
    # relation type → (directed, sign, codebook line), from codebook.csv's sign and directed
    rules: dict[str, tuple[str, str, int]] = field(default_factory=dict)

    def add(self, where: str, line: int | None, message: str) -> None:
        self.problems.append(DataError(where, line, message))


def bib_file(data: Path) -> Path:
    """The bibliography beside the data: in it (the wheel), next to it (the checkout)."""
    for candidate in (data / "references.bib", data.parent / "references.bib"):
        if candidate.is_file():
            return candidate
    return paths.bib_path()


def _read_bib(ctx: _Context) -> None:
    from pybtex.database import parse_string
    from pybtex.exceptions import PybtexError

    path = bib_file(ctx.data)
    shown = show(path)
    try:
        raw = path.read_bytes()
    except OSError:
        ctx.add(shown, None, "file is missing: footnotes cannot be checked against it")
        return
    text, problems = _decode(raw, shown)
    ctx.problems += problems
    if text is None:
        return
    try:
        ctx.bib = set(parse_string(text, "bibtex").entries.keys())
    except PybtexError as e:
        ctx.add(shown, getattr(e, "lineno", None) or 1, f"cannot be parsed: {e}")


def _read_rules(ctx: _Context) -> None:
    """The direction and sign each relation type prescribes, from the codebook's columns
    ``sign`` and ``directed``: filled for every relation row, empty for the others."""
    codebook = ctx.tables.get("codebook")
    if codebook is None or any(c not in codebook.header for c in RULE_COLUMNS):
        return  # a missing column is reported by the header check
    for line, row in codebook:
        field_name, value = row.get("field", ""), row.get("value", "")
        sign, directed = row["sign"].strip(), row["directed"].strip()
        if field_name != SIGNED:
            if sign or directed:
                ctx.add(
                    codebook.path, line,
                    f"sign and directed are for {SIGNED} rows only: leave them empty for "
                    f"{field_name} {value!r}",
                )  # fmt: skip
            continue
        missing = [c for c in RULE_COLUMNS if not row[c].strip()]
        if missing:
            ctx.add(
                codebook.path, line,
                f"{SIGNED} {value!r} needs {' and '.join(missing)}: every {SIGNED} type fixes "
                "the sign and the direction of its ties",
            )  # fmt: skip
            continue
        if re.fullmatch(r"[+-]?\d+", sign) and directed in ("true", "false"):
            ctx.rules[value] = (directed, str(int(sign)), line)  # else: the schema reports it


def _footnotes(cell: str) -> list[int]:
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


def row_problems(ctx: _Context, name: str, row: dict[str, str]) -> list[str]:
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
        carried = _footnotes(sentence.get("footnotes", "")) if sentence is not None else None
        for number in _footnotes(row["footnotes"]):
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


def _check_rows(ctx: _Context) -> None:
    for name, table in ctx.tables.items():
        if table is None or name == "alternatives":
            continue
        for line, row in table:
            for message in row_problems(ctx, name, row):
                ctx.add(table.path, line, message)


def _foreign(ctx: _Context, name: str, column: str) -> tuple[str, str] | None:
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


def _check_alternatives(ctx: _Context) -> None:
    alts = ctx.tables.get("alternatives")
    if alts is None:
        return
    clean = set()  # the lines of the alternatives that apply without a problem on their own
    for line, alt in alts:
        if _check_alternative(ctx, alts, line, alt):
            clean.add(line)
    _check_cases(ctx, alts, clean)


def _check_alternative(ctx: _Context, alts: Table, line: int, alt: dict[str, str]) -> bool:
    """One alternative applied on its own to the row it names; True if it applies cleanly."""
    found = len(ctx.problems)
    target = alt.get("file", "").removesuffix(".csv")
    if target not in ALTERABLE:
        allowed = ", ".join(f"{t}.csv" for t in ALTERABLE)
        ctx.add(alts.path, line, f"file {alt.get('file')!r} is not one of {allowed}")
        return False
    table = ctx.tables.get(target)
    if table is None:
        return False  # reported when read
    index = table.index()
    if alt.get("row", "") not in index:
        ctx.add(alts.path, line, f"row {alt.get('row')!r} is not an id in {table.path}")
        return False
    original = index[alt["row"]][1]
    action, column, value = alt.get("action"), alt.get("column", ""), alt.get("value", "")
    if action == "drop":
        if column or value:
            ctx.add(alts.path, line, "a drop takes no column and no value")
        return len(ctx.problems) == found
    if action != "replace":
        return False  # the schema's closed list reports it
    if column not in (field_names(ctx.descriptor, target) or table.header):
        ctx.add(alts.path, line, f"column {column!r} is not a column of {table.path}")
        return False
    if column not in table.header:
        return False  # the table's header is wrong, and reported
    if column == "id":
        ctx.add(alts.path, line, "an alternative cannot replace the id")
        return False
    if value == original[column]:
        ctx.add(alts.path, line, f"value equals the current {column}: it changes nothing")
    spec = ctx.descriptor.fields(target).get(column) if ctx.descriptor else None
    problem = cell_problem(spec, value) if spec else None
    if problem:
        ctx.add(alts.path, line, f"value not allowed for {target}.{problem}")
    ref = _foreign(ctx, target, column)
    if ref and value and ref[0] in ctx.ids and value not in ctx.ids[ref[0]]:
        ctx.add(alts.path, line, f"value {value!r} is not an id in {ref[0]}.csv")
    changed = dict(original, **{column: value})
    before = set(row_problems(ctx, target, original))
    for message in row_problems(ctx, target, changed):
        if message not in before:
            ctx.add(alts.path, line, f"after replacing {column}: {message}")
    return len(ctx.problems) == found


def _check_cases(ctx: _Context, alts: Table, clean: set[int]) -> None:
    """Every case has alternatives, and applying all of them together keeps the rows they
    change valid. That every alternative's case is in cases.csv is a foreign key."""
    if "case" not in alts.header:
        return  # reported by the header check
    members: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, alt in alts:
        members.setdefault(alt["case"], []).append((line, alt))
    cases = ctx.tables.get("cases")
    if cases is not None and "id" in cases.header:
        for line, row in cases:
            if row["id"] and row["id"] not in members:
                ctx.add(cases.path, line, f"case {row['id']!r} has no alternative in {alts.path}")
    for case, rows in members.items():
        if case:
            _check_case(ctx, alts, case, [(ln, alt) for ln, alt in rows if ln in clean])


def _check_case(
    ctx: _Context, alts: Table, case: str, members: list[tuple[int, dict[str, str]]]
) -> None:
    """Apply a case's alternatives (each valid alone) in file order, as rsii.load does."""
    after: dict[tuple[str, str], dict[str, str] | None] = {}  # None: dropped
    by: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (line, alternative id) per row
    replaced: dict[tuple[str, str, str], str] = {}  # (table, row, column) → alternative id
    for line, alt in members:
        target, row_id = alt["file"].removesuffix(".csv"), alt["row"]
        key = (target, row_id)
        earlier = ", ".join(i for _, i in by.get(key, []))
        if key in after and after[key] is None:
            ctx.add(alts.path, line, f"row {row_id!r} is dropped by {earlier} of the same case")
            continue
        if alt["action"] == "drop":
            if key in after:
                message = f"drops row {row_id!r}, which {earlier} of the same case changes"
                ctx.add(alts.path, line, message)
                continue
            after[key] = None
        else:
            cell = (*key, alt["column"])
            if cell in replaced:
                ctx.add(
                    alts.path, line,
                    f"{alt['column']} of row {row_id!r} is replaced by {replaced[cell]} of the "
                    "same case too",
                )  # fmt: skip
                continue
            replaced[cell] = alt["id"]
            row = after.get(key) or ctx.tables[target].index()[row_id][1]
            after[key] = dict(row, **{alt["column"]: alt["value"]})
        by.setdefault(key, []).append((line, alt["id"]))
    for (target, row_id), row in after.items():
        if row is None:
            continue
        before = set(row_problems(ctx, target, ctx.tables[target].index()[row_id][1]))
        line, _ = by[(target, row_id)][-1]
        together = ", ".join(i for _, i in by[(target, row_id)])
        for message in row_problems(ctx, target, row):
            if message not in before:
                ctx.add(
                    alts.path,
                    line,
                    f"case {case} applied as a whole ({together} on {row_id!r}): {message}",
                )


def _check_codebook(ctx: _Context) -> None:
    """Each closed list in the schema equals, in order, the codebook's values for it."""
    codebook, descriptor = ctx.tables.get("codebook"), ctx.descriptor
    if codebook is None or descriptor is None or {"field", "value"} - set(codebook.header):
        return
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
            ctx.add(
                codebook.path, values[0][0], f"field {name!r} is no closed list in {DESCRIPTOR}"
            )
            continue
        coded = [v for _, v in values]
        for resource, enum in enums[name]:
            where = descriptor.line(resource, name, "enum")
            for line, value in values:
                if value not in enum:
                    ctx.add(
                        codebook.path, line, f"{name} {value!r} is not in {resource}.{name}'s enum"
                    )
            for value in enum:
                if value not in coded:
                    ctx.add(
                        descriptor.path, where,
                        f"{resource}.{name} enum has {value!r}, which codebook.csv does not define",
                    )  # fmt: skip
            if set(enum) == set(coded) and enum != coded:
                ctx.add(
                    descriptor.path, where,
                    f"{resource}.{name} enum is not in codebook.csv's order: {', '.join(coded)}",
                )  # fmt: skip


def _as_frame(table: Table, columns: list[str]) -> pd.DataFrame | None:
    if any(c not in table.header for c in columns):
        return None
    return pd.DataFrame([[row[c] for c in columns] for row in table.rows], columns=columns)


def _check_article(ctx: _Context) -> None:
    """The article's checksum, its rebuild from the two tables, and the tables' regeneration."""
    shown = show(paths.article_path(ctx.data))
    try:
        text = article.read_article(ctx.data)
    except FileNotFoundError:
        ctx.add(shown, None, "file is missing")
        return
    except DataError as e:
        ctx.add(shown, e.line, e.message)
        return
    if corpus.sha256(text) != corpus.ARTICLE_SHA256:
        ctx.add(shown, 1, f"sha256 is {corpus.sha256(text)}, expected corpus.ARTICLE_SHA256")

    heads, sents = ctx.tables.get("headings"), ctx.tables.get("sentences")
    if heads is None or sents is None:
        return
    head_df = _as_frame(heads, ["id", "line", "title_ar"])
    sent_df = _as_frame(sents, article.SENTENCE_COLUMNS)
    if head_df is not None and sent_df is not None:
        try:
            rebuilt = article.from_tables(head_df, sent_df)
        except (ValueError, TypeError):
            rebuilt = None  # a line or footnote that is not a number: reported already
        if rebuilt is not None and rebuilt != text:
            _locate_rebuild(ctx, text, rebuilt, heads, sents, shown)

    try:
        expected = article.build(ctx.data)
    except DataError as e:
        ctx.add(show(e.path), e.line, e.message)
        return
    except (ValueError, KeyError) as e:
        ctx.add(show(ctx.data / "source"), None, f"cannot regenerate the tables: {e!r}")
        return
    for table, frame in zip((heads, sents), expected, strict=True):
        _compare(ctx, table, frame)


def _locate_rebuild(ctx, text, rebuilt, heads: Table, sents: Table, shown: str) -> None:
    """Name the row where each article line stops matching its rebuild."""
    have, want = rebuilt.split("\n"), text.split("\n")
    for number in range(1, max(len(have), len(want)) + 1):
        a = want[number - 1] if number <= len(want) else ""
        b = have[number - 1] if number <= len(have) else ""
        if a == b:
            continue
        parts = [(heads, ln, r["title_ar"]) for ln, r in heads if r["line"] == str(number)]
        parts += [
            (sents, ln, corpus.Sentence(
                r["id"], number, r["section"], r["text_ar"], _footnotes(r["footnotes"]),
                _footnotes(r["footnote_offsets"])).raw)
            for ln, r in sents if r["line"] == str(number)
        ]  # fmt: skip
        at = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        if not parts:
            ctx.add(shown, number, "no row of headings.csv or sentences.csv rebuilds this line")
            continue
        start, culprit = 0, parts[-1]
        for part in parts:
            if at <= start + len(part[2]):
                culprit = part
                break
            start += len(part[2]) + 1
        table, line, _ = culprit
        ctx.add(
            table.path, line,
            f"does not rebuild line {number} of {shown}: the row gives {clip(b[at:], 30)!r} "
            f"where the article has {clip(a[at:], 30)!r}",
        )  # fmt: skip


def _compare(ctx: _Context, table: Table, frame: pd.DataFrame) -> None:
    """A table against what ``rsii sentences`` regenerates from data/source/."""
    expected = frame.astype(str).to_dict("records")
    for i in range(max(len(expected), len(table.rows))):
        if i >= len(expected):
            ctx.add(table.path, table.lines[i], "row is not in what `rsii sentences` regenerates")
            continue
        if i >= len(table.rows):
            last = table.lines[-1] + 1 if table.lines else 2
            ctx.add(table.path, last, f"row {expected[i]['id']!r} is missing: run `rsii sentences`")
            continue
        row = table.rows[i]
        diffs = [c for c in frame.columns if c in row and row[c] != expected[i][c]]
        if diffs:
            ctx.add(
                table.path, table.lines[i],
                f"{', '.join(diffs)} differ(s) from what `rsii sentences` regenerates from "
                "data/source/",
            )  # fmt: skip


# ---------------------------------------------------------------------------- the run


def check(data: Path) -> tuple[list[DataError], dict[str, Table | None]]:
    """Every problem in the data package, and the tables as read."""
    data = Path(data)
    descriptor, problems = read_descriptor(data)
    names = list(TABLES)
    if descriptor is not None:
        described = []
        for res in descriptor.json["resources"]:
            name, path = res.get("name"), res.get("path")
            described.append(path)
            if path != f"{name}.csv":
                message = f"resource {name!r} must have the path {name}.csv"
                problems.append(DataError(descriptor.path, descriptor.line(name), message))
            if name not in names:
                names.append(name)
        for name in TABLES:
            if descriptor.resource(name) is None:
                problems.append(DataError(descriptor.path, 1, f"no resource for {name}.csv"))
        for extra in sorted(p.name for p in data.glob("*.csv")):
            if extra not in described:
                problems.append(DataError(show(data / extra), None, f"not in {DESCRIPTOR}"))

    tables: dict[str, Table | None] = {}
    for name in names:
        table, found = read_table(data / f"{name}.csv")
        problems += found
        expected = field_names(descriptor, name)
        if table is not None and expected:
            problems += check_header(table, expected)
        tables[name] = table

    if descriptor is not None:
        problems += _frictionless(descriptor, tables)

    ctx = _Context(data, descriptor, tables)
    _read_bib(ctx)
    _read_rules(ctx)
    for name, table in tables.items():
        if table is not None and "id" in table.header:
            ctx.ids[name] = {row["id"] for row in table.rows}
    if tables.get("sentences") is not None:
        ctx.sentences = {k: row for k, (_, row) in tables["sentences"].index().items()}
    _check_rows(ctx)
    _check_alternatives(ctx)
    _check_codebook(ctx)
    _check_article(ctx)
    problems += ctx.problems
    return problems, tables


def _sort_key(e: DataError) -> tuple:
    return (e.path, e.line or 0, e.message)


def run(data: Path | None = None) -> tuple[list[str], str]:
    """``rsii validate``: (problems, one per line, sorted by file and line; a summary)."""
    data = Path(data) if data is not None else paths.data_dir()
    if not data.is_dir():
        return [f"{show(data)}: no such data folder"], ""
    try:
        problems, tables = check(data)
    except Exception as e:  # a validator reports; it does not crash
        return [f"{show(data)}: validation stopped by an unexpected error: {e!r}"], ""
    unique = sorted({str(e): e for e in problems}.values(), key=_sort_key)
    counts = [
        f"{len(tables[name].rows) if tables.get(name) else 0} {name}"
        for name in (
            "sentences",
            "actors",
            "relations",
            "stances",
            "events",
            "cases",
            "alternatives",
        )
    ]
    return [str(e) for e in unique], f"{show(data)}/ is valid: {', '.join(counts)}"
