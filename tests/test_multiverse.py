"""The multiverse of defensible models (rsii.analysis.multiverse): one row per
combination of the choices and per hard case, each equal to the analysis it stands for;
the smallest number of clusters, the misfits of every optimum, the null of balanced
triangles, the counting of findings; its export, its table and its figure."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest
from test_figure_labels import _problems

from rsii.analysis import findings, multiverse, network, nulls, results, signed
from rsii.data import load
from rsii.present import export, speccurve, views

CASE = "hc11"  # a hard case that changes the main model's frustration index


@pytest.fixture(scope="module")
def mv():
    return multiverse.grid(cases=[CASE], draws=99)


def _graph(positive, negative) -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from(positive, sign=1)
    G.add_edges_from(negative, sign=-1)
    return G


def test_models_are_every_combination_then_the_cases():
    grid = multiverse.models(["hc01", "hc02"])
    assert len(grid) == 2 * 3 * 2 * 2 * 2 + 2 == 50
    assert grid[0] == results.MAIN and len(set(grid)) == 50
    combos = {tuple(getattr(m, c) for c in multiverse.CHOICES) for m in grid[:48]}
    assert combos == set(itertools.product(*multiverse.OPTIONS.values()))
    assert [m.case for m in grid[48:]] == ["hc01", "hc02"]
    assert all(replace(m, case=None) == results.MAIN for m in grid[48:])


def test_one_row_per_model_in_order(mv):
    table = mv.table
    assert list(table.columns) == list(multiverse.COLUMNS)
    assert len(table) == 49 and len(mv.combinations) == 48 and len(mv.readings) == 1
    assert table["main"].sum() == 1 and bool(table["main"].iloc[0])
    for row, model in zip(table.to_dict("records"), multiverse.models([CASE]), strict=True):
        assert tuple(row[c] for c in multiverse.CHOICES) == tuple(
            getattr(model, c) for c in multiverse.CHOICES
        )
        assert row["case"] == (model.case or "")


def _same(a, b) -> bool:
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


SOME = [
    results.MAIN,
    replace(results.MAIN, case=CASE),
    results.Model(affiliation=True, states="merged", acts=False),
]


@pytest.mark.parametrize("model", SOME)
def test_a_row_is_its_model_s_analysis(mv, model):
    analysis = results.analyse(model)
    table = mv.table
    choices = [table[c] == getattr(model, c) for c in multiverse.CHOICES]
    row = table[pd.concat(choices, axis=1).all(axis=1) & (table["case"] == (model.case or ""))]
    assert len(row) == 1
    row = row.iloc[0].to_dict()
    assert all(_same(row[k], v) for k, v in analysis.summary.items())
    assert row["together"] == tuple(
        (r.actor_a, r.actor_b)
        for r in analysis.camps.pairs.itertuples()
        if r.relation == "together"
    )
    tri = analysis.triangles
    assert len(row["unbalanced"]) == (~tri["balanced"]).sum() == row["triangles"] - row["balanced"]
    assert row["misfits"] <= row["three_clusters"] <= row["frustration"]


def test_the_main_model_s_row_is_the_stance_chapter_s(mv):
    main = mv.main
    summary = results.analyse().summary
    assert {k: main[k] for k in summary} == summary
    stances = load.stances()
    assert main["support"] + main["oppose"] == len(stances)
    statements = mv.table[mv.table["case"].eq("") & ~mv.table["acts"]]
    assert set(statements["support"] + statements["oppose"]) >= {
        int((stances["mode"] == "statement").sum())
    }


def test_counted_stances_are_the_stances_behind_each_model_s_ties():
    """The stance ids in every model's signed ties are counted; a counted stance missing
    from the ties is one a relation of the same pair, sign and sentence stands for."""
    for model in multiverse.models():
        ties = results.signed_ties(model)
        counted = multiverse.counted_stances(model)
        kept = set(ties.loc[ties["kind"].str.startswith("stance: "), "row"])
        assert kept <= set(counted["id"]), model
        if model.states == "merged":
            continue  # renamed agents: the pair is the state's
        pairs = {(frozenset((t.source, t.target)), t.sign, t.sentence) for t in ties.itertuples()}
        for s in counted[~counted["id"].isin(kept)].itertuples():
            sign = 1 if s.stance == "support" else -1
            assert (frozenset((s.actor, s.target)), sign, s.sentence) in pairs, (model, s.id)


def test_three_clusters_beat_two_camps():
    # two positive pairs and an all-negative triangle among them and a fifth actor
    G = _graph([("a", "b"), ("c", "d")], [("a", "c"), ("a", "e"), ("c", "e")])
    assert signed.clustering(G).misfits == 0
    assert multiverse.fewest_clusters(G) == (3, {1: 3, 2: 1, 3: 0})


def test_two_camps_or_one_cluster_when_they_suffice():
    balanced = _graph([("a", "b"), ("c", "d")], [("a", "c"), ("b", "d")])
    assert multiverse.fewest_clusters(balanced) == (2, {1: 2, 2: 0, 3: 0})
    positive = _graph([("a", "b"), ("b", "c")], [])
    assert multiverse.fewest_clusters(positive) == (1, {1: 0, 2: 0, 3: 0})


def test_four_clusters_when_three_do_not_suffice():
    # four actors all negative to one another: each needs a cluster of its own
    G = _graph([], list(itertools.combinations("abcd", 2)))
    k, misfits = multiverse.fewest_clusters(G)
    assert k == 4 and misfits == {1: 6, 2: 2, 3: 1, 4: 0}


def test_misfit_ties_gather_every_optimum():
    # a positive path closed by a negative tie: any one of the three ties can misfit
    triangle = _graph([("a", "b"), ("b", "c")], [("a", "c")])
    assert multiverse.misfit_ties(triangle) == (("a", "b", 1), ("a", "c", -1), ("b", "c", 1))
    # a bridge between two clusterable parts: only the inner negative tie can misfit
    G = _graph([("a", "b"), ("b", "c"), ("c", "x")], [("a", "c")])
    G.add_edge("x", "y", sign=-1)
    assert set(multiverse.misfit_ties(G)) <= {("a", "b", 1), ("a", "c", -1), ("b", "c", 1)}
    assert multiverse.misfit_ties(_graph([("a", "b")], [("b", "c")])) == ()


def test_the_balanced_triangle_null_is_the_stance_chapter_s():
    for G in (
        results.analyse().graph,
        _graph(
            [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")],
            [("a", "c"), ("b", "d"), ("d", "e"), ("c", "e")],
        ),
    ):
        null = nulls.sign_permutations(G, draws=60, seed=5, measures=("balanced_share",))
        share = signed.balance_measures(G, ("balanced_share",))["balanced_share"]
        expected = nulls.place(share, null["balanced_share"], lower_is_balanced=False)["p_value"]
        assert multiverse.share_against_chance(G, draws=60, seed=5) == expected
    assert math.isnan(multiverse.share_against_chance(_graph([("a", "b")], []), draws=5))


def test_holds_and_rests_on_count_the_models():
    table = pd.DataFrame(
        [dict(zip(multiverse.CHOICES, c, strict=True)) | {"case": "", "main": i == 0}
         for i, c in enumerate(itertools.product(*multiverse.OPTIONS.values()))]
        + [dict(zip(multiverse.CHOICES, (False, "joined", True, True, True), strict=True))
           | {"case": "hc01", "main": False}]
    )  # fmt: skip
    mv = multiverse.Multiverse(table, 0, 0)
    assert findings.holds(mv, lambda r: True) == (48, 48)
    assert findings.holds(mv, lambda r: r["states"] != "apart") == (32, 48)
    assert findings.holds(mv, lambda r: r["acts"], part="readings") == (1, 1)
    assert findings.holds(mv, lambda r: r["acts"], part="all") == (25, 49)
    with pytest.raises(ValueError, match="part"):
        findings.holds(mv, lambda r: True, part="some")

    def misfit(r):  # needs states not apart and inferred kept, and more
        return r["states"] != "apart" and r["inferred"] and (r["founding"] or r["affiliation"])

    needs, enough = findings.rests_on(mv, misfit)
    assert needs == {"states": ("joined", "merged"), "inferred": (True,)} and not enough
    needs, enough = findings.rests_on(mv, lambda r: r["states"] != "apart" and r["inferred"])
    assert needs == {"states": ("joined", "merged"), "inferred": (True,)} and enough
    assert findings.rests_on(mv, lambda r: True) == ({}, True)
    assert findings.rests_on(mv, lambda r: False) == ({}, False)


def test_the_export_writes_every_model_with_ids_joined(mv):
    text = export._multiverse(SimpleNamespace(multiverse=mv), None)
    assert len(text) == len(mv.table)
    main = text.iloc[0]
    assert "iraq_government/us_led_coalition" in main["misfit_ties"].split()
    assert "isis/russia/us_led_coalition" in main["unbalanced"].split()
    assert any(o.name == "results/multiverse.csv" and o.shown_in == "Robustness"
               for o in export.OUTPUTS)  # fmt: skip


def test_the_reader_s_table_has_words_not_codes(mv):
    shown = views.multiverse(mv.combinations)
    assert len(shown) == 48 and shown["Model"].str.startswith("main model").sum() == 1
    assert "governments joined to their states" in shown.iloc[0]["Model"]
    assert not {"True", "False", "joined", "merged"} & set(shown.astype(str).to_numpy().ravel())
    titles = dict(zip(load.cases()["id"], load.cases()["title"], strict=True))
    readings = views.multiverse(mv.readings, titles)
    assert list(readings["Model"]) == [titles[CASE]]


def test_the_choices_a_finding_rests_on_in_words():
    needs = {"states": ("joined", "merged"), "inferred": (True,)}
    assert views.conditions(needs) == (
        "governments joined to their states or states merged with their agents; "
        "inferred ties and stances kept"
    )
    assert views.conditions({}) == "none"
    table = pd.DataFrame([{"says": "a finding", "held": 3, "models": 48, "held_readings": 16,
                           "readings": 16, "needs": needs, "enough": False}])  # fmt: skip
    row = views.robustness(table).iloc[0]
    assert row["Models where it holds"] == "3 of 48" and row["Hard cases' readings"] == "16 of 16"
    assert row["Holds in every model that takes them"] == "no"


@pytest.mark.parametrize("measure", ["frustration", "balanced_share"])
def test_specification_curve_labels(mv, measure):
    fig = speccurve.draw(mv.combinations, measure)
    assert _problems(fig) == []
    texts = {t.get_text() for t in fig.axes[1].texts}
    assert texts == {w for options in views.OPTION_WORDS.values() for w in options.values()}
    curve = fig.axes[0].collections
    main_x = curve[1].get_offsets()[:, 0]
    order = speccurve.order(mv.combinations, measure)
    assert list(main_x) == [list(order).index(0)]  # the main model is row 0 of the grid
    values = mv.combinations[measure].to_numpy()[order]
    assert list(values) == sorted(values)


def test_the_introduction_s_robustness_claims(mv):
    """What book/intro.md states in words, recomputed: support outnumbers opposition
    only where acts, the founding acts and the inferences count; the tie out of place
    exists only where governments are joined to or merged with their states and the
    inferences are kept; in the main model the rule tie joining the Iraqi government to
    Iraq can misfit instead of the approval."""
    tests = {name: test for name, (_, test) in findings.FINDINGS.items()}
    wanted = {"acts": (True,), "founding": (True,), "inferred": (True,)}
    assert findings.rests_on(mv, tests["support"]) == (wanted, True)
    statements = mv.combinations.iloc[multiverse.models().index(replace(results.MAIN, acts=False))]
    assert statements["support"] < statements["oppose"]
    needs, _ = findings.rests_on(mv, tests["misfit"])
    assert needs == {"states": ("joined", "merged"), "inferred": (True,)}
    assert findings.holds(mv, tests["misfit"]) == findings.holds(mv, tests["approval"])
    rule = (findings.IRAQ, findings.IRAQ_GOVERNMENT, 1)
    assert rule in mv.main["misfit_ties"]
    kinds = set(results.analyse().evidence(*rule[:2])["kind"])
    assert kinds == {network.GOVERNMENT_RULE}
    core = findings.holds(mv, tests["chance"], where=lambda r: r["founding"] and r["inferred"])
    assert core[0] == core[1] > 0
