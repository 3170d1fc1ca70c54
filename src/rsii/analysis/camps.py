"""The signed analysis of the stance chapter, as tables: how balanced each variant of the
signed network is, into how many camps it falls, which actors every optimal split keeps
together, and where the observed figures fall against chance.

Balance and its measures: :mod:`rsii.analysis.balance` (Heider 1946; Cartwright &
Harary 1956; Estrada & Benzi 2014; Aref, Mason & Wilson 2020). Clusters and null models:
:mod:`rsii.analysis.signed` (Davis 1967; Doreian & Mrvar 1996; Maslov & Sneppen 2002).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from rsii.analysis import balance, network, signed

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
