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

from rsii.analysis import dna, results, stated
from rsii.analysis.results import Results
from rsii.data import load, paths, validate
from rsii.data.errors import DataError
from rsii.data.read import shown_path

Writer = Callable[[Path], str | bytes]  # the data folder → the file's content


@dataclass(frozen=True)
class Output:
    name: str  # path inside the output folder, e.g. "results/camp_pairs.csv"
    write: Writer
    description: str
    shown_in: str = ""  # the chapter that shows it, for the README


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


def _matrix(kind: str, normalization: str) -> Writer:
    fn = dna.congruence if kind == "congruence" else dna.conflict

    def write(data: Path) -> str:
        matrix = fn(load.stances(data), normalization=normalization)
        return csv_text(matrix.rename_axis("actor").reset_index())

    return write


def _concepts(kind: str) -> Writer:
    fn = dna.congruence if kind == "congruence" else dna.conflict

    def write(data: Path) -> str:
        argued = dna.concept_statements(load.stances(data), load.statement_concepts(data))
        return csv_text(fn(argued).rename_axis("actor").reset_index())

    return write


def _result(table: Callable[[Results, Path], pd.DataFrame]) -> Writer:
    """A writer of one table of the book's :class:`~rsii.analysis.results.Results`."""
    return lambda data: csv_text(table(results.results(data), data))


def _ids(values) -> str:
    return " ".join(values)


def _figures(data: Path) -> str:
    figures = [vars(f) | {"shown": f.shown} for f in stated.figures(results.results(data), data)]
    return json.dumps(figures, ensure_ascii=False, indent=2) + "\n"


def _centralities(res: Results, data: Path) -> pd.DataFrame:
    table = res.centralities.rename_axis("actor").reset_index()
    return table.assign(pn=table["actor"].map(res.main.pn))


def _summary(res: Results, data: Path) -> pd.DataFrame:
    return pd.DataFrame([res.main.summary])


def _cases(res: Results, data: Path) -> pd.DataFrame:
    table = res.cases.copy()
    for column in ("enter", "leave", "regrouped"):
        table[column] = table[column].map(_ids)
    return table


def _splits(res: Results, data: Path) -> pd.DataFrame:
    splits = res.main.camps.splits
    table = pd.DataFrame({f"split_{i + 1}": s for i, s in enumerate(splits)})
    return table.rename_axis("actor").reset_index()


def _clustering(res: Results, data: Path) -> pd.DataFrame:
    best = res.main.clustering.partition
    return pd.DataFrame({"actor": list(best), "cluster": list(best.values())})


def _multiverse(res: Results, data: Path) -> pd.DataFrame:
    table = res.multiverse.table.copy()
    for column in ("misfit_ties", "unbalanced", "together", "apart"):
        table[column] = table[column].map(
            lambda items: " ".join("/".join(a for a in t if isinstance(a, str)) for t in items)
        )
    return table


def _blocs(res: Results, data: Path) -> pd.DataFrame:
    return pd.DataFrame({"actor": list(res.blocs), "bloc": list(res.blocs.values())})


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
        "results/figures.json",
        _figures,
        "every figure the network and stance chapters state in their prose: a list of "
        "records with the name the chapter uses, the chapter, the value, its meaning, the "
        "digits the prose shows and the text it prints",
        "The actor network; The stance split",
    ),
    Output(
        "results/centralities.csv",
        _result(_centralities),
        "degree, betweenness and eigenvector centrality of every actor in the actor "
        "network, and PN centrality in the main signed network (empty: not in it)",
        "The actor network (Who is central)",
    ),
    Output(
        "results/blocs.csv",
        _result(_blocs),
        "each actor's bloc, by the rule the network chapter states",
        "The actor network (Blocs)",
    ),
    *(
        Output(
            f"results/{kind}_{norm}.csv",
            _matrix(kind, norm),
            f"actor × actor {kind} of the stances, normalisation: {norm}",
            "The stance split (Congruence and conflict)",
        )
        for kind in ("congruence", "conflict")
        for norm in dna.NORMALIZATIONS
    ),
    *(
        Output(
            f"results/concept_{kind}.csv",
            _concepts(kind),
            f"actor × actor {kind} of the statements about the article's arguments "
            "(data/statement_concepts.csv), normalisation: none",
            "The stance split (The article's arguments)",
        )
        for kind in ("congruence", "conflict")
    ),
    Output(
        "results/balance.csv",
        _result(_summary),
        "the main signed network (sentiment ties and stances, each government joined to "
        "its state) in one row: actors, ties, negative ties, triangles, balanced triangles "
        "and their share, the walk-based index, the frustration index, the number of "
        "optimal two-camp splits, the clusters and misfits of the best clustering",
        "The stance split",
    ),
    Output(
        "results/variants.csv",
        _result(lambda res, data: res.variants),
        "the same measures for each variant of the signed network the chapter compares",
        "The stance split (The signed network)",
    ),
    Output(
        "results/triangles.csv",
        _result(lambda res, data: res.main.triangles),
        "every triangle of the main signed network with its three signs and whether it is balanced",
        "The stance split",
    ),
    Output(
        "results/optimal_splits.csv",
        _result(_splits),
        "every optimal two-camp split of the main signed network (one column per split, "
        "0 and 1 the two camps, numbered afresh in each connected part)",
        "The stance split (Two camps, or more)",
    ),
    Output(
        "results/camp_pairs.csv",
        _result(lambda res, data: res.main.camps.pairs),
        "every pair of actors in one connected part of the main signed network: in how "
        "many optimal splits they share a camp, and whether always (together), never "
        "(apart) or in some (varies); the actor register states the same for each actor",
        "The stance split (Two camps, or more); the actor register",
    ),
    Output(
        "results/frustrated_ties.csv",
        _result(lambda res, data: res.main.frustrated_rows()),
        "the ties the first optimal split (the one the chapter draws) leaves frustrated, "
        "with the coded rows, sentences and footnotes behind them",
        "The stance split (Two camps, or more)",
    ),
    Output(
        "results/clustering.csv",
        _result(_clustering),
        "the best clustering into any number of clusters (actor, cluster number)",
        "The stance split (Two camps, or more)",
    ),
    Output(
        "results/multiverse.csv",
        _result(_multiverse),
        "every defensible model of the signed network, one row each: the modelling choices "
        "(affiliation, states, acts, founding, inferred), the hard case whose reading it "
        "takes (case; empty for none) and whether it is the main model; the measures of "
        "balance.csv; the fewest misfits with three clusters (three_clusters) and the "
        "smallest number of clusters per connected part that reaches the fewest misfits "
        "(fewest_clusters); the ties out of place in some optimal clustering (misfit_ties) "
        "and the unbalanced triangles (unbalanced), as ids joined by /; the pairs of "
        "actors in one camp in every optimal two-camp split (together) or in none (apart); "
        "the stances of support and of opposition the model counts; and the share of sign "
        "permutations as balanced by balanced triangles (p_share)",
        "Robustness",
    ),
    Output(
        "results/null_models.csv",
        _result(lambda res, data: res.chance),
        "where each observed balance measure falls among the null models' seeded draws",
        "The stance split (Balance against chance)",
    ),
    Output(
        "results/sensitivity.csv",
        _result(_cases),
        "the main signed network under each hard case's other reading (data/cases.csv): "
        "the same measures, and the actors that enter or leave it or whose company in "
        "every optimal split changes (regrouped), as space-separated ids",
        "The stance split (Sensitivity to the coding); the actor register",
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
    lines += [
        f"- `{o.name}`: {o.description}" + (f" Shown in: {o.shown_in}." if o.shown_in else "")
        for o in written
    ]
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
