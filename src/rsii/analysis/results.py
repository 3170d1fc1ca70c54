"""Every result the book shows, as a table computed from a data folder, so that
``rsii export`` can write them for readers who work without Jupyter. Each function
recomputes from the folder it is given (None: the package's data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rsii.analysis import balance, centrality, dna, network
from rsii.data import load


def _signed(data: Path | None):
    ties = network.signed_ties(load.relations(data), load.stances(data))
    return ties, network.signed_network(ties)


def centralities(data: Path | None = None) -> pd.DataFrame:
    """Degree, betweenness and eigenvector centrality of every actor."""
    return centrality.centralities(load.network(data)).rename_axis("actor").reset_index()


def blocs(data: Path | None = None) -> pd.DataFrame:
    """Each actor's bloc, by the rule of :func:`rsii.analysis.network.assign_blocs`."""
    groups = network.assign_blocs(load.network(data))
    return pd.DataFrame({"actor": list(groups), "bloc": list(groups.values())})


def one_mode(kind: str, normalization: str, data: Path | None = None) -> pd.DataFrame:
    """The actor × actor congruence or conflict matrix of the stances."""
    fn = dna.congruence if kind == "congruence" else dna.conflict
    matrix = fn(load.stances(data), normalization=normalization)
    return matrix.rename_axis("actor").reset_index()


def balance_measures(data: Path | None = None) -> pd.DataFrame:
    """Triangles, the walk-based index and the frustration index, in one row."""
    return pd.DataFrame([network.balance_summary(_signed(data)[1])])


def camps(data: Path | None = None) -> pd.DataFrame:
    """The two camps of the optimal partition (camp A holds the 4+1 coalition)."""
    return network.camps(_signed(data)[1])


def frustrated_ties(data: Path | None = None) -> pd.DataFrame:
    """The ties the optimal partition leaves frustrated, with the rows behind them."""
    ties, G = _signed(data)
    return network.frustrated_ties(G, ties)


def optimal_partitions(data: Path | None = None) -> pd.DataFrame:
    """Every optimal two-camp split, one column per split."""
    splits = balance.optimal_partitions(_signed(data)[1])
    table = pd.DataFrame({f"split_{i + 1}": s for i, s in enumerate(splits)})
    return table.rename_axis("actor").reset_index()


def sensitivity(data: Path | None = None) -> pd.DataFrame:
    """The balance analysis rerun under each hard case of the coding."""
    return network.sensitivity(
        load.cases(data),
        lambda case: load.apply_case(case, data),
        load.relations(data),
        load.stances(data),
    )
