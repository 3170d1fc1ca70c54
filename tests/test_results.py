"""The one computation behind every view (rsii.analysis.results): camps as what every
optimal split agrees on, changes between readings, the cache, and the register's camp
sentences checked against the splits themselves."""

from __future__ import annotations

import itertools
import re

import networkx as nx
import pandas as pd
import pytest

from rsii.analysis import balance, cache, results
from rsii.present import register, register_pages


def _ties(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"source": u, "target": v, "sign": s, "kind": "test", "row": f"r{i}",
             "sentence": "s01", "quote_ar": "", "footnotes": "", "inferred": False}
            for i, (u, v, s) in enumerate(rows)
        ]
    )  # fmt: skip


def _brute_splits(G) -> list[dict]:
    """Every optimal two-camp split by enumeration, canonical as balance gives them."""
    nodes = balance._sorted(G)
    best, found = None, []
    for bits in itertools.product((0, 1), repeat=len(nodes)):
        split = dict(zip(nodes, bits, strict=True))
        cost = len(balance._frustrated_edges(G, split))
        if best is None or cost < best:
            best, found = cost, []
        if cost == best:
            found.append(balance._canonical(G, split))
    unique = {tuple(s[n] for n in nodes): s for s in found}
    return list(unique.values())


def test_an_all_negative_triangle_leaves_every_pair_undetermined():
    a = results.measure(_ties([("a", "b", -1), ("a", "c", -1), ("b", "c", -1)]))
    assert a.summary["frustration"] == 1 and a.summary["optimal_splits"] == 3
    assert set(a.camps.pairs["relation"]) == {"varies"}
    assert a.camps.always_with("a") == [] and a.camps.always_against("a") == []
    assert a.camps.sometimes_with("a") == {"b": 1, "c": 1}
    assert all(a.frustrated_in(u, v) == 1 for u, v in a.graph.edges)


def test_a_balanced_graph_fixes_every_pair():
    a = results.measure(_ties([("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("x", "y", -1)]))
    assert a.summary["optimal_splits"] == 1 and a.summary["frustration"] == 0
    assert a.camps.always_with("a") == ["b"] and a.camps.always_against("a") == ["c", "d"]
    # x and y form their own connected part: no relation to a, b, c or d is stated
    assert a.camps.always_against("x") == ["y"] and a.camps.always_with("x") == []


def test_camp_pairs_agree_with_brute_force_on_the_main_network_s_parts():
    main = results.analyse()
    # Brute force is exponential: check it on the main network's small connected parts
    # and, for the large one, on the splits' definition (each split has the least cost).
    for split in main.camps.splits:
        assert len(balance._frustrated_edges(main.graph, split)) == main.summary["frustration"]
    small = results.measure(_ties([("a", "b", -1), ("b", "c", -1), ("a", "c", 1),
                                   ("c", "d", -1), ("d", "a", -1), ("b", "d", 1)]))  # fmt: skip
    assert len(small.camps.splits) == len(_brute_splits(small.graph))


def test_regrouped_counts_pairs_and_actors():
    before = results.measure(_ties([("a", "b", -1), ("a", "c", -1), ("b", "c", -1)]))
    after = results.measure(_ties([("a", "b", -1), ("a", "c", -1), ("b", "c", 1), ("c", "z", 1)]))
    change = results.regrouped(before, after)
    assert change["enter"] == ("z",) and change["leave"] == ()
    assert change["settled"] == 3 and change["unsettled"] == 0 and change["reversed"] == 0
    assert change["regrouped"] == ("a", "b", "c")
    assert results.regrouped(after, after) == {
        "enter": (), "leave": (), "settled": 0, "unsettled": 0, "reversed": 0, "regrouped": ()
    }  # fmt: skip


def test_the_main_model_is_the_stance_chapter_s():
    a = results.analyse()
    assert a.model == results.MAIN and results.VARIANTS["main"][0] == results.MAIN
    assert a.summary["frustration"] == len(a.frustrated)
    assert a.drawn[results.network.COALITION] == "A"
    with pytest.raises(ValueError, match="states"):
        results.Model(states="merged-with-everyone")


def test_each_modelling_choice_changes_the_ties_as_it_says():
    main = results.signed_ties()
    stances = results.load.stances()
    no_acts = results.signed_ties(results.Model(acts=False))
    acts = set(stances.loc[stances["mode"] == "act", "id"])
    assert acts and not set(no_acts["row"]) & acts and set(main["row"]) & acts
    no_inferred = results.signed_ties(results.Model(inferred=False))
    assert not no_inferred["inferred"].any() or set(no_inferred["row"]).isdisjoint(acts)
    no_founding = results.signed_ties(results.Model(founding=False))
    founding = main[main["sentence"].isin(results.FOUNDING_SENTENCES)]
    assert len(no_founding) < len(main) and len(founding)
    merged = results.signed_ties(results.Model(states="merged"))
    agents = results.agents_of_states(results.load.actors(), results.load.relations())
    assert agents["syria_government"] == "syria" and agents["assad"] == "syria"
    assert agents["rouhani"] == "iran" and agents["russian_envoy"] == "russia"
    assert not set(merged["source"]) & set(agents) and not set(merged["target"]) & set(agents)
    apart = results.signed_ties(results.Model(states="apart"))
    assert len(main) - len(apart) == (main["kind"] == results.network.GOVERNMENT_RULE).sum()


def test_results_are_cached_on_disk_per_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setenv("RSII_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "_MEMORY", {})
    calls = []
    real = results.compute
    monkeypatch.setattr(results, "compute", lambda data=None: calls.append(1) or real(data, 3))
    first = results.results()
    monkeypatch.setattr(cache, "_MEMORY", {})  # a new process: memory empty, disk kept
    second = results.results()
    assert calls == [1] and len(list(tmp_path.glob("results-*.pickle"))) == 1
    assert second.main.summary == first.main.summary


@pytest.fixture(scope="module")
def reg():
    return register.build(cases=False)


def _names_after(text: str, opening: str, names: list[str]) -> list[str]:
    """The actor names listed after ``opening`` up to the clause's end (longest first,
    so that a name containing commas or another name is read whole)."""
    m = re.search(re.escape(opening) + r" (.*?)(?:; |\. [A-Z]|\.$)", text)
    if not m:
        return []
    segment, found = m.group(1), []
    for name in sorted(names, key=len, reverse=True):
        if name in segment:
            found.append(name)
            segment = segment.replace(name, "")
    assert not re.sub(r"\b(and)\b|[,\s]", "", segment), f"unread: {segment!r}"
    return found


def test_every_register_camp_sentence_holds_in_every_optimal_split(reg):
    """Each name the register puts "in one camp with" or "in the other camp from" an actor
    is so in every optimal split, and every actor always with or against it is named."""
    splits = reg.signed.camps.splits
    by_name = {v: k for k, v in reg.short.items()}
    checked = 0
    for actor in reg.actors["id"]:
        if actor not in reg.signed.graph:
            continue
        text = register_pages._camp(reg, actor)
        assert "camp A" not in text and "camp B" not in text, text
        with_ = [by_name[n] for n in _names_after(text, "in one camp with", list(by_name))]
        against = [by_name[n] for n in _names_after(text, "in the other camp from", list(by_name))]
        for other in with_:
            assert all(s[actor] == s[other] for s in splits), (actor, other)
        for other in against:
            assert all(s[actor] != s[other] for s in splits), (actor, other)
        part = nx.node_connected_component(reg.signed.graph, actor)
        always_with = {o for o in part if o != actor and all(s[o] == s[actor] for s in splits)}
        always_against = {o for o in part if all(s[o] != s[actor] for s in splits)}
        assert set(with_) == always_with and set(against) == always_against, actor
        checked += 1
    assert checked == reg.signed.summary["actors"]


def test_the_cache_is_the_build_s_in_a_checkout(monkeypatch, root):
    monkeypatch.delenv("RSII_CACHE", raising=False)
    assert cache.cache_folder() == root / "_build" / ".analysis"
    monkeypatch.setenv("RSII_CACHE", "/somewhere/else")
    assert str(cache.cache_folder()) == "/somewhere/else"
