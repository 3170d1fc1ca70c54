"""The actor register's pages as MyST Markdown: an overview, one page per actor, and
what each sentence of the article codes (placed under it in the chapter "The article").

Every coded row has one *home* on the register, where its anchor sits: a relation on its
source's page (``relation-r001``), a stance on its speaker's page (``stance-st01``), an
event on the page of the first actor it lists (``event-e01``); other pages link there.
"""

from __future__ import annotations

import math

import pandas as pd

from rsii.analysis import centrality
from rsii.data import load
from rsii.present import figures
from rsii.present.register import (
    NO_SIGNED_TIE,
    Register,
    actor_label,
    actor_links,
    cases_touching,
    home_of_event,
)
from rsii.present.tables import markdown_table


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
    moves = (reg.camp_moves or {}).get(case_id)
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


def figure_name(actor: str) -> str:
    return f"_figures/{actor}.png"


def ego_png(reg: Register, actor: str) -> bytes:
    """The actor's ego-network figure, drawn with the network chapter's styles."""
    fig = figures.ego_figure(centrality.ego(reg.graph, actor), actor, reg.kinds)
    return figures.png_bytes(fig, dpi=100)
