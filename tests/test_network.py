"""The actor network glue: composition, blocs, signed ties, camps, sensitivity."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from rsii.analysis import network, results
from rsii.data import load


def _graph(nodes, edges):
    G = nx.MultiDiGraph()
    for n, kind, country in nodes:
        G.add_node(n, kind=kind, country=country)
    for k, (u, v, rel, sign) in enumerate(edges):
        G.add_edge(u, v, key=f"r{k}", relation=rel, sign=sign, inferred=False)
    return G


@pytest.fixture
def toy():
    return _graph(
        [
            ("coalition_4plus1", "coalition", ""),
            ("us_led_coalition", "coalition", ""),
            ("isis", "armed_group", ""),
            ("russia", "state", "RUS"),
            ("russia_gov", "government", "RUS"),
            ("putin", "person", "RUS"),
            ("usa", "state", "USA"),
            ("mp", "person", "IRQ"),
            ("bloc", "party_or_bloc", "IRQ"),
            ("reuters", "media", ""),
        ],
        [
            ("russia", "coalition_4plus1", "member_of", 1),
            ("putin", "russia", "leads", 1),
            ("usa", "us_led_coalition", "leads", 1),
            ("mp", "bloc", "member_of", 1),
            ("coalition_4plus1", "isis", "fights", -1),
            ("mp", "coalition_4plus1", "criticises", -1),
            ("mp", "reuters", "speaks_to", 0),
        ],
    )


def test_blocs_follow_the_stated_rule(toy):
    blocs = network.assign_blocs(toy)
    assert blocs["russia"] == blocs["putin"] == blocs["russia_gov"] == network.BLOC_4PLUS1
    assert blocs["usa"] == network.BLOC_US
    assert blocs["isis"] == network.BLOC_ISIS
    assert blocs["mp"] == blocs["bloc"] == network.BLOC_IRAQ
    assert blocs["reuters"] == network.BLOC_OTHER


def test_composition_counts_kinds_and_relations(toy):
    by_kind, by_relation = network.composition(toy)
    assert dict(zip(by_kind.kind, by_kind.actors, strict=True))["person"] == 2
    assert by_relation.set_index("relation").loc["member_of", "ties"] == 2
    assert by_relation["ties"].sum() == toy.number_of_edges()


def _rel(rows):
    cols = [
        "id",
        "source",
        "target",
        "relation",
        "sign",
        "sentence",
        "quote_ar",
        "footnotes",
        "inferred",
    ]
    return pd.DataFrame(rows, columns=cols)


def _st(rows):
    return pd.DataFrame(
        rows, columns=["id", "actor", "target", "stance", "sentence", "quote_ar", "footnotes"]
    )


def test_signed_ties_merge_relations_and_stances_once_per_sentence():
    rel = _rel(
        [
            ("r1", "a", "c", "criticises", -1, "s01", "q", "1", False),
            ("r2", "a", "b", "speaks_to", 0, "s01", "q", "", False),
            ("r3", "b", "c", "supports", 1, "s02", "q", "", True),
        ]
    )
    st = _st(
        [("st1", "a", "c", "oppose", "s01", "q", "1"), ("st2", "b", "c", "support", "s03", "q", "")]
    )
    ties = network.signed_ties(rel, st)
    # r2 is neutral; st1 repeats r1 in the same sentence; st2 is a second vote for b–c
    assert sorted(ties["row"]) == ["r1", "r3", "st2"]
    assert len(network.signed_ties(rel, st, include_inferred=False)) == 2


def test_frustrated_rows_carry_the_evidence_of_each_frustrated_tie():
    rel = _rel(
        [
            ("r1", "coalition_4plus1", "x", "fights", -1, "s01", "q1", "1", False),
            ("r2", "us", "x", "fights", -1, "s02", "q2", "", False),
            ("r3", "coalition_4plus1", "us", "opposes", -1, "s03", "q3", "2", False),
        ]
    )
    a = results.measure(network.signed_ties(rel, _st([])))
    assert a.summary["frustration"] == 1  # an all-negative triangle
    assert a.drawn["coalition_4plus1"] == "A"
    rows = a.frustrated_rows()
    assert len(rows) == 1 and rows["row"].iloc[0] in {"r1", "r2", "r3"}
    assert {rows["u"].iloc[0], rows["v"].iloc[0]} in (
        {"coalition_4plus1", "x"},
        {"us", "x"},
        {"coalition_4plus1", "us"},
    )


def test_every_hard_case_reruns_on_the_real_data():
    cases = load.cases()
    main = results.analyse()
    for case in cases["id"]:
        other = results.analyse(results.Model(case=case))
        assert other.summary["frustration"] >= 0
        change = results.regrouped(main, other)
        assert set(change) == {"enter", "leave", "settled", "unsettled", "reversed", "regrouped"}
    # dropping the oppose stances of the Kurdistan Alliance and the Alliance of National
    # Forces (hc04) must lower or keep the negative ties, never add any
    hc04 = results.analyse(results.Model(case="hc04"))
    assert hc04.summary["negative"] <= main.summary["negative"]


def test_strongest_pairs_skip_unrelated_actors():
    idx = ["a", "b", "c"]
    con = pd.DataFrame([[0, 1, 0], [1, 0, 0], [0, 0, 0]], index=idx, columns=idx)
    conf = pd.DataFrame([[0, 0, 0], [0, 0, 0.5], [0, 0.5, 0]], index=idx, columns=idx)
    pairs = network.strongest_pairs(con, conf, {"a": "A"})
    assert pairs[["actor_a", "actor_b"]].values.tolist() == [["A", "b"], ["b", "c"]]


def test_actors_cut_off_from_the_coalition_have_no_camp():
    a = results.measure(
        pd.DataFrame(
            [("coalition_4plus1", "a", 1), ("a", "b", -1), ("x", "y", -1)],
            columns=["source", "target", "sign"],
        )
    )
    assert a.drawn == {
        "coalition_4plus1": "A",
        "a": "A",
        "b": "B",
        "x": network.UNCONNECTED,
        "y": network.UNCONNECTED,
    }
