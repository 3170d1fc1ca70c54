"""Clusterability, optimal clusterings, balance measures and PN centrality of signed graphs.

Signed graphs are those of :mod:`rsii.analysis.balance`: a simple undirected ``nx.Graph``
whose edges carry ``sign`` ∈ {+1, −1}.

*Clusterability* relaxes balance from two camps to any number (Davis 1967): a graph is
clusterable when its nodes split into clusters with every positive tie inside a cluster
and every negative tie between two; it is iff no cycle has exactly one negative edge.
How far a graph is from that is the least number of *misfits* over all partitions: the
N negative ties inside clusters plus the P positive ties between them, twice Doreian &
Mrvar's (1996) criterion α·N + (1 − α)·P at α = 0.5, and the objective of *correlation
clustering* (Bansal, Blum & Chawla 2004). With two clusters at most it is the
frustration index of :func:`rsii.analysis.balance.frustration`.

:func:`balance_measures` gives the four measures that the null models of
:mod:`rsii.analysis.nulls` compare with chance; its exact frustration index and misfits
come from a tree decomposition (:mod:`rsii.analysis.treedp`, about a millisecond on the
stance chapter's graph), the integer programmes below taking over for graphs too wide
for it. Partitions themselves (which clusters, which ties misfit) come from those
integer programmes, solved with scipy.optimize.milp (HiGHS).

References: Davis, J. A. (1967). Clustering and structural balance in graphs. *Human
Relations* 20, 181–187. Doreian, P. & Mrvar, A. (1996). A partitioning approach to
structural balance. *Social Networks* 18, 149–168. Bansal, N., Blum, A. & Chawla, S.
(2004). Correlation clustering. *Machine Learning* 56, 89–113. Cartwright, D. & Harary,
F. (1956). Structural balance: a generalization of Heider's theory. *Psychological
Review* 63, 277–293. Everett, M. G. & Borgatti, S. P.
(2014). Networks containing negative ties. *Social Networks* 38, 111–120.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from rsii.analysis import balance, treedp
from rsii.analysis.balance import _check, _sorted

CHORDLESS = 8  # the longest chordless cycles given to the cover at once
MEASURES = ("balanced_share", "walk_index", "frustration", "misfits")
LOWER_IS_BALANCED = dict(balanced_share=False, walk_index=False, frustration=True, misfits=True)


def is_clusterable(G: nx.Graph) -> bool:
    """Whether the nodes split into clusters, + inside and − between: iff no cycle has
    exactly one negative edge (Davis 1967), i.e. no negative edge joins two nodes of a
    component of the positive edges (those components being the finest clustering)."""
    _check(G)
    comp = _components(G, [(u, v) for u, v, s in G.edges(data="sign") if s > 0])
    return all(comp[u] != comp[v] for u, v, s in G.edges(data="sign") if s < 0)


@dataclass
class Clustering:
    """A partition with the fewest misfits: ``partition`` maps each node, in sort order,
    to its cluster number (see :func:`clustering`); ``misfitting`` lists the (u, v,
    sign) edges negative inside a cluster or positive between clusters, sorted;
    ``misfits`` counts them. ``optimal`` is False only when a time limit cut the search
    short, ``misfits`` then being an upper bound."""

    misfits: int
    partition: dict = field(default_factory=dict)
    misfitting: list = field(default_factory=list)
    optimal: bool = True


def _components(G: nx.Graph, edges: Iterable) -> dict:
    """Node -> component number in the graph of G's nodes and the given edges."""
    (H := nx.Graph(list(edges))).add_nodes_from(G)
    return {n: i for i, comp in enumerate(nx.connected_components(H)) for n in comp}


def _number(nodes: list, label: dict) -> dict:
    """Renumber labels 0, 1, … in order of the first node (of ``nodes``) carrying each."""
    ids: dict = {}
    return {n: ids.setdefault(label[n], len(ids)) for n in nodes}


def _per_component(G: nx.Graph, label: dict) -> dict:
    """Number clusters afresh in each component, as balance numbers its camps."""
    out: dict = {}
    for comp in nx.connected_components(G):
        out.update(_number(_sorted(comp), label))
    return {n: out[n] for n in _sorted(G)}


def _result(G: nx.Graph, partition: dict, optimal: bool = True) -> Clustering:
    misfitting = balance._frustrated_edges(G, partition)  # the same rule, any number of camps
    return Clustering(len(misfitting), partition, misfitting, optimal)


def _signed(edges: Iterable, sign: dict) -> nx.Graph:
    """The signed graph of ``edges``, each edge's sign from ``sign``."""
    return nx.Graph([(u, v, {"sign": sign[frozenset((u, v))]}) for u, v in edges])


def _opts(deadline: float | None) -> dict:
    return {} if deadline is None else {"time_limit": max(deadline - time.monotonic(), 0.01)}


def _linear(rows: list, n: int, lb, ub) -> LinearConstraint:
    """rows: one list of (column, coefficient) per constraint; lb <= row·x <= ub."""
    r = [i for i, row in enumerate(rows) for _ in row]
    c = [j for row in rows for j, _ in row]
    v = [a for row in rows for _, a in row]
    return LinearConstraint(scipy.sparse.csr_array((v, (r, c)), shape=(len(rows), n)), lb, ub)


class _Cover:
    """The fewest edges Z whose removal leaves G clusterable.

    G − Z is clusterable iff it has no cycle with exactly one negative edge (Davis 1967):
    z_e = 1 removes e, and the z of each such *bad* cycle sum to >= 1. A least Z is the
    misfits of an optimal clustering, whose clusters are the components of G − Z's
    positive edges (connected in G; distinct optima have distinct Z). Two camps are the
    integer programme of :func:`rsii.analysis.balance.frustration`, the package's one
    exact solver of the frustration index. Cycles lie in biconnected blocks: only blocks
    that are not clusterable get variables. Bad chordless cycles of up to CHORDLESS
    edges are posed at once, those a solution leaves (closing a spanning forest of
    G − Z) as they appear, until none is left, when the solution is exact."""

    def __init__(self, G: nx.Graph):
        self.G = G
        self.rank = rank = {n: i for i, n in enumerate(_sorted(G))}
        sign = {frozenset((u, v)): s for u, v, s in G.edges(data="sign")}
        free: list = []
        for block in nx.biconnected_component_edges(G):
            if len(block) > 1 and not is_clusterable(B := _signed(block, sign)):
                free += [tuple(sorted(e, key=rank.__getitem__)) for e in B.edges]
        self.free = sorted(free, key=lambda e: (rank[e[0]], rank[e[1]]))
        self.col = {frozenset(e): i for i, e in enumerate(self.free)}
        self.sign = sign
        self.rows: list = []
        for cycle in nx.chordless_cycles(nx.Graph(self.free), length_bound=CHORDLESS):
            edges = [frozenset(p) for p in zip(cycle, [*cycle[1:], cycle[0]], strict=True)]
            negatives = sum(sign[e] < 0 for e in edges)
            if all(e in self.col for e in edges) and negatives == 1:
                self.rows.append([self.col[e] for e in edges])

    def _violated(self, z: np.ndarray) -> list:
        kept = [e for e, gone in zip(self.free, z, strict=True) if not gone]
        # a negative edge inside a component of the positive edges closes a bad cycle
        T = nx.Graph([e for e in kept if self.sign[frozenset(e)] > 0])
        comp = {n: i for i, c in enumerate(nx.connected_components(T)) for n in c}
        neg = [e for e in kept if self.sign[frozenset(e)] < 0]
        bad = [(u, v) for u, v in neg if comp.get(u, -1) == comp.get(v, -2)]
        cycles = [[*nx.shortest_path(T, u, v), u] for u, v in bad]
        return [[self.col[frozenset(p)] for p in zip(c, c[1:], strict=False)] for c in cycles]

    def solve(self, extra: list, deadline: float | None = None) -> tuple[np.ndarray | None, bool]:
        """The least valid z under ``extra`` (None if none), and whether it is optimal."""
        if not (m := len(self.free)):
            return np.zeros(0, dtype=int), True
        c = np.ones(m)
        while True:
            cover = _linear([[(j, 1) for j in r] for r in self.rows], m, 1, np.inf)
            cons = [*extra, cover] if self.rows else extra
            opts = _opts(deadline)
            res = milp(c, integrality=c, bounds=Bounds(0, 1), constraints=cons, options=opts)
            if res.x is None:
                return None, False
            z = np.round(res.x).astype(int)
            new = self._violated(z)
            if res.status != 0 or not new:
                return z, res.status == 0
            self.rows += new

    def partition(self, z: np.ndarray) -> dict:
        """Clusters: the components of the positive edges left in G − Z."""
        gone = {frozenset(e) for e, out in zip(self.free, z, strict=True) if out}
        kept = [(u, v) for u, v, s in self.G.edges(data="sign") if s > 0]
        kept = [e for e in kept if frozenset(e) not in gone]
        return _number(_sorted(self.G), _components(self.G, kept))


def _assignment(G: nx.Graph, k: int, lower: int = 0) -> tuple[dict, object]:
    """milp's arguments for at most k clusters, and a function reading clusters off x.

    x[i, c] = 1 puts node i in cluster c; f_e marks a misfit: a positive edge uv with
    x[u, c] != x[v, c], a negative one with x[u, c] = x[v, c] = 1, for some c. Per
    component, the first node is in cluster 0 and a node opens c only if an earlier one
    is in c − 1: one solution per partition. Valid cuts: a misfit in each triangle with
    one negative edge (k = 2: or three), and at least ``lower`` misfits in all."""
    nodes, edges = _sorted(G), list(G.edges(data="sign"))
    comps = [_sorted(c) for c in nx.connected_components(G)]
    k = min(k, max(map(len, comps), default=1))
    n, m, idx = len(nodes), len(edges), {v: i for i, v in enumerate(nodes)}

    def x(v, c):
        return idx[v] * k + c

    ecol = {frozenset((u, v)): n * k + j for j, (u, v, _) in enumerate(edges)}
    le, ub = [], []
    upper = np.ones(n * k + m)
    for comp in comps:
        for p, v in enumerate(comp):
            upper[[x(v, c) for c in range(p + 1, k)]] = 0  # the p-th node opens at most c = p
            for c in range(1, min(p, k - 1) + 1):
                le.append([(x(v, c), 1), *((x(w, c - 1), -1) for w in comp[:p])])
                ub.append(0)
    for u, v, s in edges:
        f = ecol[frozenset((u, v))]
        for a, b in ((x(u, c), x(v, c)) for c in range(k)):
            if s > 0:
                le += [[(a, 1), (b, -1), (f, -1)], [(b, 1), (a, -1), (f, -1)]]
                ub += [0, 0]
            else:
                le.append([(a, 1), (b, 1), (f, -1)])
                ub.append(1)
    for t in balance.triangles(G).itertuples(index=False):
        negatives = [t.sign_uv, t.sign_uw, t.sign_vw].count(-1)
        if negatives == 1 or (k == 2 and negatives == 3):
            le.append([(ecol[frozenset(p)], -1) for p in ((t.u, t.v), (t.u, t.w), (t.v, t.w))])
            ub.append(-1)
    le.append([(ecol[frozenset((u, v))], -1) for u, v, _ in edges])
    ub.append(-lower)
    assign = _linear([[(x(v, c), 1) for c in range(k)] for v in nodes], n * k + m, 1, 1)
    args = {
        "c": np.concatenate([np.zeros(n * k), np.ones(m)]),
        "integrality": np.concatenate([np.ones(n * k), np.zeros(m)]),
        "bounds": Bounds(0, upper),
        "constraints": [_linear(le, n * k + m, -np.inf, np.array(ub, dtype=float)), assign],
    }
    return args, lambda z: {v: int(np.argmax(z[x(v, 0) : x(v, 0) + k])) for v in nodes}


def clustering(G: nx.Graph, k: int | None = None, time_limit: float | None = None) -> Clustering:
    """The partition into clusters with the fewest misfits, exactly.

    ``k=None``: any number of clusters (correlation clustering, Bansal, Blum & Chawla
    2004; Doreian & Mrvar 1996 with α = 0.5). Splitting a cluster into its parts that
    are connected in G changes no misfit, so every cluster is connected in G (an
    isolated node is one of its own); they are numbered 0, 1, … by their first node in
    sort order. Solved as a cycle cover (``_Cover``) with scipy.optimize.milp (HiGHS);
    45 nodes and 80 edges take milliseconds.

    ``k``: at most k clusters (``_assignment``), numbered per connected component as
    :func:`balance.frustration` numbers camps, each component's 0, 1, … by their first
    node: an isolated node is in 0, and a number shared across components is only a
    convention. With k = 2 the misfits are the frustration index. ``time_limit``
    (seconds) stops the search, and the result has ``optimal=False``."""
    _check(G)
    deadline = None if time_limit is None else time.monotonic() + time_limit
    cover = _Cover(G)
    z, optimal = cover.solve([], deadline)
    if z is None:  # the deadline came before any solution: the positive components
        z = np.zeros(len(cover.free), dtype=int)
    best = _result(G, cover.partition(z), optimal)
    if optimal and best.misfits != z.sum():
        raise RuntimeError("the cover's size disagrees with its partition's misfits")
    if k is None:
        return best
    if k < 1:
        raise ValueError(f"k must be a positive number of clusters, got {k!r}")
    per = _per_component(G, best.partition)
    if max(per.values(), default=0) < k:  # the unconstrained optimum fits in k clusters
        return _result(G, per, optimal)
    args, label = _assignment(G, k, lower=best.misfits if optimal else 0)
    res = milp(**args, options=_opts(deadline))
    if res.x is None:
        raise RuntimeError(f"clustering MILP found no solution: {res.message}")
    return _result(G, _per_component(G, label(res.x)), res.status == 0)


def optimal_clusterings(G: nx.Graph, k: int | None = None, limit: int = 200) -> list[dict]:
    """Every optimal partition (up to ``limit``), numbered as by :func:`clustering` and
    sorted: with ``k=None`` into clusters connected in G (others only merge clusters
    with no tie between them), with ``k`` into at most k (with k = 2, the splits of
    :func:`balance.optimal_partitions`). Found by solving again with the misfits fixed
    at their minimum and each partition found cut off (a no-good cut on z or x)."""
    best = clustering(G, k)
    nodes, found = _sorted(G), []
    if G.number_of_edges() == 0:
        return [best.partition]
    if k is None:
        if not (cover := _Cover(G)).free:  # every block clusterable: one optimum
            return [best.partition]
        cuts = [LinearConstraint(np.ones((1, len(cover.free))), -np.inf, best.misfits)]
        while len(found) < limit:
            z, _ = cover.solve(cuts)
            if z is None:
                break
            found.append(cover.partition(z))  # all optimal Z have |Z| edges: not all of z
            cuts.append(LinearConstraint(z.reshape(1, -1), -np.inf, z.sum() - 1))
    else:
        args, label = _assignment(G, k, lower=best.misfits)
        cuts = [LinearConstraint(args["c"].reshape(1, -1), -np.inf, best.misfits)]
        while len(found) < limit:
            res = milp(**{**args, "constraints": args["constraints"] + cuts})
            if res.x is None or res.status != 0:
                break
            found.append(_per_component(G, label(res.x)))
            row = np.where(res.x > 0.5, 1.0, 0.0) * (args["integrality"] == 1)  # the x at 1
            cuts.append(LinearConstraint(row.reshape(1, -1), -np.inf, len(nodes) - 1))
    return sorted(found, key=lambda p: tuple(p[v] for v in nodes))


def stable_members(partitions: list[dict], G: nx.Graph | None = None) -> list[set]:
    """The groups of nodes that share a cluster in every one of ``partitions``: the
    classes of their common refinement, singletons included, ordered by first node.
    Pass G for partitions numbered per component (``k`` given): nodes of different
    components are then never grouped, their shared numbers being a convention."""
    nodes = _sorted(partitions[0]) if partitions else []
    if any(set(p) != set(nodes) for p in partitions):
        raise ValueError("the partitions must cover the same nodes")
    comp = {} if G is None else _components(G, G.edges)
    groups: dict = {}
    for v in nodes:
        groups.setdefault((comp.get(v), *(p[v] for p in partitions)), set()).add(v)
    return list(groups.values())


def _balanced_share(n: int, edges: list, signs: list) -> float:
    """:func:`balance.triangle_balance`'s share: balanced triangles over all (NaN if none)."""
    sign: list[dict] = [{} for _ in range(n)]
    for (i, j), s in zip(edges, signs, strict=True):
        sign[i][j] = sign[j][i] = s
    total = balanced = 0
    for (i, j), s in zip(edges, signs, strict=True):
        for w in sign[i].keys() & sign[j].keys():
            if w > i and w > j:
                total += 1
                balanced += s * sign[i][w] * sign[j][w] > 0
    return balanced / total if total else float("nan")


def _numbered(n: int, edges: list, signs: list) -> nx.Graph:
    (H := nx.Graph()).add_nodes_from(range(n))
    H.add_edges_from((*e, {"sign": int(s)}) for e, s in zip(edges, signs, strict=True))
    return H


def edge_measures(n: int, edges: list, signs: list, measures: Iterable[str] = MEASURES) -> dict:
    """:func:`balance_measures` of the signed graph on nodes 0 … n − 1 with the given
    edges and signs, without building it: the exact frustration index and misfits by
    dynamic programming over a tree decomposition (:mod:`rsii.analysis.treedp`), or by
    the integer programmes of :func:`rsii.analysis.balance.frustration` and ``_Cover``
    where a bag is too large for it; the walk index from the adjacency matrix in node order.

    Parameters
    ----------
    n : number of nodes (those without edges count for the walk index).
    edges : pairs (i, j) of distinct node numbers, each pair once.
    signs : +1 or −1 per edge.
    measures : names from ``MEASURES``.

    Returns
    -------
    dict
        measure name -> value, in the order of ``measures``.
    """
    measures = tuple(measures)
    if unknown := set(measures) - set(MEASURES):
        raise ValueError(f"unknown measures {sorted(unknown)}; choose from {MEASURES}")
    edges = [tuple(sorted(e)) for e in edges]
    out: dict = {}
    if "balanced_share" in measures:
        out["balanced_share"] = _balanced_share(n, edges, list(signs))
    if "walk_index" in measures:
        A = np.zeros((n, n))
        for (i, j), s in zip(edges, signs, strict=True):
            A[i, j] = A[j, i] = s
        out["walk_index"] = balance.walk_index(A)
    exact = {"frustration": "colourings", "misfits": "partitions"}
    if wanted := [m for m in exact if m in measures]:
        plan = treedp.plan(n, tuple(edges))
        H = None
        for name in wanted:
            if (value := treedp.optimum(plan, signs, exact[name])) is None:
                if H is None:
                    (H := nx.Graph()).add_nodes_from(range(n))
                    H.add_edges_from(
                        (*e, {"sign": int(s)}) for e, s in zip(edges, signs, strict=True)
                    )
                value = (
                    balance.frustration(H).index
                    if name == "frustration"
                    else _Cover(H).solve([])[0].sum()
                )
            out[name] = int(value)
    return {name: out[name] for name in measures}


def balance_measures(G: nx.Graph, measures: Iterable[str] = MEASURES) -> dict:
    """The graph's ``balanced_share`` of triangles (NaN with none), ``walk_index``
    (Estrada & Benzi's K at β = 1, from the eigenvalues of A and |A|), exact
    ``frustration`` (as :func:`rsii.analysis.balance.frustration`) and the best clustering's
    ``misfits`` (as :func:`clustering`), computed by :func:`edge_measures`."""
    _check(G)
    rank = {v: i for i, v in enumerate(_sorted(G))}
    ties = [(rank[u], rank[v], s) for u, v, s in G.edges(data="sign")]
    edges, signs = [(i, j) for i, j, _ in ties], [s for *_, s in ties]
    return edge_measures(len(rank), edges, signs, measures)


def pn_centrality(G: nx.Graph) -> pd.Series:
    """Everett & Borgatti's (2014) PN centrality PN = (I − A / (2n − 2))⁻¹ 𝟏, with
    A = P − 2N for the positive and negative adjacency matrices and n nodes: walks of
    every length weighted (2n − 2)^−length, a negative tie counting −2. On an
    all-positive graph it is Katz's centrality with α = 1 / (2n − 2) and β = 1
    (constant on a regular graph). By node in sort order; one node scores 1; ValueError
    for two nodes with a negative tie, where the matrix is singular."""
    _check(G)
    order = _sorted(G)
    n = len(order)
    index = pd.Index(order, tupleize_cols=False)
    if n == 0:
        return pd.Series([], index=index, dtype=float, name="pn")
    A = balance._adjacency(G)
    A = np.where(A < 0, 2 * A, A)
    M = np.eye(n) - A / (2 * n - 2) if n > 1 else np.eye(1)
    if np.linalg.matrix_rank(M) < n:
        raise ValueError("I − A/(2n − 2) is singular (two nodes with a negative tie)")
    return pd.Series(np.linalg.solve(M, np.ones(n)), index=index, name="pn")
