"""The actor network and the signed network built from it.

Blocs are derived from the coded ties by a stated rule rather than assigned by hand, so
a recoding moves actors between blocs visibly. The signed network merges the signed
relations with the stances (support +1, oppose −1) for the balance analysis.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from . import balance

COALITION = "coalition_4plus1"
US_COALITION = "us_led_coalition"
ISIS = "isis"

BLOC_4PLUS1 = "4+1 coalition"
BLOC_US = "US-led coalition"
BLOC_ISIS = "Islamic State"
BLOC_IRAQ = "Iraqi parties, militias and parliament"
BLOC_OTHER = "Other"
BLOCS = [BLOC_4PLUS1, BLOC_US, BLOC_ISIS, BLOC_IRAQ, BLOC_OTHER]

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


def blocs(G: nx.MultiDiGraph) -> dict[str, str]:
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


def signed_ties(
    relations: pd.DataFrame, stances: pd.DataFrame, include_inferred: bool = True
) -> pd.DataFrame:
    """Every signed tie between two actors with its evidence: relations with sign ±1 and
    stances (support +1, oppose −1). A statement coded both as a relation and as a
    stance in the same sentence counts once."""
    rel = relations[relations["sign"].astype(int) != 0]
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
    ties = pd.DataFrame(
        rows,
        columns=[
            "source",
            "target",
            "sign",
            "kind",
            "row",
            "sentence",
            "quote_ar",
            "footnotes",
            "inferred",
        ],
    )
    pair = ties.apply(lambda t: tuple(sorted((t.source, t.target))), axis=1)
    ties = ties.assign(_pair=pair).drop_duplicates(["_pair", "sign", "sentence"])
    return ties.drop(columns="_pair").reset_index(drop=True)


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


def balance_summary(G: nx.Graph) -> dict:
    """The three balance measures of one signed network, for tables and sensitivity."""
    tri = balance.triangle_balance(G)
    fr = balance.frustration(G)
    return {
        "actors": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "negative": sum(1 for *_, s in G.edges(data="sign") if s < 0),
        "triangles": tri["triangles"],
        "balanced_share": tri["share"],
        "walk_balance": balance.walk_balance(G),
        "frustration": fr.index,
        "frustration_normalised": fr.index / max(G.number_of_edges(), 1),
    }


def camps(G: nx.Graph, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The two camps of an optimal partition (frustration index), camp A holding the
    4+1 coalition where it is in the network."""
    fr = balance.frustration(G)
    flip = fr.partition.get(COALITION, 0)
    labels = {n: "A" if (c ^ flip) == 0 else "B" for n, c in fr.partition.items()}
    df = pd.DataFrame({"actor": list(labels), "camp": list(labels.values())})
    if names:
        df["name_en"] = df["actor"].map(names)
    return df.sort_values(["camp", "actor"], ignore_index=True)
