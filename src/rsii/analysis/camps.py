"""Where the observed balance of a signed network falls against chance: the null models
the stance chapter reports (the rest of its analysis is :mod:`rsii.analysis.results`).

Balance and its measures: :mod:`rsii.analysis.balance` (Heider 1946; Cartwright &
Harary 1956; Estrada & Benzi 2014; Aref, Mason & Wilson 2020). Clusters and null models:
:mod:`rsii.analysis.signed` (Davis 1967; Doreian & Mrvar 1996; Maslov & Sneppen 2002).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from rsii.analysis import signed

# How the book names each measure, and whether a lower value is the more balanced one.
MEASURES = {
    "balanced_share": ("share of balanced triangles", False),
    "walk_index": ("walk-based balance", False),
    "frustration": ("frustration index (two camps)", True),
    "misfits": ("misfitting ties (any number of clusters)", True),
}
NULL_MODELS = {
    "sign permutations": signed.sign_permutations,
    "degree-preserving rewirings": signed.degree_preserving_rewirings,
}


def against_chance(G: nx.Graph, draws: int = 1000, seed: int = 2015) -> pd.DataFrame:
    """Where each observed measure falls in each null model's distribution: one row per
    model and measure, with the observed value, the null's mean and 5–95 % range, and
    the share of draws at least as balanced as observed ((r + 1) / (n + 1))."""
    observed = signed.balance_measures(G)
    rows = []
    for model, draw in NULL_MODELS.items():
        null = draw(G, draws=draws, seed=seed)
        for measure, (label, lower) in MEASURES.items():
            placed = signed.place(observed[measure], null[measure], lower_is_balanced=lower)
            rows.append({"model": model, "measure": label, "observed": observed[measure],
                         **placed})  # fmt: skip
    return pd.DataFrame(rows)
