"""The figures the chapters state in their prose, each with its name, chapter, value and
meaning: what the network and stance chapters glue into their sentences and what
``rsii export`` writes to ``results/figures.json``, from one :class:`Results`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rsii.analysis import camps
from rsii.analysis.results import Results
from rsii.data import load


@dataclass(frozen=True)
class Figure:
    """One number a chapter states: ``name`` (the name the chapter's prose uses for
    it), ``chapter`` (the notebook), ``value``, what it is (``meaning``) and, for a
    fraction, the ``digits`` the prose shows (``shown`` is the text it prints)."""

    name: str
    chapter: str
    value: int | float
    meaning: str
    digits: int | None = None

    @property
    def shown(self) -> int | str:
        return self.value if self.digits is None else f"{self.value:.{self.digits}f}"


def _chance(res: Results, model: str, measure: str, column: str) -> float:
    row = res.chance[(res.chance["model"] == model) & (res.chance["measure"] == measure)]
    return float(row[column].iloc[0])


def figures(res: Results, data: Path | None = None) -> list[Figure]:
    """The figures the network and stance chapters state in their prose, as the
    chapters glue them and ``rsii export`` writes them (``results/figures.json``)."""
    stances, relations = load.stances(data), load.relations(data)
    G = load.network(data)
    s = res.main.summary
    frustration = camps.MEASURES["frustration"][0]
    permuted, rewired = "sign permutations", "degree-preserving rewirings"
    bundled = "sign permutations within sentences"
    said, acts = stances[stances["mode"] == "statement"], stances[stances["mode"] == "act"]

    def count(rows, stance: str) -> int:
        return int((rows["stance"] == stance).sum())

    out = [
        ("n_actors", "network", G.number_of_nodes(), "actors coded"),
        ("n_ties", "network", G.number_of_edges(), "relations coded (ties of the actor network)"),
        ("n_relation_types", "network", int(relations["relation"].nunique()), "relation types"),
        ("n_positive", "network", int((relations["sign"] == 1).sum()), "positive relations"),
        ("n_negative", "network", int((relations["sign"] == -1).sum()), "negative relations"),
        ("n_inferred", "network", int(relations["inferred"].sum()), "inferred relations"),
        ("n_isolated", "network", sum(1 for n in G if G.degree(n) == 0), "actors with no tie"),
        ("n_statements", "stances", len(stances), "stances coded"),
        ("n_support", "stances", int((stances["stance"] == "support").sum()), "support"),
        ("n_oppose", "stances", int((stances["stance"] == "oppose").sum()), "opposition"),
        ("n_said", "stances", len(said), "stances that are statements (what actors say)"),
        ("n_said_support", "stances", count(said, "support"), "statements of support"),
        ("n_said_oppose", "stances", count(said, "oppose"), "statements of opposition"),
        ("n_acts", "stances", len(acts), "stances that are acts (founding, joining, approving)"),
        ("n_act_support", "stances", count(acts, "support"), "acts of support"),
        ("n_act_oppose", "stances", count(acts, "oppose"), "acts of opposition"),
        ("s_actors", "stances", s["actors"], "actors in the main signed network"),
        ("s_ties", "stances", s["ties"], "ties in the main signed network"),
        ("s_negative", "stances", s["negative"], "negative ties in the main signed network"),
        ("s_triangles", "stances", s["triangles"], "triangles in the main signed network"),
        ("s_share", "stances", s["balanced_share"], "share of balanced triangles"),
        ("s_walk", "stances", s["walk_index"], "walk-based balance index (β = 1)"),
        ("s_frustration", "stances", s["frustration"], "frustration index (exact)"),
        ("s_splits", "stances", s["optimal_splits"], "optimal two-camp splits"),
        ("s_clusters", "stances", s["clusters"], "clusters of the best clustering"),
        ("s_misfits", "stances", s["misfits"], "misfitting ties of the best clustering"),
        ("p_share", "stances", _chance(res, permuted, camps.MEASURES["balanced_share"][0],
         "p_value"), "share of sign permutations as balanced by balanced triangles"),
        ("p_frustration", "stances", _chance(res, permuted, frustration, "p_value"),
         "share of sign permutations as balanced by the frustration index"),
        ("p_frustration_rewired", "stances", _chance(res, rewired, frustration, "p_value"),
         "share of degree-preserving rewirings as balanced by the frustration index"),
        ("null_frustration", "stances", _chance(res, permuted, frustration, "mean"),
         "mean frustration index of the sign permutations"),
        ("p_frustration_sentences", "stances", _chance(res, bundled, frustration, "p_value"),
         "share of sign permutations within sentences as balanced by the frustration index"),
        ("null_frustration_sentences", "stances", _chance(res, bundled, frustration, "mean"),
         "mean frustration index of the sign permutations within sentences"),
    ]  # fmt: skip
    digits = {"s_share": 2, "s_walk": 2, "null_frustration": 1, "null_frustration_sentences": 1}
    digits |= {name: 3 for name, *_ in out if name.startswith("p_")}
    return [Figure(*row, digits=digits.get(row[0])) for row in out]
