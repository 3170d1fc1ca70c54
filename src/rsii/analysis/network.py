"""The actor network and the signed network built from it.

Blocs are derived from the coded ties by a stated rule rather than assigned by hand, so
a recoding moves actors between blocs visibly. The signed network merges the signed
relations with the stances (support +1, oppose −1) for the balance analysis.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from rsii.analysis import balance

COALITION = "coalition_4plus1"
US_COALITION = "us_led_coalition"
ISIS = "isis"

BLOC_4PLUS1 = "4+1 coalition"
BLOC_US = "US-led coalition"
BLOC_ISIS = "Islamic State"
BLOC_IRAQ = "Iraqi domestic actors"  # the book's grouping, not a bloc the article names
BLOC_OTHER = "Other"
UNCONNECTED = "unconnected"

# A tie of these kinds puts its source in the bloc of its target: a member belongs with
# its coalition, a unit with its organisation, a leader or envoy with what it leads.
_BELONGING = {"member_of", "part_of", "leads", "represents"}


def composition(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors by kind, and ties by relation with their sign and how many are inferred."""
    kinds = pd.Series([d.get("kind") for _, d in G.nodes(data=True)], dtype="object")
    by_kind = kinds.value_counts().rename_axis("kind").reset_index(name="actors")
    rows = [
        (d["relation"], int(d["sign"]), bool(d.get("inferred"))) for *_, d in G.edges(data=True)
    ]
    ties = pd.DataFrame(rows, columns=["relation", "sign", "inferred"])
    by_relation = (
        ties.groupby(["relation", "sign"], observed=True)
        .agg(ties=("inferred", "size"), inferred=("inferred", "sum"))
        .reset_index()
        .sort_values(["ties", "relation"], ascending=[False, True])
    )
    return (
        by_kind.sort_values(["actors", "kind"], ascending=[False, True], ignore_index=True),
        by_relation.reset_index(drop=True),
    )


def assign_blocs(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each actor's bloc, by these rules, in order:

    1. the 4+1 coalition, the US-led coalition and the Islamic State anchor their blocs;
    2. a source of a member_of, part_of, leads or represents tie joins its target's bloc
       (repeated until nothing changes; the 4+1 bloc is filled first);
    3. the government of a state in a bloc joins that bloc;
    4. any other Iraqi party, bloc, armed group, media unit, parliamentary body or person
       is in the Iraqi domestic bloc; everyone else is "Other".
    """
    bloc: dict[str, str] = {}
    for anchor, name in ((COALITION, BLOC_4PLUS1), (US_COALITION, BLOC_US), (ISIS, BLOC_ISIS)):
        if anchor in G:
            bloc[anchor] = name
    belonging = sorted((u, v) for u, v, r in G.edges(data="relation") if r in _BELONGING)
    for name in (BLOC_4PLUS1, BLOC_US, BLOC_ISIS):
        changed = True
        while changed:
            changed = False
            states = {
                G.nodes[n].get("country")
                for n, b in bloc.items()
                if b == name and G.nodes[n].get("kind") == "state"
            }
            for node, data in sorted(G.nodes(data=True)):
                if node in bloc:
                    continue
                joins = any(u == node and bloc.get(v) == name for u, v in belonging)
                governs = data.get("kind") == "government" and data.get("country") in states - {""}
                if joins or governs:
                    bloc[node] = name
                    changed = True
    domestic = {"party_or_bloc", "armed_group", "media", "state_body", "person"}
    for node, data in sorted(G.nodes(data=True)):
        if node not in bloc:
            iraqi = data.get("country") == "IRQ" and data.get("kind") in domestic
            bloc[node] = BLOC_IRAQ if iraqi else BLOC_OTHER
    return dict(sorted(bloc.items()))


_TIE_COLUMNS = ["source", "target", "sign", "kind", "row", "sentence", "quote_ar", "footnotes",
                "inferred"]  # fmt: skip


def signed_ties(
    relations: pd.DataFrame,
    stances: pd.DataFrame,
    include_inferred: bool = True,
    types=None,
) -> pd.DataFrame:
    """Every signed tie between two actors with its evidence: relations with sign ±1
    (of the relation ``types`` given, else of every signed type) and stances (support
    +1, oppose −1). A statement coded both as a relation and as a stance in the same
    sentence counts once."""
    rel = relations[relations["sign"].astype(int) != 0]
    if types is not None:
        rel = rel[rel["relation"].astype(str).isin(set(types))]
    if not include_inferred:
        rel = rel[~rel["inferred"].astype(bool)]
    rows = [
        dict(
            source=r.source,
            target=r.target,
            sign=int(r.sign),
            kind=str(r.relation),
            row=r.id,
            sentence=r.sentence,
            quote_ar=r.quote_ar,
            footnotes=str(r.footnotes or ""),
            inferred=bool(r.inferred),
        )
        for r in rel.itertuples()
    ] + [
        dict(
            source=s.actor,
            target=s.target,
            sign=1 if str(s.stance) == "support" else -1,
            kind=f"stance: {s.stance}",
            row=s.id,
            sentence=s.sentence,
            quote_ar=s.quote_ar,
            footnotes=str(s.footnotes or ""),
            inferred=False,
        )
        for s in stances.itertuples()
    ]
    ties = pd.DataFrame(rows, columns=_TIE_COLUMNS)
    pair = ties.apply(lambda t: tuple(sorted((t.source, t.target))), axis=1)
    ties = ties.assign(_pair=pair).drop_duplicates(["_pair", "sign", "sentence"])
    return ties.drop(columns="_pair").reset_index(drop=True)


GOVERNMENT_RULE = "rule: a government with its state"


def government_ties(actors: pd.DataFrame) -> pd.DataFrame:
    """One positive tie between each government and the state of its country, by the
    codebook's rule that a state and its government are one side in the signed analysis
    (not coded rows: ``row`` and ``sentence`` are empty)."""
    states = {r.country: r.id for r in actors.itertuples() if r.kind == "state" and r.country}
    rows = [
        dict(source=r.id, target=states[r.country], sign=1, kind=GOVERNMENT_RULE, row="",
             sentence="", quote_ar="", footnotes="", inferred=False)
        for r in actors.itertuples()
        if r.kind == "government" and r.country in states
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=_TIE_COLUMNS)


def signed_network(ties: pd.DataFrame, ambivalence: str = "majority") -> nx.Graph:
    """The simple signed graph for balance: one edge per pair, sign by majority of its
    ties (balance.signed_graph); pairs with as many positive as negative ties are left
    out and listed in ``G.graph["ambivalent"]``."""
    return balance.signed_graph(
        ((t.source, t.target, int(t.sign)) for t in ties.itertuples()), ambivalence=ambivalence
    )


def evidence_for(ties: pd.DataFrame, u: str, v: str) -> pd.DataFrame:
    """The coded rows behind the tie between u and v, in either direction."""
    hit = ((ties.source == u) & (ties.target == v)) | ((ties.source == v) & (ties.target == u))
    return ties[hit]


def subnetwork(G: nx.Graph, actors) -> nx.Graph:
    """The signed ties among ``actors`` only (e.g. one bloc and what it takes positions on)."""
    H = G.subgraph(a for a in actors if a in G).copy()
    H.graph["ambivalent"] = [p for p in G.graph.get("ambivalent", []) if set(p) <= set(H)]
    return H


def strongest_pairs(
    congruence: pd.DataFrame,
    conflict: pd.DataFrame,
    names: dict[str, str] | None = None,
    jaccard: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Actor pairs with any congruence or conflict, one row a pair, in decreasing order
    of ``congruence`` then ``conflict`` (counts, or normalised values as given), then by
    name; with ``jaccard``, each pair's Jaccard congruence beside them."""
    names = names or {}
    actors = list(congruence.index)
    rows = []
    for i, a in enumerate(actors):
        for b in actors[i + 1 :]:
            c, k = float(congruence.loc[a, b]), float(conflict.loc[a, b])
            if c or k:
                row = {"actor_a": names.get(a, a), "actor_b": names.get(b, b)}
                row |= {"congruence": c, "conflict": k}
                if jaccard is not None:
                    row["jaccard"] = float(jaccard.loc[a, b])
                rows.append(row)
    columns = ["actor_a", "actor_b", "congruence", "conflict"]
    df = pd.DataFrame(rows, columns=columns + (["jaccard"] if jaccard is not None else []))
    return df.sort_values(
        ["congruence", "conflict", "actor_a", "actor_b"],
        ascending=[False, False, True, True],
        ignore_index=True,
    )


def arenas(
    groups: dict[str, list[str]], G: nx.Graph, names: dict[str, str] | None = None
) -> pd.DataFrame:
    """The balance analysis of each arena's subnetwork (the tied actors among its
    members): its size, balanced share, walk index and frustration index, and the two
    camps of its first optimal split by name (camp A holding the 4+1 coalition when it
    is there), with how many splits are optimal."""
    names = names or {}
    rows = []
    for arena, members in groups.items():
        H = subnetwork(G, members)
        H = H.subgraph(n for n in H if H.degree(n) > 0).copy()
        splits = balance.optimal_partitions(H)
        first = splits[0] if splits else {}
        flip = first.get(COALITION, 0)
        by_camp = {
            label: ", ".join(sorted(names.get(a, a) for a, c in first.items() if c ^ flip == side))
            for label, side in (("A", 0), ("B", 1))
        }
        tri = balance.triangle_balance(H)
        rows.append(
            {
                "arena": arena,
                "actors": H.number_of_nodes(),
                "ties": H.number_of_edges(),
                "negative": sum(1 for *_, s in H.edges(data="sign") if s < 0),
                "balanced_share": tri["share"],
                "walk_index": balance.walk_balance(H),
                # every optimal split leaves the same number frustrated: the first's
                "frustration": len(balance._frustrated_edges(H, first)) if splits else 0,
                "optimal_splits": len(splits),
                "camp_A": by_camp["A"],
                "camp_B": by_camp["B"],
            }
        )
    return pd.DataFrame(rows)
