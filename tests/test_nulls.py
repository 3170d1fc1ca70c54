"""Null models (rsii.analysis.nulls) and the exact measures behind them (rsii.analysis.treedp).

The reference files in tests/data were written by the code of commit 2ef8586 (before the
null models moved out of rsii.analysis.signed), with the stance chapter's signed graph
``network.main_signed_network(load.relations(), load.stances(), load.actors(),
load.relation_types())`` (27 actors, 53 ties):

- ``null_draws_2ef8586.csv``: ``signed.sign_permutations(G, 1000, 2015)`` and
  ``signed.degree_preserving_rewirings(G, 1000, 2015)``, every measure of every draw
  (exact frustration and misfits then from scipy.optimize.milp), concatenated with a
  ``model`` column and written by pandas' to_csv (shortest round-trip floats);
- ``against_chance_2ef8586.csv``: ``camps.against_chance(G, draws=1000, seed=2015)``.

The new code must give the same draws and the same values, to the last bit.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from rsii.analysis import balance, camps, network, nulls, results, signed, treedp
from rsii.data import load

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def coded():
    stances = load.stances()
    ties = results.signed_ties()  # the main model's, as the stance chapter reads them
    return network.signed_network(ties), nulls.mark_stances(ties, stances), stances


def edges_of(H):
    return sorted((*sorted((u, v)), s) for u, v, s in H.edges(data="sign"))


# --- the recorded reference ---------------------------------------------------------


@pytest.fixture(scope="module")
def reference():
    return pd.read_csv(DATA / "null_draws_2ef8586.csv")


@pytest.mark.parametrize(
    "model, draw",
    [
        ("sign permutations", nulls.sign_permutations),
        ("degree-preserving rewirings", nulls.degree_preserving_rewirings),
    ],
)
def test_null_draws_equal_the_recorded_reference(coded, reference, model, draw):
    G = coded[0]
    assert (G.number_of_nodes(), G.number_of_edges()) == (27, 53)
    new = draw(G, 1000, 2015)
    old = reference[reference["model"] == model].drop(columns="model").reset_index(drop=True)
    assert list(new.columns) == list(old.columns) and len(new) == 1000
    for column in old.columns:  # exactly: the same draws, the same values
        assert (new[column].to_numpy() == old[column].to_numpy()).all(), column


def test_against_chance_equals_the_recorded_table(coded):
    old = pd.read_csv(DATA / "against_chance_2ef8586.csv")
    new = camps.against_chance(coded[0], draws=1000, seed=2015)
    assert list(new.columns) == [*old.columns, "floor", "at_floor"]
    pd.testing.assert_frame_equal(new[old.columns], old)
    assert (new["floor"] == 1 / 1001).all()
    assert new["at_floor"].tolist() == (new["as_balanced"] == 0).tolist()
    assert new.loc[new["at_floor"], "p_value"].eq(1 / 1001).all()
    assert new["at_floor"].sum() == 6  # every measure but the frustration index


# --- exact measures by tree decomposition ---------------------------------------------


def random_signed(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 16)
    G = nx.gnm_random_graph(n, rng.randint(0, min(n * (n - 1) // 2, 3 * n)), seed=seed)
    G.add_nodes_from(range(n))
    for u, v in G.edges:
        G.edges[u, v]["sign"] = rng.choice((1, -1))
    return G


@pytest.mark.parametrize("seed", range(40))
def test_tree_dp_equals_the_integer_programmes(seed):
    G = random_signed(seed)
    m = signed.balance_measures(G, ["frustration", "misfits"])
    assert m["frustration"] == balance.frustration(G).index
    assert m["misfits"] == signed.clustering(G).misfits


def test_tree_dp_hands_wide_graphs_to_the_integer_programmes(monkeypatch):
    G = nx.complete_graph(7)
    for k, (u, v) in enumerate(sorted(G.edges)):
        G.edges[u, v]["sign"] = -1 if k % 3 == 0 else 1
    before = signed.balance_measures(G)
    p = treedp.plan(7, tuple(sorted(G.edges)))
    assert p.width == 6
    monkeypatch.setitem(treedp.MAX_BAG, "partitions", 3)
    monkeypatch.setitem(treedp.MAX_BAG, "colourings", 3)
    assert treedp.optimum(p, [1] * 21, "partitions") is None
    assert signed.balance_measures(G) == before
    assert before["frustration"] == balance.frustration(G).index


def test_tree_dp_small_cases():
    assert len(treedp.states("partitions", 4)) == 15 and len(treedp.states("colourings", 4)) == 16
    triangle = treedp.plan(3, ((0, 1), (1, 2), (0, 2)))
    assert treedp.optimum(triangle, [-1, -1, -1], "colourings") == 1  # odd negative cycle
    assert treedp.optimum(triangle, [-1, -1, -1], "partitions") == 0  # three clusters
    assert treedp.optimum(triangle, [1, 1, -1], "partitions") == 1
    assert treedp.optimum(treedp.plan(4, ()), [], "partitions") == 0
    with pytest.raises(ValueError):
        treedp.optimum(triangle, [1, 1, 1], "cuts")


# --- ties from one sentence, stances to one target ------------------------------------


def small_ties():
    rows = [
        ("a", "b", 1, "cooperates_with", "s1"),
        ("c", "d", -1, "fights", "s1"),
        ("b", "c", -1, "stance: oppose", "s1"),
        ("a", "b", 1, "cooperates_with", "s2"),
        ("e", "c", 1, "stance: support", "s2"),
        ("a", "c", 1, "stance: support", "s3"),
        ("d", "f", -1, "stance: oppose", "s3"),
        ("e", "f", 1, "stance: support", "s4"),
        ("g", "a", 1, "rule: a government with its state", ""),
    ]
    cols = ["source", "target", "sign", "kind", "sentence"]
    return pd.DataFrame(rows, columns=cols)


def test_sentence_permutations_keep_each_sentences_signs():
    ties = small_ties()
    draws = list(nulls.permuted_ties(ties, "sentence", draws=50, seed=3))
    signs = {s: sorted(g) for s, g in ties.groupby("sentence")["sign"]}
    for draw in draws:
        assert {s: sorted(g) for s, g in draw.groupby("sentence")["sign"]} == signs
        pd.testing.assert_frame_equal(draw.drop(columns="sign"), ties.drop(columns="sign"))
        assert draw.loc[draw["sentence"] == "", "sign"].tolist() == [1]
    assert len({tuple(d["sign"]) for d in draws}) > 5
    G = network.signed_network(ties)
    graphs = list(nulls.tie_permuted_graphs(G, ties, "sentence", draws=50, seed=3))
    for draw, H in zip(draws, graphs, strict=True):
        assert sorted(H) == sorted(G)  # every actor stays, even when its pair cancels
        assert edges_of(H) == edges_of(network.signed_network(draw))
    assert any(H.number_of_edges() < G.number_of_edges() for H in graphs)  # a−b cancels


def test_target_permutations_keep_each_targets_counts():
    ties = small_ties()
    stance = ties["kind"].str.startswith("stance")
    counts = Counter(zip(ties.loc[stance, "target"], ties.loc[stance, "sign"], strict=True))
    draws = list(nulls.permuted_ties(ties, "target", draws=50, seed=4))
    for draw in draws:
        pairs = zip(draw.loc[stance, "target"], draw.loc[stance, "sign"], strict=True)
        assert Counter(pairs) == counts
        assert draw.loc[~stance, "sign"].tolist() == ties.loc[~stance, "sign"].tolist()
    assert len({tuple(d["sign"]) for d in draws}) == 3 * 2  # c's three stances, f's two
    with pytest.raises(ValueError, match="within"):
        next(nulls.permuted_ties(ties, "speaker"))


def test_mark_stances_finds_the_stances_kept_as_relations(coded):
    _, ties, stances = coded
    assert (
        ties["stance"].sum() == len(stances) == 27
    )  # 26 before st27 (s10, the Syrian approval withheld)
    assert (ties["kind"].str.startswith("stance") <= ties["stance"]).all()
    marked = ties[ties["stance"]]
    expected = {
        (s.actor, s.target, 1 if s.stance == "support" else -1) for s in stances.itertuples()
    }
    assert set(zip(marked["source"], marked["target"], marked["sign"], strict=True)) == expected
    per_target = ties[ties["stance"]].groupby("target")["sign"].agg(lambda s: sorted(s))
    draws = list(nulls.permuted_ties(ties, "target", draws=30, seed=1))
    for draw in draws:
        assert draw[draw["stance"]].groupby("target")["sign"].agg(sorted).equals(per_target)
    assert len({tuple(d["sign"]) for d in draws}) == 30


def test_tie_models_check_that_the_ties_make_the_graph(coded):
    G, ties, _ = coded
    with pytest.raises(ValueError, match="do not make"):
        next(nulls.tie_permuted_graphs(G, ties.iloc[:-1], "sentence", draws=1))
    with pytest.raises(ValueError, match="not in the graph"):
        next(nulls.tie_permuted_graphs(nx.Graph(G.subgraph(list(G)[:-1])), ties, draws=1))


# --- rewiring that keeps speakers and targets apart -----------------------------------


def classes(H):
    """Each node's signed degree per class of tie: speaking, heard, relation, rule."""
    out = Counter()
    for u, v, d in H.edges(data=True):
        if d["tie"] == "stance":
            out[d["speaker"], "speaks", d["sign"]] += 1
            out[v if d["speaker"] == u else u, "heard", d["sign"]] += 1
        else:
            out[u, d["tie"], d["sign"]] += 1
            out[v, d["tie"], d["sign"]] += 1
    return out


def test_bipartite_rewirings_keep_speakers_apart(coded):
    G, ties, stances = coded
    speakers = (
        set(stances["actor"])
        - set(ties.loc[~ties["stance"], "source"])
        - set(ties.loc[~ties["stance"], "target"])
    )  # actors with stances only
    targets = set(stances["target"])
    assert len(speakers) >= 5 and targets == {"coalition_4plus1", "us_led_coalition", "info_centre"}
    draws = list(nulls.bipartite_rewired_graphs(G, ties, draws=60, seed=7))
    base = edges_of(G)
    for H in draws:
        assert sorted(H) == sorted(G) and H.number_of_edges() == G.number_of_edges()
        assert nx.number_of_selfloops(H) == 0
        for u, v in H.edges:
            if u in speakers or v in speakers:  # an actor with stances only speaks
                assert {u, v} & targets and not {u, v} <= speakers
        for u, v in [("us_administration", "united_states"), ("syria_government", "syria")]:
            assert H.edges[u, v]["sign"] == 1  # a government stays with its state
    changed = [edges_of(H) != base for H in draws]
    assert sum(changed) >= 55
    # stance ties keep their speaker's and their target's signed degree, relations theirs
    same = next(nulls.bipartite_rewired_graphs(G, ties, draws=1, swaps=0))
    assert edges_of(same) == base
    observed = classes(same)
    assert observed[("karbouli", "speaks", -1)] == 1 and observed[("iraq", "rule", 1)] == 1
    assert observed[("coalition_4plus1", "heard", 1)] == 8
    assert all(classes(H) == observed for H in draws)
    for H in draws:  # a stance runs from a speaker to a target
        for u, v, d in H.edges(data=True):
            if d["tie"] == "stance":
                assert d["speaker"] in set(stances["actor"]) and {u, v} - {d["speaker"]} <= targets
    again = list(nulls.bipartite_rewired_graphs(G, ties, draws=60, seed=7))
    assert [edges_of(H) for H in draws] == [edges_of(H) for H in again]
    other = list(nulls.bipartite_rewired_graphs(G, ties, draws=60, seed=8))
    assert [edges_of(H) for H in draws] != [edges_of(H) for H in other]


def test_bipartite_swaps_on_a_hand_made_star():
    ties = pd.DataFrame(
        [("s1", "t1", 1, "stance: support", "x1"), ("s2", "t2", 1, "stance: support", "x2"),
         ("s3", "t1", -1, "stance: oppose", "x3"), ("s4", "t2", -1, "stance: oppose", "x4"),
         ("s5", "t2", -1, "stance: oppose", "x5")],
        columns=["source", "target", "sign", "kind", "sentence"],
    )  # fmt: skip
    G = network.signed_network(ties)
    seen = set()
    for H in nulls.bipartite_rewired_graphs(G, ties, draws=60, seed=0):
        seen.add(tuple(edges_of(H)))
        for u, v in H.edges:
            assert {u[0], v[0]} == {"s", "t"}
        assert (H.degree("t1"), H.degree("t2")) == (2, 3)
        assert sum(s < 0 for *_, s in H.edges("t1", data="sign")) == 1
    assert len(seen) == 2 * 3  # s1 or s2 supports t1; s3, s4 or s5 opposes it


# --- the tables: seeds, workers, models ----------------------------------------------


TABLES = [
    lambda G, ties, **kw: nulls.sign_permutations(G, **kw),
    lambda G, ties, **kw: nulls.degree_preserving_rewirings(G, **kw),
    nulls.sentence_permutations,
    nulls.target_permutations,
    nulls.bipartite_rewirings,
]


@pytest.mark.parametrize("table", TABLES)
def test_tables_are_seeded_and_independent_of_workers(coded, table):
    G, ties, _ = coded
    one = table(G, ties, draws=24, seed=11, n_jobs=1)
    assert list(one.columns) == ["draw", *signed.MEASURES] and len(one) == 24
    pd.testing.assert_frame_equal(one, table(G, ties, draws=24, seed=11, n_jobs=2))
    assert not one.equals(table(G, ties, draws=24, seed=12, n_jobs=1))
    assert (one["misfits"] <= one["frustration"]).all()


def test_tie_tables_measure_the_tie_graphs(coded):
    G, ties, _ = coded
    table = nulls.sentence_permutations(G, ties, draws=6, seed=5)
    graphs = nulls.tie_permuted_graphs(G, ties, "sentence", draws=6, seed=5)
    for H, row in zip(graphs, table.itertuples(), strict=True):
        assert row.frustration == balance.frustration(H).index
        assert row.misfits == signed.clustering(H).misfits
        assert row.walk_index == pytest.approx(balance.walk_balance(H), abs=1e-10)


def test_against_chance_runs_the_models_asked_for(coded):
    G, ties, _ = coded
    default = camps.against_chance(G, draws=5, seed=1)
    assert default["model"].unique().tolist() == list(camps.NULL_MODELS)[:2]
    every = camps.against_chance(G, draws=5, seed=1, ties=ties)
    assert every["model"].unique().tolist() == list(camps.NULL_MODELS)
    assert len(every) == 5 * len(camps.MEASURES)
    pd.testing.assert_frame_equal(every.iloc[:8], default)
    one = camps.against_chance(
        G, draws=5, seed=1, ties=ties, models=["stance signs permuted within targets"]
    )
    pd.testing.assert_frame_equal(one, every.iloc[12:16].reset_index(drop=True))
    assert (every["floor"] == 1 / 6).all()
    with pytest.raises(ValueError, match="unknown null models"):
        camps.against_chance(G, draws=5, models=["coin flips"])
    with pytest.raises(ValueError, match="need the coded ties"):
        camps.against_chance(G, draws=5, models=["sign permutations within sentences"])


def test_place_reports_the_floor():
    null = pd.Series([5.0, 6.0, 7.0, np.nan])
    low = nulls.place(2, null, lower_is_balanced=True)
    assert low["as_balanced"] == 0 and low["at_floor"] and low["p_value"] == low["floor"] == 0.25
    mid = nulls.place(6, null, lower_is_balanced=True)
    assert not mid["at_floor"] and mid["p_value"] == 0.75 and mid["floor"] == 0.25
    empty = nulls.place(1, pd.Series([np.nan]), True)
    assert empty["floor"] == 1.0 and not empty["at_floor"]
