"""The data package as typed pandas tables and as the actor network.

Column types come from ``datapackage.json`` and the categories of closed lists from
``codebook.csv``, so no notebook re-declares them. Files are found from the package
(:func:`rsii.data.paths.data_dir`), not the working directory, and read by
:mod:`rsii.data.read`, as ``rsii validate`` reads them: a table that frictionless finds
fault with, or a value outside the codebook, raises :class:`~rsii.data.errors.DataError`
naming its file and line. The loader checks each table on its own; what spans tables
(foreign keys, quotes, footnotes, the project's rules) is :mod:`rsii.data.validate`'s.
Empty text cells load as ``""``; an empty integer or category as NA.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import networkx as nx
import pandas as pd

from rsii.data import alternatives as recoding  # load.alternatives() is the table
from rsii.data import paths, read
from rsii.data.errors import DataError

# The tables every data package of this project has, in the order they are reported.
TABLES = (
    "headings", "sentences", "codebook", "actors", "relations", "stances", "events", "cases",
    "alternatives", "concepts", "statement_concepts",
)  # fmt: skip
SIGNED = "relation"  # the codebook field whose rows fix a sign and a direction

EDGE_ATTRIBUTES = (
    "relation", "sign", "directed", "sentence", "quote_ar", "footnotes", "inferred", "note",
)  # fmt: skip


def _folder(data: Path | None) -> Path:
    return Path(data) if data is not None else paths.data_dir()


def _first(problems: list[DataError]) -> DataError:
    return min(problems, key=lambda e: (e.path, e.line or 0))


def descriptor(data: Path | None = None) -> read.Descriptor:
    """``datapackage.json``, parsed and checked; cached while the file is unchanged
    (checking it with frictionless takes ~30 ms, and each alternative coding asks)."""
    folder = _folder(data)
    return _descriptor_cached(folder, _stamp(folder / read.DESCRIPTOR), os.getcwd())


@functools.lru_cache(maxsize=8)
def _descriptor_cached(folder: Path, stamp, cwd) -> read.Descriptor:
    del stamp, cwd  # part of the cache key only (messages show paths from cwd)
    found, problems = read.read_descriptor(folder)
    if found is None:
        raise _first(problems) if problems else DataError(read.DESCRIPTOR, None, "unusable")
    return found


def _read(name: str, data: Path, desc: read.Descriptor) -> read.Table:
    """One table, as read and checked on its own against its schema by frictionless."""
    if desc.resource(name) is None:
        raise DataError(desc.path, None, f"no resource {name!r}")
    table, problems = read.read_table(data / f"{name}.csv")
    if table is not None:
        problems += read.header_problems(table, list(desc.fields(name)))
        problems += read.frictionless_problems(desc, {name: table}, foreign_keys=False)
    if problems:
        raise _first(problems)
    return table


def _categories(data: Path, desc: read.Descriptor) -> dict[str, list[str]]:
    """Each closed list's values in codebook order, by field name."""
    table = _read("codebook", data, desc)
    out: dict[str, list[str]] = {}
    for row in table.rows:
        out.setdefault(row["field"], []).append(row["value"])
    return out


def _column(spec: dict, values: list[str], categories: list[str] | None):
    """Typed values for one schema field (cells already checked)."""
    kind = spec.get("type", "string")
    if categories is not None:
        return pd.Categorical([v or None for v in values], categories=categories)
    if kind == "integer":
        return pd.array([int(v) if v else pd.NA for v in values], dtype="Int64")
    if kind == "boolean":
        if all(values):
            return pd.array([v == "true" for v in values], dtype=bool)
        return pd.array([(v == "true") if v else pd.NA for v in values], dtype="boolean")
    return pd.array(values, dtype="string")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _load(name: str, data: Path | None = None) -> tuple[pd.DataFrame, read.Table]:
    """The typed table and the table as read (for its path and lines).

    Cached while the files it depends on are unchanged, so analyses that reload a table
    per alternative coding stay fast; callers get a copy.
    """
    data = _folder(data)
    files = (data / f"{name}.csv", data / read.DESCRIPTOR, data / "codebook.csv")
    stamps = tuple(_stamp(f) for f in files)
    df, table = _load_cached(name, data, stamps, os.getcwd())  # messages show paths from cwd
    return df.copy(), table


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, data: Path, stamps, cwd) -> tuple[pd.DataFrame, read.Table]:
    del stamps, cwd  # part of the cache key only
    desc = descriptor(data)
    table = _read(name, data, desc)
    codes = _categories(data, desc) if name != "codebook" else {}
    columns = {}
    for column, spec in desc.fields(name).items():
        values = [row[column] for row in table.rows]  # cells checked by frictionless
        enum = spec.get("constraints", {}).get("enum")
        closed = enum is not None and spec.get("type", "string") == "string"
        categories = codes.get(column, enum) if closed else None
        if categories is not None:
            for line, value in zip(table.lines, values, strict=True):
                if value and value not in categories:
                    raise DataError(table.path, line, f"{column}: {value!r} is not in codebook.csv")
        columns[column] = _column(spec, values, categories)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(table.rows))), table


def table(name: str, data: Path | None = None) -> pd.DataFrame:
    """Any table of the package by resource name, typed by its schema."""
    return _load(name, data)[0]


def as_written(name: str, data: Path | None = None) -> pd.DataFrame:
    """Any table of the package with every cell as the file writes it (``1``, ``true``,
    ``""``, in pandas' default ``str`` columns, as ``read_csv(dtype=str)`` gives them), for
    showing it; read and checked as :func:`table` reads it."""
    source = _load(name, data)[1]
    return pd.DataFrame(source.rows, columns=source.header, dtype=str)


def headings(data: Path | None = None) -> pd.DataFrame:
    return table("headings", data)


def sentences(data: Path | None = None) -> pd.DataFrame:
    return table("sentences", data)


def codebook(data: Path | None = None) -> pd.DataFrame:
    return table("codebook", data)


def actors(data: Path | None = None) -> pd.DataFrame:
    return table("actors", data)


def relations(data: Path | None = None) -> pd.DataFrame:
    """Relations as coded; see :func:`relation_table` for an alternative coding."""
    return table("relations", data)


def stances(data: Path | None = None) -> pd.DataFrame:
    """Stances as coded; see :func:`stance_table` for an alternative coding."""
    return table("stances", data)


def events(data: Path | None = None) -> pd.DataFrame:
    return table("events", data)


def alternatives(data: Path | None = None) -> pd.DataFrame:
    """Alternative codings, one changed row each; see :func:`apply_case`."""
    return table("alternatives", data)


def cases(data: Path | None = None) -> pd.DataFrame:
    """The hard cases: id, title, sentence, choice (the main tables' coding) and
    alternative (the other reading, which the case's rows of alternatives.csv encode)."""
    return table("cases", data)


def concepts(data: Path | None = None) -> pd.DataFrame:
    """The closed list of concepts the statements invoke (discourse network analysis): id,
    name_en, name_ar (the article's words where it has them), definition,
    example_sentence and example."""
    return table("concepts", data)


def statement_concepts(data: Path | None = None) -> pd.DataFrame:
    """Which concept each statement invokes: id, stance (a stances.csv id whose mode is
    ``statement``), concept (a concepts.csv id), agreement (categorical: "agree" or
    "disagree"), quote_ar (verbatim from the statement's sentence), quote_en and note."""
    return table("statement_concepts", data)


def relation_types(data: Path | None = None) -> pd.DataFrame:
    """The relation types of codebook.csv in its order: ``value`` (string), ``sign``
    (int: 1, -1 or 0), ``directed`` (bool), which every relation of the type has, and
    ``tie`` ("affiliation", "sentiment" or "neutral")."""
    book, source = _load("codebook", data)
    types = []
    for line, row in zip(source.lines, records(book), strict=True):
        if row["field"] != SIGNED:
            continue
        if row["sign"] is None or row["directed"] is None or not row.get("tie"):
            raise DataError(source.path, line, "a relation type needs a sign, directed and tie")
        types.append((row["value"], row["sign"], row["directed"], row["tie"]))
    df = pd.DataFrame(types, columns=["value", "sign", "directed", "tie"])
    return df.astype({"value": "string", "sign": "int64", "directed": bool, "tie": "string"})


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values (str, int, bool, None), for graphs and JSON."""
    out = []
    for row in df.astype(object).to_dict("records"):
        out.append({k: _plain(v) for k, v in row.items()})
    return out


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def network(data: Path | None = None, include_inferred: bool = True) -> nx.MultiDiGraph:
    """The actors and their relations: one node per actor (its columns as attributes),
    one edge per relation row keyed by its id; an undirected relation is stored once,
    source to target, with ``directed=False``."""
    data = _folder(data)
    acts = actors(data)
    rels, table = _load("relations", data)
    G = nx.MultiDiGraph()
    for node in records(acts):
        G.add_node(node.pop("id"), **node)
    for line, edge in zip(table.lines, records(rels), strict=True):
        if edge["inferred"] and not include_inferred:
            continue
        for end in ("source", "target"):
            if edge[end] not in G:
                raise DataError(table.path, line, f"{end}: {edge[end]!r} is not an actor id")
        attributes = {k: edge[k] for k in EDGE_ATTRIBUTES if k in edge}
        G.add_edge(edge["source"], edge["target"], key=edge["id"], **attributes)
    return G


def _alternative_rows(data: Path) -> tuple[list[tuple[int, dict]], str]:
    """alternatives.csv as (line, record) pairs in file order, and its path as shown."""
    alts, alt_table = _load("alternatives", data)
    return list(zip(alt_table.lines, records(alts), strict=True)), alt_table.path


def _apply(name: str, data: Path, chosen: list[tuple[int, dict]], where: str) -> pd.DataFrame:
    """``name``'s table with the alternatives ``chosen`` ((line, record) pairs from the
    file ``where``) that change it applied in order, by :mod:`rsii.data.alternatives`, as
    ``rsii validate`` applies them; alternatives of the other table are skipped. The
    first problem an alternative has, alone or with the others, raises."""
    df, table = _load(name, data)
    fields = descriptor(data).fields(name)
    mine = [(line, alt) for line, alt in chosen if recoding.target(alt) == name]
    for line, alt in mine:
        alone = recoding.check_alone(alt, table, fields)
        if alone.problems or not alone.usable:
            raise DataError(where, line, (alone.problems or ["cannot be applied"])[0])
    applied = recoding.apply(mine, {name: table})
    if applied.problems:
        raise DataError(where, *applied.problems[0])
    for (_, row_id), row in applied.rows.items():
        if row is None:
            df = df.drop(df.index[df["id"] == row_id])
    for (_, row_id, column), (line, _) in applied.cells.items():
        value = applied.rows[(name, row_id)][column]
        current = df[column]
        cats = (
            list(current.cat.categories) if isinstance(current.dtype, pd.CategoricalDtype) else None
        )
        if cats is not None and value and value not in cats:
            raise DataError(where, line, f"{column}: {value!r} is not in codebook.csv")
        df.loc[df.index[df["id"] == row_id], column] = _column(fields[column], [value], cats)[0]
    return df.reset_index(drop=True)


def _alternative(name: str, data: Path | None, alternative: str | None) -> pd.DataFrame:
    """``name``'s table with one alternative coding from alternatives.csv applied."""
    data = _folder(data)
    if alternative is None:
        return _load(name, data)[0]
    rows, where = _alternative_rows(data)
    chosen = [(line, alt) for line, alt in rows if alt["id"] == alternative]
    if not chosen:
        mine = [a["id"] for _, a in rows if recoding.target(a) == name]
        raise ValueError(f"no alternative {alternative!r} for {name}.csv; there are: {mine}")
    for _, alt in chosen:
        if recoding.target(alt) != name:
            raise ValueError(f"alternative {alternative!r} changes {alt['file']}, not {name}.csv")
    return _apply(name, data, chosen, where)


def _case_rows(data: Path, case_id: str) -> tuple[list[tuple[int, dict]], str]:
    known = [str(c) for c in cases(data)["id"]]
    if case_id not in known:
        raise ValueError(f"no case {case_id!r} in cases.csv; there are: {', '.join(known)}")
    rows, where = _alternative_rows(data)
    chosen = [(line, alt) for line, alt in rows if alt["case"] == case_id]
    if not chosen:
        raise ValueError(f"case {case_id!r} has no alternative in alternatives.csv")
    return chosen, where


def apply_case(case_id: str, data: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stances, relations) with every alternative of the hard case ``case_id`` (an id in
    cases.csv) applied together, so an analysis can be rerun under each case."""
    data = _folder(data)
    chosen, where = _case_rows(data, case_id)
    return _apply("stances", data, chosen, where), _apply("relations", data, chosen, where)


def _coded(name: str, data: Path | None, alternative: str | None, case: str | None):
    if alternative is not None and case is not None:
        raise ValueError("give an alternative or a case, not both")
    if case is None:
        return _alternative(name, data, alternative)
    data = _folder(data)
    return _apply(name, data, *_case_rows(data, case))


def stance_table(
    data: Path | None = None, alternative: str | None = None, case: str | None = None
) -> pd.DataFrame:
    """Stances, with the alternative coding ``alternative`` (an id in alternatives.csv) or
    every alternative of the hard case ``case`` (an id in cases.csv) applied if given, so
    an analysis can be rerun under each coding decision."""
    return _coded("stances", data, alternative, case)


def relation_table(
    data: Path | None = None, alternative: str | None = None, case: str | None = None
) -> pd.DataFrame:
    """Relations, with the alternative ``alternative`` or the case ``case`` applied if given."""
    return _coded("relations", data, alternative, case)
