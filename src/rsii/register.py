"""The actor register: one page per actor with everything the data holds about it.

Everything is computed from the data package by the functions the analysis chapters
use (``rsii.network``, ``rsii.centrality``), once per build, and written as MyST
Markdown by :mod:`rsii.sphinxext.register`. Every coded row has one *home* on the
register, where its anchor sits: a relation on its source's page (``relation-r001``),
a stance on its speaker's page (``stance-st01``), an event on the page of the first
actor it lists (``event-e01``); other pages link there.

An actor is *named* by a sentence when the coding ties the two: the actor's first
mention, a relation with the actor as source or target, a stance with the actor as
speaker or target, an event listing the actor, or the actor's Arabic name (as the
article writes it at the first mention) occurring verbatim in the sentence.
"""

from __future__ import annotations

import functools
import io
import math
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from . import centrality, figures, load, network
from .tables import markdown_table

FOLDER = "book/actors"  # the generated pages, as a docname prefix
OVERVIEW = f"{FOLDER}/index"
NO_SIGNED_TIE = "none (no signed tie)"


def actor_label(actor: str) -> str:
    return f"actor-{actor}"


def actor_doc(actor: str) -> str:
    return f"{FOLDER}/{actor}"


def actor_url(actor: str, from_doc: str) -> str:
    """The HTML address of an actor's page relative to the page ``from_doc`` (a docname
    such as ``notebooks/network``), for links that Sphinx does not resolve (Bokeh)."""
    return posixpath.relpath(f"{actor_doc(actor)}.html", posixpath.dirname(from_doc) or ".")


def actor_links(actors: pd.DataFrame) -> dict[str, str]:
    """Every way a table names an actor (its id and its English name) → its id, for
    :func:`rsii.tables.markdown_table`'s ``actors``."""
    links = {str(a): str(a) for a in actors["id"]}
    links.update({str(n): str(a) for a, n in zip(actors["id"], actors["name_en"], strict=True)})
    return links


# --- small MyST helpers -------------------------------------------------------------


def _ref(text: str, label: str) -> str:
    text = str(text).replace("`", "'").replace("<", "‹").replace(">", "›")
    return f"{{ref}}`{text} <{label}>`"


def _ar(text: str) -> str:
    return "{ar}`" + str(text).replace("`", "") + "`"


def _cite(footnotes) -> str:
    numbers = str(footnotes or "").split()
    if not numbers:
        return ""
    return " {cite:p}`" + ",".join(f"fn{int(n):02d}" for n in numbers) + "`"


def _sentence(sid: str) -> str:
    return _ref(sid, f"sentence-{sid}")


# --- the register's data ------------------------------------------------------------


@dataclass
class Register:
    """The data package read once, and what the book computes about each actor."""

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
    camp_table: pd.DataFrame | None = None  # network.camps of the main coding
    data: Path | None = None  # the data folder read (None: the package's)
    camp_moves: dict[str, str] = field(default_factory=dict)  # case → camp changes
    _case_actors: dict[str, set[str]] | None = None

    @functools.cached_property
    def names(self) -> dict[str, str]:
        return dict(zip(self.actors["id"], self.actors["name_en"], strict=True))

    @functools.cached_property
    def names_ar(self) -> dict[str, str]:
        return dict(zip(self.actors["id"], self.actors["name_ar"], strict=True))

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
    each hard case (``rsii.network.sensitivity``)."""
    actors, sentences = load.actors(data), load.sentences(data)
    relations, stances, events = load.relations(data), load.stances(data), load.events(data)
    cases, alternatives = load.cases(data), load.alternatives(data)
    G = load.network(data)
    signed = network.signed_network(network.signed_ties(relations, stances))
    camps = network.camps(signed)
    reg = Register(
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
        blocs=network.blocs(G),
        camps=dict(zip(camps["actor"], camps["camp"], strict=True)),
        mentions=mentions(actors, sentences, relations, stances, events),
        camp_table=camps,
        data=data,
    )
    if camp_moves:
        reg.camp_moves = case_camp_moves(reg)
    return reg


def case_camp_moves(reg: Register) -> dict[str, str]:
    """For each hard case, the actors whose camp changes when the balance analysis is
    rerun with the case applied, as the stance chapter's sensitivity table gives them
    (``rsii.network.camp_changes``; one optimal split per case)."""
    out = {}
    for case in reg.cases["id"]:
        st, rel = load.apply_case(case, reg.data)
        split = network.camps(network.signed_network(network.signed_ties(rel, st)))
        out[str(case)] = "; ".join(network.camp_changes(reg.camp_table, split))
    return out


# --- pages --------------------------------------------------------------------------


def _actor_link(reg: Register, actor: str) -> str:
    return _ref(reg.names.get(actor, actor), actor_label(actor))


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none (outside the largest connected part)"
    return f"{value:.3f}"


def _sign(value) -> str:
    return {1: "+1 (positive)", -1: "−1 (negative)", 0: "0 (neutral)"}[int(value)]


def _relation_row(reg: Register, r, actor: str) -> str:
    """One tie as a paragraph, anchored on its source's page."""
    here = r.source == actor
    rid = f"**{r.id}**" if here else _ref(r.id, f"relation-{r.id}")
    arrow = "→" if bool(r.directed) else "–"
    other = r.target if r.source == actor else r.source
    label = f"(relation-{r.id})=\n" if here else ""
    how = "inferred by the coder" if bool(r.inferred) else "stated in the article"
    note = f" Coding note: {r.note}" if str(r.note or "").strip() else ""
    return (
        f"{label}{rid} · {_actor_link(reg, r.source)} {arrow} *{r.relation}* {arrow} "
        f"{_actor_link(reg, r.target)} · sign {_sign(r.sign)} · {how} · "
        f"{_sentence(r.sentence)}{_cite(r.footnotes)} · with {_actor_link(reg, other)}: "
        f"{_ar(r.quote_ar)}{note}\n"
    )


def _stance_row(reg: Register, s, actor: str) -> str:
    here = s.actor == actor
    sid = f"**{s.id}**" if here else _ref(s.id, f"stance-{s.id}")
    label = f"(stance-{s.id})=\n" if here else ""
    note = f" Coding note: {s.note}" if str(s.note or "").strip() else ""
    return (
        f"{label}{sid} · {_actor_link(reg, s.actor)} *{s.stance}s* "
        f"{_actor_link(reg, s.target)} · {_sentence(s.sentence)}{_cite(s.footnotes)} · "
        f"{_ar(s.quote_ar)} (“{s.quote_en}”){note}\n"
    )


def _event_row(reg: Register, e, actor: str) -> str:
    here = home_of_event(e.actors, set(reg.actors["id"])) == actor
    eid = f"**{e.id}**" if here else _ref(e.id, f"event-{e.id}")
    label = f"(event-{e.id})=\n" if here else ""
    who = ", ".join(_actor_link(reg, a) for a in str(e.actors).split())
    return (
        f"{label}{eid} · {e.date} ({e.precision}) · {e.event_en} · actors: {who} · "
        f"{_sentence(e.sentence)}{_cite(e.footnotes)}\n"
    )


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
    if reg._case_actors is None:
        reg._case_actors = case_actors(reg.cases, reg.alternatives, reg.relations, reg.stances)
    return [c for c, actors in reg._case_actors.items() if actor in actors]


def _alternative(reg: Register, a) -> str:
    file = str(a.file).removesuffix(".csv")
    kind = "relation" if file == "relations" else "stance"
    row = _ref(a.row, f"{kind}-{a.row}")
    if a.action == "drop":
        return f"{a.id} drops {kind} {row}"
    value = str(a.value or "")
    shown = _actor_link(reg, value) if value in reg.names else f"`{value}`"
    return f"{a.id} sets `{a.column}` of {kind} {row} to {shown}"


def _case(reg: Register, case_id: str) -> str:
    c = load.records(reg.cases[reg.cases["id"] == case_id])[0]
    alts = reg.alternatives[reg.alternatives["case"] == case_id]
    changes = "; ".join(_alternative(reg, a) for a in alts.itertuples())
    moves = reg.camp_moves.get(case_id)
    if moves is None:
        camp = ""
    elif moves:
        camp = f" Rerun under this reading, camps change: {moves}."
    else:
        camp = " Rerun under this reading, no actor changes camp."
    return (
        f"**{c['id']}: {c['title']}** ({_sentence(c['sentence'])}). The coding: {c['choice']} "
        f"The other reading: {c['alternative']} It would change: {changes}.{camp}\n"
    )


def figure_name(actor: str) -> str:
    return f"_figures/{actor}.png"


def ego_alt(reg: Register, actor: str) -> str:
    ego = centrality.ego(reg.graph, actor)
    others = sorted(reg.names[n] for n in ego if n != actor)
    return (
        f"Ego network of {reg.names[actor]}: {len(others)} actors tied to it in the coding "
        f"({', '.join(others)}), ties blue when positive, vermillion when negative, "
        "grey when neutral, dashed when inferred."
    )


def has_ties(reg: Register, actor: str) -> bool:
    return reg.graph.degree(actor) > 0


def actor_page(reg: Register, actor: str) -> str:
    """The MyST page of one actor."""
    a = reg.actor(actor)
    name, name_ar = a["name_en"], a["name_ar"]
    cent = reg.centralities.loc[actor]
    named = reg.named_in(actor)
    wikidata = (
        f"[{a['wikidata']}](https://www.wikidata.org/wiki/{a['wikidata']})"
        if a["wikidata"]
        else "none verified"
    )
    index_name = f"{name} ({name_ar})".replace(";", ",")
    facts = pd.DataFrame(
        [
            ("English name", name),
            ("Arabic name (as the article writes it)", name_ar),
            ("Kind (coding)", a["kind"]),
            ("Country", a["country"] or "none given"),
            ("Wikidata", wikidata),
            ("First mention", a["first_sentence"]),
            ("Sentences naming it", len(named)),
            ("Bloc (rule of the network chapter)", reg.blocs.get(actor, "")),
            ("Camp (optimal split, stance chapter)", reg.camps.get(actor, NO_SIGNED_TIE)),
            ("Degree", int(cent["degree"])),
            ("Betweenness", _number(cent["betweenness"])),
            ("Eigenvector centrality", _number(cent["eigenvector"])),
        ],
        columns=["Field", "Value"],
    )
    parts = [
        # The title stays English: it travels to the sidebar, where the chapter's pages
        # sit folded away, and to the PDF's bookmarks; the Arabic name follows it.
        f"({actor_label(actor)})=\n# {name}\n",
        f"```{{ar}}\n{name_ar}\n```\n",
        f"```{{index}} single: {index_name}\n```\n",
        "What the data package holds about this actor, as coded from the article; "
        "labels and positions are the article's or the coding's, as marked.\n",
        markdown_table(facts).text,
    ]
    if str(a["note"] or "").strip():
        parts.append(f"Coding note: {a['note']}\n")
    if has_ties(reg, actor):
        parts.append(
            f"```{{figure}} {figure_name(actor)}\n:alt: {ego_alt(reg, actor)}\n:width: 70%\n\n"
            f"Ego network of {name}: the actors the coding ties to it and the ties among "
            "them; styles as in the actor network chapter.\n```\n"
        )
    else:
        parts.append("The coding ties this actor to no other actor.\n")

    parts.append("```{rubric} Sentences that name it\n```\n")
    by_id = reg.sentences.set_index("id")
    for m in named.itertuples():
        s = by_id.loc[m.sentence]
        parts.append(
            f"```{{ar}}\n{s['text_ar']}\n```\n\n"
            f"**{m.sentence}** ({_ref('in the article', f'sentence-{m.sentence}')}; "
            f"{', '.join(m.why)}). {s['text_en']}{_cite(s['footnotes'])}\n"
        )

    rels = reg.relations[(reg.relations["source"] == actor) | (reg.relations["target"] == actor)]
    parts.append("```{rubric} Ties\n```\n")
    parts += [_relation_row(reg, r, actor) for r in rels.itertuples()] or ["No coded tie.\n"]
    st = reg.stances[(reg.stances["actor"] == actor) | (reg.stances["target"] == actor)]
    parts.append("```{rubric} Stances\n```\n")
    parts += [_stance_row(reg, s, actor) for s in st.itertuples()] or ["No coded stance.\n"]
    ev = reg.events[reg.events["actors"].astype(str).str.split().map(lambda xs: actor in xs)]
    if len(ev):
        parts.append("```{rubric} Events\n```\n")
        parts += [_event_row(reg, e, actor) for e in ev.itertuples()]
    touching = cases_touching(reg, actor)
    parts.append("```{rubric} Hard cases\n```\n")
    parts += [_case(reg, c) for c in touching] or ["No hard case changes a row naming it.\n"]
    return "\n".join(parts)


def overview_table(reg: Register) -> pd.DataFrame:
    counts = reg.mentions.groupby("actor").size()
    return pd.DataFrame(
        {
            "actor": reg.actors["name_en"],
            "Arabic": reg.actors["name_ar"],
            "kind": reg.actors["kind"].astype(str),
            "country": reg.actors["country"],
            "degree": [int(reg.centralities.loc[a, "degree"]) for a in reg.actors["id"]],
            "camp": [reg.camps.get(a, "–") for a in reg.actors["id"]],
            "sentences": [int(counts.get(a, 0)) for a in reg.actors["id"]],
        }
    )


def overview(reg: Register) -> str:
    n = len(reg.actors)
    return (
        "(actor-register)=\n# Actor register\n\n"
        f"The article names {n} actors as coded in `data/actors.csv`. Each has a page "
        "below with its names, kind and country, every sentence that names it, its ties, "
        "stances, events and the hard cases that touch it, and its bloc, camp and "
        "centralities as the analysis chapters compute them. A sentence *names* an actor "
        "when the coding ties the two: the first mention, a relation, a stance or an "
        "event of that sentence, or the actor's Arabic name occurring in it verbatim. "
        "A camp of “–” means the actor has no signed tie. Generated from the data "
        "at every build.\n\n"
        + markdown_table(overview_table(reg), actors=actor_links(reg.actors)).text
    )


def sentence_coding(reg: Register, sentence: str) -> str:
    """What was coded from one sentence, each item linked to its home on the register:
    a container placed under the sentence in the chapter "The article"."""
    known = set(reg.actors["id"])
    items = []
    actors = reg.actors_in(sentence)
    if actors:
        items.append("actors " + ", ".join(_actor_link(reg, a) for a in actors))
    rels = reg.relations[reg.relations["sentence"] == sentence]
    if len(rels):
        items.append(
            "relations "
            + ", ".join(
                f"{_ref(r.id, f'relation-{r.id}')}: {r.source} {r.relation} {r.target}"
                for r in rels.itertuples()
            )
        )
    st = reg.stances[reg.stances["sentence"] == sentence]
    if len(st):
        items.append(
            "stances "
            + ", ".join(
                f"{_ref(s.id, f'stance-{s.id}')}: {s.actor} {s.stance}s {s.target}"
                for s in st.itertuples()
            )
        )
    ev = reg.events[reg.events["sentence"] == sentence]
    ev = ev[[home_of_event(e, known) is not None for e in ev["actors"]]]
    if len(ev):
        items.append("events " + ", ".join(_ref(e.id, f"event-{e.id}") for e in ev.itertuples()))
    body = "; ".join(items) if items else "nothing"
    return f"```{{container}} rsii-coded\n:name: coded-{sentence}\n\n*Coded:* {body}.\n```\n"


def pages(reg: Register) -> dict[str, str]:
    """Every generated page's text by file name inside the register's folder."""
    out = {"index.md": overview(reg)}
    for actor in reg.actors["id"]:
        out[f"{actor}.md"] = actor_page(reg, actor)
    return out


# --- the ego figure -----------------------------------------------------------------


def ego_layout(G: nx.Graph, actor: str) -> dict:
    """The actor in the middle, the others on a circle in id order: instant and the same
    at every build."""
    others = sorted(n for n in G if n != actor)
    pos = {actor: (0.0, 0.0)}
    for i, n in enumerate(others):
        angle = math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        pos[n] = (math.cos(angle), 0.8 * math.sin(angle))
    return pos


def ego_label_sides(pos: dict, actor: str) -> dict:
    """Labels point away from the circle's centre, so neighbours near its top do not
    overlap: left on the left, right on the right, above or below at the poles; the
    actor's own label sits above it."""
    sides = {}
    for node, (x, y) in pos.items():
        if node == actor:
            sides[node] = "above"
        elif abs(x) > 0.1:
            sides[node] = "right" if x > 0 else "left"
        else:
            sides[node] = "above" if y > 0 else "below"
    return sides


def ego_figure(reg: Register, actor: str):
    """A small ego-network figure, drawn with rsii.figures' helpers (Arabic set right),
    without a legend (its styles are the network chapter's)."""
    import matplotlib.pyplot as plt

    ego = figures.bilingual(centrality.ego(reg.graph, actor))
    fig, ax = plt.subplots(figsize=(5.8, 3.6))
    pos = ego_layout(ego, actor)
    figures.draw_network(
        ego,
        pos,
        kinds=reg.kinds,
        label_attr="bilingual",
        ax=ax,
        label_sides=ego_label_sides(pos, actor),
    )
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.set_xlim(-2.8, 2.8)
    ax.set_ylim(-1.1, 1.15)
    fig.subplots_adjust(0, 0, 1, 1)
    return fig


def ego_png(reg: Register, actor: str) -> bytes:
    import matplotlib.pyplot as plt

    fig = ego_figure(reg, actor)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches=None, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
