"""``rsii export``: the network, the tables and the results in formats other tools read.

Every output file is one entry of :data:`OUTPUTS`: its name, the function that makes its
content from a data folder, and its description for the README. Contents are computed
first and written after, which keeps every file byte-for-byte reproducible: no clock
(the date GEXF requires comes from SOURCE_DATE_EPOCH), no hash-order or locale effects.
"""

from __future__ import annotations

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

from rsii.analysis import dna, results
from rsii.data import load, paths, validate
from rsii.data.errors import DataError
from rsii.data.read import shown_path

Writer = Callable[[Path], str | bytes]  # the data folder → the file's content


@dataclass(frozen=True)
class Output:
    name: str  # path inside the output folder, e.g. "results/camps.csv"
    write: Writer
    description: str


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


def _csv(compute) -> Writer:
    return lambda data: csv_text(compute(data))


def _matrix(kind: str, normalization: str) -> Writer:
    return lambda data: csv_text(results.one_mode(kind, normalization, data))


OUTPUTS: tuple[Output, ...] = (
    Output("network.graphml", _graphml, f"The actor network as GraphML: {_NETWORK}."),
    Output(
        "network.gexf",
        _gexf,
        "The same network as GEXF 1.2 for Gephi; node labels are the English names "
        "and networkx_key repeats the relation id.",
    ),
    Output("nodes.csv", _nodes, "The network's nodes: the actors, one row each."),
    Output(
        "edges.csv",
        _edges,
        "The network's edges: one row per relation, in relations.csv's order, with id, "
        "source, target and the edge attributes.",
    ),
    *(
        Output(
            f"tables/{name}.json",
            _table_json(name),
            f"data/{name}.csv as a JSON list of records: numbers and true/false typed, null "
            "for a missing number or category, keys sorted, rows in file order.",
        )
        for name in load.TABLES
    ),
    Output(
        "results/centralities.csv",
        _csv(results.centralities),
        "degree, betweenness and eigenvector centrality of every actor in the relation network",
    ),
    Output(
        "results/blocs.csv",
        _csv(results.blocs),
        "each actor's bloc, by the rule in rsii.analysis.network.assign_blocs",
    ),
    *(
        Output(
            f"results/{kind}_{norm}.csv",
            _matrix(kind, norm),
            f"actor × actor {kind} of the stances, normalisation: {norm}",
        )
        for kind in ("congruence", "conflict")
        for norm in dna.NORMALIZATIONS
    ),
    Output(
        "results/balance.csv",
        _csv(results.balance_measures),
        "balance of the signed actor network: triangles, walk-based index, frustration index",
    ),
    Output(
        "results/camps.csv",
        _csv(results.camps),
        "the two camps of the optimal partition (columns actor, camp; camp A holds the 4+1 "
        "coalition)",
    ),
    Output(
        "results/frustrated_ties.csv",
        _csv(results.frustrated_ties),
        "ties the optimal partition leaves frustrated, with the coded rows, sentences and "
        "footnotes behind them",
    ),
    Output(
        "results/optimal_partitions.csv",
        _csv(results.optimal_partitions),
        "every optimal two-camp split (one column per split), to see which camps are forced",
    ),
    Output(
        "results/sensitivity.csv",
        _csv(results.sensitivity),
        "the balance analysis rerun under each hard case of the coding (data/cases.csv)",
    ),
)


# ---------------------------------------------------------------------------- README

_LICENCE = """\
## Licence

Everything here is derived from the Arabic Wikipedia article «تحالف روسيا–سوريا–إيران–العراق»
(https://ar.wikipedia.org/wiki/تحالف_روسيا–سوريا–إيران–العراق) by Wikipedia contributors,
and is shared, like the article, under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/).
Attribute the article's contributors and this project, and share adaptations alike.
"""


def _readme(written) -> str:
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
    """Write every output and a README.md into ``out_dir``; return the paths.

    With ``check`` (the default) the data package is validated first and nothing is
    written if it has a problem, so an export never carries data ``rsii validate`` rejects.
    """
    data = Path(data) if data is not None else paths.data_dir()
    if check:
        problems, _ = validate.run(data)
        if problems:
            more = f" (and {len(problems) - 1} more: run `rsii validate`)" if problems[1:] else ""
            raise DataError(shown_path(data), None, f"not exported: {problems[0]}{more}")
    out_dir = Path(out_dir)
    contents = [(o.name, o.write(data)) for o in OUTPUTS]  # all, before writing any
    contents.append(("README.md", _readme(OUTPUTS)))
    written = []
    for name, content in contents:
        path = out_dir / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        except OSError as e:
            raise DataError(shown_path(path), None, f"cannot write: {e.strerror or e}") from None
        written.append(path)
    return written
