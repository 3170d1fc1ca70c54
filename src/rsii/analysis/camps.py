"""The signed analysis of the stance chapter, as tables: how balanced each variant of the
signed network is, into how many camps it falls, which actors every optimal split keeps
together, and where the observed figures fall against chance.

Balance and its measures: :mod:`rsii.analysis.balance` (Heider 1946; Cartwright &
Harary 1956; Estrada & Benzi 2014; Aref, Mason & Wilson 2020). Clusters:
:mod:`rsii.analysis.signed` (Davis 1967; Doreian & Mrvar 1996). Null models:
:mod:`rsii.analysis.nulls` (Maslov & Sneppen 2002).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from rsii.analysis import balance, network, nulls, signed

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


def summary(G: nx.Graph) -> dict:
    """The figures of one signed network: its size, the three balance measures, how
    many two-camp splits are optimal, and the best split into any number of clusters."""
    best = signed.clustering(G)
    splits = balance.optimal_partitions(G)
    clusters = {c for n, c in best.partition.items() if G.degree(n) > 0}
    return {
        **network.balance_summary(G),
        "optimal_splits": len(splits),
        "clusters": len(clusters),
        "misfits": best.misfits,
    }


def variants(relations, stances, actors, sentiment_types) -> pd.DataFrame:
    """:func:`summary` of each signed network of :data:`rsii.analysis.network.VARIANTS`."""
    rows = []
    for name, description in network.VARIANTS.items():
        ties = network.variant_ties(name, relations, stances, actors, sentiment_types)
        rows.append({"variant": name, "description": description,
                     **summary(network.signed_network(ties))})  # fmt: skip
    return pd.DataFrame(rows)


def stable_groups(G: nx.Graph) -> tuple[list[dict], list[set]]:
    """Every optimal two-camp split, and the groups of tied actors that all of them keep
    in one camp (an actor that changes camp between splits is alone in its group)."""
    splits = balance.optimal_partitions(G)
    return splits, signed.stable_members(splits, G)


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
    ties : the coded ties behind G (:func:`rsii.analysis.network.variant_ties`) passed
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
