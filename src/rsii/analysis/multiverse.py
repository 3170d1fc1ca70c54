"""A multiverse of defensible models: every combination of the modelling choices, each
measured as the main model is, and in how many of them a finding holds.

A finding drawn from one signed network rests on the choices that built it: whether
ties of affiliation count, how a state and the agents that act for it stand, whether
acts count as positions, whether the founding ties and the coder's inferences are kept
(:class:`rsii.analysis.results.Model`). Each choice has defensible options, so rather
than defend one combination the analysis runs them all, a *multiverse* (Steegen et al.
2016), and reports a finding with the share of models in which it holds, as a
specification curve does (Simonsohn, Simmons & Nelson 2020). Each hard case of the
codebook is one more model: the main model under the case's other reading.

:func:`grid` measures every model (:class:`Multiverse`, one row each); :func:`holds`
counts the models in which a finding holds, and :func:`rests_on` names the choices it
needs. The book computes the grid once, with everything else
(:func:`rsii.analysis.results.compute`).

References: Steegen, S., Tuerlinckx, F., Gelman, A. & Vanpaemel, W. (2016). Increasing
transparency through a multiverse analysis. *Perspectives on Psychological Science*
11(5), 702–712. Simonsohn, U., Simmons, J. P. & Nelson, L. D. (2020). Specification
curve analysis. *Nature Human Behaviour* 4, 1208–1214. Davis, J. A. (1967). Clustering
and structural balance in graphs. *Human Relations* 20, 181–187.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from rsii.analysis import balance, nulls, results, signed
from rsii.data import load

# Each modelling choice and its options, the main model's option first.
OPTIONS: dict[str, tuple] = {
    "affiliation": (False, True),
    "states": results.STATES,
    "acts": (True, False),
    "founding": (True, False),
    "inferred": (True, False),
}
CHOICES = tuple(OPTIONS)
COLUMNS = (
    *CHOICES, "case", "main", "actors", "ties", "negative", "triangles", "balanced",
    "balanced_share", "walk_index", "frustration", "optimal_splits", "clusters", "misfits",
    "three_clusters", "fewest_clusters", "misfit_ties", "unbalanced", "together", "apart",
    "support", "oppose", "p_share",
)  # fmt: skip


def models(cases: Iterable[str] = ()) -> list[results.Model]:
    """Every combination of the modelling choices, then the main model under each hard
    case in ``cases``.

    Returns
    -------
    list of Model
        The combinations in the order of :data:`OPTIONS` (the last choice varying
        fastest), the main model first; then one model per hard case id of ``cases``.

    Examples
    --------
    >>> grid = models()
    >>> len(grid), grid[0] == results.MAIN
    (48, True)
    """
    combos = [results.Model(**dict(zip(CHOICES, c, strict=True))) for c in
              itertools.product(*OPTIONS.values())]  # fmt: skip
    return combos + [replace(results.MAIN, case=c) for c in cases]


def fewest_clusters(G: nx.Graph, best: int | None = None) -> tuple[int, dict[int, int]]:
    """The smallest number of clusters that reaches the fewest misfits of any clustering.

    :func:`rsii.analysis.signed.clustering` without ``k`` gives the finest optimal
    partition; a coarser one may reach the same misfits. This tries k = 1, 2, … (at
    most k clusters in each connected part of ``G``) until the misfits equal the
    unconstrained optimum. With k = 2 the misfits are the frustration index, so the
    cost of two camps and of three clusters can be compared directly.

    Parameters
    ----------
    G : nx.Graph
        A signed graph (edge attribute ``sign`` ∈ {+1, −1}).
    best : int or None
        The fewest misfits of any clustering, if known (else computed).

    Returns
    -------
    k : int
        The smallest number of clusters (per connected part) with the fewest misfits.
    misfits : dict
        k → the fewest misfits with at most k clusters, for every k tried (at least
        1, 2 and 3).

    Examples
    --------
    Two positive pairs, every other tie negative: two camps cost one misfit, three
    clusters none.

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("c", "d")], sign=1)
    >>> G.add_edges_from([("a", "c"), ("a", "e"), ("c", "e")], sign=-1)
    >>> fewest_clusters(G)
    (3, {1: 3, 2: 1, 3: 0})

    References
    ----------
    Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations*
    20, 181–187.
    """
    best = signed.clustering(G).misfits if best is None else best
    found, smallest = {}, None
    for k in itertools.count(1):
        if k == 1:  # one cluster per connected part: every negative tie is a misfit
            found[k] = sum(1 for *_, s in G.edges(data="sign") if s < 0)
        elif found[k - 1] == best:  # more clusters cannot do better than the best
            found[k] = best
        else:
            found[k] = signed.clustering(G, k).misfits
        if smallest is None and found[k] == best:
            smallest = k
        if smallest is not None and k >= 3:
            return smallest, found
    raise AssertionError("unreachable")  # pragma: no cover


def misfit_ties(G: nx.Graph) -> tuple[tuple, ...]:
    """The ties out of place in some optimal clustering (any number of clusters).

    Several partitions can reach the fewest misfits, each with its own misfitting
    ties; this gathers them over every optimal partition
    (:func:`rsii.analysis.signed.optimal_clusterings`).

    Returns a sorted tuple of (u, v, sign), empty when ``G`` is clusterable.

    Examples
    --------
    A positive path a–b–c closed by a negative tie: any one of the three misfits.

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c")], sign=1)
    >>> G.add_edge("a", "c", sign=-1)
    >>> misfit_ties(G)
    (('a', 'b', 1), ('a', 'c', -1), ('b', 'c', 1))
    """
    ties = set()
    for partition in signed.optimal_clusterings(G):
        ties.update(balance._frustrated_edges(G, partition))
    return tuple(sorted(ties))


def share_against_chance(G: nx.Graph, draws: int = 1000, seed: int = 2015) -> float:
    """The share of sign permutations at least as balanced as ``G`` by its share of
    balanced triangles, (r + 1) / (n + 1).

    The draws are those of :func:`rsii.analysis.nulls.permuted_graphs` with the same
    ``seed``, measured at once on the triangles' edges, so the value equals the stance
    chapter's for the main model (:func:`rsii.analysis.camps.against_chance`).

    NaN when ``G`` has no triangle.

    Examples
    --------
    A triangle with one negative tie is unbalanced; a third of the permutations place
    the negative sign elsewhere, all unbalanced too.

    >>> G = nx.Graph()
    >>> G.add_edges_from([("a", "b"), ("b", "c")], sign=1)
    >>> G.add_edge("a", "c", sign=-1)
    >>> share_against_chance(G, draws=9, seed=1)
    1.0
    """
    _, rank, pairs, signs_in_order = nulls._numbered(G)
    column = {pair: e for e, pair in enumerate(pairs)}
    tri = balance.triangles(G)
    if not len(tri):
        return float("nan")
    ends = [(rank[t.u], rank[t.v], rank[t.w]) for t in tri.itertuples()]
    cols = np.array([[column[(a, b)], column[(a, c)], column[(b, c)]] for a, b, c in ends])
    signs = np.array(signs_in_order)
    rng = np.random.default_rng(seed)
    shuffled = np.array([rng.permutation(signs) for _ in range(draws)], dtype=int)
    shuffled = shuffled.reshape(draws, len(signs))
    shares = (shuffled[:, cols].prod(axis=2) > 0).mean(axis=1)
    observed = float((signs[cols].prod(axis=1) > 0).mean())
    return nulls.place(observed, pd.Series(shares), lower_is_balanced=False)["p_value"]


def counted_stances(model: results.Model = results.MAIN, data: Path | None = None) -> pd.DataFrame:
    """The stances ``model`` counts as positions: statements only when acts are out,
    without the founding acts or the inferred rows when those are out, under the hard
    case's reading when it has one; a stance between two agents of one state is not
    counted when states are merged (as :func:`rsii.analysis.results.signed_ties`)."""
    stances = load.stances(data) if model.case is None else load.apply_case(model.case, data)[0]
    if not model.acts:
        stances = stances[stances["mode"] != "act"]
    if not model.founding:
        founding = stances["sentence"].isin(results.FOUNDING_SENTENCES)
        stances = stances[~(founding & (stances["mode"] == "act"))]
    if not model.inferred:
        stances = stances[~stances["inferred"].astype(bool)]
    if model.states == "merged":
        relations = load.relations(data) if model.case is None else load.apply_case(
            model.case, data)[1]  # fmt: skip
        agents = results.agents_of_states(load.actors(data), relations)
        same = stances["actor"].map(lambda a: agents.get(a, a)) == stances["target"].map(
            lambda a: agents.get(a, a))  # fmt: skip
        stances = stances[~same]
    return stances.reset_index(drop=True)


def _pairs(analysis: results.Analysis, relation: str) -> tuple[tuple[str, str], ...]:
    p = analysis.camps.pairs
    p = p[p["relation"] == relation]
    return tuple(zip(p["actor_a"], p["actor_b"], strict=True))


def describe(
    analysis: results.Analysis, data: Path | None = None, draws: int = 1000, seed: int = 2015
) -> dict:
    """One row of :class:`Multiverse`: ``analysis``'s model and what it measures.

    Parameters
    ----------
    analysis : Analysis
        One model's analysis (:func:`rsii.analysis.results.analyse`); ``data``: its data
        package; ``draws`` and ``seed``: of ``p_share`` (:func:`share_against_chance`).

    Returns
    -------
    dict
        The columns of :data:`COLUMNS`: the choices, ``case`` ("" for none) and
        ``main``; the analysis's summary; ``three_clusters`` (the fewest misfits with
        three clusters per connected part) and ``fewest_clusters``
        (:func:`fewest_clusters`); ``misfit_ties`` (:func:`misfit_ties`);
        ``unbalanced`` (each unbalanced triangle as (u, v, w, negative ties));
        ``together`` and ``apart`` (the pairs of actors in one camp in every optimal
        two-camp split, and in none); ``support`` and ``oppose`` (the stances counted,
        :func:`counted_stances`) and ``p_share``.

    Examples
    --------
    >>> row = describe(results.analyse())
    >>> row["main"] and row["frustration"] == results.analyse().summary["frustration"]
    True
    """
    model, G = analysis.model, analysis.graph
    k, by_k = fewest_clusters(G, analysis.clustering.misfits)
    tri = analysis.triangles[~analysis.triangles["balanced"]]
    negatives = (tri[["sign_uv", "sign_uw", "sign_vw"]] < 0).sum(axis=1)
    stances = counted_stances(model, data)
    return {
        **{c: getattr(model, c) for c in CHOICES},
        "case": model.case or "",
        "main": model == results.MAIN,
        **analysis.summary,
        "three_clusters": by_k[3],
        "fewest_clusters": k,
        "misfit_ties": misfit_ties(G),
        "unbalanced": tuple(zip(tri["u"], tri["v"], tri["w"], negatives.astype(int), strict=True)),
        "together": _pairs(analysis, "together"),
        "apart": _pairs(analysis, "apart"),
        "support": int((stances["stance"] == "support").sum()),
        "oppose": int((stances["stance"] == "oppose").sum()),
        "p_share": share_against_chance(G, draws, seed),
    }


@dataclass(frozen=True)
class Multiverse:
    """Every model of :func:`grid`, measured: ``table`` has one row per model
    (:data:`COLUMNS`), the combinations of the choices first (the main model first of
    all), then the main model under each hard case (``case`` not empty); ``draws`` and
    ``seed`` are those of the sign permutations behind ``p_share``."""

    table: pd.DataFrame
    draws: int
    seed: int

    @property
    def combinations(self) -> pd.DataFrame:  # the rows of the combinations of the choices
        return self.table[self.table["case"] == ""]

    @property
    def readings(self) -> pd.DataFrame:  # the main model under each hard case's reading
        return self.table[self.table["case"] != ""]

    @property
    def main(self) -> dict:  # the main model's row
        return self.table[self.table["main"]].iloc[0].to_dict()

    def part(self, name: str) -> pd.DataFrame:
        """``"combinations"``, ``"readings"`` or ``"all"`` of the table."""
        parts = {"combinations": self.combinations, "readings": self.readings, "all": self.table}
        if name not in parts:
            raise ValueError(f"part must be one of {sorted(parts)}, got {name!r}")
        return parts[name]


def grid(
    data: Path | None = None,
    cases: Iterable[str] | None = None,
    draws: int = 1000,
    seed: int = 2015,
    known: dict | None = None,
) -> Multiverse:
    """Measure every defensible model: the :class:`Multiverse`.

    Parameters
    ----------
    data : Path or None
        The data package's folder (None: the package's own data).
    cases : iterable of str or None
        The hard cases to run on the main model (None: every case in ``cases.csv``;
        ``()``: none). Running them on every combination as well would multiply the
        grid by their number.
    draws, seed : int
        Of the sign permutations behind ``p_share``.
    known : dict or None
        Model → :class:`~rsii.analysis.results.Analysis` already computed (the main
        model's and the cases', in :func:`rsii.analysis.results.compute`), not
        computed again.

    Returns
    -------
    Multiverse
        One row per model of :func:`models`, in its order. Every model is computed
        alone and deterministically, so the rows do not depend on the order or on
        which analyses were ``known``.

    Examples
    --------
    >>> mv = grid(cases=(), draws=99)
    >>> len(mv.table) == 2 * 3 * 2 * 2 * 2 and bool(mv.table["main"].iloc[0])
    True

    References
    ----------
    Steegen, S., Tuerlinckx, F., Gelman, A. & Vanpaemel, W. (2016). Increasing
    transparency through a multiverse analysis. *Perspectives on Psychological
    Science* 11(5), 702–712.
    """
    if cases is None:
        cases = [str(c) for c in load.cases(data)["id"]]
    known, rows = known or {}, []
    for model in models(cases):
        rows.append(describe(known.get(model) or results.analyse(model, data), data, draws, seed))
    return Multiverse(pd.DataFrame(rows, columns=list(COLUMNS)), draws, seed)
