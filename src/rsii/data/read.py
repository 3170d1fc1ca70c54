"""Reading the data package's files as they are, with the physical line of every row.

Both the loader (:mod:`rsii.data.load`) and the validator (:mod:`rsii.data.validate`)
read through here, so they see a file the same way. What is wrong with a file's
structure or cells (blank rows, a row with too many or too few cells, a repeated column
name, a cell that breaks its schema, a repeated key) is frictionless's to find:
:func:`frictionless_problems` runs it and maps each of its errors to ``FILE:LINE``.
What this module finds itself is only what stops frictionless from reading a file at
all: a missing file, bytes that are not UTF-8, a byte-order mark, broken quoting.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rsii.data.errors import DataError

DESCRIPTOR = "datapackage.json"


def shown_path(path: Path | str) -> str:
    """A path as a reader types it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------- files


def decode(raw: bytes, shown: str) -> tuple[str | None, list[DataError]]:
    """The bytes as UTF-8 text, or one problem per line that is not UTF-8."""
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


def read_text(path: Path, shown: str) -> tuple[str | None, list[DataError]]:
    """The file's text, or the problems that stop it being read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [DataError(shown, None, "file is missing")]
    except OSError as e:
        return None, [DataError(shown, None, f"cannot be read: {e.strerror or e}")]
    return decode(raw, shown)


@dataclass(frozen=True)
class Table:
    """One CSV file as strings, with the physical line each record starts on."""

    path: str  # as shown in messages
    header: list[str]
    rows: list[dict[str, str]]  # the records after the header that hold any cell
    lines: list[int]  # the line each of ``rows`` starts on
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


def read_table(path: Path) -> tuple[Table | None, list[DataError]]:
    """Read a CSV file; the table is None when it cannot be read at all. A byte-order
    mark is reported and removed. Rows are matched to the header by position; blank
    rows are skipped (frictionless reports them and any row of the wrong length)."""
    shown = shown_path(path)
    text, problems = read_text(Path(path), shown)
    if text is None:
        return None, problems
    if text.startswith("\ufeff"):
        problems.append(
            DataError(shown, 1, "starts with a byte-order mark (U+FEFF): save as UTF-8 without BOM")
        )
        text = text[1:]
    if not text.strip():
        return None, [*problems, DataError(shown, 1, "file is empty: expected a header row")]
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
        return None, [*problems, DataError(shown, start, message)]
    header = records[0]
    if not any(header):
        return None, [
            *problems,
            DataError(shown, 1, "the first line is blank: expected the header"),
        ]
    rows, lines = [], []
    for start, record in zip(starts[1:], records[1:], strict=True):
        if any(record):
            cells = record + [""] * (len(header) - len(record))
            rows.append(dict(zip(header, cells, strict=False)))
            lines.append(start)
    return Table(shown, header, rows, lines, starts, text), problems


# ---------------------------------------------------------------------- the descriptor


def json_line(text: str, *needles: str) -> int:
    """The line of the last of ``needles`` (regexes) found one after the other; else 1."""
    pos = 0
    for needle in needles:
        m = re.compile(needle).search(text, pos)
        if not m:
            break
        pos = m.start()
    return text.count("\n", 0, pos) + 1


@dataclass(frozen=True)
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
        return json_line(self.text, *needles)


def read_descriptor(data: Path) -> tuple[Descriptor | None, list[DataError]]:
    """Parse and check ``datapackage.json``; None when it cannot be used for the schemas."""
    import frictionless as fl

    path = Path(data) / DESCRIPTOR
    shown = shown_path(path)
    text, problems = read_text(path, shown)
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
            line = json_line(text, rf'"name"\s*:\s*"{re.escape(str(res.get("name")))}"')
            problems.append(DataError(shown, line, "each resource needs an inline schema"))
    return (None if problems else Descriptor(shown, text, descriptor)), problems


def header_problems(table: Table, expected: list[str]) -> list[DataError]:
    """Missing, renamed, unexpected or reordered columns, all reported on line 1: the
    package's rule is that each table has its schema's columns, in order. (Frictionless
    matches columns by name here, ``fieldsMatch: "partial"``, so that one missing column
    does not turn every cell after it into an error.)"""
    problems = []
    have = table.header
    if len(set(have)) != len(have):
        return []  # frictionless reports the repeated name; nothing else can be matched
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


# ------------------------------------------------------------------------- frictionless

_TYPE_HINTS = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date YYYY-MM-DD",
}


def cell_message(spec: dict, cell, key: str) -> str:
    """Why ``cell`` breaks the schema field ``spec``, ``key`` naming the broken rule."""
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


def cell_checker(spec: dict) -> Callable[[str], str | None]:
    """A function telling why a cell is not a valid value of the schema field ``spec``
    (for a value that is not in a file yet, such as an alternative coding's)."""
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
        return cell_message(spec, cell, "type" if "type" in notes else next(iter(notes)))

    return check


def _schema(resource: dict, usable: dict[str, Table], foreign_keys: bool) -> dict:
    """The resource's schema matched to the header by name; keys whose columns or table
    are missing are left out (those are reported as missing columns or files)."""
    schema = dict(resource.get("schema", {}), fieldsMatch="partial")
    table = usable[resource["name"]]
    pk = schema.get("primaryKey")
    if pk and not all(f in table.header for f in ([pk] if isinstance(pk, str) else pk)):
        schema.pop("primaryKey")
    kept, declared = [], schema.pop("foreignKeys", [])
    for fk in declared if foreign_keys else []:
        local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = usable.get(ref["resource"]) if ref.get("resource") else table  # "" = itself
        if (
            target
            and all(f in table.header for f in local)
            and all(f in target.header for f in ref_fields)
        ):
            kept.append(fk)
    if kept:
        schema["foreignKeys"] = kept
    return schema


def frictionless_problems(
    descriptor: Descriptor, tables: dict[str, Table | None], foreign_keys: bool = True
) -> list[DataError]:
    """Frictionless's errors for the readable ``tables`` against the package's schemas,
    each at its file and physical line. Without ``foreign_keys``, each table is checked
    on its own (the loader's view of one table)."""
    import frictionless as fl

    usable = {n: t for n, t in tables.items() if t is not None and descriptor.resource(n)}
    resources = [
        fl.Resource(
            usable[name].text.encode("utf-8"),
            name=name,
            format="csv",
            encoding="utf-8",
            schema=fl.Schema.from_descriptor(_schema(res, usable, foreign_keys)),
        )
        for res in descriptor.json["resources"]
        if (name := res.get("name")) in usable
    ]
    if not resources:
        return []
    try:
        report = fl.Package(resources=resources).validate(limit_errors=100_000)
    except fl.FrictionlessException as e:
        return [DataError(descriptor.path, 1, f"frictionless cannot validate: {e.error.message}")]
    problems = []
    for task in report.tasks:
        table = usable[task.name]
        fields = descriptor.fields(task.name)
        unique_rows = {e.row_number for e in task.errors if e.type == "unique-error"}
        for error in task.errors:
            message = _translate(error, table, fields, usable, unique_rows)
            if message:
                line = table.line_of(error.row_number) if getattr(error, "row_number", None) else 1
                problems.append(DataError(table.path, line, message))
    return problems + [DataError(descriptor.path, 1, e.message) for e in report.errors]


def _translate(error, table: Table, fields, tables, unique_rows) -> str | None:
    """A frictionless error in the words of this project's other messages."""
    kind = error.type
    name = getattr(error, "field_name", None)
    spec = fields.get(name, {"name": name})
    if kind in ("missing-label", "extra-label", "incorrect-label"):
        return None  # header_problems names the column, once
    if kind == "blank-row":
        return "blank row"
    if kind in ("missing-cell", "extra-cell"):
        cells = len(getattr(error, "cells", []) or [])
        return f"row has {cells} cells, the header has {len(table.header)}"
    if "requires unique labels" in getattr(error, "note", ""):
        repeated = sorted({c for c in table.header if table.header.count(c) > 1})
        return "; ".join(f"column {c!r} appears twice in the header" for c in repeated)
    if kind == "type-error":
        return cell_message(spec, error.cell, "type")
    if kind == "constraint-error":
        m = re.search(r'constraint "(\w+)"', error.note)
        return cell_message(spec, error.cell, m.group(1) if m else "?")
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
