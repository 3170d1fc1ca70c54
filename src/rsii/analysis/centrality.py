"""Who is central in the coalition's network, and how blocs tie to each other.

Centralities are computed on the simple undirected projection of a graph: direction,
parallel (typed) ties, signs and weights are dropped and self-loops removed, since the
question is who is tied to whom at all (Freeman 1978/79 for degree and betweenness;
Bonacich 1972, 1987 for eigenvector centrality).

References: Freeman, L. C. (1977). A set of measures of centrality based on
betweenness. *Sociometry* 40, 35–41. Freeman, L. C. (1978/79). Centrality in social
networks: conceptual clarification. *Social Networks* 1, 215–239. Bonacich, P.
(1972). Factoring and weighting approaches to status scores and clique
identification. *J. Mathematical Sociology* 2, 113–120. Bonacich, P. (1987). Power
and centrality: a family of measures. *American J. Sociology* 92, 1170–1182.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

COLUMNS = ["degree", "degree_centrality", "betweenness", "eigenvector"]


def _sorted(nodes) -> list:
    """Nodes in a deterministic order: natural order if comparable, else by repr."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=repr)


def simple_projection(G: nx.Graph) -> nx.Graph:
    """Undirected simple graph with G's nodes and one attribute-free edge per tied pair."""
    H = nx.Graph()
    H.add_nodes_from(_sorted(G))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _largest_component(H: nx.Graph) -> list:
    """Nodes of the largest component; a tie goes to the component whose first node
    sorts first."""
    comps = [_sorted(c) for c in nx.connected_components(H)]
    order = {n: i for i, n in enumerate(_sorted(H))}
    comps.sort(key=lambda c: (-len(c), order[c[0]]))
    return comps[0] if comps else []


def _eigenvector(H: nx.Graph) -> dict:
    """Eigenvector centrality on the largest component, NaN elsewhere.

    On a disconnected graph the leading eigenvector lives on one component only (or is
    not unique), so scores of different components are not comparable; rather than
    give other components a misleading 0, they get NaN. On the (connected) largest
    component the Perron vector is unique; it is computed densely with numpy.eigh and
    scaled to unit Euclidean norm, positive — the same convention as
    networkx.eigenvector_centrality_numpy, but deterministic (no ARPACK start vector).
    A largest component without edges (no edges at all) gives NaN throughout.
    """
    out = dict.fromkeys(H, np.nan)
    comp = _largest_component(H)
    if len(comp) < 2:
        return out
    A = nx.to_numpy_array(H, nodelist=comp)
    _, vecs = np.linalg.eigh(A)
    lead = vecs[:, -1]
    lead = np.abs(lead) / np.linalg.norm(lead)
    out.update({n: float(x) for n, x in zip(comp, lead, strict=True)})
    return out


def centralities(G: nx.Graph) -> pd.DataFrame:
    """Degree, degree centrality, betweenness and eigenvector centrality per node.

    On :func:`simple_projection` of G. ``degree_centrality`` is degree / (n − 1)
    (NaN for a one-node graph); ``betweenness`` is Freeman's (1977) shortest-path
    betweenness normalised by the (n − 1)(n − 2) / 2 pairs of other nodes
    (networkx, Brandes 2001; 0 when n ≤ 2); ``eigenvector`` see :func:`_eigenvector` (largest
    component only, NaN elsewhere). Indexed by node, sorted by degree (highest first)
    and then node.
    """
    H = simple_projection(G)
    n = H.number_of_nodes()
    idx = pd.Index(_sorted(H), name="node")
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in COLUMNS}, index=idx).astype(
            {"degree": int}
        )
    degree = dict(H.degree())
    between = nx.betweenness_centrality(H, normalized=True)
    eig = _eigenvector(H)
    df = pd.DataFrame(
        {
            "degree": [degree[v] for v in idx],
            "degree_centrality": [degree[v] / (n - 1) if n > 1 else np.nan for v in idx],
            "betweenness": [float(between[v]) for v in idx],
            "eigenvector": [eig[v] for v in idx],
        },
        index=idx,
    )
    rank = np.arange(n)  # position in sorted node order, for ties in degree
    df = df.assign(_rank=rank).sort_values(["degree", "_rank"], ascending=[False, True])
    return df.drop(columns="_rank")


def block_model(
    G: nx.Graph, groups: Mapping[Hashable, str], default: str | None = None
) -> pd.DataFrame:
    """Ties within and between groups (blocs) of nodes: a block model summary.

    One row per unordered pair of groups (group_a ≤ group_b, a group with itself
    being the *within* row), including pairs with no tie:

    - ``nodes_a``, ``nodes_b``: group sizes; ``possible``: node pairs that could be
      tied (n(n − 1)/2 within, n_a·n_b between);
    - ``pairs``: tied node pairs (simple projection); ``density`` = pairs / possible
      (NaN if no pair is possible);
    - ``ties``: edges in G itself, so parallel typed ties each count;
      ``positive``/``negative``: of those, ties with ``sign`` > 0 / < 0 (unsigned
      ties count in neither).

    Direction is ignored and self-loops are skipped. Nodes of G missing from
    ``groups`` take ``default``; if it is None they raise ValueError.
    """
    missing = [v for v in _sorted(G) if v not in groups]
    if missing and default is None:
        raise ValueError(f"nodes without a group: {missing}")
    label = {v: (groups[v] if v in groups else default) for v in G}
    names = sorted(set(label.values()))
    size = {g: sum(1 for v in label if label[v] == g) for g in names}
    blank = {"pairs": 0, "ties": 0, "positive": 0, "negative": 0}
    rows = {(a, b): dict(blank) for i, a in enumerate(names) for b in names[i:]}
    seen = set()
    for u, v, s in G.edges(data="sign"):
        if u == v:
            continue
        key = tuple(sorted((label[u], label[v])))
        row = rows[key]
        row["ties"] += 1
        if s is not None and s > 0:
            row["positive"] += 1
        elif s is not None and s < 0:
            row["negative"] += 1
        pair = frozenset((u, v))
        if pair not in seen:
            seen.add(pair)
            row["pairs"] += 1
    out = []
    for (a, b), row in rows.items():
        na, nb = size[a], size[b]
        possible = na * (na - 1) // 2 if a == b else na * nb
        density = row["pairs"] / possible if possible else np.nan
        out.append(
            {"group_a": a, "group_b": b, "within": a == b, "nodes_a": na, "nodes_b": nb}
            | {"possible": possible, "pairs": row["pairs"], "density": density}
            | {k: row[k] for k in ("ties", "positive", "negative")}
        )
    cols = ["group_a", "group_b", "within", "nodes_a", "nodes_b", "possible", "pairs"]
    cols += ["density", "ties", "positive", "negative"]
    return pd.DataFrame(out, columns=cols)


def ego(G: nx.Graph, node: Hashable, radius: int = 1) -> nx.Graph:
    """The ego network of ``node``: everyone within ``radius`` steps, and their ties.

    Direction is ignored when measuring distance; the result is a copy of the
    induced subgraph with G's type, attributes and parallel ties. Raises
    nx.NodeNotFound for an unknown node and ValueError for a negative radius.
    """
    if node not in G:
        raise nx.NodeNotFound(f"{node!r} is not in the graph")
    if radius < 0:
        raise ValueError(f"radius must be >= 0, got {radius}")
    return nx.ego_graph(G, node, radius=radius, undirected=True).copy()
