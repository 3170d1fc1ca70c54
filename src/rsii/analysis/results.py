"""Everything the book reports about the coded article, computed in one place.

:func:`analyse` builds the signed network of one :class:`Model` (the modelling choices,
and optionally a hard case's other reading) and measures it; :func:`compute` gathers
the main model's :class:`Analysis` with the named variants, every hard case, the null
models and the actor network's centralities and blocs into one :class:`Results`. The
chapters, the actor register, the figures, the interactive network and ``rsii export``
read these objects; none of them computes an analysis result of its own, so no two
views can disagree.

:func:`results` caches the :class:`Results` per data package and code: in memory, and,
when the environment variable ``RSII_CACHE`` names a folder (the book's build sets it),
on disk, so that a build computes it once for all its notebooks and pages.

References: Cartwright, D. & Harary, F. (1956). Structural balance. *Psychological
Review* 63, 277–293. Davis, J. A. (1967). Clustering and structural balance in graphs.
*Human Relations* 20, 181–187. Aref, S., Mason, A. J. & Wilson, M. C. (2020). A
modeling and computational study of the frustration index in signed networks.
*Networks* 75, 95–110.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from rsii.analysis import balance, cache, camps, centrality, network, nulls, signed
from rsii.data import load

if TYPE_CHECKING:  # multiverse imports this module: it is imported where compute needs it
    from rsii.analysis.multiverse import Multiverse

STATES = ("joined", "apart", "merged")  # how a state and the agents that act for it stand
# The sentences that report the founding agreement (s02), the decision to set up the
# information centre (s12) and its staffing (s14): the cooperation ties and acts read
# from them define the coalition rather than report positions within it.
FOUNDING_SENTENCES = ("s02", "s12", "s14")


@dataclass(frozen=True)
class Model:
    """The modelling choices behind one signed network.

    Parameters
    ----------
    affiliation : bool
        Take the ties of affiliation (membership, leadership, chairing, representing,
        hosting) as positive ties beside those of sentiment; by default only sentiment
        ties and stances are taken (the codebook's ``tie`` column of relation types).
    states : {"joined", "apart", "merged"}
        ``"joined"``: each government is tied positively to its state (the codebook's
        rule that a state and its government are one side); ``"apart"``: no such tie;
        ``"merged"``: a state and every agent that acts for it (its government, and the
        presidents, leaders and envoys coded as leading or representing the state or
        its government) are one actor, named by the state.
    acts : bool
        Count stances that are acts (founding, joining, approving) as positions beside
        those that are statements (``mode`` in stances.csv).
    founding : bool
        Keep the cooperation ties and the acts read from the sentences that found the
        coalition and its centre (:data:`FOUNDING_SENTENCES`).
    inferred : bool
        Keep the relations and stances the coder infers (``inferred`` true).
    case : str or None
        A hard case (``cases.csv`` id) whose other reading replaces the coding.
    """

    affiliation: bool = False
    states: str = "joined"
    acts: bool = True
    founding: bool = True
    inferred: bool = True
    case: str | None = None

    def __post_init__(self):
        if self.states not in STATES:
            raise ValueError(f"states must be one of {STATES}, got {self.states!r}")


MAIN = Model()

# The signed networks the stance chapter sets side by side, and what each one is.
VARIANTS: dict[str, tuple[Model, str]] = {
    "main": (MAIN, "sentiment ties and stances, each government joined to its state"),
    "sentiment": (Model(states="apart"), "sentiment ties and stances, governments apart"),
    "affiliation": (
        Model(affiliation=True),
        "every signed tie, affiliation included, each government joined to its state",
    ),
    "version 0.1": (
        Model(affiliation=True, states="apart"),
        "every signed tie, affiliation included, governments apart (the book's version 0.1)",
    ),
}


@dataclass(frozen=True)
class Camps:
    """What every optimal two-camp split of a signed network says about its actors.

    ``splits`` are the optimal splits (actor → 0 or 1, canonical per component, as
    :func:`rsii.analysis.balance.optimal_partitions` gives them); ``pairs`` has one row
    per pair of actors in one connected part of the network: ``actor_a``, ``actor_b``,
    ``together`` (in how many splits they share a camp) and ``relation``:
    ``"together"`` (in every split), ``"apart"`` (in none) or ``"varies"``. Actors in
    different connected parts have no row: their camps are not comparable.
    """

    splits: tuple[dict, ...]
    pairs: pd.DataFrame

    def _rows(self, actor: str) -> pd.DataFrame:
        p = self.pairs
        mine = p[(p["actor_a"] == actor) | (p["actor_b"] == actor)]
        other = mine["actor_b"].where(mine["actor_a"] == actor, mine["actor_a"])
        return mine.assign(other=other)

    def always_with(self, actor: str) -> list[str]:
        """The actors in ``actor``'s camp in every optimal split."""
        rows = self._rows(actor)
        return sorted(rows.loc[rows["relation"] == "together", "other"])

    def always_against(self, actor: str) -> list[str]:
        """The actors in the other camp from ``actor`` in every optimal split."""
        rows = self._rows(actor)
        return sorted(rows.loc[rows["relation"] == "apart", "other"])

    def sometimes_with(self, actor: str) -> dict[str, int]:
        """The actors in ``actor``'s camp in some optimal splits only: actor → how many."""
        rows = self._rows(actor)
        rows = rows[rows["relation"] == "varies"]
        return dict(sorted(zip(rows["other"], rows["together"].astype(int), strict=True)))

    def groups(self, G: nx.Graph) -> list[set]:
        """The groups of actors that share a camp in every split (singletons included)."""
        return signed.stable_members(list(self.splits), G)


def camp_pairs(G: nx.Graph, splits: list[dict]) -> pd.DataFrame:
    """The ``pairs`` table of :class:`Camps` for ``splits`` of ``G``."""
    rows = []
    n = len(splits)
    for comp in nx.connected_components(G):
        members = balance._sorted(comp)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                together = sum(s[a] == s[b] for s in splits)
                relation = "together" if together == n else "apart" if together == 0 else "varies"
                rows.append((a, b, together, relation))
    columns = ["actor_a", "actor_b", "together", "relation"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["actor_a", "actor_b"], ignore_index=True)


@dataclass(frozen=True)
class Analysis:
    """One model's signed network and everything measured on it.

    ``ties``: every signed tie with its evidence (source, target, sign, kind, row,
    sentence, quote_ar, footnotes, inferred); ``graph``: the simple signed graph (one
    edge per pair, sign by majority; frozen); ``summary``: actors, ties, negative,
    triangles, balanced (triangles), balanced_share, walk_index, frustration,
    optimal_splits, clusters (of the best clustering, among tied actors) and misfits;
    ``triangles``: each triangle with its signs; ``camps``: the optimal splits and what
    they agree on; ``drawn``: the first optimal split as camps "A" (holding the 4+1
    coalition) and "B", for figures, with ``frustrated`` its frustrated ties (u, v,
    sign); ``clustering``: the best partition into any number of clusters; ``pn``: PN
    centrality.
    """

    model: Model
    ties: pd.DataFrame
    graph: nx.Graph
    summary: dict
    triangles: pd.DataFrame
    camps: Camps
    drawn: dict
    frustrated: tuple
    clustering: signed.Clustering
    pn: pd.Series

    def evidence(self, u: str, v: str) -> pd.DataFrame:
        """The coded rows behind the tie between ``u`` and ``v``, either direction."""
        return network.evidence_for(self.ties, u, v)

    def frustrated_in(self, u: str, v: str) -> int:
        """In how many of the optimal splits the tie between ``u`` and ``v`` is
        frustrated (a positive tie across the camps or a negative one inside)."""
        sign = self.graph[u][v]["sign"]
        return sum((s[u] != s[v]) == (sign > 0) for s in self.camps.splits)

    def frustrated_rows(self) -> pd.DataFrame:
        """The drawn split's frustrated ties, one row per coded row behind each: ``u``,
        ``v``, ``sign`` (of the tie) and the row's ``row``, ``kind``, ``sentence``,
        ``quote_ar`` and ``footnotes`` (``row`` empty for a tie made by a rule)."""
        columns = ["u", "v", "sign", "row", "kind", "sentence", "quote_ar", "footnotes"]
        rows = [
            {"u": u, "v": v, "sign": sign, **{c: getattr(t, c) for c in columns[3:]}}
            for u, v, sign in self.frustrated
            for t in self.evidence(u, v).itertuples()
        ]
        return pd.DataFrame(rows, columns=columns)


def _tables(model: Model, data: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    if model.case is None:
        return load.relations(data), load.stances(data)
    stances, relations = load.apply_case(model.case, data)
    return relations, stances


def agents_of_states(actors: pd.DataFrame, relations: pd.DataFrame) -> dict[str, str]:
    """Each agent of a state → the state: the government of a state's country, and the
    source of a ``leads`` or ``represents`` tie to a state or to such a government."""
    state_of = {r.country: r.id for r in actors.itertuples() if r.kind == "state" and r.country}
    out = {
        r.id: state_of[r.country]
        for r in actors.itertuples()
        if r.kind == "government" and r.country in state_of
    }
    states = set(state_of.values())
    for r in relations.itertuples():
        if str(r.relation) in ("leads", "represents"):
            target = r.target if r.target in states else out.get(r.target)
            if target is not None and r.source not in states:
                out[r.source] = target
    return dict(sorted(out.items()))


def signed_ties(model: Model = MAIN, data: Path | None = None) -> pd.DataFrame:
    """The signed ties of ``model``: the one recipe of the signed network.

    Relations of a signed type (of a sentiment type unless ``model.affiliation``) and
    stances (support +1, oppose −1), a statement coded as both in one sentence counted
    once (:func:`rsii.analysis.network.signed_ties`), less what the model leaves out
    (acts, founding ties, inferred rows); then the states: with ``"joined"`` a positive
    tie from each government to its state (not a coded row), with ``"merged"`` every
    agent renamed to its state (ties between two of them dropped).
    """
    relations, stances = _tables(model, data)
    actors = load.actors(data)
    agents = agents_of_states(actors, relations)
    if not model.acts:
        stances = stances[stances["mode"] != "act"]
    if not model.founding:
        founding = relations["sentence"].isin(FOUNDING_SENTENCES)
        relations = relations[~(founding & (relations["relation"] == "cooperates_with"))]
        stances = stances[
            ~(stances["sentence"].isin(FOUNDING_SENTENCES) & (stances["mode"] == "act"))
        ]
    if not model.inferred:
        relations = relations[~relations["inferred"].astype(bool)]
        stances = stances[~stances["inferred"].astype(bool)]
    types = load.relation_types(data)
    sentiment = None if model.affiliation else types.loc[types["tie"] == "sentiment", "value"]
    ties = network.signed_ties(relations, stances, types=sentiment)
    if model.states == "joined":
        ties = pd.concat([ties, network.government_ties(actors)], ignore_index=True)
    elif model.states == "merged":
        ties = ties.assign(
            source=ties["source"].map(lambda a: agents.get(a, a)),
            target=ties["target"].map(lambda a: agents.get(a, a)),
        )
        ties = ties[ties["source"] != ties["target"]].reset_index(drop=True)
    return ties


def _drawn(G: nx.Graph, split: dict) -> dict:
    """A split as camps "A" (with the 4+1 coalition) and "B"; actors with no signed path
    to the coalition get ``network.UNCONNECTED``."""
    flip = split.get(network.COALITION, 0)
    main = nx.node_connected_component(G, network.COALITION) if network.COALITION in G else set(G)
    return {
        n: ("A" if c ^ flip == 0 else "B") if n in main else network.UNCONNECTED
        for n, c in split.items()
    }


def analyse(model: Model = MAIN, data: Path | None = None) -> Analysis:
    """Build ``model``'s signed network from the data package and measure it.

    Parameters
    ----------
    model : Model
        The modelling choices (default: the book's main model).
    data : Path or None
        The data package's folder (None: the package's own data).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> a = analyse()
    >>> a.summary["frustration"] == len(a.frustrated)
    True
    """
    return measure(signed_ties(model, data), model)


def measure(ties: pd.DataFrame, model: Model = MAIN) -> Analysis:
    """The :class:`Analysis` of a table of signed ties (columns as
    :func:`signed_ties` gives them; at least source, target and sign)."""
    G = network.signed_network(ties)
    measures = signed.balance_measures(G)
    splits = balance.optimal_partitions(G)
    best = signed.clustering(G)
    tri = balance.triangle_balance(G)
    drawn = _drawn(G, splits[0]) if splits else {}
    frustrated = tuple(balance._frustrated_edges(G, splits[0])) if splits else ()
    summary = {
        "actors": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "negative": sum(1 for *_, s in G.edges(data="sign") if s < 0),
        "triangles": tri["triangles"],
        "balanced": tri["balanced"],
        "balanced_share": measures["balanced_share"],
        "walk_index": measures["walk_index"],
        "frustration": measures["frustration"],
        "optimal_splits": len(splits),
        "clusters": len({c for n, c in best.partition.items() if G.degree(n) > 0}),
        "misfits": best.misfits,
    }
    return Analysis(
        model=model,
        ties=ties,
        graph=nx.freeze(G),
        summary=summary,
        triangles=balance.triangles(G),
        camps=Camps(tuple(splits), camp_pairs(G, splits)),
        drawn=drawn,
        frustrated=frustrated,
        clustering=best,
        pn=signed.pn_centrality(G),
    )


def regrouped(base: Analysis, other: Analysis) -> dict:
    """What changes between two analyses' optimal splits, among the actors both have.

    Returns ``enter`` and ``leave`` (the actors only ``other`` or only ``base`` has),
    ``settled`` (pairs whose shared camp varied between splits and no longer does),
    ``unsettled`` (the reverse), ``reversed`` (pairs always together now always apart,
    or the other way) and ``regrouped`` (the actors with such a pair), actors sorted.
    """
    common = set(base.graph) & set(other.graph)

    def relations(a: Analysis) -> dict:
        p = a.camps.pairs
        keep = p["actor_a"].isin(common) & p["actor_b"].isin(common)
        return {(r.actor_a, r.actor_b): r.relation for r in p[keep].itertuples()}

    before, after = relations(base), relations(other)
    kinds = {"settled": [], "unsettled": [], "reversed": []}
    for pair in sorted(set(before) | set(after)):
        was, now = before.get(pair, "varies"), after.get(pair, "varies")
        if was == now:
            continue
        kind = "settled" if was == "varies" else "unsettled" if now == "varies" else "reversed"
        kinds[kind].append(pair)
    moved = sorted({a for pairs in kinds.values() for pair in pairs for a in pair})
    return {
        "enter": tuple(sorted(set(other.graph) - set(base.graph))),
        "leave": tuple(sorted(set(base.graph) - set(other.graph))),
        **{kind: len(pairs) for kind, pairs in kinds.items()},
        "regrouped": tuple(moved),
    }


@dataclass(frozen=True)
class Results:
    """Everything the book reports, computed once (see :func:`compute`).

    ``main``: the main model's :class:`Analysis`; ``variants``: one row per
    :data:`VARIANTS` (variant, description and the summary); ``cases``: one row per
    hard case (case, title, sentence, the summary under the other reading, and what
    changes, as :func:`regrouped` gives it); ``case_analyses``: each
    case's :class:`Analysis`; ``chance``: where the main model's measures fall among
    the null models' draws (:func:`rsii.analysis.camps.against_chance`);
    ``centralities``: degree, betweenness and eigenvector centrality in the actor
    network (by actor id); ``blocs``: each actor's bloc; ``multiverse``: every
    combination of the modelling choices and every hard case, measured
    (:func:`rsii.analysis.multiverse.grid`); ``analyses``: the :class:`Analysis` of every
    model computed (the multiverse's, the variants' and the hard cases'), by model, for
    the views that draw them (the what-if view).
    """

    main: Analysis
    variants: pd.DataFrame
    cases: pd.DataFrame
    case_analyses: dict = field(repr=False)
    chance: pd.DataFrame = field(repr=False)
    centralities: pd.DataFrame = field(repr=False)
    blocs: dict = field(repr=False)
    multiverse: Multiverse = field(repr=False)
    analyses: dict = field(repr=False, default_factory=dict)


def compute(data: Path | None = None, draws: int = 1000, seed: int = 2015) -> Results:
    """Compute :class:`Results` from the data package (``draws`` and ``seed`` of the
    null models, and of the multiverse's sign permutations)."""
    from rsii.analysis import multiverse

    main = analyse(MAIN, data)
    known = {MAIN: main}  # the analyses the multiverse need not compute again
    variant_rows = []
    for name, (model, description) in VARIANTS.items():
        known[model] = known.get(model) or analyse(model, data)
        variant_rows.append({"variant": name, "description": description, **known[model].summary})
    case_rows, per_case = [], {}
    for case in load.cases(data).itertuples():
        other = analyse(replace(MAIN, case=case.id), data)
        per_case[case.id] = known[other.model] = other
        case_rows.append(
            {"case": case.id, "title": case.title, "sentence": case.sentence,
             **other.summary, **regrouped(main, other)}
        )  # fmt: skip
    for model in multiverse.models():  # every combination of the choices, analysed once
        known[model] = known.get(model) or analyse(model, data)
    G = load.network(data)
    case_columns = ["case", "title", "sentence", *main.summary, *regrouped(main, main)]
    return Results(
        main=main,
        variants=pd.DataFrame(variant_rows),
        cases=pd.DataFrame(case_rows, columns=case_columns),
        case_analyses=per_case,
        chance=camps.against_chance(
            main.graph,
            draws=draws,
            seed=seed,
            ties=nulls.mark_stances(main.ties, load.stances(data)),
        ),
        centralities=centrality.centralities(G),
        blocs=network.assign_blocs(G),
        multiverse=multiverse.grid(data, draws=draws, seed=seed, known=known),
        analyses=dict(known),
    )


def results(data: Path | None = None) -> Results:
    """:func:`compute`'s :class:`Results`, computed once per data and code
    (:func:`rsii.analysis.cache.cached`)."""
    return cache.cached("results", lambda: compute(data), data)
