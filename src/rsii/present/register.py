"""The actor register: what the data holds about each actor, computed once.

Everything is computed from the data package by the functions the analysis chapters
use (:mod:`rsii.analysis.network`, :mod:`rsii.analysis.centrality`), once per build;
:mod:`rsii.present.register_pages` writes it as MyST Markdown and
:mod:`rsii.book.sphinxext.register` puts the pages in the book.

An actor is *named* by a sentence when the coding ties the two: the actor's first
mention, a relation with the actor as source or target, a stance with the actor as
speaker or target, an event listing the actor, or the actor's Arabic name (as the
article writes it at the first mention) occurring verbatim in the sentence.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from rsii.analysis import camps as camp_analysis
from rsii.analysis import centrality, network, signed
from rsii.data import load

FOLDER = "book/actors"  # the generated pages, as a docname prefix
NO_SIGNED_TIE = "none (no signed tie)"


def actor_label(actor: str) -> str:
    return f"actor-{actor}"


def page_name(name_en: str) -> str:
    """An actor page's file name, from its English name: lowercase words joined by
    hyphens, a leading "the", "a" or "an" and the Arabic article "al-" left out, so that
    the file names sort in the register's order (which the table of contents' glob
    follows): "Haider al-Abadi" → "haider-abadi", "the United States" → "united-states"."""
    spaced = re.sub(r"[^\w\s-]", " ", name_en)  # dashes, brackets: word breaks
    ascii_name = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.sub(r"^(the|a|an)\s+", "", ascii_name.lower())
    words = re.sub(r"\bal-", "", words)
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")


def actor_doc(name_en: str) -> str:
    return f"{FOLDER}/{page_name(name_en)}"


def actor_url(name_en: str, from_doc: str) -> str:
    """The HTML address of an actor's page (by its English name) relative to the page
    ``from_doc`` (a docname such as ``notebooks/network``), for links that Sphinx does
    not resolve (Bokeh)."""
    return posixpath.relpath(f"{actor_doc(name_en)}.html", posixpath.dirname(from_doc) or ".")


def actor_links(actors: pd.DataFrame) -> dict[str, str]:
    """Every way a table names an actor (its id, English name and short name) → its id, for
    :func:`rsii.present.tables.markdown_table`'s ``actors``."""
    links = {str(a): str(a) for a in actors["id"]}
    links.update({str(n): str(a) for a, n in zip(actors["id"], actors["name_en"], strict=True)})
    if "short_en" in actors:
        links.update(
            {str(n): str(a) for a, n in zip(actors["id"], actors["short_en"], strict=True)}
        )
    return links


# --- the register's data ------------------------------------------------------------


@dataclass(frozen=True)
class Register:
    """The data package read once, and what the book computes about each actor; made
    by :func:`build` and not changed after."""

    actors: pd.DataFrame
    sentences: pd.DataFrame
    relations: pd.DataFrame
    stances: pd.DataFrame
    events: pd.DataFrame
    cases: pd.DataFrame
    alternatives: pd.DataFrame
    graph: nx.MultiDiGraph
    kinds: list[str]
    centralities: pd.DataFrame
    blocs: dict[str, str]
    camps: dict[str, str]
    mentions: pd.DataFrame  # actor, sentence, why (a list of reasons)
    camp_table: pd.DataFrame  # network.camps of the main signed network
    camp_reasons: dict[str, list]  # actor → (other, sign, fits) for its signed ties
    kept: set[str]  # the actors every optimal two-camp split keeps with others
    pn: pd.Series  # PN centrality in the signed network
    case_actors: dict[str, set[str]]  # hard case → the actors of the rows it changes
    camp_moves: dict[str, str] | None  # hard case → camp changes (None: not rerun)

    @functools.cached_property
    def names(self) -> dict[str, str]:
        return dict(zip(self.actors["id"], self.actors["name_en"], strict=True))

    @functools.cached_property
    def spoken(self) -> dict[str, str]:
        return spoken(self.actors)

    @functools.cached_property
    def short(self) -> dict[str, str]:
        return dict(zip(self.actors["id"], self.actors["short_en"], strict=True))

    def actor(self, actor: str) -> dict:
        return load.records(self.actors[self.actors["id"] == actor])[0]

    def named_in(self, actor: str) -> pd.DataFrame:
        return self.mentions[self.mentions["actor"] == actor]

    def actors_in(self, sentence: str) -> list[str]:
        """The actors a sentence names, in the actors table's order."""
        named = set(self.mentions.loc[self.mentions["sentence"] == sentence, "actor"])
        return [a for a in self.actors["id"] if a in named]


def home_of_event(actors_cell, known) -> str | None:
    return next((a for a in str(actors_cell or "").split() if a in known), None)


def mentions(
    actors: pd.DataFrame,
    sentences: pd.DataFrame,
    relations: pd.DataFrame,
    stances: pd.DataFrame,
    events: pd.DataFrame,
) -> pd.DataFrame:
    """Which sentences name which actor, and why (see the module's docstring): one row
    per actor and sentence, in sentence order, ``why`` a list of short reasons."""
    why: dict[tuple[str, str], list[str]] = {}

    def add(actor, sentence, reason):
        why.setdefault((str(actor), str(sentence)), []).append(reason)

    for a in actors.itertuples():
        add(a.id, a.first_sentence, "first mention")
    for r in relations.itertuples():
        add(r.source, r.sentence, f"source of {r.id}")
        add(r.target, r.sentence, f"target of {r.id}")
    for s in stances.itertuples():
        add(s.actor, s.sentence, f"speaker of {s.id}")
        add(s.target, s.sentence, f"target of {s.id}")
    known = set(actors["id"])
    for e in events.itertuples():
        for a in str(e.actors or "").split():
            if a in known:
                add(a, e.sentence, f"in {e.id}")
    for a in actors.itertuples():
        for s in sentences.itertuples():
            if a.name_ar and str(a.name_ar) in str(s.text_ar):
                add(a.id, s.id, "name in the text")
    order = {s: i for i, s in enumerate(sentences["id"])}
    rows = [{"actor": a, "sentence": s, "why": list(dict.fromkeys(w))} for (a, s), w in why.items()]
    df = pd.DataFrame(rows, columns=["actor", "sentence", "why"])
    df["_order"] = df["sentence"].map(order)
    return df.sort_values(["actor", "_order"]).drop(columns="_order").reset_index(drop=True)


def build(data: Path | None = None, camp_moves: bool = True) -> Register:
    """Read the data package and compute blocs, camps and centralities once, with the
    analysis chapters' functions; ``camp_moves`` also reruns the balance analysis under
    each hard case (as :func:`rsii.analysis.network.sensitivity` does)."""
    actors, sentences = load.actors(data), load.sentences(data)
    relations, stances, events = load.relations(data), load.stances(data), load.events(data)
    cases, alternatives = load.cases(data), load.alternatives(data)
    G = load.network(data)
    types = load.relation_types(data)
    signed_graph = network.main_signed_network(relations, stances, actors, types)
    camps = network.camps(signed_graph)
    by_actor = dict(zip(camps["actor"], camps["camp"], strict=True))
    _, stable = camp_analysis.stable_groups(signed_graph)
    return Register(
        actors=actors,
        sentences=sentences,
        relations=relations,
        stances=stances,
        events=events,
        cases=cases,
        alternatives=alternatives,
        graph=G,
        kinds=load.codebook(data).query("field == 'kind'")["value"].tolist(),
        centralities=centrality.centralities(G),
        blocs=network.assign_blocs(G),
        camps=by_actor,
        mentions=mentions(actors, sentences, relations, stances, events),
        camp_table=camps,
        camp_reasons=network.camp_reasons(signed_graph, by_actor),
        kept={a for group in stable if len(group) > 1 for a in group},
        pn=signed.pn_centrality(signed_graph),
        case_actors=case_actors(cases, alternatives, relations, stances),
        camp_moves=case_camp_moves(cases, camps, data) if camp_moves else None,
    )


def voice(according_to, names: dict[str, str]) -> str:
    """Whose claim a row is, as a phrase: "in the article's own voice" or "according to
    the Russian envoy" (``names``: actor id → name with its article, as
    :attr:`Register.spoken` gives them)."""
    who = str(according_to or "article")
    if who == "article":
        return "in the article's own voice"
    return f"according to {names.get(who, who)}"


# Names that take no article in running text (persons and states named as such, and
# organisations named by a proper name); every other short name takes "the".
_BARE = ("person", "state")
_BARE_IDS = {"hezbollah", "reuters"}
_THE_IDS = {"united_states", "eur_arab_me_states"}


def spoken(actors: pd.DataFrame) -> dict[str, str]:
    """Each actor's short name as a sentence uses it: "the Russian envoy", "Russia",
    "Bashar al-Assad"."""
    out = {}
    for a in actors.itertuples():
        bare = (a.kind in _BARE and "unnamed" not in a.name_en) or a.id in _BARE_IDS
        out[a.id] = a.short_en if bare and a.id not in _THE_IDS else f"the {a.short_en}"
    return out


def case_camp_moves(cases: pd.DataFrame, base: pd.DataFrame, data: Path | None) -> dict[str, str]:
    """For each hard case, the actors whose camp changes when the balance analysis is
    rerun with the case applied, as the stance chapter's sensitivity table gives them
    (:func:`rsii.analysis.network.camp_changes`; one optimal split per case)."""
    out = {}
    actors, types = load.actors(data), load.relation_types(data)
    for case in cases["id"]:
        st, rel = load.apply_case(case, data)
        split = network.camps(network.main_signed_network(rel, st, actors, types))
        out[str(case)] = "; ".join(network.camp_changes(base, split))
    return out


def case_actors(
    cases: pd.DataFrame,
    alternatives: pd.DataFrame,
    relations: pd.DataFrame,
    stances: pd.DataFrame,
) -> dict[str, set[str]]:
    """Each hard case's actors: those of the rows its alternatives change, and any actor
    an alternative puts into a row."""
    rows = {r["id"]: {r["source"], r["target"]} for r in load.records(relations)}
    rows |= {s["id"]: {s["actor"], s["target"]} for s in load.records(stances)}
    out: dict[str, set[str]] = {str(c): set() for c in cases["id"]}
    for a in load.records(alternatives):
        touched = out.setdefault(a["case"], set())
        touched |= rows.get(a["row"], set())
        if a["value"]:
            touched.add(a["value"])
    return out


def cases_touching(reg: Register, actor: str) -> list[str]:
    """The hard cases with an alternative that changes a row naming ``actor`` or puts
    ``actor`` into one, in cases.csv order."""
    return [c for c, actors in reg.case_actors.items() if actor in actors]
