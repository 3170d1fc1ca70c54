"""The actor register: what the data holds about each actor, computed once.

The analysis is read from :func:`rsii.analysis.results.results`, the one computation
every chapter and ``rsii export`` read, once per build;
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

from rsii.analysis import centrality, network, results
from rsii.analysis.results import Analysis
from rsii.data import load
from rsii.present import i18n
from rsii.present.i18n import _

FOLDER = "book/actors"  # the generated pages, as a docname prefix


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
    if i18n.is_arabic():  # the Arabic edition's tables name actors in Arabic
        for column in ("name_ar", "short_ar"):
            if column in actors:
                pairs = zip(actors["id"], actors[column], strict=True)
                links.update({str(n): str(a) for a, n in pairs if n})
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
    mentions: pd.DataFrame  # actor, sentence, why (a list of reasons)
    signed: Analysis  # the main model's signed network, its optimal splits and PN centrality
    case_actors: dict[str, set[str]]  # hard case → the actors of the rows it changes
    case_changes: pd.DataFrame | None  # results.Results.cases (None: not rerun)

    @functools.cached_property
    def names(self) -> dict[str, str]:
        """Each actor's English name: the page's file name and the register's order
        follow it in both editions."""
        return dict(zip(self.actors["id"], self.actors["name_en"], strict=True))

    def _worded(self, column: str) -> dict[str, str]:
        """``column`` ("name", "short") in the edition's language, by actor id."""
        found = self.__dict__.setdefault("_worded_cache", {})
        key = (column, i18n.language())
        if key not in found:
            name = f"{column}_{'ar' if i18n.is_arabic() else 'en'}"
            found[key] = dict(zip(self.actors["id"], self.actors[name], strict=True))
        return found[key]

    @property
    def title(self) -> dict[str, str]:
        """Each actor's name in the edition's language: name_en; in Arabic short_ar,
        since name_ar keeps the case its first mention has in the article's sentence
        («تحالفا دوليا», «للولايات المتحدة»), which reads wrongly on its own."""
        return self._worded("short") if i18n.is_arabic() else self._worded("name")

    @property
    def spoken(self) -> dict[str, str]:
        return spoken(self.actors)

    @property
    def short(self) -> dict[str, str]:
        """Each actor's short name in the edition's language (short_en, short_ar)."""
        return self._worded("short")

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


def build(data: Path | None = None, cases: bool = True) -> Register:
    """Read the data package, with the analysis the chapters show
    (:func:`rsii.analysis.results.results`, computed once); ``cases``: with each hard
    case's rerun (without it, only the main model is analysed, for the article page)."""
    actors, sentences = load.actors(data), load.sentences(data)
    relations, stances, events = load.relations(data), load.stances(data), load.events(data)
    alternatives = load.alternatives(data)
    G = load.network(data)
    if cases:
        found = results.results(data)
        main, centralities, blocs = found.main, found.centralities, found.blocs
    else:
        main = results.analyse(results.MAIN, data)
        centralities, blocs = centrality.centralities(G), network.assign_blocs(G)
    case_table = load.cases(data)
    return Register(
        actors=actors,
        sentences=sentences,
        relations=relations,
        stances=stances,
        events=events,
        cases=case_table,
        alternatives=alternatives,
        graph=G,
        kinds=load.codebook(data).query("field == 'kind'")["value"].tolist(),
        centralities=centralities,
        blocs=blocs,
        mentions=mentions(actors, sentences, relations, stances, events),
        signed=main,
        case_actors=case_actors(case_table, alternatives, relations, stances),
        case_changes=found.cases.set_index("case") if cases else None,
    )


def voice(according_to, names: dict[str, str]) -> str:
    """Whose claim a row is, as a phrase: "in the article's own voice" or "according to
    the Russian envoy" (``names``: actor id → name with its article, as
    :attr:`Register.spoken` gives them)."""
    who = str(according_to or "article")
    if who == "article":
        return _("in the article's own voice")
    return _("according to {name}", name=names.get(who, who))


# Names that take no article in running text (persons and states named as such, and
# organisations named by a proper name); every other short name takes "the".
_BARE = ("person", "state")
_BARE_IDS = {"hezbollah", "reuters"}
_THE_IDS = {"united_states", "eur_arab_me_states"}


def spoken(actors: pd.DataFrame) -> dict[str, str]:
    """Each actor's short name as a sentence uses it: "the Russian envoy", "Russia",
    "Bashar al-Assad"; in the Arabic edition the short Arabic name (short_ar), which
    carries its own article: «المندوب الروسي»."""
    if i18n.is_arabic():
        return dict(zip(actors["id"], actors["short_ar"], strict=True))
    out = {}
    for a in actors.itertuples():
        bare = (a.kind in _BARE and "unnamed" not in a.name_en) or a.id in _BARE_IDS
        out[a.id] = a.short_en if bare and a.id not in _THE_IDS else f"the {a.short_en}"
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
