"""Alternative codings (``alternatives.csv``) applied to the rows they name: the one
implementation behind both the loader (:func:`rsii.data.load.apply_case`,
:func:`~rsii.data.load.stance_table`, :func:`~rsii.data.load.relation_table`) and the
validator (:func:`rsii.data.rules.check_alternatives`), so that what ``rsii validate``
accepts is what the notebooks compute, with the same messages.

An alternative either drops a row of ``stances.csv`` or ``relations.csv`` or replaces
one cell of it. :func:`check_alone` says what keeps one alternative from applying on its
own; :func:`apply` applies several (a hard case's) together, in file order, and says
where they collide. Both work on the tables as read (:class:`rsii.data.read.Table`, all
strings); the loader types the rows they give, the validator checks them against the
project's rules. Messages name no file: the caller puts them at the alternative's line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rsii.data.read import Table, cell_checker

ALTERABLE = ("stances", "relations")  # the tables alternatives.csv may change

Row = dict[str, str]


def target(alt: Mapping[str, str]) -> str:
    """The table (resource name) the alternative ``alt`` changes."""
    return alt.get("file", "").removesuffix(".csv")


@dataclass(frozen=True)
class Alone:
    """One alternative checked on its own against the table it names."""

    problems: list[str]
    # False: it cannot be applied, for a problem reported elsewhere (the table could not
    # be read, the action or the table's header breaks the schema), so no message here.
    usable: bool = True
    # The row whose cell a replacement changes, once it is known to name a real cell.
    original: Row | None = None


def check_alone(alt: Mapping[str, str], table: Table | None, fields: dict | None) -> Alone:
    """What keeps ``alt`` (a row of alternatives.csv) from applying on its own to
    ``table``, the table it names; ``fields`` are that table's schema fields, or None
    when the descriptor could not be read (the table's header stands in for them)."""
    name = target(alt)
    if name not in ALTERABLE:
        allowed = ", ".join(f"{t}.csv" for t in ALTERABLE)
        return Alone([f"file {alt.get('file')!r} is not one of {allowed}"])
    if table is None:
        return Alone([], usable=False)
    index = table.index()
    if alt.get("row", "") not in index:
        return Alone([f"row {alt.get('row')!r} is not an id in {table.path}"])
    original = index[alt["row"]][1]
    action, column, value = alt.get("action"), alt.get("column", ""), alt.get("value", "")
    if action == "drop":
        return Alone(["a drop takes no column and no value"] if column or value else [])
    if action != "replace":
        return Alone([], usable=False)
    if column not in (list(fields) if fields is not None else table.header):
        return Alone([f"column {column!r} is not a column of {table.path}"])
    if column not in table.header:
        return Alone([], usable=False)
    if column == "id":
        return Alone(["an alternative cannot replace the id"])
    problems = []
    if value == original[column]:
        problems.append(f"value equals the current {column}: it changes nothing")
    spec = fields.get(column) if fields is not None else None
    problem = cell_checker(spec)(value) if spec else None
    if problem:
        problems.append(f"value not allowed for {name}.{problem}")
    return Alone(problems, original=original)


@dataclass
class Applied:
    """Alternatives applied together: the rows they change, as they leave them."""

    # (table, row id) → the row after every alternative, or None: dropped
    rows: dict[tuple[str, str], Row | None] = field(default_factory=dict)
    # (table, row id) → the (line, alternative id) of each alternative applied to the row
    by: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)
    # (table, row id, column) → the (line, alternative id) that replaced the cell
    cells: dict[tuple[str, str, str], tuple[int, str]] = field(default_factory=dict)
    # (line, message) for each alternative that collides with an earlier one and is skipped
    problems: list[tuple[int, str]] = field(default_factory=list)


def apply(members: Iterable[tuple[int, Mapping[str, str]]], tables: Mapping[str, Table]) -> Applied:
    """Apply ``members`` ((line, alternative) pairs, each valid alone, a case's) in file
    order to the rows of ``tables`` (by resource name). An alternative that changes a row
    an earlier one dropped, drops a row an earlier one changed, or replaces a cell an
    earlier one replaced is a problem, and is left out."""
    out = Applied()
    for line, alt in members:
        name, row_id = target(alt), alt["row"]
        key = (name, row_id)
        earlier = ", ".join(i for _, i in out.by.get(key, []))
        if key in out.rows and out.rows[key] is None:
            out.problems.append((line, f"row {row_id!r} is dropped by {earlier} of the same case"))
            continue
        if alt["action"] == "drop":
            if key in out.rows:
                message = f"drops row {row_id!r}, which {earlier} of the same case changes"
                out.problems.append((line, message))
                continue
            out.rows[key] = None
        else:
            cell = (*key, alt["column"])
            if cell in out.cells:
                out.problems.append(
                    (
                        line,
                        f"{alt['column']} of row {row_id!r} is replaced by {out.cells[cell][1]} "
                        "of the same case too",
                    )
                )
                continue
            out.cells[cell] = (line, alt["id"])
            row = out.rows.get(key) or tables[name].index()[row_id][1]
            out.rows[key] = dict(row, **{alt["column"]: alt["value"]})
        out.by.setdefault(key, []).append((line, alt["id"]))
    return out
