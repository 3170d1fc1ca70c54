"""``rsii export``: the network and the tables in formats other tools read.

Every output file is produced by a *writer* registered under its file name, so an
analysis module adds its results with :func:`register` (at import, listed in
:data:`PLUGINS`) without touching this module. Writers return the file's content and
the export writes it, which keeps every file byte-for-byte reproducible: no clock (the
date GEXF requires comes from SOURCE_DATE_EPOCH), no hash-order or locale effects.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from . import load, paths, validate
from .errors import DataError

Writer = Callable[[Path], str | bytes]  # the data folder → the file's content


@dataclass(frozen=True)
class Output:
    name: str  # path inside the output folder, e.g. "results/camps.csv"
    write: Writer
    description: str


_REGISTRY: dict[str, Output] = {}

# Modules imported before an export so that their register() calls have run. Analysis
# modules add themselves here, e.g. "rsii.centrality".
PLUGINS: list[str] = ["rsii.results"]


def register(name: str, writer: Writer | None = None, *, description: str):
    """Add an output file; usable directly or as a decorator on the writer.

    ``name`` must be unique. Files are written, and listed in README.md, in the order
    they were registered.
    """

    def add(fn: Writer) -> Writer:
        if name in _REGISTRY and _REGISTRY[name].write is not fn:
            raise ValueError(f"an output named {name!r} is already registered")
        _REGISTRY[name] = Output(name, fn, description)
        return fn

    return add(writer) if writer is not None else add


def outputs() -> list[Output]:
    """The registered outputs, plugins imported first."""
    for module in PLUGINS:
        importlib.import_module(module)
    return list(_REGISTRY.values())


# ------------------------------------------------------------------ content helpers


def csv_text(df: pd.DataFrame) -> str:
    """A table as CSV like the data package's own: LF line ends, no index, empty cells
    for missing values, booleans as true/false."""
    df = df.copy()
    for column in df.columns:
        if pd.api.types.is_bool_dtype(df[column]) or df[column].map(type).eq(bool).any():
            df[column] = df[column].map(lambda v: str(v).lower() if isinstance(v, bool) else v)
    return df.to_csv(index=False, lineterminator="\n")


def json_text(df: pd.DataFrame) -> str:
    """A table as a JSON list of records with sorted keys, in the table's row order."""
    return json.dumps(load.records(df), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _epoch_date() -> str:
    """The date written into GEXF metadata: SOURCE_DATE_EPOCH's, or a fixed one."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1448928000"))
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


def _for_files(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF accept: no None; a column that has
    missing values alongside numbers or booleans becomes text."""
    H = G.copy()
    for items in (
        [d for _, d in H.nodes(data=True)],
        [d for *_, d in H.edges(keys=True, data=True)],
    ):
        keys = sorted({k for d in items for k in d})
        for key in keys:
            values = [d.get(key) for d in items]
            gaps = any(v is None for v in values)
            kinds = {type(v) for v in values if v is not None}
            as_text = bool(gaps and kinds - {str})
            for d in items:
                d[key] = _file_value(d.get(key), as_text)
    return H


def _file_value(value, as_text: bool):
    if value is None:
        return ""
    if as_text:
        return str(value).lower() if isinstance(value, bool) else str(value)
    return value


def _graphml(data: Path) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_for_files(load.network(data)), buffer, encoding="utf-8")
    return buffer.getvalue()


def _gexf(data: Path) -> bytes:
    H = _for_files(load.network(data))
    for node, attributes in H.nodes(data=True):
        attributes["label"] = attributes.get("name_en") or node
    for _, _, key, attributes in H.edges(keys=True, data=True):
        attributes["id"] = key
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer, encoding="utf-8")
    text = buffer.getvalue()
    return re.sub(
        rb'lastmodifieddate="[^"]*"', f'lastmodifieddate="{_epoch_date()}"'.encode(), text
    )


def _nodes(data: Path) -> str:
    G = load.network(data)
    rows = [{"id": n, **d} for n, d in G.nodes(data=True)]
    return csv_text(pd.DataFrame(rows))


def _edges(data: Path) -> str:
    G = load.network(data)
    rows = [
        {"id": k, "source": u, "target": v, **d} for u, v, k, d in G.edges(keys=True, data=True)
    ]
    order = {r: i for i, r in enumerate(load.relations(data)["id"])}  # relations.csv's order
    rows.sort(key=lambda row: order[row["id"]])
    columns = ["id", "source", "target", *load.EDGE_ATTRIBUTES]
    return csv_text(pd.DataFrame(rows, columns=columns))


def _table_json(name: str) -> Writer:
    return lambda data: json_text(load.table(name, data))


_NETWORK = (
    "one node per actor with its actors.csv columns, one edge per relation (edge id = "
    "relation id) with relation, sign, directed, sentence, quote_ar, footnotes, inferred "
    "and note; missing values are empty strings"
)
register("network.graphml", _graphml, description=f"The actor network as GraphML: {_NETWORK}.")
register(
    "network.gexf",
    _gexf,
    description="The same network as GEXF 1.2 for Gephi; node labels are the English names "
    "and networkx_key repeats the relation id.",
)
register("nodes.csv", _nodes, description="The network's nodes: the actors, one row each.")
register(
    "edges.csv",
    _edges,
    description="The network's edges: one row per relation, in relations.csv's order, with "
    "id, source, target and the edge attributes.",
)
for _name in validate.TABLES:
    register(
        f"tables/{_name}.json",
        _table_json(_name),
        description=f"data/{_name}.csv as a JSON list of records: numbers and true/false "
        "typed, null for a missing number or category, keys sorted, rows in file order.",
    )
del _name


# ---------------------------------------------------------------------------- README

_LICENCE = """\
## Licence

Everything here is derived from the Arabic Wikipedia article «تحالف روسيا–سوريا–إيران–العراق»
(https://ar.wikipedia.org/wiki/تحالف_روسيا–سوريا–إيران–العراق) by Wikipedia contributors,
and is shared, like the article, under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/).
Attribute the article's contributors and this project, and share adaptations alike.
"""


def _readme(written: list[Output]) -> str:
    lines = [
        "# rsii export",
        "",
        "Generated by `rsii export` from the data package (see `data/datapackage.json` for "
        "every column's type and meaning). Regenerate rather than edit.",
        "",
        "## Files",
        "",
    ]
    lines += [f"- `{o.name}`: {o.description}" for o in written]
    return "\n".join(lines) + "\n\n" + _LICENCE


def export(out_dir: Path, data: Path | None = None, check: bool = True) -> list[Path]:
    """Write every registered output and a README.md into ``out_dir``; return the paths.

    With ``check`` (the default) the data package is validated first and nothing is
    written if it has a problem, so an export never carries data ``rsii validate`` rejects.
    """
    data = Path(data) if data is not None else paths.data_dir()
    if check:
        problems, _ = validate.run(data)
        if problems:
            more = f" (and {len(problems) - 1} more: run `rsii validate`)" if problems[1:] else ""
            raise DataError(validate.show(data), None, f"not exported: {problems[0]}{more}")
    out_dir = Path(out_dir)
    registered = outputs()
    contents = [(o.name, o.write(data)) for o in registered]  # all, before writing any
    contents.append(("README.md", _readme(registered)))
    written = []
    for name, content in contents:
        path = out_dir / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        except OSError as e:
            raise DataError(validate.show(path), None, f"cannot write: {e.strerror or e}") from None
        written.append(path)
    return written
