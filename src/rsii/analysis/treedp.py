"""Exact frustration index and fewest misfits of small signed graphs, by dynamic
programming over a tree decomposition.

Both measures are minima over labellings of the nodes with a cost on each edge: the
*frustration index* over two-colourings (an edge is frustrated when it is positive
between colours or negative within one; Harary 1959, Aref, Mason & Wilson 2020), the
*misfits* over partitions into any number of clusters (a positive edge between clusters
or a negative one inside; Doreian & Mrvar 1996, correlation clustering of Bansal, Blum &
Chawla 2004). Each edge's cost depends on its two ends only, so both minima are found
exactly by eliminating the nodes one after another (bucket elimination, Dechter 1999;
the tree decomposition of Robertson & Seymour's treewidth, Bodlaender 1993): eliminating
v minimises over v's label given the labels of its remaining neighbours, a table over
the labellings of that *bag*. Two-colourings of a bag of k nodes number 2^k, partitions
the Bell number B(k); the partitions of a separator glue consistently because the edges'
costs see only pairs inside one bag. The greedy minimum-degree order keeps bags small: the
stance chapter's graph (27 actors, 53 ties) has bags of at most 6 nodes, its rewirings
of at most 7 or 8. Plans depend only on the ties, so one plan serves every sign
permutation; evaluating one costs about a millisecond.

References: Dechter, R. (1999). Bucket elimination: a unifying framework for reasoning.
*Artificial Intelligence* 113, 41–85. Bodlaender, H. L. (1993). A tourist guide through
treewidth. *Acta Cybernetica* 11, 1–21. Harary, F. (1959). On the measurement of
structural balance. *Behavioral Science* 4, 316–323. Doreian, P. & Mrvar, A. (1996). A
partitioning approach to structural balance. *Social Networks* 18, 149–168. Bansal, N.,
Blum, A. & Chawla, S. (2004). Correlation clustering. *Machine Learning* 56, 89–113.
Aref, S., Mason, A. J. & Wilson, M. C. (2020). A modeling and computational study of the
frustration index in signed networks. *Networks* 75, 95–110.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

KINDS = ("colourings", "partitions")
# The largest bag each kind evaluates: 2^20 colourings, B(9) = 21,147 partitions.
MAX_BAG = {"colourings": 20, "partitions": 9}


def _partitions(k: int) -> list[tuple]:
    """Every partition of k items as a restricted growth string (a_0 = 0, a_i ≤ 1 +
    max of the earlier ones), in lexicographic order."""
    out: list[tuple] = [()]
    for _ in range(k):
        out = [(*s, a) for s in out for a in range(max(s, default=-1) + 2)]
    return out


@functools.cache
def states(kind: str, k: int) -> np.ndarray:
    """The labellings of a bag of k nodes, one row each: the 2^k two-colourings (row i
    holds the bits of i) or the B(k) partitions (restricted growth strings)."""
    if kind == "colourings":
        return ((np.arange(2**k)[:, None] >> np.arange(k)) & 1).astype(np.int8)
    if kind == "partitions":
        rows = _partitions(k)
        return np.array(rows, dtype=np.int8).reshape(len(rows), k)
    raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")


def _canonical(kind: str, rows: np.ndarray) -> np.ndarray:
    """Partitions relabelled by first appearance (restricted growth strings)."""
    if kind == "colourings" or rows.shape[1] == 0:
        return rows
    (n, m), labels = rows.shape, int(rows.max()) + 1
    first = np.full((n, labels), m, dtype=np.int64)  # label -> its first position
    for j in range(m - 1, -1, -1):
        first[np.arange(n), rows[:, j]] = j
    mine = np.take_along_axis(first, rows.astype(np.int64), axis=1)
    return (first[:, None, :] < mine[:, :, None]).sum(axis=2).astype(np.int8)


def _codes(rows: np.ndarray) -> np.ndarray:
    m = rows.shape[1]
    return rows.astype(np.int64) @ (max(m, 2) ** np.arange(m, dtype=np.int64))


@functools.cache
def projection(kind: str, k: int, positions: tuple) -> np.ndarray:
    """For each labelling of a bag of k nodes, the index of its restriction to the bag
    positions ``positions`` (in that order) among :func:`states` of that size."""
    sub = _canonical(kind, states(kind, k)[:, list(positions)])
    target = _codes(states(kind, len(positions)))
    order = np.argsort(target)
    return order[np.searchsorted(target[order], _codes(sub))]


@functools.cache
def _forget(kind: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorting order and group starts for minimising over the label of position 0."""
    target = projection(kind, k, tuple(range(1, k)))
    order = np.argsort(target, kind="stable")
    return order, np.searchsorted(target[order], np.arange(len(states(kind, k - 1))))


@functools.cache
def _same(kind: str, k: int, q: int) -> np.ndarray:
    """Whether position 0 and position q share a label (colour or cluster), as 0/1."""
    s = states(kind, k)
    return (s[:, 0] == s[:, q]).astype(np.int32)


def _bits(mask: int) -> list[int]:
    """The positions of the bits set in ``mask``, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


@dataclass(frozen=True)
class Plan:
    """A node elimination order of a graph, and what each step needs.

    ``steps`` holds, for each eliminated node, its bag size, the children whose tables
    it takes in (their index in ``steps`` and the positions of their separator in this
    bag), the edges it prices (edge index and the other end's bag position) and its
    parent step (None for the last node of a component). ``width`` is the largest bag
    less one, the treewidth of this decomposition."""

    steps: tuple
    width: int


@functools.lru_cache(maxsize=4096)
def plan(n: int, edges: tuple[tuple[int, int], ...]) -> Plan:
    """The greedy minimum-degree elimination plan of the graph on nodes 0 … n − 1 with
    the given edges: the node with fewest neighbours left (the lowest number among
    equals) goes first and its neighbours become a clique. Nodes without edges are
    left out: they add nothing to either measure. Plans are cached by their edges.

    Parameters
    ----------
    n : number of nodes.
    edges : pairs (i, j) of node numbers; ``optimum``'s signs follow their order.

    Returns
    -------
    Plan
    """
    adj = [0] * n  # neighbours as bit masks
    at: dict = {}
    for e, (i, j) in enumerate(edges):
        adj[i] |= 1 << j
        adj[j] |= 1 << i
        at[i, j] = at[j, i] = e
    left = {v for v in range(n) if adj[v]}
    key = {v: (adj[v].bit_count(), v) for v in left}
    bags = []
    while left:
        v = min(left, key=key.__getitem__)
        nb = tuple(_bits(adj[v]))
        for a in nb:  # v's neighbours become a clique
            adj[a] = (adj[a] | adj[v]) & ~(1 << a) & ~(1 << v)
            key[a] = (adj[a].bit_count(), a)
        left.discard(v)
        bags.append((v, *nb))
    step = {bag[0]: s for s, bag in enumerate(bags)}
    children: list[list] = [[] for _ in bags]
    parents: list = []
    for s, (_, *nb) in enumerate(bags):
        parent = min((step[a] for a in nb), default=None)
        parents.append(parent)
        if parent is not None:
            where = {a: p for p, a in enumerate(bags[parent])}
            children[parent].append((s, tuple(where[a] for a in nb)))
    steps = []
    for s, bag in enumerate(bags):
        later = [(at[bag[0], a], q) for q, a in enumerate(bag) if q and (bag[0], a) in at]
        steps.append((len(bag), tuple(children[s]), tuple(later), parents[s]))
    return Plan(tuple(steps), max((len(b) for b in bags), default=1) - 1)


def optimum(p: Plan, signs: Sequence[int], kind: str) -> int | None:
    """The least number of edges out of place over all labellings of ``kind``: the
    frustration index for "colourings", the fewest misfits for "partitions". None when
    a bag is larger than ``MAX_BAG[kind]`` (use an integer programme instead).

    Parameters
    ----------
    p : the graph's :func:`plan`.
    signs : each edge's sign (+1 or −1), in the order of the edges given to ``plan``.
    kind : "colourings" or "partitions".

    Returns
    -------
    int or None
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if p.width + 1 > MAX_BAG[kind]:
        return None
    tables: dict = {}
    total = 0
    for s, (k, children, priced, parent) in enumerate(p.steps):
        table = np.zeros(len(states(kind, k)), dtype=np.int32)
        for c, positions in children:
            table += tables.pop(c)[projection(kind, k, positions)]
        for e, q in priced:
            same = _same(kind, k, q)
            table += same if signs[e] < 0 else 1 - same
        order, starts = _forget(kind, k)
        message = np.minimum.reduceat(table[order], starts)
        if parent is None:
            total += int(message[0])
        else:
            tables[s] = message
    return total
