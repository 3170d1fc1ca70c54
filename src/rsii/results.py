"""Every result the book shows, as files for ``rsii export``: readers can reuse them
without Jupyter. Each writer recomputes from the data folder it is given."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import balance, centrality, dna, load, network
from .export import csv_text, register


def _signed(data: Path):
    ties = network.signed_ties(load.relations(data), load.stances(data))
    return ties, network.signed_network(ties)


@register(
    "results/centralities.csv",
    description="degree, betweenness and eigenvector "
    "centrality of every actor in the relation network",
)
def _centralities(data: Path) -> str:
    cent = centrality.centralities(load.network(data)).rename_axis("actor").reset_index()
    return csv_text(cent)


@register("results/blocs.csv", description="each actor's bloc, by the rule in rsii.network.blocs")
def _blocs(data: Path) -> str:
    groups = network.blocs(load.network(data))
    return csv_text(pd.DataFrame({"actor": list(groups), "bloc": list(groups.values())}))


def _matrix(kind: str, normalization: str):
    def write(data: Path) -> str:
        fn = dna.congruence if kind == "congruence" else dna.conflict
        matrix = fn(load.stances(data), normalization=normalization)
        return csv_text(matrix.rename_axis("actor").reset_index())

    return write


for _kind in ("congruence", "conflict"):
    for _norm in dna.NORMALIZATIONS:
        register(
            f"results/{_kind}_{_norm}.csv",
            _matrix(_kind, _norm),
            description=f"actor × actor {_kind} of the stances, normalisation: {_norm}",
        )


@register(
    "results/balance.csv",
    description="balance of the signed actor network: "
    "triangles, walk-based index, frustration index",
)
def _balance(data: Path) -> str:
    _, G = _signed(data)
    return csv_text(pd.DataFrame([network.balance_summary(G)]))


@register(
    "results/camps.csv",
    description="the two camps of the optimal partition "
    "(columns actor, camp; camp A holds the 4+1 coalition)",
)
def _camps(data: Path) -> str:
    _, G = _signed(data)
    return csv_text(network.camps(G))


@register(
    "results/frustrated_ties.csv",
    description="ties the optimal partition leaves "
    "frustrated, with the coded rows, sentences and footnotes behind them",
)
def _frustrated(data: Path) -> str:
    ties, G = _signed(data)
    return csv_text(network.frustrated_ties(G, ties))


@register(
    "results/optimal_partitions.csv",
    description="every optimal two-camp split "
    "(one column per split), to see which camps are forced",
)
def _partitions(data: Path) -> str:
    _, G = _signed(data)
    splits = balance.optimal_partitions(G)
    table = pd.DataFrame({f"split_{i + 1}": s for i, s in enumerate(splits)})
    return csv_text(table.rename_axis("actor").reset_index())


@register(
    "results/sensitivity.csv",
    description="the balance analysis rerun under each hard case of the coding (data/cases.csv)",
)
def _sensitivity(data: Path) -> str:
    rerun = network.sensitivity(
        load.cases(data),
        lambda case: load.apply_case(case, data),
        load.relations(data),
        load.stances(data),
    )
    return csv_text(rerun)
