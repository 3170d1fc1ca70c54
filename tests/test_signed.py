"""Clusterability, optimal clusterings, null models and PN centrality, checked against
answers known by hand and against brute force over every set partition."""

from __future__ import annotations

import math
import random
import time

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from rsii.analysis import balance, nulls, signed


def graph(edges, nodes=()):
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from((u, v, {"sign": s}) for u, v, s in edges)
    return G


def triangle(s_ab, s_bc, s_ac):
    return graph([("a", "b", s_ab), ("b", "c", s_bc), ("a", "c", s_ac)])


def random_signed(seed, n_max=7, n_min=1):
    rng = random.Random(seed)
    n = rng.randint(n_min, n_max)
    G = nx.gnp_random_graph(n, rng.uniform(0.2, 0.9), seed=seed)
    q = rng.uniform(0.1, 0.7)  # share of negative edges
    for u, v in G.edges:
        G.edges[u, v]["sign"] = -1 if rng.random() < q else 1
    return G


def random_gnm(n, m, negative, seed):
    G = nx.gnm_random_graph(n, m, seed=seed)
    edges = sorted(G.edges)
    neg = set(random.Random(seed).sample(edges, negative))
    for e in edges:
        G.edges[e]["sign"] = -1 if e in neg else 1
    return G


# --- brute force -------------------------------------------------------------------


def set_partitions(items):
    """Every partition of the list ``items`` into blocks (Bell(n) of them)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in set_partitions(rest):
        yield [[first], *p]
        for i in range(len(p)):
            yield [*p[:i], [first, *p[i]], *p[i + 1 :]]


def count_misfits(G, label):
    return sum((label[u] == label[v]) == (s < 0) for u, v, s in G.edges(data="sign"))


def numbered(nodes, label):
    """Cluster numbers 0, 1, … by first node in ``nodes``: a tuple in that order."""
    ids = {}
    return tuple(ids.setdefault(label[v], len(ids)) for v in nodes)


def per_component(G, label):
    out = {}
    for comp in nx.connected_components(G):
        comp = sorted(comp)
        out.update(zip(comp, numbered(comp, label), strict=True))
    return tuple(out[v] for v in sorted(G))


def brute(G, k=None):
    """Least misfits over all partitions (into at most k blocks), and the optimal ones
    in the module's canonical forms."""
    nodes = sorted(G)
    scored = []
    for blocks in set_partitions(nodes):
        if k is not None and len(blocks) > k:
            continue
        label = {v: i for i, b in enumerate(blocks) for v in b}
        scored.append((count_misfits(G, label), blocks, label))
    best = min(s for s, _, _ in scored)
    optima = [(b, lab) for s, b, lab in scored if s == best]
    if k is None:
        connected = [lab for b, lab in optima if all(nx.is_connected(G.subgraph(x)) for x in b)]
        return best, {numbered(nodes, lab) for lab in connected}
    return best, {per_component(G, lab) for _, lab in optima}


def as_tuple(G, partition):
    assert list(partition) == sorted(G), "partition keyed by node in sort order"
    return tuple(partition.values())


def check_result(G, res):
    """The misfitting edges are exactly the partition's misfits."""
    expected = sorted(
        tuple(sorted((u, v))) + (s,)
        for u, v, s in G.edges(data="sign")
        if (res.partition[u] == res.partition[v]) == (s < 0)
    )
    assert res.misfitting == expected
    assert res.misfits == len(expected) == count_misfits(G, res.partition)


# --- hand-made graphs --------------------------------------------------------------


def test_triangle_with_one_negative_edge_is_not_clusterable():
    G = triangle(1, 1, -1)
    assert not signed.is_clusterable(G) and not balance.is_balanced(G)
    res = signed.clustering(G)
    assert res.misfits == 1 and res.optimal
    check_result(G, res)
    # all together (the − edge inside), or cut one + edge: a | bc, ab | c
    assert signed.optimal_clusterings(G) == [
        {"a": 0, "b": 0, "c": 0},
        {"a": 0, "b": 0, "c": 1},
        {"a": 0, "b": 1, "c": 1},
    ]
    assert signed.stable_members(signed.optimal_clusterings(G)) == [{"a"}, {"b"}, {"c"}]


def test_triangle_with_two_negative_edges_is_balanced():
    G = triangle(1, -1, -1)  # a + b, c against both
    assert balance.is_balanced(G) and signed.is_clusterable(G)
    res = signed.clustering(G)
    assert res == signed.Clustering(0, {"a": 0, "b": 0, "c": 1}, [], True)
    assert signed.clustering(G, k=2) == res
    assert signed.optimal_clusterings(G) == [res.partition]


def test_three_mutual_enemies_cluster_into_three_but_not_two():
    G = triangle(-1, -1, -1)
    assert signed.is_clusterable(G) and not balance.is_balanced(G)
    assert signed.clustering(G) == signed.Clustering(0, {"a": 0, "b": 1, "c": 2}, [], True)
    assert signed.clustering(G, k=3).misfits == 0
    two = signed.clustering(G, k=2)
    assert two.misfits == 1 == balance.frustration(G).index
    check_result(G, two)
    assert len(signed.optimal_clusterings(G, k=2)) == 3
    assert signed.optimal_clusterings(G, k=1) == [{"a": 0, "b": 0, "c": 0}]
    assert signed.clustering(G, k=1).misfits == 3


def test_four_cycle_with_one_negative_edge():
    G = graph([(1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 1, -1)])
    assert not signed.is_clusterable(G)
    assert signed.clustering(G).misfits == 1
    assert len(signed.optimal_clusterings(G)) == 4  # the − edge inside, or one + edge cut


def test_three_camps_of_friends_hostile_to_each_other():
    G = nx.complete_graph(9)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = 1 if u // 3 == v // 3 else -1
    assert signed.is_clusterable(G) and not balance.is_balanced(G)
    res = signed.clustering(G)
    assert res.misfits == 0 and res.partition == {v: v // 3 for v in range(9)}
    assert signed.optimal_clusterings(G) == [res.partition]
    assert signed.clustering(G, k=2).misfits == balance.frustration(G).index == 9
    G.edges[0, 3]["sign"] = 1  # one friendship across camps
    res = signed.clustering(G)
    assert res.misfits == 1 and res.misfitting == [(0, 3, 1)]


def test_isolated_nodes_and_numbering():
    G = graph([("b", "c", 1), ("c", "d", -1)], nodes=["a", "e"])
    res = signed.clustering(G)
    assert res.partition == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}  # singletons, in order
    assert signed.clustering(G, k=2).partition == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 0}
    assert signed.optimal_clusterings(G, k=2) == [{"a": 0, "b": 0, "c": 0, "d": 1, "e": 0}]


def test_empty_and_edgeless_graphs():
    assert signed.clustering(nx.Graph()) == signed.Clustering(0, {}, [], True)
    assert signed.optimal_clusterings(nx.Graph()) == [{}]
    E = nx.empty_graph(3)
    assert signed.clustering(E).partition == {0: 0, 1: 1, 2: 2}
    assert signed.clustering(E, k=2).partition == {0: 0, 1: 0, 2: 0}
    assert signed.optimal_clusterings(E) == [{0: 0, 1: 1, 2: 2}]
    assert signed.is_clusterable(E) and balance.frustration(E).index == 0
    assert signed.stable_members([]) == []


def test_stable_members():
    # a + b always together; the triangle c, d, e with one − edge has three optima
    G = graph([("a", "b", 1), ("c", "d", 1), ("d", "e", 1), ("c", "e", -1)])
    parts = signed.optimal_clusterings(G)
    assert len(parts) == 3
    assert signed.stable_members(parts) == [{"a", "b"}, {"c"}, {"d"}, {"e"}]
    # numbered per component (k given), a and c share cluster 0 only by convention
    parts = signed.optimal_clusterings(G, k=2)
    assert all(p["a"] == p["c"] == 0 for p in parts)
    assert signed.stable_members(parts, G) == [{"a", "b"}, {"c"}, {"d"}, {"e"}]
    with pytest.raises(ValueError, match="same nodes"):
        signed.stable_members([{"a": 0}, {"b": 0}])


def test_bad_input():
    with pytest.raises(ValueError, match="positive number"):
        signed.clustering(triangle(1, 1, 1), k=0)
    with pytest.raises(ValueError, match="sign"):
        signed.clustering(nx.complete_graph(3))
    with pytest.raises(ValueError, match="unknown measures"):
        signed.balance_measures(triangle(1, 1, 1), ["harmony"])


def test_mixed_node_types_are_ordered_deterministically():
    G = graph([(1, "a", -1), ("a", (2, 3), 1), ((2, 3), 1, 1)])
    res = signed.clustering(G)
    assert res.misfits == 1
    assert list(res.partition) == sorted(G, key=repr)
    assert res == signed.clustering(G)


# --- against brute force -----------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_clustering_equals_brute_force(seed):
    G = random_signed(seed)
    for k in (None, 2, 3):
        best, optima = brute(G, k)
        res = signed.clustering(G, k)
        assert res.misfits == best and res.optimal, k
        check_result(G, res)
        assert as_tuple(G, res.partition) in optima
        found = [as_tuple(G, p) for p in signed.optimal_clusterings(G, k)]
        assert len(found) == len(set(found)) and set(found) == optima, k
        assert found == sorted(found)


@pytest.mark.parametrize("seed", range(100, 112))
def test_clustering_equals_brute_force_on_string_nodes(seed):
    G = nx.relabel_nodes(random_signed(seed), {i: "abcdefg"[i] for i in range(7)})
    best, optima = brute(G)
    assert signed.clustering(G).misfits == best
    assert {as_tuple(G, p) for p in signed.optimal_clusterings(G)} == optima


@pytest.mark.parametrize("seed", range(30))
def test_two_clusters_are_balance_two_camps(seed):
    G = random_signed(seed, n_max=14, n_min=2)
    exact = balance.frustration(G).index
    assert signed.clustering(G, k=2).misfits == exact == balance.frustration(G).index
    assert signed.clustering(G).misfits <= exact
    if G.number_of_nodes() <= 9:
        ours = signed.optimal_clusterings(G, k=2)
        theirs = balance.optimal_partitions(G)
        assert sorted(map(tuple, (p.values() for p in ours))) == sorted(
            map(tuple, (p.values() for p in theirs))
        )


@pytest.mark.parametrize("seed", range(60))
def test_is_clusterable_agrees_with_zero_misfits(seed):
    G = random_signed(seed, n_max=16)
    clusterable = signed.is_clusterable(G)
    assert clusterable == (signed.clustering(G).misfits == 0)
    if balance.is_balanced(G):
        assert clusterable


def test_more_clusters_allowed_never_hurt():
    for seed in range(10):
        G = random_signed(seed, n_max=10)
        free = signed.clustering(G).misfits
        by_k = [signed.clustering(G, k).misfits for k in (1, 2, 3, 4, 10)]
        assert by_k == sorted(by_k, reverse=True) and by_k[-1] == free


@pytest.mark.parametrize("seed", range(12))
def test_frustration_index_equals_balance_on_larger_graphs(seed):
    rng = random.Random(seed)
    n = rng.randint(15, 35)
    G = random_gnm(n, rng.randint(n, 2 * n), rng.randint(1, n // 2), seed)
    m = signed.balance_measures(G)
    assert m["frustration"] == balance.frustration(G).index
    assert m["misfits"] == signed.clustering(G).misfits <= m["frustration"]
    assert m["walk_index"] == pytest.approx(balance.walk_balance(G), abs=1e-10)
    assert m["balanced_share"] == balance.triangle_balance(G)["share"] or (
        math.isnan(m["balanced_share"])
    )


def test_limit_and_time_limit():
    G = triangle(-1, -1, -1)
    assert len(signed.optimal_clusterings(G, k=2, limit=2)) == 2
    G = random_gnm(30, 55, 10, 4)
    res = signed.clustering(G, time_limit=30)
    assert res.optimal and res.misfits == signed.clustering(G).misfits


def test_clustering_is_fast_on_45_nodes_and_80_edges():
    G = random_gnm(45, 80, 20, 7)
    start = time.perf_counter()
    res = signed.clustering(G)
    assert time.perf_counter() - start < 1.0
    check_result(G, res)
    assert res.misfits <= balance.frustration(G).index


# --- null models -------------------------------------------------------------------


def signs_of(H):
    return sorted((min(u, v), max(u, v), s) for u, v, s in H.edges(data="sign"))


@pytest.fixture(scope="module")
def sample():
    return random_gnm(35, 60, 9, 1)


def test_sign_permutations_keep_ties_and_counts(sample):
    draws = list(nulls.permuted_graphs(sample, draws=20, seed=5))
    ties = sorted(tuple(sorted(e)) for e in sample.edges)
    for H in draws:
        assert sorted(H) == sorted(sample)
        assert sorted(tuple(sorted(e)) for e in H.edges) == ties
        assert sum(s < 0 for *_, s in H.edges(data="sign")) == 9
    assert len({tuple(signs_of(H)) for H in draws}) == 20
    again = list(nulls.permuted_graphs(sample, draws=20, seed=5))
    assert [signs_of(H) for H in draws] == [signs_of(H) for H in again]
    other = list(nulls.permuted_graphs(sample, draws=20, seed=6))
    assert [signs_of(H) for H in draws] != [signs_of(H) for H in other]


def signed_degrees(H):
    return {
        v: (
            sum(s > 0 for _, _, s in H.edges(v, data="sign")),
            sum(s < 0 for _, _, s in H.edges(v, data="sign")),
        )
        for v in H
    }


def test_rewirings_keep_positive_and_negative_degrees(sample):
    degrees = signed_degrees(sample)
    draws = list(nulls.rewired_graphs(sample, draws=20, seed=5))
    for H in draws:
        assert sorted(H) == sorted(sample) and not H.is_multigraph()
        assert nx.number_of_selfloops(H) == 0
        assert H.number_of_edges() == sample.number_of_edges()
        assert signed_degrees(H) == degrees
        balance._check(H)
        assert signs_of(H) != signs_of(sample)
    negatives = {tuple(e[:2]) for e in signs_of(sample) if e[2] < 0}
    moved = [{tuple(e[:2]) for e in signs_of(H) if e[2] < 0} != negatives for H in draws]
    assert sum(moved) >= 15  # the negative ties are rewired too
    again = list(nulls.rewired_graphs(sample, draws=20, seed=5))
    assert [signs_of(H) for H in draws] == [signs_of(H) for H in again]
    other = list(nulls.rewired_graphs(sample, draws=20, seed=6))
    assert [signs_of(H) for H in draws] != [signs_of(H) for H in other]


def test_rewiring_a_graph_that_cannot_change():
    star = graph([(0, i, 1) for i in range(1, 5)] + [(1, 2, -1)])  # every swap is refused
    for H in nulls.rewired_graphs(star, draws=3, seed=0):
        assert signs_of(H) == signs_of(star)


def test_null_model_tables(sample):
    df = nulls.sign_permutations(sample, draws=15, seed=2)
    assert list(df.columns) == ["draw", *signed.MEASURES] and len(df) == 15
    assert df["draw"].tolist() == list(range(15))
    pd.testing.assert_frame_equal(df, nulls.sign_permutations(sample, draws=15, seed=2))
    assert not df.equals(nulls.sign_permutations(sample, draws=15, seed=3))
    for H, row in zip(nulls.permuted_graphs(sample, 15, 2), df.itertuples(), strict=True):
        assert row.frustration == balance.frustration(H).index
        assert row.misfits == signed.clustering(H).misfits
        assert row.walk_index == pytest.approx(balance.walk_balance(H), abs=1e-10)
    cheap = nulls.degree_preserving_rewirings(
        sample, draws=10, seed=2, measures=["balanced_share", "walk_index"]
    )
    assert list(cheap.columns) == ["draw", "balanced_share", "walk_index"]
    full = nulls.degree_preserving_rewirings(sample, draws=10, seed=2)
    pd.testing.assert_frame_equal(cheap, full[cheap.columns])
    assert (full["misfits"] <= full["frustration"]).all()


def test_balanced_share_is_nan_without_triangles():
    square = graph([(1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 1, -1)])
    df = nulls.sign_permutations(square, draws=3, seed=0)
    assert df["balanced_share"].isna().all()
    assert (df["frustration"] == 1).all() and (df["misfits"] == 1).all()


# --- place -------------------------------------------------------------------------


def test_place_on_a_hand_made_series():
    null = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, np.nan])
    low = nulls.place(2, null, lower_is_balanced=True)
    assert low["draws"] == 5 and low["as_balanced"] == 2  # 1 and 2 are <= 2
    assert low["p_value"] == pytest.approx(3 / 6)
    assert low["percentile"] == pytest.approx(30.0)  # 1 below, 1 tie counted half: 1.5/5
    assert low["mean"] == 3.0
    assert low["low"] == pytest.approx(1.2) and low["high"] == pytest.approx(4.8)
    high = nulls.place(2, null, lower_is_balanced=False)
    assert high["as_balanced"] == 4 and high["p_value"] == pytest.approx(5 / 6)
    top = nulls.place(9, null, lower_is_balanced=False)
    assert top["as_balanced"] == 0 and top["p_value"] == pytest.approx(1 / 6)
    assert top["percentile"] == 100.0
    assert math.isnan(nulls.place(1, pd.Series([np.nan]), True)["p_value"])
    assert math.isnan(nulls.place(np.nan, null, True)["p_value"])


def test_place_counts_float_ties(sample):
    observed = signed.balance_measures(sample)["walk_index"]
    null = pd.Series([observed * (1 + 1e-13), observed * (1 - 1e-13), observed - 0.1])
    assert nulls.place(observed, null, lower_is_balanced=False)["as_balanced"] == 2
    assert signed.LOWER_IS_BALANCED["frustration"] and not signed.LOWER_IS_BALANCED["walk_index"]


# --- PN centrality -----------------------------------------------------------------


def test_pn_centrality_of_a_signed_path_by_hand():
    # a + b − c; n = 3, so A = P − 2N is scaled by 1/4 and
    # x_a − x_b/4 = 1, −x_a/4 + x_b + x_c/2 = 1, x_b/2 + x_c = 1: x = (14, 12, 5)/11
    G = graph([("a", "b", 1), ("b", "c", -1)])
    pn = signed.pn_centrality(G)
    assert pn.index.tolist() == ["a", "b", "c"]
    assert pn.to_numpy() == pytest.approx(np.array([14, 12, 5]) / 11, rel=1e-12)


def test_pn_centrality_matches_the_formula_on_four_nodes():
    G = graph([(1, 2, 1), (2, 3, -1), (3, 4, 1), (1, 3, -1), (2, 4, 1)])
    P = np.array([[0, 1, 0, 0], [1, 0, 0, 1], [0, 0, 0, 1], [0, 1, 1, 0]], dtype=float)
    N = np.array([[0, 0, 1, 0], [0, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]], dtype=float)
    n = 4
    expected = np.linalg.inv(np.eye(n) - (P - 2 * N) / (2 * n - 2)) @ np.ones(n)
    assert signed.pn_centrality(G).to_numpy() == pytest.approx(expected, rel=1e-12)
    pn = signed.pn_centrality(G)
    assert pn[3] == pn.min()  # the node with two enemies


def test_pn_centrality_on_all_positive_graphs_is_katz():
    for G in (nx.star_graph(5), nx.path_graph(6), nx.karate_club_graph()):
        G = nx.Graph(G.edges)
        nx.set_edge_attributes(G, 1, "sign")
        n = G.number_of_nodes()
        katz = nx.katz_centrality_numpy(G, alpha=1 / (2 * n - 2), beta=1.0, normalized=False)
        pn = signed.pn_centrality(G)
        assert pn.to_numpy() == pytest.approx([katz[v] for v in sorted(G)], rel=1e-10)
    star = signed.pn_centrality(graph([(0, i, 1) for i in range(1, 6)]))
    assert star.idxmax() == 0


@pytest.mark.parametrize("G", [nx.cycle_graph(7), nx.complete_graph(5), nx.petersen_graph()])
def test_pn_centrality_is_constant_on_regular_graphs(G):
    nx.set_edge_attributes(G, 1, "sign")
    n, d = G.number_of_nodes(), G.degree(0)
    pn = signed.pn_centrality(G)
    assert pn.to_numpy() == pytest.approx(np.full(n, (2 * n - 2) / (2 * n - 2 - d)), rel=1e-12)


def test_pn_centrality_edge_cases():
    assert signed.pn_centrality(nx.Graph()).empty
    assert signed.pn_centrality(nx.empty_graph(1)).tolist() == [1.0]
    with pytest.raises(ValueError, match="singular"):
        signed.pn_centrality(graph([("a", "b", -1)]))
    assert signed.pn_centrality(graph([("a", "b", 1)])).tolist() == [2.0, 2.0]
    tuples = signed.pn_centrality(graph([((1, 2), (3, 4), 1), ((3, 4), (5, 6), -1)]))
    assert not isinstance(tuples.index, pd.MultiIndex) and tuples.index[0] == (1, 2)
