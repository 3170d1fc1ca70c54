"""Null models for the balance of a signed graph, and where the observed balance falls
among their draws.

Each model draws networks that keep some of the observed one and randomise the rest; the
balance measures of :func:`rsii.analysis.signed.edge_measures` are computed on every
draw. Two models see only the graph:

- ``sign permutations``: the same ties, their signs shuffled among them (the graph's
  number of negative ties kept);
- ``degree-preserving rewirings``: double-edge swaps among ties of one sign, so that
  every node keeps its positive and its negative degree (Maslov & Sneppen 2002).

Three fit how the ties were coded, and take the table of coded ties behind the graph
(:func:`rsii.analysis.results.signed_ties`: one row per coded tie with its ``source``,
``target``, ``sign``, ``kind`` and ``sentence``; pass it through :func:`mark_stances`,
since that table keeps a stance coded also as a relation as the relation). Their draws
shuffle coded ties, which are then joined into one signed edge per pair by majority, as
the observed graph was (:func:`rsii.analysis.balance.signed_graph`: a pair with as many
positive as negative ties drops out of that draw):

- ``sign permutations within sentences``: ties coded from one sentence exchange signs
  among themselves only; a sentence's bundle keeps its mix of signs (a restricted
  permutation test, Good 2005, with the sentence as the block of exchangeable ties);
- ``stance signs permuted within targets``: each target's stances exchange signs among
  themselves; the other ties keep theirs, and every target keeps its count of
  supporters and opponents;
- ``rewirings keeping speakers and targets apart``: double-edge swaps within ties of
  one sign and one class: stances, oriented from speaker to target, swap targets only
  (the swap of a bipartite matrix that keeps its row and column totals, Gotelli 2000:
  every speaker and every target keeps its signed degree, and no stance ties two
  speakers or two targets); other coded relations swap as
  in the degree-preserving model; the rule ties (empty ``sentence``: a government with
  its state) stay. An actor with stances only never gains a relation.

Draws are seeded (numpy's default_rng) and computed from the seed alone; their measures
may be spread over processes (``n_jobs``, joblib), which changes no value.

References: Maslov, S. & Sneppen, K. (2002). Specificity and stability in topology of
protein networks. *Science* 296, 910–913. Gotelli, N. J. (2000). Null model analysis of
species co-occurrence patterns. *Ecology* 81, 2606–2621. Good, P. I. (2005).
*Permutation, Parametric, and Bootstrap Tests of Hypotheses* (3rd ed.). Springer.
North, B. V., Curtis, D. & Sham, P. C. (2002). A note on the calculation of empirical P
values from Monte Carlo procedures. *American Journal of Human Genetics* 71, 439–441.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.stats import percentileofscore

from rsii.analysis import balance, signed
from rsii.analysis.signed import MEASURES

WITHIN = ("sentence", "target")


def _numbered(G: nx.Graph) -> tuple[list, dict, tuple, tuple]:
    """Nodes in sort order, their numbers, and the edges (i < j, sorted) with signs."""
    balance._check(G)
    order = balance._sorted(G)
    rank = {v: i for i, v in enumerate(order)}
    ties = sorted((*sorted((rank[u], rank[v])), s) for u, v, s in G.edges(data="sign"))
    return order, rank, tuple((i, j) for i, j, _ in ties), tuple(int(s) for *_, s in ties)


def _graph(order: list, edges: Iterable, signs: Iterable) -> nx.Graph:
    (H := nx.Graph()).add_nodes_from(order)
    H.add_edges_from(
        (order[i], order[j], {"sign": int(s)}) for (i, j), s in zip(edges, signs, strict=True)
    )
    return H


@dataclass(frozen=True)
class _Fixed:
    """Draws on the graph's own edges: a recipe is the signs, in edge order."""

    edges: tuple

    def realise(self, recipe) -> tuple[tuple, tuple]:
        return self.edges, tuple(int(s) for s in recipe)


@dataclass(frozen=True)
class _Votes:
    """Draws of the coded ties' signs (a recipe: one sign per tie row), joined into one
    edge per pair by majority; a pair whose votes cancel has no edge in that draw."""

    pairs: tuple  # (i, j), i < j, one per pair
    pair_of: np.ndarray  # each row's pair

    def realise(self, recipe) -> tuple[tuple, tuple]:
        total = np.bincount(self.pair_of, weights=recipe, minlength=len(self.pairs))
        keep = np.flatnonzero(total)
        return tuple(self.pairs[k] for k in keep), tuple(int(np.sign(total[k])) for k in keep)


@dataclass(frozen=True)
class _Swaps:
    """Double-edge swaps within groups of edges (one sign each; ``oriented`` groups keep
    their first end first); a recipe is one draw's attempts: which edge (its number
    over the groups in order), where to find the second (a uniform number) and whether
    to reverse it. ``fixed`` edges (i, j, sign) stay, but block swaps onto their pair.
    ``realise(recipe, labelled=True)`` also gives each edge's group (−1 if fixed) and
    first end (its speaker, for an oriented group; else −1)."""

    n: int
    groups: tuple  # per group, its edges
    signs: tuple  # per group, its sign
    oriented: tuple  # per group, whether swaps keep the edges' direction
    fixed: tuple

    def realise(self, recipe, labelled: bool = False) -> tuple:
        n, oriented, lists = self.n, self.oriented, [list(g) for g in self.groups]
        group = [g for g, es in enumerate(lists) for _ in es]
        index = [a for es in lists for a in range(len(es))]
        size = [len(es) for es in lists]
        present = {min(i, j) * n + max(i, j) for es in lists for i, j in es}
        present |= {i * n + j for i, j, _ in self.fixed}
        first, other, flips = (np.asarray(r).tolist() for r in recipe)
        for r, q, flip in zip(first, other, flips, strict=True):
            g = group[r]
            if size[g] < 2:
                continue
            a, b, same = index[r], int(q * (size[g] - 1)), lists[g]
            b += b >= a
            (p1, p2), (q1, q2) = same[a], same[b]
            if flip and not oriented[g]:
                q1, q2 = q2, q1
            if p1 == q2 or q1 == p2:
                continue
            k1 = p1 * n + q2 if p1 < q2 else q2 * n + p1
            k2 = q1 * n + p2 if q1 < p2 else p2 * n + q1
            if k1 in present or k2 in present:
                continue
            present.discard(p1 * n + p2 if p1 < p2 else p2 * n + p1)
            present.discard(q1 * n + q2 if q1 < q2 else q2 * n + q1)
            present.add(k1)
            present.add(k2)
            if oriented[g]:
                same[a], same[b] = (p1, q2), (q1, p2)
            else:
                same[a], same[b] = (min(p1, q2), max(p1, q2)), (min(q1, p2), max(q1, p2))
        out = [(i, j, s, -1, -1) for i, j, s in self.fixed]
        for g, (es, s) in enumerate(zip(lists, self.signs, strict=True)):
            out += [(*sorted(e), s, g, e[0] if oriented[g] else -1) for e in es]
        out.sort()
        edges, signs = tuple((e[0], e[1]) for e in out), tuple(e[2] for e in out)
        return (edges, signs, tuple(e[3:] for e in out)) if labelled else (edges, signs)


def _swap_recipes(spec: _Swaps, draws: int, seed: int, swaps: int) -> list:
    """Per draw, ``swaps`` × (movable edges) attempts: an edge, a uniform number for the
    second edge of its group and a coin for its orientation, drawn in that order."""
    m = sum(len(g) for g in spec.groups)
    rng = np.random.default_rng(seed)
    recipes = []
    for _ in range(draws):
        first = rng.integers(max(m, 1), size=swaps * m)
        recipes.append((first, rng.random(swaps * m), rng.integers(2, size=swaps * m)))
    return recipes


def _sign_spec(G: nx.Graph, draws: int, seed: int) -> tuple[list, _Fixed, list]:
    order, _, edges, signs = _numbered(G)
    rng = np.random.default_rng(seed)
    return order, _Fixed(edges), [rng.permutation(np.array(signs)) for _ in range(draws)]


def _rewiring_spec(G: nx.Graph, draws: int, seed: int, swaps: int) -> tuple[list, _Swaps, list]:
    order, _, edges, signs = _numbered(G)
    groups = tuple(tuple(e for e, t in zip(edges, signs, strict=True) if t == s) for s in (1, -1))
    spec = _Swaps(len(order), groups, (1, -1), (False, False), ())
    return order, spec, _swap_recipes(spec, draws, seed, swaps)


def _coded(G: nx.Graph, ties: pd.DataFrame) -> tuple[list, pd.DataFrame, _Votes]:
    """Each tie row's node numbers and pair, checked to make G by majority."""
    order, rank, edges, signs = _numbered(G)
    if missing := sorted({*ties["source"], *ties["target"]} - set(rank), key=repr):
        raise ValueError(f"ties name actors that are not in the graph: {missing[:5]}")
    rows = ties.assign(
        i=ties["source"].map(rank), j=ties["target"].map(rank), sign=ties["sign"].astype(int)
    )
    rows["pair"] = [
        (int(min(i, j)), int(max(i, j))) for i, j in zip(rows["i"], rows["j"], strict=True)
    ]
    pairs = tuple(sorted(set(rows["pair"])))
    spec = _Votes(pairs, np.array([pairs.index(p) for p in rows["pair"]], dtype=np.intp))
    if spec.realise(rows["sign"].to_numpy(float)) != (edges, signs):
        raise ValueError("the ties, joined by majority, do not make the graph's signed edges")
    return order, rows, spec


def mark_stances(ties: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    """The ties with a boolean column ``stance``: True for each row that codes one of
    ``stances`` (the same two actors, sign +1 for support and −1 for oppose, and the
    same sentence), be it the stance's own row or a relation row that
    :func:`rsii.analysis.network.signed_ties` kept in its place (a statement coded as
    both counts once); those rows are turned to run from the speaker (``actor``) to
    the ``target``. Without this column the models take rows of kind "stance: …".

    Parameters
    ----------
    ties : a table of :func:`rsii.analysis.results.signed_ties`.
    stances : stances.csv (columns actor, target, stance, sentence).

    Returns
    -------
    pandas.DataFrame
    """
    speaker = {
        (frozenset((s.actor, s.target)), 1 if str(s.stance) == "support" else -1, s.sentence): (
            s.actor,
            s.target,
        )
        for s in stances.itertuples()
    }
    keys = [(frozenset((t.source, t.target)), int(t.sign), t.sentence) for t in ties.itertuples()]
    out = ties.assign(stance=[k in speaker for k in keys])
    ends = [
        speaker.get(k, (u, v)) for k, u, v in zip(keys, ties["source"], ties["target"], strict=True)
    ]
    return out.assign(source=[u for u, _ in ends], target=[v for _, v in ends])


def _is_stance(rows: pd.DataFrame) -> np.ndarray:
    if "stance" in rows:
        return rows["stance"].astype(bool).to_numpy()
    return rows["kind"].astype(str).str.startswith("stance").to_numpy()


def _blocks(rows: pd.DataFrame, within: str) -> list[np.ndarray]:
    """The groups of tie rows that exchange signs: per coded sentence, or per target of
    the stances (the ``stance`` column of :func:`mark_stances`, else rows of kind
    "stance: …"); groups of one row are left out."""
    if within not in WITHIN:
        raise ValueError(f"within must be one of {WITHIN}, got {within!r}")
    sentence = rows["sentence"].fillna("").astype(str).to_numpy()
    if within == "sentence":
        keys, mask = sentence, sentence != ""
    else:
        keys, mask = rows["target"].astype(str).to_numpy(), _is_stance(rows)
    grouped = pd.Series(np.arange(len(rows))[mask]).groupby(keys[mask], sort=True)
    return [g.to_numpy() for _, g in grouped if len(g) > 1]


def _tie_recipes(rows: pd.DataFrame, within: str, draws: int, seed: int) -> list:
    """Per draw, the rows' signs (as floats) with each of ``_blocks`` shuffled in turn."""
    blocks, base = _blocks(rows, within), rows["sign"].to_numpy(float)
    rng = np.random.default_rng(seed)
    recipes = []
    for _ in range(draws):
        signs = base.copy()
        for block in blocks:
            signs[block] = rng.permutation(base[block])
        recipes.append(signs)
    return recipes


def _tie_spec(G, ties, within: str, draws: int, seed: int) -> tuple[list, _Votes, list]:
    order, rows, spec = _coded(G, ties)
    return order, spec, _tie_recipes(rows, within, draws, seed)


def _bipartite_spec(G, ties, draws: int, seed: int, swaps: int) -> tuple[list, _Swaps, list]:
    order, rows, _ = _coded(G, ties)
    _, _, edges, signs = _numbered(G)
    stance = _is_stance(rows)
    coded = rows["sentence"].fillna("").astype(str) != ""
    ends: dict = {}
    for pair, i, is_stance, is_coded in zip(rows["pair"], rows["i"], stance, coded, strict=True):
        ends.setdefault(pair, set()).add((i if is_stance else "relation") if is_coded else "rule")
    groups: dict = {(c, s): [] for c in ("relation", "stance") for s in (1, -1)}
    fixed = []
    for (i, j), s in zip(edges, signs, strict=True):
        kinds = ends[i, j]
        if kinds == {"rule"}:
            fixed.append((i, j, s))
        elif len(kinds) == 1 and (speaker := next(iter(kinds))) in (i, j):
            groups["stance", s].append((speaker, j if speaker == i else i))
        else:
            groups["relation", s].append((i, j))
    spec = _Swaps(len(order), tuple(map(tuple, groups.values())), tuple(s for _, s in groups),
                  tuple(c == "stance" for c, _ in groups), tuple(fixed))  # fmt: skip
    return order, spec, _swap_recipes(spec, draws, seed, swaps)


def permuted_graphs(G: nx.Graph, draws: int = 1000, seed: int = 0) -> Iterator[nx.Graph]:
    """``draws`` copies of G with its signs shuffled among its edges (numpy's
    default_rng(seed)): the ties and the number of negative ties stay."""
    order, spec, recipes = _sign_spec(G, draws, seed)
    yield from (_graph(order, *spec.realise(r)) for r in recipes)


def rewired_graphs(
    G: nx.Graph, draws: int = 1000, seed: int = 0, swaps: int = 10
) -> Iterator[nx.Graph]:
    """``draws`` rewirings of G, each from G afresh by ``swaps`` × (edges) attempted
    double-edge swaps (Maslov & Sneppen 2002) among edges of one sign: ab, cd become
    ad, cb, unless that makes a self-loop or an existing tie (of either sign). Every
    node keeps its positive and its negative degree; connectedness is not kept. An
    attempt picks an edge at random, a second of the same sign and an orientation."""
    order, spec, recipes = _rewiring_spec(G, draws, seed, swaps)
    yield from (_graph(order, *spec.realise(r)) for r in recipes)


def permuted_ties(
    ties: pd.DataFrame, within: str = "sentence", draws: int = 1000, seed: int = 0
) -> Iterator[pd.DataFrame]:
    """``draws`` copies of the coded ties with signs exchanged only among the rows of
    one sentence (``within="sentence"``; rows with no sentence keep theirs) or among
    the stances of one target (``within="target"``; other rows keep theirs)."""
    rows = ties.reset_index(drop=True)
    for signs in _tie_recipes(rows, within, draws, seed):
        yield rows.assign(sign=signs.astype(int))


def tie_permuted_graphs(
    G: nx.Graph, ties: pd.DataFrame, within: str = "sentence", draws: int = 1000, seed: int = 0
) -> Iterator[nx.Graph]:
    """The signed graphs of :func:`permuted_ties` (the same draws for the same seed),
    each pair's edge by majority of its ties; G's nodes all stay."""
    order, spec, recipes = _tie_spec(G, ties, within, draws, seed)
    yield from (_graph(order, *spec.realise(r)) for r in recipes)


def bipartite_rewired_graphs(
    G: nx.Graph, ties: pd.DataFrame, draws: int = 1000, seed: int = 0, swaps: int = 10
) -> Iterator[nx.Graph]:
    """``draws`` rewirings of G that keep speakers and targets apart (see the module's
    docstring): an edge all of whose coded ties are stances one way is a stance, from
    its speaker; one whose ties are all rules stays; any other is a relation. Each
    edge of a draw says which in its attribute ``tie`` ("stance", "relation" or
    "rule"), and a stance names its ``speaker``."""
    order, spec, recipes = _bipartite_spec(G, ties, draws, seed, swaps)
    for r in recipes:
        edges, signs, labels = spec.realise(r, labelled=True)
        H = _graph(order, edges, signs)
        for (i, j), (g, speaker) in zip(edges, labels, strict=True):
            data = H.edges[order[i], order[j]]
            data["tie"] = "rule" if g < 0 else "stance" if spec.oriented[g] else "relation"
            if speaker >= 0:
                data["speaker"] = order[speaker]
        yield H


def _evaluate(n: int, spec, recipes: list, measures: tuple) -> list[dict]:
    return [signed.edge_measures(n, *spec.realise(r), measures) for r in recipes]


def _table(order: list, spec, recipes: list, measures: Iterable[str], n_jobs: int) -> pd.DataFrame:
    """One row per draw: its measures, computed in ``n_jobs`` processes (joblib)."""
    measures = tuple(measures)
    signed.edge_measures(0, [], [], measures)  # unknown names fail here, not in a worker
    if n_jobs == 1 or len(recipes) < 2:
        rows = _evaluate(len(order), spec, recipes, measures)
    else:
        cuts = np.linspace(0, len(recipes), 4 * max(n_jobs, 2) + 1).astype(int)
        parts = Parallel(n_jobs=n_jobs)(
            delayed(_evaluate)(len(order), spec, recipes[a:b], measures)
            for a, b in zip(cuts[:-1], cuts[1:], strict=True)
        )
        rows = [row for part in parts for row in part]
    return pd.DataFrame(
        [{"draw": d, **row} for d, row in enumerate(rows)], columns=["draw", *measures]
    )


def sign_permutations(
    G: nx.Graph, draws: int = 1000, seed: int = 0, measures=MEASURES, n_jobs: int = 1
) -> pd.DataFrame:
    """One row per draw of :func:`permuted_graphs`: its ``measures``.

    Parameters
    ----------
    G : the observed signed graph.
    draws, seed : the number of draws and the seed of numpy's default_rng.
    measures : names from :data:`rsii.analysis.signed.MEASURES`.
    n_jobs : processes computing the measures (joblib); 1 computes them here. The
        values do not depend on it.

    Returns
    -------
    pandas.DataFrame
        ``draw`` (0 … draws − 1) and one column per measure, as
        :func:`rsii.analysis.signed.balance_measures` gives them on the drawn graph.
    """
    return _table(*_sign_spec(G, draws, seed), measures, n_jobs)


def degree_preserving_rewirings(
    G: nx.Graph, draws: int = 1000, seed: int = 0, measures=MEASURES, swaps: int = 10,
    n_jobs: int = 1,
) -> pd.DataFrame:  # fmt: skip
    """One row per draw of :func:`rewired_graphs`: its ``measures``."""
    return _table(*_rewiring_spec(G, draws, seed, swaps), measures, n_jobs)


def sentence_permutations(
    G: nx.Graph, ties: pd.DataFrame, draws: int = 1000, seed: int = 0, measures=MEASURES,
    n_jobs: int = 1,
) -> pd.DataFrame:  # fmt: skip
    """One row per draw of :func:`tie_permuted_graphs` within sentences: its ``measures``
    (columns as :func:`sign_permutations`). ``ties``: the coded ties behind G, whose
    majority per pair must give G's signed edges (ValueError otherwise), best passed
    through :func:`mark_stances`."""
    return _table(*_tie_spec(G, ties, "sentence", draws, seed), measures, n_jobs)


def target_permutations(
    G: nx.Graph, ties: pd.DataFrame, draws: int = 1000, seed: int = 0, measures=MEASURES,
    n_jobs: int = 1,
) -> pd.DataFrame:  # fmt: skip
    """One row per draw of :func:`tie_permuted_graphs` within targets: its ``measures``
    (as :func:`sentence_permutations`; the stances are the rows :func:`mark_stances`
    marks, else those of kind "stance: …")."""
    return _table(*_tie_spec(G, ties, "target", draws, seed), measures, n_jobs)


def bipartite_rewirings(
    G: nx.Graph, ties: pd.DataFrame, draws: int = 1000, seed: int = 0, measures=MEASURES,
    swaps: int = 10, n_jobs: int = 1,
) -> pd.DataFrame:  # fmt: skip
    """One row per draw of :func:`bipartite_rewired_graphs`: its ``measures``."""
    return _table(*_bipartite_spec(G, ties, draws, seed, swaps), measures, n_jobs)


def place(observed: float, null: pd.Series, lower_is_balanced: bool, tol: float = 1e-9) -> dict:
    """Where an observed figure falls among a null model's draws (NaN draws dropped).

    ``as_balanced``: the draws at least as balanced as observed (≤ it if lower is more
    balanced, else ≥; ties within ``tol`` relative count), r of n; ``p_value``: the
    one-sided empirical p-value (r + 1) / (n + 1), which counts the observation as one
    draw and is never 0 (North, Curtis & Sham 2002); ``floor``: its least possible value
    1 / (n + 1), the resolution of n draws, and ``at_floor``: whether no draw was as
    balanced, so that the p-value says only "below 1 in n + 1"; ``percentile``: scipy's
    percentileofscore (kind "mean", ties counted half); and the draws' ``mean`` and 5 %
    and 95 % quantiles ``low``, ``high``.
    """
    draws = pd.Series(null, dtype=float).dropna().to_numpy()
    n, nan = len(draws), float("nan")
    out = {"observed": float(observed), "draws": n, "as_balanced": 0}
    out |= dict.fromkeys(("p_value", "percentile", "mean", "low", "high"), nan)
    out |= {"floor": 1 / (n + 1), "at_floor": False}
    if n == 0 or np.isnan(observed):
        return out
    slack = tol * max(1.0, abs(observed))
    at_least = draws <= observed + slack if lower_is_balanced else draws >= observed - slack
    r = int(at_least.sum())
    low, high = np.quantile(draws, [0.05, 0.95])
    pct = float(percentileofscore(draws, observed, kind="mean"))
    out |= dict(as_balanced=r, p_value=(r + 1) / (n + 1), percentile=pct, low=float(low))
    return out | dict(mean=float(draws.mean()), high=float(high), at_floor=r == 0)
