"""Structural balance of signed undirected graphs.

A signed graph (edge attribute ``sign`` ∈ {+1, −1}) is *balanced* when its nodes split
into two camps with positive ties inside camps and negative ties between them
(Heider 1946; Cartwright & Harary 1956). Three views of how far a graph is from that:
the share of balanced triangles, Estrada & Benzi's (2014) walk-based index, and the
exact frustration index (Aref & Wilson 2018; Aref, Mason & Wilson 2020).

References: Heider, F. (1946). Attitudes and cognitive organization. *J. Psychology*
21, 107–112. Cartwright, D. & Harary, F. (1956). Structural balance: a generalization
of Heider's theory. *Psychological Review* 63, 277–293. Estrada, E. & Benzi, M.
(2014). Walk-based measure of balance in signed networks. *Phys. Rev. E* 90, 042802.
Aref, S. & Wilson, M. C. (2018). Measuring partial balance in signed networks.
*J. Complex Networks* 6, 566–595. Aref, S., Mason, A. J. & Wilson, M. C. (2020). A
modeling and computational study of the frustration index in signed networks.
*Networks* 75, 95–110.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse
from scipy.optimize import Bounds, LinearConstraint, milp

AMBIVALENCE_RULES = ("majority", "negative", "exclude", "raise")
BRUTEFORCE_MAX_NODES = 20


def _sorted(nodes: Iterable) -> list:
    """Nodes in a deterministic order: natural order if comparable, else by repr."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=repr)


def signed_graph(
    edges: Iterable[tuple[Hashable, Hashable, int]], ambivalence: str = "majority"
) -> nx.Graph:
    """Build a signed graph from (u, v, sign) triples, sign ∈ {+1, −1}.

    The same unordered pair may be listed several times (e.g. one typed tie each);
    each listing is one vote. A pair with votes of both signs is *ambivalent* and
    resolved by ``ambivalence``:

    - ``"majority"`` (default): the sign with more votes; an exact tie leaves the
      pair without an edge and records it as ambivalent.
    - ``"negative"``: any negative vote makes the tie negative (hostility dominates).
    - ``"exclude"``: no edge for any mixed pair; recorded as ambivalent.
    - ``"raise"``: ValueError naming the first mixed pair.

    Pairs left out are listed, sorted, in ``G.graph["ambivalent"]``; their nodes stay
    in the graph. Each edge has ``sign`` and the vote counts ``positive``/``negative``.
    Self-loops and signs other than ±1 raise ValueError.
    """
    if ambivalence not in AMBIVALENCE_RULES:
        raise ValueError(f"ambivalence must be one of {AMBIVALENCE_RULES}, got {ambivalence!r}")
    votes: dict[frozenset, Counter] = {}
    ends: dict[frozenset, tuple] = {}
    nodes: list = []
    for u, v, sign in edges:
        if u == v:
            raise ValueError(f"self-loop on {u!r}: balance is defined between two nodes")
        if sign not in (1, -1) or isinstance(sign, bool):
            raise ValueError(f"sign of ({u!r}, {v!r}) must be +1 or -1, got {sign!r}")
        key = frozenset((u, v))
        if key not in votes:
            votes[key], ends[key] = Counter(), tuple(_sorted((u, v)))
            nodes += [u, v]
        votes[key][int(sign)] += 1
    G = nx.Graph()
    G.add_nodes_from(_sorted(set(nodes)))
    left_out = []
    for key in sorted(votes, key=lambda k: tuple(map(repr, ends[k]))):
        pos, neg = votes[key][1], votes[key][-1]
        u, v = ends[key]
        sign: int | None
        if pos and neg:
            if ambivalence == "raise":
                raise ValueError(f"pair ({u!r}, {v!r}) has {pos} positive and {neg} negative ties")
            if ambivalence == "majority":
                sign = 1 if pos > neg else -1 if neg > pos else None
            elif ambivalence == "negative":
                sign = -1
            else:
                sign = None
        else:
            sign = 1 if pos else -1
        if sign is None:
            left_out.append((u, v))
        else:
            G.add_edge(u, v, sign=sign, positive=pos, negative=neg)
    G.graph["ambivalent"] = _sorted(left_out)
    return G


def _check(G: nx.Graph) -> None:
    if G.is_directed() or G.is_multigraph():
        raise ValueError("balance needs a simple undirected nx.Graph (see signed_graph)")
    for u, v, s in G.edges(data="sign"):
        if u == v:
            raise ValueError(f"self-loop on {u!r}")
        if s not in (1, -1) or isinstance(s, bool):
            raise ValueError(f"edge ({u!r}, {v!r}) needs sign +1 or -1, got {s!r}")


def is_balanced(G: nx.Graph) -> bool:
    """Whether the nodes split into two camps, + inside and − between (Cartwright &
    Harary 1956), by two-colouring each component."""
    _check(G)
    camp: dict = {}
    for start in _sorted(G):
        if start in camp:
            continue
        camp[start] = 0
        stack = [start]
        while stack:
            u = stack.pop()
            for v, s in G[u].items():
                want = camp[u] if s["sign"] > 0 else 1 - camp[u]
                if v not in camp:
                    camp[v] = want
                    stack.append(v)
                elif camp[v] != want:
                    return False
    return True


def triangles(G: nx.Graph) -> pd.DataFrame:
    """Every triangle u < v < w with its three signs and whether it is balanced.

    A triangle is balanced when the product of its signs is positive (+++ and +−−),
    Heider's (1946) "friend of a friend" rule as generalised by Cartwright & Harary
    (1956). Sorted by (u, v, w).
    """
    _check(G)
    order = _sorted(G)
    rank = {n: i for i, n in enumerate(order)}
    rows = []
    for u in order:
        higher = [v for v in G[u] if rank[v] > rank[u]]
        for v in sorted(higher, key=rank.__getitem__):
            for w in sorted((set(G[u]) & set(G[v])), key=rank.__getitem__):
                if rank[w] <= rank[v]:
                    continue
                s_uv, s_uw, s_vw = G[u][v]["sign"], G[u][w]["sign"], G[v][w]["sign"]
                product = s_uv * s_uw * s_vw
                rows.append((u, v, w, s_uv, s_uw, s_vw, product, product > 0))
    cols = ["u", "v", "w", "sign_uv", "sign_uw", "sign_vw", "sign_product", "balanced"]
    df = pd.DataFrame(rows, columns=cols)
    return df.astype({c: int for c in cols[3:7]} | {"balanced": bool})


def triangle_balance(G: nx.Graph) -> dict:
    """Counts of triangles and balanced triangles, and their ratio ``share``.

    ``share`` is NaN when there are no triangles: balance is then undefined by this
    measure, not perfect (Cartwright & Harary 1956; Aref & Wilson 2018 on its limits).
    """
    t = triangles(G)
    n, b = len(t), int(t["balanced"].sum())
    return {"triangles": n, "balanced": b, "unbalanced": n - b, "share": b / n if n else np.nan}


def _adjacency(G: nx.Graph) -> np.ndarray:
    return nx.to_numpy_array(G, nodelist=_sorted(G), weight="sign", dtype=float)


def walk_index(A: np.ndarray, beta: float = 1.0) -> float:
    """Estrada & Benzi's K = tr e^{βA} / tr e^{β|A|} of a symmetric signed adjacency
    matrix ``A``, from the eigenvalues of A and |A| (tr e^{βA} = Σ e^{βλ}), both shifted
    by the largest eigenvalue of |A| (Perron–Frobenius), so that nothing overflows; NaN
    for an empty matrix. The one walk index of the package (:func:`walk_balance` and the
    null models' measures call it)."""
    if not len(A):
        return float("nan")
    lam, mu = np.linalg.eigvalsh(A), np.linalg.eigvalsh(np.abs(A))
    return float(np.exp(beta * (lam - mu[-1])).sum() / np.exp(beta * (mu - mu[-1])).sum())


def walk_balance(G: nx.Graph, beta: float = 1.0) -> float:
    """Estrada & Benzi's (2014) walk-based balance K = tr e^{βA} / tr e^{β|A|}.

    A is the signed adjacency matrix. Closed walks weighted by β^k/k! are counted
    with their sign; K = 1 exactly when the graph is balanced and falls below 1 as
    negative cycles (short ones weighing most) accumulate. NaN for a graph with no
    nodes; ValueError if β is not positive. Computed by :func:`walk_index`.
    """
    _check(G)
    if not beta > 0:
        raise ValueError(f"beta must be positive, got {beta!r}")
    return walk_index(_adjacency(G), beta)


@dataclass
class Frustration:
    """An optimal two-camp split and the edges it leaves frustrated.

    ``index`` is the frustration index (line index of balance): the fewest edges whose
    removal, or sign change, makes the graph balanced. ``partition`` maps each node to
    camp 0 or 1, the first node (in sort order) of each component in camp 0;
    ``frustrated`` lists the (u, v, sign) edges the partition violates — positive
    between camps or negative inside one — sorted. Optimal partitions need not be
    unique; the index is. ``optimal`` is False only when a solver time limit cut the
    search short, and ``index`` is then an upper bound.
    """

    index: int
    partition: dict = field(default_factory=dict)
    frustrated: list = field(default_factory=list)
    optimal: bool = True


def _frustrated_edges(G: nx.Graph, partition: dict) -> list[tuple]:
    order = {n: i for i, n in enumerate(_sorted(G))}
    out = []
    for u, v, s in G.edges(data="sign"):
        if (partition[u] != partition[v]) == (s > 0):
            a, b = sorted((u, v), key=order.__getitem__)
            out.append((a, b, s))
    return sorted(out, key=lambda e: (order[e[0]], order[e[1]]))


def _canonical(G: nx.Graph, partition: dict) -> dict:
    """Flip each component so that its first node in sort order is in camp 0."""
    out = {}
    for comp in nx.connected_components(G):
        first = _sorted(comp)[0]
        flip = partition[first]
        out.update({n: int(partition[n]) ^ flip for n in comp})
    return {n: out[n] for n in _sorted(G)}


def _result(G: nx.Graph, partition: dict) -> Frustration:
    partition = _canonical(G, partition)
    frustrated = _frustrated_edges(G, partition)
    return Frustration(index=len(frustrated), partition=partition, frustrated=frustrated)


def _model(G: nx.Graph) -> dict:
    """The binary programme of :func:`frustration`: objective, bounds, constraints."""
    nodes = _sorted(G)
    col = {v: i for i, v in enumerate(nodes)}
    edges = list(G.edges(data="sign"))
    n, m = len(nodes), len(edges)
    fcol = {frozenset((u, v)): n + k for k, (u, v, _) in enumerate(edges)}
    rows: list[list[tuple[int, int]]] = []  # each row: [(column, coefficient)], <= rhs
    upper: list[float] = []
    for u, v, s in edges:
        i, j, f = col[u], col[v], fcol[frozenset((u, v))]
        if s > 0:  # x_i - x_j - f <= 0 ; x_j - x_i - f <= 0
            rows += [[(i, 1), (j, -1), (f, -1)], [(i, -1), (j, 1), (f, -1)]]
            upper += [0, 0]
        else:  # x_i + x_j - f <= 1 ; -x_i - x_j - f <= -1
            rows += [[(i, 1), (j, 1), (f, -1)], [(i, -1), (j, -1), (f, -1)]]
            upper += [1, -1]
    for t in triangles(G).itertuples(index=False):
        if not t.balanced:  # -f_uv - f_uw - f_vw <= -1
            pairs = ((t.u, t.v), (t.u, t.w), (t.v, t.w))
            rows.append([(fcol[frozenset(p)], -1) for p in pairs])
            upper.append(-1)
    r_idx = [r for r, row in enumerate(rows) for _ in row]
    c_idx = [c for row in rows for c, _ in row]
    vals = [a for row in rows for _, a in row]
    A = scipy.sparse.csr_array((vals, (r_idx, c_idx)), shape=(len(rows), n + m))
    lb, ub = np.zeros(n + m), np.ones(n + m)
    for comp in nx.connected_components(G):
        ub[col[_sorted(comp)[0]]] = 0
    return {
        "col": col,
        "n": n,
        "c": np.concatenate([np.zeros(n), np.ones(m)]),
        "bounds": Bounds(lb, ub),
        "constraints": LinearConstraint(A, -np.inf, np.array(upper, dtype=float)),
    }


def optimal_partitions(G: nx.Graph, limit: int = 200) -> list[dict]:
    """Every optimal two-camp split (up to ``limit``), each canonical as in
    :func:`frustration`. Optimal splits need not be unique; the actors whose camp
    differs between them are the ones balance theory cannot place. Found by solving the
    programme again with the frustration fixed at its minimum and each split found so
    far cut off (a "no-good" constraint on the node variables)."""
    best = frustration(G)
    nodes = _sorted(G)
    if G.number_of_edges() == 0:
        return [best.partition]
    model = _model(G)
    col, c = model["col"], model["c"]
    found: list[dict] = []
    cuts: list[LinearConstraint] = [LinearConstraint(c.reshape(1, -1), -np.inf, best.index)]
    while len(found) < limit:
        res = milp(
            c,
            integrality=np.ones(len(c)),
            bounds=model["bounds"],
            constraints=[model["constraints"], *cuts],
        )
        if res.x is None or res.status != 0:
            break
        raw = {v: int(round(res.x[col[v]])) for v in nodes}
        found.append(_result(G, raw).partition)
        # sum over x_i = 1 of (1 - x_i) + sum over x_i = 0 of x_i >= 1: not this split again
        row = np.zeros(len(c))
        ones = [col[v] for v in nodes if raw[v] == 1]
        row[ones] = -1
        row[[col[v] for v in nodes if raw[v] == 0]] = 1
        cuts.append(LinearConstraint(row.reshape(1, -1), 1 - len(ones), np.inf))
    return sorted(found, key=lambda p: tuple(p[v] for v in nodes))


def frustration(G: nx.Graph, time_limit: float | None = None) -> Frustration:
    """Exact frustration index by binary linear programming (Aref, Mason & Wilson 2020).

    Node variables x_i ∈ {0, 1} give the camp; edge variables f_ij ∈ {0, 1} mark a
    frustrated edge. Minimise Σ f_ij subject to, for a positive edge,
    f_ij ≥ x_i − x_j and f_ij ≥ x_j − x_i, and for a negative edge,
    f_ij ≥ x_i + x_j − 1 and f_ij ≥ 1 − x_i − x_j (their "XOR" model: f_ij is
    x_i XOR x_j for a positive edge, its negation for a negative one). The first
    node of each connected component is fixed to camp 0, which removes the symmetry
    of swapping camps without losing optimality. Every unbalanced triangle must hold
    a frustrated edge, f_uv + f_uw + f_vw ≥ 1: a valid inequality (also used by Aref,
    Mason & Wilson 2020) that changes no solution but tightens the LP relaxation.
    Solved with scipy.optimize.milp (HiGHS branch and bound).

    ``time_limit`` (seconds) stops the solver early; the best split found is then
    returned with ``optimal=False`` and ``index`` only an upper bound.
    """
    _check(G)
    nodes = _sorted(G)
    if G.number_of_edges() == 0:
        return _result(G, dict.fromkeys(nodes, 0))
    model = _model(G)
    col = model["col"]
    options = {} if time_limit is None else {"time_limit": float(time_limit)}
    res = milp(
        model["c"],
        integrality=np.ones(len(model["c"])),
        bounds=model["bounds"],
        constraints=model["constraints"],
        options=options,
    )
    if res.x is None:
        raise RuntimeError(f"frustration MILP found no solution: {res.message}")
    optimal = res.status == 0
    out = _result(G, {v: int(round(res.x[col[v]])) for v in nodes})
    if optimal and out.index != int(round(res.fun)):
        raise RuntimeError(f"MILP objective {res.fun} disagrees with its partition")
    out.optimal = optimal
    return out


def frustration_bruteforce(G: nx.Graph) -> Frustration:
    """Frustration index by trying all 2^(n−1) two-camp splits (n ≤ 20).

    A check on :func:`frustration`, not for use on real graphs. Among optimal
    splits it returns the first in enumeration order (the first node fixed to camp 0,
    the rest counted in binary, last node fastest), canonicalised per component.
    """
    _check(G)
    nodes = _sorted(G)
    n = len(nodes)
    if n > BRUTEFORCE_MAX_NODES:
        raise ValueError(f"brute force is limited to {BRUTEFORCE_MAX_NODES} nodes, got {n}")
    if n == 0:
        return Frustration(index=0)
    col = {v: i for i, v in enumerate(nodes)}
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    # bit (n-1-i) of the code is node i's camp; node 0 always camp 0
    camps = ((codes[:, None] >> np.arange(n - 1, -1, -1)[None, :]) & 1).astype(np.int8)
    cost = np.zeros(len(codes), dtype=np.int64)
    for u, v, s in G.edges(data="sign"):
        differ = camps[:, col[u]] != camps[:, col[v]]
        cost += differ if s > 0 else ~differ
    best = int(np.argmin(cost))
    return _result(G, {v: int(camps[best, col[v]]) for v in nodes})


__all__ = [
    "AMBIVALENCE_RULES",
    "Frustration",
    "frustration",
    "frustration_bruteforce",
    "is_balanced",
    "signed_graph",
    "triangle_balance",
    "triangles",
    "walk_balance",
]
