"""Discourse network analysis on small examples worked by hand."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from rsii.analysis import dna

# Worked example: 3 actors, 2 concepts (targets X, Y). A_i is the set of (target,
# stance) statements of actor i ("+" support, "-" oppose):
#
#   A = {X+, Y+}   |A| = 2
#   B = {X+}       |B| = 1   (coded twice in the data: duplicates count once)
#   C = {X-, Y+}   |C| = 2
#
# Raw congruence |A_i ∩ A_j|:     AB = 1 (X+)   AC = 1 (Y+)   BC = 0
# Raw conflict (opposite stances): AB = 0        AC = 1 (X)    BC = 1 (X)
#
# "average": norm = (|A_i| + |A_j|) / 2:   AB = 1.5   AC = 2   BC = 1.5
#   congruence  AB = 1/1.5 = 2/3   AC = 1/2          BC = 0
#   conflict    AB = 0             AC = 1/2          BC = 1/1.5 = 2/3
# "jaccard": norm = |A_i ∪ A_j|:
#   A ∪ B = {X+, Y+} -> 2   A ∪ C = {X+, Y+, X-} -> 3   B ∪ C = {X+, X-, Y+} -> 3
#   congruence  AB = 1/2   AC = 1/3   BC = 0
#   conflict    AB = 0     AC = 1/3   BC = 1/3
WORKED = pd.DataFrame(
    [
        ("A", "X", "support"),
        ("A", "Y", "support"),
        ("B", "X", "support"),
        ("B", "X", "support"),
        ("C", "X", "oppose"),
        ("C", "Y", "support"),
    ],
    columns=["actor", "target", "stance"],
)

EXPECTED = {
    ("congruence", "none"): {("A", "B"): 1, ("A", "C"): 1, ("B", "C"): 0},
    ("conflict", "none"): {("A", "B"): 0, ("A", "C"): 1, ("B", "C"): 1},
    ("congruence", "average"): {("A", "B"): 2 / 3, ("A", "C"): 1 / 2, ("B", "C"): 0},
    ("conflict", "average"): {("A", "B"): 0, ("A", "C"): 1 / 2, ("B", "C"): 2 / 3},
    ("congruence", "jaccard"): {("A", "B"): 1 / 2, ("A", "C"): 1 / 3, ("B", "C"): 0},
    ("conflict", "jaccard"): {("A", "B"): 0, ("A", "C"): 1 / 3, ("B", "C"): 1 / 3},
}


def frame(rows):
    return pd.DataFrame(rows, columns=["actor", "target", "stance"])


@pytest.mark.parametrize(("kind", "normalization"), sorted(EXPECTED))
def test_worked_example_cell_by_cell(kind, normalization):
    fn = dna.congruence if kind == "congruence" else dna.conflict
    m = fn(WORKED, normalization=normalization)
    assert list(m.index) == ["A", "B", "C"] and list(m.columns) == ["A", "B", "C"]
    for a in "ABC":
        assert m.loc[a, a] == 0
    for (a, b), value in EXPECTED[(kind, normalization)].items():
        assert m.loc[a, b] == pytest.approx(value, abs=1e-12), (a, b)
        assert m.loc[b, a] == pytest.approx(value, abs=1e-12), (b, a)


def test_unnormalised_counts_are_integers():
    assert dna.congruence(WORKED).to_numpy().dtype.kind == "i"
    assert dna.conflict(WORKED, "none").to_numpy().dtype.kind == "i"


def test_affiliation_matrix():
    m = dna.affiliation(WORKED)
    assert list(m.index) == ["A", "B", "C"] and list(m.columns) == ["X", "Y"]
    assert m.to_numpy().tolist() == [[1, 1], [1, 0], [-1, 1]]


def test_statements_deduplicate_and_keep_extra_columns_out():
    st = dna.statements(WORKED.assign(note="x"))
    assert len(st) == 5
    assert list(st.columns) == ["actor", "target", "stance", "sign"]
    assert st["sign"].tolist() == [1, 1, 1, -1, 1]


# Ambivalence: D both supports and opposes X; E supports X; F opposes X and is also
# ambivalent on Y, as is D. Following DNA, D holds both statements on X:
#   congruence(D, E) = 1 (X+), conflict(D, E) = 1 (D's X- vs E's X+)
#   congruence(D, F) = |{X-, Y+, Y-}| = 3
#   conflict(D, F) = X: D+ vs F- (1) ; Y: D+ vs F-, D- vs F+ (2)  -> 3
AMBI = frame(
    [
        ("D", "X", "support"),
        ("D", "X", "oppose"),
        ("D", "Y", "support"),
        ("D", "Y", "oppose"),
        ("E", "X", "support"),
        ("F", "X", "oppose"),
        ("F", "Y", "support"),
        ("F", "Y", "oppose"),
    ]
)


def test_ambivalent_pairs_are_listed():
    amb = dna.ambivalent(AMBI)
    assert amb.values.tolist() == [["D", "X"], ["D", "Y"], ["F", "Y"]]
    assert dna.ambivalent(WORKED).empty


def test_ambivalence_is_zero_in_affiliation():
    m = dna.affiliation(AMBI)
    assert m.loc["D"].tolist() == [0, 0]
    assert m.loc["E"].tolist() == [1, 0]
    assert m.loc["F"].tolist() == [-1, 0]


def test_ambivalence_counts_both_statements_as_in_dna():
    cong, conf = dna.congruence(AMBI), dna.conflict(AMBI)
    assert (cong.loc["D", "E"], conf.loc["D", "E"]) == (1, 1)
    assert (cong.loc["D", "F"], conf.loc["D", "F"]) == (3, 3)
    assert (cong.loc["E", "F"], conf.loc["E", "F"]) == (0, 1)
    # average: |D| = 4, |F| = 3 -> norm 3.5 ; jaccard: |D ∪ F| = 4
    assert dna.congruence(AMBI, "average").loc["D", "F"] == pytest.approx(3 / 3.5)
    assert dna.conflict(AMBI, "jaccard").loc["D", "F"] == pytest.approx(3 / 4)


def test_two_mode_graph():
    G = dna.two_mode_graph(AMBI)
    actors = {n for n, d in G.nodes(data=True) if d["bipartite"] == "actor"}
    targets = {n for n, d in G.nodes(data=True) if d["bipartite"] == "target"}
    assert actors == {("actor", a) for a in "DEF"}
    assert targets == {("target", t) for t in "XY"}
    assert nx.is_bipartite(G) and G.number_of_edges() == 5
    assert G.edges[("actor", "D"), ("target", "X")] == {"stance": "ambivalent", "sign": 0}
    assert G.edges[("actor", "E"), ("target", "X")] == {"stance": "support", "sign": 1}
    assert G.edges[("actor", "F"), ("target", "X")] == {"stance": "oppose", "sign": -1}


def test_two_mode_graph_keeps_actor_and_target_with_same_name_apart():
    G = dna.two_mode_graph(frame([("Iran", "Russia", "support"), ("Russia", "Iran", "support")]))
    assert G.number_of_nodes() == 4 and G.number_of_edges() == 2
    assert G.nodes[("actor", "Iran")]["name"] == G.nodes[("target", "Iran")]["name"] == "Iran"


def test_one_mode_graph():
    G = dna.one_mode_graph(dna.congruence(WORKED, "jaccard"))
    assert sorted(G.nodes) == ["A", "B", "C"]
    assert sorted(G.edges) == [("A", "B"), ("A", "C")]
    assert G.edges["A", "B"]["weight"] == pytest.approx(0.5)
    assert G.edges["A", "C"]["weight"] == pytest.approx(1 / 3)
    assert nx.is_isolate(dna.one_mode_graph(dna.conflict(frame([("P", "X", "support")]))), "P")


def test_one_mode_graph_rejects_asymmetric_or_non_square():
    m = pd.DataFrame([[0, 1], [2, 0]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValueError, match="symmetric"):
        dna.one_mode_graph(m)
    with pytest.raises(ValueError, match="square"):
        dna.one_mode_graph(pd.DataFrame([[0, 1]], index=["a"], columns=["a", "b"]))
    m = pd.DataFrame([[0, np.nan], [np.nan, 0]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValueError, match="missing"):
        dna.one_mode_graph(m)


def test_unknown_normalization_raises():
    for fn in (dna.congruence, dna.conflict):
        with pytest.raises(ValueError, match="normalization"):
            fn(WORKED, normalization="cosine")


def test_bad_stance_or_columns_raise():
    with pytest.raises(ValueError, match="support' or 'oppose"):
        dna.affiliation(frame([("A", "X", "neutral")]))
    with pytest.raises(ValueError, match="column"):
        dna.congruence(WORKED.drop(columns="stance"))
    with pytest.raises(ValueError, match="missing"):
        dna.two_mode_graph(frame([("A", None, "support")]))


def test_isolated_actor_and_empty_input():
    m = dna.congruence(frame([("A", "X", "support"), ("B", "Y", "oppose")]), "jaccard")
    assert m.to_numpy().tolist() == [[0.0, 0.0], [0.0, 0.0]]
    empty = frame([])
    assert dna.congruence(empty).shape == (0, 0)
    assert dna.affiliation(empty).shape == (0, 0)
    assert dna.two_mode_graph(empty).number_of_nodes() == 0


def test_matrices_are_symmetric_on_random_data():
    rng = np.random.default_rng(7)
    rows = [
        (f"a{rng.integers(8)}", f"t{rng.integers(5)}", ["support", "oppose"][rng.integers(2)])
        for _ in range(60)
    ]
    st = frame(rows)
    for norm in dna.NORMALIZATIONS:
        for fn in (dna.congruence, dna.conflict):
            m = fn(st, norm).to_numpy(dtype=float)
            assert np.allclose(m, m.T) and np.all(np.diag(m) == 0) and np.all(m >= 0)
    # Jaccard congruence is a similarity in [0, 1]
    assert dna.congruence(st, "jaccard").to_numpy().max() <= 1
