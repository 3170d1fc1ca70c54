"""Which claims rest on which footnotes, and what is left without one."""

from __future__ import annotations

import networkx as nx
import pandas as pd


def _numbers(cell) -> list[int]:
    return [int(n) for n in str(cell or "").split()]


def footnote_table(sentences: pd.DataFrame, coded: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per footnote: the sentences it is cited after and how many coded rows of
    each table list it."""
    rows = []
    numbers = sorted({n for cell in sentences["footnotes"] for n in _numbers(cell)})
    for n in numbers:
        cited = [
            s
            for s, cell in zip(sentences["id"], sentences["footnotes"], strict=True)
            if n in _numbers(cell)
        ]
        row = {"footnote": n, "sentences": " ".join(cited), "times_cited": len(cited)}
        for name, df in coded.items():
            row[name] = int(sum(n in _numbers(c) for c in df["footnotes"]))
        rows.append(row)
    return pd.DataFrame(rows)


def unsourced_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences that carry no footnote marker."""
    mask = sentences["footnotes"].fillna("").astype(str).str.strip() == ""
    return sentences.loc[mask, ["id", "section_en", "text_en"]].reset_index(drop=True)


def unsourced_rows(coded: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Coded rows (relations, stances, events) without any footnote, per table."""
    out = []
    for name, df in coded.items():
        empty = df["footnotes"].fillna("").astype(str).str.strip() == ""
        out.append(
            {
                "table": name,
                "rows": len(df),
                "without_footnote": int(empty.sum()),
                "share": float(empty.mean()) if len(df) else float("nan"),
            }
        )
    return pd.DataFrame(out)


def cited_twice(sentences: pd.DataFrame) -> pd.DataFrame:
    """Footnotes the article cites after more than one sentence."""
    table = footnote_table(sentences, {})
    return table[table["times_cited"] > 1].reset_index(drop=True)


def drop_unsourced(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network with only ties backed by at least one footnote; actors left with no
    tie drop out too."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for u, v, k, data in G.edges(keys=True, data=True):
        if _numbers(data.get("footnotes")):
            for n in (u, v):
                if n not in H:
                    H.add_node(n, **G.nodes[n])
            H.add_edge(u, v, key=k, **data)
    return H


def loss(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> pd.DataFrame:
    """What dropping unsourced ties costs: actors, ties, components, before and after."""

    def measures(X):
        U = nx.Graph(X.to_undirected()) if X.number_of_nodes() else nx.Graph()
        return {
            "actors": X.number_of_nodes(),
            "ties": X.number_of_edges(),
            "components": nx.number_connected_components(U) if len(U) else 0,
            "largest_component": max((len(c) for c in nx.connected_components(U)), default=0),
        }

    before, after = measures(G), measures(H)
    return pd.DataFrame({"all ties": before, "footnoted ties only": after}).rename_axis("measure")
