"""Structural balance on graphs whose answers are known."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest

from rsii.analysis import balance


def signed(edges):
    return balance.signed_graph(edges)


def triad(s_ab, s_bc, s_ac):
    return signed([("a", "b", s_ab), ("b", "c", s_bc), ("a", "c", s_ac)])


TRIADS = {  # signs -> balanced? (Heider 1946)
    (1, 1, 1): True,
    (1, 1, -1): False,
    (1, -1, -1): True,
    (-1, -1, -1): False,
}


@pytest.mark.parametrize(("signs", "expected"), TRIADS.items())
def test_triads(signs, expected):
    G = triad(*signs)
    t = balance.triangles(G)
    assert len(t) == 1
    row = t.iloc[0]
    assert (row.u, row.v, row.w) == ("a", "b", "c")
    assert (row.sign_uv, row.sign_uw, row.sign_vw) == (signs[0], signs[2], signs[1])
    assert row["sign_product"] == math.prod(signs)
    assert bool(row.balanced) is expected
    assert balance.is_balanced(G) is expected
    tb = balance.triangle_balance(G)
    assert tb == {
        "triangles": 1,
        "balanced": int(expected),
        "unbalanced": int(not expected),
        "share": float(expected),
    }
    assert balance.frustration(G).index == (0 if expected else 1)
    k = balance.walk_balance(G)
    assert k == pytest.approx(1.0, abs=1e-12) if expected else k < 1 - 1e-3


def test_triangles_of_k4_in_order():
    G = nx.complete_graph(4)
    nx.set_edge_attributes(G, 1, "sign")
    G.edges[0, 1]["sign"] = -1
    t = balance.triangles(G)
    assert t[["u", "v", "w"]].values.tolist() == [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]]
    assert t["balanced"].tolist() == [False, False, True, True]
    assert balance.triangle_balance(G)["share"] == 0.5


def test_no_triangles_gives_nan_share():
    G = signed([(1, 2, 1), (2, 3, -1), (3, 4, 1), (4, 1, 1)])  # a 4-cycle
    tb = balance.triangle_balance(G)
    assert tb["triangles"] == 0 and tb["balanced"] == 0 and math.isnan(tb["share"])
    assert balance.triangles(G).empty


def test_empty_graph():
    G = nx.Graph()
    assert balance.triangles(G).empty
    assert math.isnan(balance.triangle_balance(G)["share"])
    assert math.isnan(balance.walk_balance(G))
    assert balance.frustration(G) == balance.Frustration(0, {}, [])
    assert balance.frustration_bruteforce(G) == balance.Frustration(0, {}, [])
    assert balance.is_balanced(G)


def test_edgeless_graph():
    G = nx.empty_graph(3)
    assert balance.walk_balance(G) == 1.0
    assert balance.frustration(G) == balance.Frustration(0, {0: 0, 1: 0, 2: 0}, [])


def test_walk_balance_unbalanced_triangle_closed_form():
    # A triangle with one negative edge is switching-equivalent (flip the node between
    # the two positive edges) to the all-negative triangle -(J - I), whose eigenvalues
    # are -2, 1, 1; |A| = J - I has 2, -1, -1. So tr e^{βA} = e^{-2β} + 2e^{β} and
    # tr e^{β|A|} = e^{2β} + 2e^{-β}.
    G = triad(1, 1, -1)
    A = np.array([[0, 1, -1], [1, 0, 1], [-1, 1, 0]], dtype=float)
    assert np.allclose(np.linalg.eigvalsh(A), [-2, 1, 1])
    assert np.allclose(np.linalg.eigvalsh(np.abs(A)), [-1, -1, 2])
    for beta in (0.5, 1.0, 2.0):
        expected = (math.exp(-2 * beta) + 2 * math.exp(beta)) / (
            math.exp(2 * beta) + 2 * math.exp(-beta)
        )
        assert balance.walk_balance(G, beta=beta) == pytest.approx(expected, rel=1e-12)
    assert balance.walk_balance(G) == pytest.approx(0.6857877936909434, rel=1e-12)
    # and for -(J - I), the same spectrum
    assert balance.walk_balance(triad(-1, -1, -1)) == pytest.approx(
        balance.walk_balance(G), rel=1e-12
    )


def planted(n_a=5, n_b=5, flips=()):
    """Complete graph on two camps: + inside, - between; then flip the given pairs."""
    G = nx.complete_graph(n_a + n_b)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = 1 if (u < n_a) == (v < n_a) else -1
    for u, v in flips:
        G.edges[u, v]["sign"] *= -1
    return G


def test_walk_balance_is_one_for_balanced_graphs():
    assert balance.walk_balance(planted(4, 3)) == pytest.approx(1.0, abs=1e-12)
    assert balance.walk_balance(planted(4, 3), beta=0.3) == pytest.approx(1.0, abs=1e-12)
    tree = nx.random_labeled_tree(12, seed=3)
    rng = random.Random(3)
    for u, v in tree.edges:
        tree.edges[u, v]["sign"] = rng.choice((1, -1))
    assert balance.walk_balance(tree) == pytest.approx(1.0, abs=1e-12)  # no cycles
    assert balance.walk_balance(planted(4, 3, flips=[(0, 1)])) < 1


def test_walk_balance_rejects_bad_beta():
    with pytest.raises(ValueError, match="beta"):
        balance.walk_balance(triad(1, 1, 1), beta=0)


def test_four_cycle_with_one_negative_edge():
    G = signed([(1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 1, -1)])
    for fn in (balance.frustration, balance.frustration_bruteforce):
        assert fn(G).index == 1


def test_k4_all_negative():
    G = nx.complete_graph(4)
    nx.set_edge_attributes(G, -1, "sign")
    for fn in (balance.frustration, balance.frustration_bruteforce):
        res = fn(G)
        assert res.index == 2
        assert sorted(res.partition.values()) == [0, 0, 1, 1]  # the best cut is 2 + 2


def test_planted_frustration_is_recovered():
    flips = [(0, 1), (2, 7)]  # a negative tie inside camp A, a positive one across
    G = planted(flips=flips)
    camps = {v: int(v >= 5) for v in G}
    for fn in (balance.frustration, balance.frustration_bruteforce):
        res = fn(G)
        assert res.index == 2
        assert res.partition == camps
        assert res.frustrated == [(0, 1, -1), (2, 7, 1)]


def test_partition_is_canonical_per_component():
    # two unbalanced triangles; node "c" would be camp 1 in some optimal solutions
    G = signed([("c", "d", -1), ("d", "e", -1), ("c", "e", -1)])
    G.add_edges_from([("x", "y", {"sign": -1}), ("y", "z", {"sign": 1}), ("x", "z", {"sign": 1})])
    res = balance.frustration(G)
    assert res.index == 2
    assert res.partition["c"] == 0 and res.partition["x"] == 0
    assert list(res.partition) == ["c", "d", "e", "x", "y", "z"]


def check_certificate(G, res):
    """The frustrated edges are exactly the partition's violations, and removing them
    leaves a balanced graph."""
    assert res.index == len(res.frustrated)
    for u, v, s in res.frustrated:
        assert G.edges[u, v]["sign"] == s
        assert (res.partition[u] != res.partition[v]) == (s > 0)
    H = G.copy()
    H.remove_edges_from((u, v) for u, v, _ in res.frustrated)
    assert balance.is_balanced(H)


def random_signed(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 11)
    G = nx.gnp_random_graph(n, rng.uniform(0.2, 0.9), seed=seed)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = rng.choice((1, -1))
    return G


@pytest.mark.parametrize("seed", range(40))
def test_milp_equals_bruteforce_on_random_graphs(seed):
    G = random_signed(seed)
    exact, brute = balance.frustration(G), balance.frustration_bruteforce(G)
    assert exact.index == brute.index
    check_certificate(G, exact)
    check_certificate(G, brute)
    assert exact.index == 0 if balance.is_balanced(G) else exact.index > 0


def test_milp_equals_bruteforce_on_a_larger_graph():
    rng = random.Random(11)
    G = nx.gnp_random_graph(16, 0.5, seed=11)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = rng.choice((1, -1))
    assert balance.frustration(G).index == balance.frustration_bruteforce(G).index


def test_time_limit_still_optimal_on_small_graphs():
    G = planted(flips=[(0, 1), (2, 7)])
    res = balance.frustration(G, time_limit=30)
    assert res.optimal and res.index == 2


def test_bruteforce_refuses_large_graphs():
    with pytest.raises(ValueError, match="20"):
        balance.frustration_bruteforce(nx.empty_graph(21))


def test_signed_graph_ambivalence_rules():
    edges = [("a", "b", 1), ("b", "a", 1), ("a", "b", -1), ("b", "c", 1), ("c", "b", -1)]
    G = balance.signed_graph(edges)  # majority
    assert G.edges["a", "b"] == {"sign": 1, "positive": 2, "negative": 1}
    assert not G.has_edge("b", "c") and G.graph["ambivalent"] == [("b", "c")]
    assert sorted(G.nodes) == ["a", "b", "c"]
    G = balance.signed_graph(edges, ambivalence="negative")
    assert G.edges["a", "b"]["sign"] == G.edges["b", "c"]["sign"] == -1
    assert G.graph["ambivalent"] == []
    G = balance.signed_graph(edges, ambivalence="exclude")
    assert G.number_of_edges() == 0 and G.graph["ambivalent"] == [("a", "b"), ("b", "c")]
    with pytest.raises(ValueError, match="positive and"):
        balance.signed_graph(edges, ambivalence="raise")
    with pytest.raises(ValueError, match="ambivalence"):
        balance.signed_graph(edges, ambivalence="vote")


def test_signed_graph_rejects_bad_input():
    with pytest.raises(ValueError, match="sign"):
        balance.signed_graph([("a", "b", 0)])
    with pytest.raises(ValueError, match="self-loop"):
        balance.signed_graph([("a", "a", 1)])


def test_functions_reject_unsigned_or_multi_graphs():
    with pytest.raises(ValueError, match="sign"):
        balance.triangles(nx.complete_graph(3))
    with pytest.raises(ValueError, match="simple undirected"):
        balance.frustration(nx.MultiGraph([(1, 2, {"sign": 1})]))


def test_mixed_node_types_are_ordered_deterministically():
    G = signed([(1, "a", -1), ("a", (2, 3), -1), ((2, 3), 1, -1)])
    res = balance.frustration(G)
    assert res.index == 1
    assert list(res.partition) == sorted(res.partition, key=repr)
    assert res == balance.frustration(G)


def test_optimal_partitions_enumerates_every_best_split():
    K4 = balance.signed_graph([(u, v, -1) for u, v in itertools.combinations("abcd", 2)])
    splits = balance.optimal_partitions(K4)
    # the three 2–2 splits, each leaving two negative edges inside camps
    assert len(splits) == 3
    assert all(sorted(p.values()) == [0, 0, 1, 1] for p in splits)
    assert all(p["a"] == 0 for p in splits)
    triangle = balance.signed_graph([("a", "b", -1), ("a", "c", -1), ("b", "c", -1)])
    assert len(balance.optimal_partitions(triangle)) == 3


def test_optimal_partitions_of_a_balanced_graph_is_its_one_split():
    G = balance.signed_graph([("a", "b", 1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 1)])
    assert balance.optimal_partitions(G) == [{"a": 0, "b": 0, "c": 1, "d": 1}]
