"""Where the observed balance of a signed network falls against chance: the null models
the stance chapter reports (the rest of its analysis is :mod:`rsii.analysis.results`).

Balance and its measures: :mod:`rsii.analysis.balance` (Heider 1946; Cartwright &
Harary 1956; Estrada & Benzi 2014; Aref, Mason & Wilson 2020). Clusters:
:mod:`rsii.analysis.signed` (Davis 1967; Doreian & Mrvar 1996). Null models:
:mod:`rsii.analysis.nulls` (Maslov & Sneppen 2002).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from rsii.analysis import nulls, signed

# How the book names each measure, and whether a lower value is the more balanced one.
MEASURES = {
    "balanced_share": ("share of balanced triangles", False),
    "walk_index": ("walk-based balance", False),
    "frustration": ("frustration index (two camps)", True),
    "misfits": ("misfitting ties (any number of clusters)", True),
}
# The null models, and whether each needs the coded ties (variant_ties) behind the graph.
NULL_MODELS = {
    "sign permutations": (nulls.sign_permutations, False),
    "degree-preserving rewirings": (nulls.degree_preserving_rewirings, False),
    "sign permutations within sentences": (nulls.sentence_permutations, True),
    "stance signs permuted within targets": (nulls.target_permutations, True),
    "rewirings keeping speakers and targets apart": (nulls.bipartite_rewirings, True),
}


def against_chance(
    G: nx.Graph,
    draws: int = 1000,
    seed: int = 2015,
    ties: pd.DataFrame | None = None,
    models=None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Where each observed measure falls in each null model's distribution.

    Parameters
    ----------
    G : the signed graph.
    draws, seed : draws per model, and the seed of every model's generator.
    ties : the coded ties behind G (:func:`rsii.analysis.results.signed_ties`) passed
        through :func:`rsii.analysis.nulls.mark_stances`, which the last three of
        :data:`NULL_MODELS` need (unmarked, only rows of kind "stance: …" count as
        stances, and most stances were kept as relations).
    models : names from :data:`NULL_MODELS`; by default every model that the inputs
        allow: all five with ``ties``, the two graph-only ones without.
    n_jobs : processes for the draws' measures (joblib); the values do not depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per model and measure: the observed value, the null's mean and 5–95 %
        range, the share of draws at least as balanced as observed ((r + 1) / (n + 1),
        ``p_value``), its least possible value ``floor`` = 1 / (n + 1) and ``at_floor``
        (no draw as balanced: the share is "below 1 in n + 1", not an estimate); see
        :func:`rsii.analysis.nulls.place`.
    """
    if models is None:
        models = [m for m, (_, coded) in NULL_MODELS.items() if ties is not None or not coded]
    if unknown := [m for m in models if m not in NULL_MODELS]:
        raise ValueError(f"unknown null models {unknown}; choose from {list(NULL_MODELS)}")
    if ties is None and (coded := [m for m in models if NULL_MODELS[m][1]]):
        raise ValueError(f"null models {coded} need the coded ties (ties=...)")
    observed = signed.balance_measures(G)
    rows = []
    for model in models:
        draw, coded = NULL_MODELS[model]
        data = (G, ties) if coded else (G,)
        null = draw(*data, draws=draws, seed=seed, n_jobs=n_jobs)
        for measure, (label, lower) in MEASURES.items():
            placed = nulls.place(observed[measure], null[measure], lower_is_balanced=lower)
            rows.append({"model": model, "measure": label, **placed})
    return pd.DataFrame(rows)
