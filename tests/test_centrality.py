"""Centralities, blocs and ego networks on graphs computed by hand."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from rsii.analysis import centrality


def test_star():
    # centre 0 and four leaves. Eigenvector: λ = 2, centre x = 2y, x² + 4y² = 1.
    c = centrality.centralities(nx.star_graph(4))
    assert list(c.columns) == centrality.COLUMNS
    assert list(c.index) == [0, 1, 2, 3, 4]
    assert c["degree"].tolist() == [4, 1, 1, 1, 1]
    assert c["degree_centrality"].tolist() == [1.0, 0.25, 0.25, 0.25, 0.25]
    assert c["betweenness"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert c["eigenvector"].to_numpy() == pytest.approx([1 / math.sqrt(2)] + [1 / math.sqrt(8)] * 4)


def test_path():
    # a-b-c-d. Betweenness of b: pairs (a,c), (a,d) -> 2 of 3 pairs of other nodes.
    # Eigenvector of P4: λ = 2cos(π/5), x_k ∝ sin(kπ/5), Σ sin² = 5/2.
    c = centrality.centralities(nx.path_graph(["a", "b", "c", "d"]))
    assert list(c.index) == ["b", "c", "a", "d"]  # degree first, then name
    assert c["degree"].tolist() == [2, 2, 1, 1]
    assert c["degree_centrality"].to_numpy() == pytest.approx([2 / 3, 2 / 3, 1 / 3, 1 / 3])
    assert c["betweenness"].to_numpy() == pytest.approx([2 / 3, 2 / 3, 0, 0])
    s1, s2 = math.sin(math.pi / 5), math.sin(2 * math.pi / 5)
    norm = math.sqrt(5 / 2)
    assert c["eigenvector"].to_numpy() == pytest.approx(
        [s2 / norm, s2 / norm, s1 / norm, s1 / norm]
    )


def multigraph():
    """A paw (triangle 1-2-3 with pendant 4 on 3), with a doubled tie, a self-loop and
    a separate edge 5-6."""
    G = nx.MultiGraph()
    G.add_edges_from([(1, 2), (1, 2), (2, 3), (1, 3), (3, 4), (4, 4), (5, 6)])
    return G


def test_small_known_graph_projection_and_values():
    c = centrality.centralities(multigraph())
    assert list(c.index) == [3, 1, 2, 4, 5, 6]
    assert c["degree"].tolist() == [3, 2, 2, 1, 1, 1]  # doubled tie and self-loop dropped
    assert c["degree_centrality"].to_numpy() == pytest.approx(
        [3 / 5, 2 / 5, 2 / 5, 1 / 5] + [0.2] * 2
    )
    # only 3 is between: on the paths 1-4 and 2-4, of (6-1)(6-2)/2 = 10 pairs
    assert c["betweenness"].to_numpy() == pytest.approx([0.2, 0, 0, 0, 0, 0])
    # Paw eigenvector, x1 = x2 = a, x3 = b, x4 = c: λa = a + b, λb = 2a + c, λc = b,
    # so λ³ − λ² − 3λ + 1 = 0 and (a, b, c) ∝ (1/(λ − 1), 1, 1/λ).
    lam = max(np.roots([1, -1, -3, 1]).real)
    v = np.array([1, 1 / (lam - 1), 1 / (lam - 1), 1 / lam])  # order 3, 1, 2, 4
    v /= np.linalg.norm(v)
    assert c["eigenvector"].iloc[:4].to_numpy() == pytest.approx(v, rel=1e-10)
    # outside the largest component: not defined, so NaN rather than 0
    assert c["eigenvector"].iloc[4:].isna().all()
    # the same as networkx on that component
    simple = centrality.simple_projection(multigraph())
    assert sorted(simple.edges) == [(1, 2), (1, 3), (2, 3), (3, 4), (5, 6)]
    ref = nx.eigenvector_centrality_numpy(simple.subgraph([1, 2, 3, 4]))
    for node, value in ref.items():
        assert c.loc[node, "eigenvector"] == pytest.approx(value, rel=1e-6)


def test_directed_input_and_edge_cases():
    c = centrality.centralities(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    assert c["degree"].to_dict() == {"b": 2, "a": 1, "c": 1}
    empty = centrality.centralities(nx.Graph())
    assert empty.empty and list(empty.columns) == centrality.COLUMNS
    one = centrality.centralities(nx.empty_graph(1))
    assert one["degree"].tolist() == [0] and one["betweenness"].tolist() == [0.0]
    assert one[["degree_centrality", "eigenvector"]].isna().all().all()
    # equal largest components: the one with the first node wins
    two = centrality.centralities(nx.Graph([("x", "y"), ("a", "b")]))
    assert two.loc[["a", "b"], "eigenvector"].notna().all()
    assert two.loc[["x", "y"], "eigenvector"].isna().all()


def test_block_model():
    G = nx.MultiGraph()
    G.add_edge("r", "s", sign=1)
    G.add_edge("r", "s", sign=1)  # a second, typed, tie between the same pair
    G.add_edge("s", "t", sign=1)
    G.add_edge("r", "u", sign=-1)
    G.add_edge("s", "u", sign=-1)
    G.add_edge("t", "v")  # unsigned
    groups = {"r": "axis", "s": "axis", "t": "axis", "u": "west", "v": "west"}
    b = centrality.block_model(G, groups)
    assert b[["group_a", "group_b"]].values.tolist() == [
        ["axis", "axis"],
        ["axis", "west"],
        ["west", "west"],
    ]
    assert b["within"].tolist() == [True, False, True]
    assert b["possible"].tolist() == [3, 6, 1]
    assert b["pairs"].tolist() == [2, 3, 0]
    assert b["density"].to_numpy() == pytest.approx([2 / 3, 1 / 2, 0])
    assert b["ties"].tolist() == [3, 3, 0]
    assert b["positive"].tolist() == [3, 0, 0]
    assert b["negative"].tolist() == [0, 2, 0]


def test_block_model_missing_groups():
    G = nx.path_graph(["a", "b", "c"])
    with pytest.raises(ValueError, match="'c'"):
        centrality.block_model(G, {"a": "g", "b": "g"})
    b = centrality.block_model(G, {"a": "g", "b": "g"}, default="other")
    assert b.set_index(["group_a", "group_b"])["pairs"].to_dict() == {
        ("g", "g"): 1,
        ("g", "other"): 1,
        ("other", "other"): 0,
    }
    assert math.isnan(b["density"].iloc[-1])  # one node: no possible pair
    assert isinstance(b, pd.DataFrame)


def test_ego():
    G = nx.path_graph(["a", "b", "c", "d", "e"])
    assert sorted(centrality.ego(G, "b")) == ["a", "b", "c"]
    assert sorted(centrality.ego(G, "b", radius=2)) == ["a", "b", "c", "d"]
    assert sorted(centrality.ego(G, "b", radius=0)) == ["b"]
    D = nx.DiGraph([("a", "b"), ("c", "a")])
    assert sorted(centrality.ego(D, "a")) == ["a", "b", "c"]  # direction ignored
    M = multigraph()
    e = centrality.ego(M, 4)
    assert e.is_multigraph() and sorted(e) == [3, 4] and e.number_of_edges() == 2
    e.add_edge(3, 99)
    assert 99 not in M  # a copy
    with pytest.raises(nx.NodeNotFound):
        centrality.ego(G, "z")
    with pytest.raises(ValueError, match="radius"):
        centrality.ego(G, "a", radius=-1)
