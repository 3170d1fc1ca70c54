"""Discourse network analysis of coded stances (Leifeld 2016; Leifeld 2017).

A stance is a statement "actor *supports* / *opposes* target", the target playing the
part of DNA's *concept* and the stance that of its binary *qualifier* (agreement).
The one-mode actor networks follow the Discourse Network Analyzer (DNA) exactly: see
``Exporter.computeOneModeMatrix`` in github.com/leifeld/dna (``dna/src/main/java/
export/Exporter.java``), the reference implementation behind Leifeld (2017).

Duplicates of the same (actor, target, stance) count once: a stance is either coded or
not, however often the article repeats it (DNA's ``duplicates = "acrossrange"``).

Ambivalence: an actor that both supports and opposes the same target keeps *both*
statements in :func:`statements` and in the congruence/conflict counts (as in DNA,
where it holds one statement at each qualifier level), but is 0 in :func:`affiliation`
and a single ``stance="ambivalent"``, ``sign=0`` edge in :func:`two_mode_graph`;
:func:`ambivalent` lists such pairs so they can be reported rather than lost.

References: Leifeld, P. (2016). *Policy Debates as Dynamic Networks*. Campus.
Leifeld, P. (2017). Discourse network analysis. In Victor, Montgomery & Lubell (eds.),
*The Oxford Handbook of Political Networks*, 301–325. Oxford University Press.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

STANCE_SIGN = {"support": 1, "oppose": -1}
NORMALIZATIONS = ("none", "average", "jaccard")
_COLUMNS = ["actor", "target", "stance"]


def statements(stances: pd.DataFrame) -> pd.DataFrame:
    """The validated two-mode edge list: one row per distinct (actor, target, stance).

    Keeps both rows of an ambivalent pair. Raises ValueError on missing columns,
    missing values, or a stance other than "support"/"oppose".
    """
    missing = [c for c in _COLUMNS if c not in stances.columns]
    if missing:
        raise ValueError(f"stances lacks column(s) {missing}; needs {_COLUMNS}")
    df = stances[_COLUMNS]
    if df.isna().any().any():
        raise ValueError("stances has missing values in actor/target/stance")
    bad = sorted(set(df["stance"]) - set(STANCE_SIGN))
    if bad:
        raise ValueError(f"stance must be 'support' or 'oppose', got {bad}")
    df = df.drop_duplicates().sort_values(_COLUMNS).reset_index(drop=True)
    return df.assign(sign=df["stance"].map(STANCE_SIGN).astype(int))


def ambivalent(stances: pd.DataFrame) -> pd.DataFrame:
    """(actor, target) pairs coded as both support and oppose, sorted."""
    st = statements(stances)
    n = st.groupby(["actor", "target"])["stance"].nunique()
    pairs = n[n > 1].reset_index()[["actor", "target"]]
    return pairs.sort_values(["actor", "target"]).reset_index(drop=True)


def affiliation(stances: pd.DataFrame) -> pd.DataFrame:
    """Actor × target matrix: +1 support, −1 oppose, 0 no stance *or* ambivalent.

    Rows and columns are sorted. Ambivalent pairs sum to 0 here; find them with
    :func:`ambivalent`.
    """
    st = statements(stances)
    actors, targets = sorted(st["actor"].unique()), sorted(st["target"].unique())
    mat = st.pivot_table(
        index="actor", columns="target", values="sign", aggfunc="sum", fill_value=0
    )
    mat = mat.reindex(index=actors, columns=targets, fill_value=0).astype(int)
    mat.index.name, mat.columns.name = "actor", "target"
    return mat


def two_mode_graph(stances: pd.DataFrame) -> nx.Graph:
    """Bipartite actor–target graph (Leifeld 2017's affiliation network).

    Nodes are ``("actor", name)`` and ``("target", name)`` tuples, so that an actor
    who is also a target (a state both speaking and spoken about) gives two nodes;
    node attributes ``bipartite`` ("actor"/"target") and ``name``. Edge attributes
    ``stance`` ("support", "oppose" or "ambivalent") and ``sign`` (+1, −1, 0).
    """
    st = statements(stances)
    G = nx.Graph()
    for a in sorted(st["actor"].unique()):
        G.add_node(("actor", a), bipartite="actor", name=a)
    for t in sorted(st["target"].unique()):
        G.add_node(("target", t), bipartite="target", name=t)
    for (a, t), grp in st.groupby(["actor", "target"], sort=True):
        if len(grp) > 1:
            stance, sign = "ambivalent", 0
        else:
            stance, sign = grp["stance"].iloc[0], int(grp["sign"].iloc[0])
        G.add_edge(("actor", a), ("target", t), stance=stance, sign=sign)
    return G


def _incidence(stances: pd.DataFrame) -> tuple[list, np.ndarray, np.ndarray]:
    """Actors, and binary actor × target matrices of support (P) and oppose (N)."""
    st = statements(stances)
    actors, targets = sorted(st["actor"].unique()), sorted(st["target"].unique())
    ai = {a: i for i, a in enumerate(actors)}
    ti = {t: j for j, t in enumerate(targets)}
    P = np.zeros((len(actors), len(targets)), dtype=np.int64)
    N = np.zeros_like(P)
    for a, t, s in st[_COLUMNS].itertuples(index=False):
        (P if s == "support" else N)[ai[a], ti[t]] = 1
    return actors, P, N


def _one_mode(stances: pd.DataFrame, kind: str, normalization: str) -> pd.DataFrame:
    if normalization not in NORMALIZATIONS:
        raise ValueError(f"normalization must be one of {NORMALIZATIONS}, got {normalization!r}")
    actors, P, N = _incidence(stances)
    shared = P @ P.T + N @ N.T  # |A_i ∩ A_j|
    raw = shared if kind == "congruence" else P @ N.T + N @ P.T
    d = P.sum(axis=1) + N.sum(axis=1)  # |A_i|, the actor's number of statements
    if normalization == "none":
        out = raw.astype(np.int64)
    else:
        if normalization == "average":
            norm = (d[:, None] + d[None, :]) / 2.0
        else:  # jaccard: m10 + m01 + m11 = |A_i ∪ A_j|
            norm = (d[:, None] + d[None, :] - shared).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(norm > 0, raw / np.where(norm > 0, norm, 1.0), 0.0)
    np.fill_diagonal(out, 0)
    idx = pd.Index(actors, name="actor")
    return pd.DataFrame(out, index=idx, columns=idx.copy())


def congruence(stances: pd.DataFrame, normalization: str = "none") -> pd.DataFrame:
    """Actor × actor congruence network: shared (target, stance) statements.

    With A_i the set of (target, stance) statements of actor i (Leifeld 2017;
    DNA ``qualifierAggregation = "congruence"`` with a boolean qualifier)::

        congruence(i, j) = |A_i ∩ A_j| / norm(i, j),   diagonal 0

    ``normalization`` (DNA's one-mode settings; ``Exporter.computeOneModeMatrix``):

    - ``"none"``: norm = 1 (integer counts).
    - ``"average"`` (average activity normalisation): norm = (|A_i| + |A_j|) / 2,
      the mean number of statements of the two actors.
    - ``"jaccard"``: norm = m10 + m01 + m11 = |A_i ∪ A_j|, so congruence is the
      Jaccard coefficient |A_i ∩ A_j| / |A_i ∪ A_j|.

    A zero norm gives 0 (as in DNA); it cannot occur here, every actor having a
    statement. An ambivalent actor holds both statements, as in DNA.
    """
    return _one_mode(stances, "congruence", normalization)


def conflict(stances: pd.DataFrame, normalization: str = "none") -> pd.DataFrame:
    """Actor × actor conflict network: opposite stances on the same target.

    DNA ``qualifierAggregation = "conflict"`` with a boolean qualifier (Leifeld 2017)::

        conflict(i, j) = #{t : (t, +) ∈ A_i, (t, −) ∈ A_j}
                       + #{t : (t, −) ∈ A_i, (t, +) ∈ A_j}      , divided by norm(i, j)

    i.e. the number of targets one supports and the other opposes, except that an
    ambivalent actor counts once per discordant statement pair (both ambivalent on a
    target: 2), as DNA does. ``norm`` is the *same* denominator as in
    :func:`congruence` (DNA divides both matrices by it): 1, (|A_i| + |A_j|) / 2, or
    |A_i ∪ A_j|.
    """
    return _one_mode(stances, "conflict", normalization)


def one_mode_graph(matrix: pd.DataFrame) -> nx.Graph:
    """Weighted undirected graph of a symmetric actor × actor matrix.

    Every row label is a node (isolates included); one edge with attribute ``weight``
    per non-zero off-diagonal cell. Raises ValueError if the matrix is not square
    with matching labels, not symmetric, or has missing values.
    """
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("matrix must be square with the same labels on rows and columns")
    values = matrix.to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError("matrix has missing values")
    if not np.allclose(values, values.T):
        raise ValueError("matrix is not symmetric")
    G = nx.Graph()
    labels = list(matrix.index)
    G.add_nodes_from(labels)
    for i, j in zip(*np.nonzero(np.triu(values, k=1)), strict=True):
        w = matrix.iat[i, j]
        G.add_edge(labels[i], labels[j], weight=w.item() if hasattr(w, "item") else w)
    return G


def concept_statements(
    stances: pd.DataFrame, statement_concepts: pd.DataFrame, concepts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The statements about concepts, as discourse network analysis codes them: one row
    per speaker, concept and qualifier (``stance`` "support" where the speaker invokes
    the concept approvingly, "oppose" where it rejects it), with the stance row, the
    quote and, given ``concepts``, the concept's English name; usable wherever this
    module takes stances (the concept in ``target``).

    Parameters
    ----------
    stances : the coded stances (``id``, ``actor``).
    statement_concepts : the concepts each statement invokes (``stance``, ``concept``,
        ``agreement`` ∈ {agree, disagree}, ``quote_ar``, ``quote_en``).
    concepts : the closed list of concepts (``id``, ``name_en``), optional.

    Returns
    -------
    pandas.DataFrame
        Columns actor, target, stance, row, quote_ar, quote_en (and concept_en).

    Examples
    --------
    >>> st = pd.DataFrame({"id": ["st1"], "actor": ["a"]})
    >>> sc = pd.DataFrame({"stance": ["st1"], "concept": ["c"], "agreement": ["disagree"],
    ...                    "quote_ar": ["ق"], "quote_en": ["q"]})
    >>> concept_statements(st, sc)[["actor", "target", "stance"]].values.tolist()
    [['a', 'c', 'oppose']]
    """
    speaker = dict(zip(stances["id"], stances["actor"], strict=True))
    qualifier = {"agree": "support", "disagree": "oppose"}
    out = pd.DataFrame(
        {
            "actor": statement_concepts["stance"].map(speaker),
            "target": statement_concepts["concept"].astype(str),
            "stance": statement_concepts["agreement"].astype(str).map(qualifier),
            "row": statement_concepts["stance"].astype(str),
            "quote_ar": statement_concepts["quote_ar"],
            "quote_en": statement_concepts["quote_en"],
        }
    )
    if concepts is not None:
        english = dict(zip(concepts["id"], concepts["name_en"], strict=True))
        out["concept_en"] = out["target"].map(english)
    return out.reset_index(drop=True)
