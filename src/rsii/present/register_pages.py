"""The actor register's pages as MyST Markdown: an overview, one page per actor in the
reader's order (alphabetical by English name, ignoring "al-" and "the"), and what each
sentence of the article codes (placed under it in the chapter "The article").

Each thing is said once. Every coded row has one *home*, where it is shown in full with
its quote, its footnotes and whose claim it is: a relation on its source's page
(anchor ``relation-r001``), a stance on its speaker's page (``stance-st01``), an event
on the page of the first actor it lists (``event-e01``); other pages name it in a line
and link there. Whole sentences are not reprinted: pages link to them in the article
chapter. What every page would repeat is said once, on the overview.
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
    page_name,
    voice,
)
from rsii.present.tables import markdown_table, sentence_link
from rsii.present.views import KIND_WORDS, cite
from rsii.present.words import count, indefinite, join, relation_clause

BELONGING_WORDS = {
    "member_of": "member of",
    "part_of": "part of",
    "leads": "leads",
    "chairs": "chairs",
    "represents": "represents",
}


def _ref(text: str, label: str) -> str:
    text = str(text).replace("`", "'").replace("<", "‹").replace(">", "›")
    return f"{{ref}}`{text} <{label}>`"


def _ar(text: str) -> str:
    return "{ar}`" + str(text).replace("`", "") + "`"


def _cite(footnotes) -> str:
    """The footnotes as citations after a space (none: nothing)."""
    citation = cite(footnotes)
    return f" {citation}" if citation else ""


def ordered(reg: Register) -> list[str]:
    """The register's order: alphabetical by English name, ignoring a leading "the",
    "a" or "an" and the Arabic article "al-" (:func:`rsii.present.register.page_name`)."""
    return sorted(reg.actors["id"], key=lambda a: (page_name(reg.names[a]), a))


def _actor_link(reg: Register, actor: str) -> str:
    return _ref(reg.names.get(actor, actor), actor_label(actor))


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none (outside the largest connected part)"
    return f"{value:.3f}"


def _words(relation) -> str:
    return str(relation).replace("_", " ")


def has_ties(reg: Register, actor: str) -> bool:
    return reg.graph.degree(actor) > 0


def who(reg: Register, actor: str) -> str:
    """One line on who the actor is, as the article presents it: kind, what it belongs
    to or leads, and where it first appears."""
    a = reg.actor(actor)
    belongs = reg.relations[
        (reg.relations["source"] == actor)
        & reg.relations["relation"].astype(str).isin(BELONGING_WORDS)
    ]
    ties = list(
        dict.fromkeys(
            f"{BELONGING_WORDS[str(r.relation)]} {_actor_link(reg, r.target)}"
            for r in belongs.itertuples()
        )
    )
    section = reg.sentences.set_index("id").loc[a["first_sentence"], "section_en"] or "the lead"
    line = f"{reg.names[actor]}: {indefinite(KIND_WORDS[a['kind']])}"
    if ties:
        line += ", " + join(ties)
    return line + f"; first named in {sentence_link(a['first_sentence'])} ({section})."


def _note(text) -> str:
    """A row's coding note, as a paragraph of its item (both editions)."""
    text = " ".join(str(text or "").split())
    return f"\n\n  *Coder's note:* {text}" if text else ""


def _item(label: str, line: str, quote_ar: str = "", after: str = "") -> str:
    """One row shown in full, as a list of its own (its anchor names the list): its
    line, then its Arabic quote in a block of its own (right to left, flush right in
    both editions) and whatever follows (the English of a quote, the coder's note), each
    a paragraph: rows stand apart, in the PDF too."""
    text = f"({label})=\n- {line}"
    if str(quote_ar or "").strip():
        quote = str(quote_ar).replace("`", "").replace("\n", " ")
        text += f"\n\n  ```{{ar}}\n  {quote}\n  ```"
    return text + after + "\n"


def _relation_home(reg: Register, r) -> str:
    arrow = "→" if bool(r.directed) else "–"
    how = "read by the coder" if bool(r.inferred) else "in the article's words"
    line = (
        f"{_actor_link(reg, r.source)} {arrow} *{_words(r.relation)}* "
        f"{arrow} {_actor_link(reg, r.target)}: {how}, {voice(r.according_to, reg.spoken)}; "
        f"{sentence_link(r.sentence)}{_cite(r.footnotes)}."
    )
    return _item(f"relation-{r.id}", line, r.quote_ar, _note(r.note))


def _stance_home(reg: Register, s) -> str:
    line = (
        f"{_actor_link(reg, s.actor)} *{s.stance}s* "
        f"{_actor_link(reg, s.target)}, {voice(s.according_to, reg.spoken)}; "
        f"{sentence_link(s.sentence)}{_cite(s.footnotes)}."
    )
    return _item(f"stance-{s.id}", line, s.quote_ar, f"\n\n  “{s.quote_en}”" + _note(s.note))


def _event_home(reg: Register, e) -> str:
    dated = (
        "the article dates it" if e.according_to == "article" else voice(e.according_to, reg.spoken)
    )
    others = [a for a in str(e.actors).split() if a in reg.names]
    line = (
        f"**{e.date}** ({e.precision}): {e.event_en} Actors: "
        f"{join(_actor_link(reg, a) for a in others)}; {dated}; "
        f"{sentence_link(e.sentence)}{_cite(e.footnotes)}."
    )
    return _item(f"event-{e.id}", line)


def _elsewhere(label: str, text: str, sentence: str) -> str:
    return f"- {_ref(text, label)} ({sentence_link(sentence)})"


def _splits_phrase(n: int) -> str:
    if n == 1:
        return "the one optimal two-camp split"
    return "both optimal two-camp splits" if n == 2 else f"all {n} optimal two-camp splits"


def _signed_tie(reg: Register, other: str, sign: int) -> str:
    return f"{'+' if sign > 0 else '−'} {reg.short[other]}"


def _camp(reg: Register, actor: str) -> str:
    """Where the stance chapter's optimal two-camp splits put the actor, stated as what
    holds across all of them: with whom always, against whom always, with whom in some
    only (grouped by how many), and which of its ties every split (or some) leaves
    frustrated. Names are the short ones."""
    a = reg.signed
    if actor not in a.graph:
        return f"{NO_SIGNED_TIE}."
    camps, n = a.camps, len(a.camps.splits)
    with_, against = camps.always_with(actor), camps.always_against(actor)
    said = []
    if with_:
        said.append(f"in one camp with {join([reg.short[o] for o in with_])}")
    if against:
        said.append(f"in the other camp from {join([reg.short[o] for o in against])}")
    if said:
        text = f"in {_splits_phrase(n)}, " + "; ".join(said)
    else:
        text = f"no other actor is always with it or always against it in {_splits_phrase(n)}"
    by_count: dict[int, list[str]] = {}
    for other, k in camps.sometimes_with(actor).items():
        by_count.setdefault(k, []).append(reg.short[other])
    if by_count:
        groups = [f"in {k} of {n}, {join(by_count[k])}" for k in sorted(by_count, reverse=True)]
        text += f". In its camp in some splits only: {'; '.join(groups)}"
    always, sometimes = [], []
    for other in sorted(a.graph[actor], key=reg.short.__getitem__):
        sign, k = a.graph[actor][other]["sign"], a.frustrated_in(actor, other)
        if k == n:
            always.append(_signed_tie(reg, other, sign))
        elif k:
            sometimes.append(f"{_signed_tie(reg, other, sign)} ({k} of {n})")
    if always:
        text += f". Ties every optimal split leaves frustrated: {join(always)}"
    if sometimes:
        text += f". Ties some splits leave frustrated: {join(sometimes)}"
    return text + "."


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
    pn = reg.signed.pn.get(actor)
    facts = [
        ("Kind", indefinite(KIND_WORDS[a["kind"]])),
        ("Country", a["country"] or "none (see the country policy)"),
        ("Wikidata", wikidata),
        ("Named in", ", ".join(sentence_link(s) for s in named["sentence"])),
        ("Bloc", reg.blocs.get(actor, "")),
        ("Camp", _camp(reg, actor)),
        ("Degree", str(int(cent["degree"]))),
        ("Betweenness", _number(cent["betweenness"])),
        ("Eigenvector", _number(cent["eigenvector"])),
        ("PN centrality", _number(pn)),
    ]
    index_name = f"{name} ({name_ar})".replace(";", ",")
    parts = [
        # The title stays English: it travels to the sidebar and the PDF's bookmarks.
        f"({actor_label(actor)})=\n# {name}\n",
        f"```{{ar}}\n{name_ar}\n```\n",
        f"```{{index}} single: {index_name}\n```\n",
        who(reg, actor) + "\n",
        "".join(
            f"**{k}**: {v}{' ·' if i < len(facts) - 1 else ''}\n" for i, (k, v) in enumerate(facts)
        ),
    ]
    if str(a["note"] or "").strip():
        parts.append(f"Coding note: {a['note']}\n")
    if has_ties(reg, actor):
        parts.append(
            f"```{{figure}} {figure_name(actor)}\n:alt: {ego_alt(reg, actor)}"
            f"\n:width: 50%\n\nThe actors the coding ties to {reg.short[actor]}, and their "
            "ties.\n```\n"
        )
    parts += _rows(reg, actor)
    touching = cases_touching(reg, actor)
    if touching:
        parts.append("```{rubric} Hard cases\n```\n")
        parts += [_case(reg, c, actor) for c in touching]
    return "\n".join(parts)


def _rows(reg: Register, actor: str) -> list[str]:
    rel, st, ev = reg.relations, reg.stances, reg.events
    out = []
    home_rel = rel[rel["source"] == actor]
    home_st = st[st["actor"] == actor]
    known = set(reg.actors["id"])
    listed = ev["actors"].astype(str).str.split()
    home_ev = ev[[home_of_event(e, known) == actor for e in ev["actors"]]]
    if len(home_rel) or len(home_st) or len(home_ev):
        out.append("```{rubric} What the article says it does\n```\n")
        out += [_relation_home(reg, r) for r in home_rel.itertuples()]
        out += [_stance_home(reg, s) for s in home_st.itertuples()]
        out += [_event_home(reg, e) for e in home_ev.itertuples()]
    away = [
        _elsewhere(
            f"relation-{r.id}",
            f"{reg.names[r.source]} {relation_clause(r.relation, reg.names[r.source])} it",
            r.sentence,
        )
        for r in rel[rel["target"] == actor].itertuples()
    ]
    away += [
        _elsewhere(
            f"stance-{s.id}",
            f"{reg.names[s.actor]} {relation_clause(s.stance, reg.names[s.actor])} it",
            s.sentence,
        )
        for s in st[st["target"] == actor].itertuples()
    ]
    away += [
        _elsewhere(f"event-{e.id}", f"{e.date}: {e.event_en}", e.sentence)
        for e, xs in zip(ev.itertuples(), listed, strict=True)
        if actor in xs and home_of_event(e.actors, known) != actor
    ]
    if away:
        out.append("```{rubric} What others do towards it\n```\n")
        out.append("\n".join(away) + "\n")
    if not (out or away):
        out.append("The coding gives it no tie, stance or event.\n")
    return out


def _case(reg: Register, case_id: str, actor: str) -> str:
    c = load.records(reg.cases[reg.cases["id"] == case_id])[0]
    rerun = ""
    if reg.case_changes is not None:
        change = reg.case_changes.loc[case_id]
        said = [f"{reg.names[a]} enters the signed network" for a in change["enter"]]
        said += [f"{reg.names[a]} leaves it" for a in change["leave"]]
        said = [s.replace(" leaves it", " leaves the signed network") for s in said[:1]] + said[1:]
        if actor in change["regrouped"]:
            said.append(
                f"whom the optimal splits always put with or against {reg.short[actor]} "
                "changes (the stance chapter's sensitivity table counts the pairs)"
            )
        if said:
            rerun = f" Rerun under the other reading: {join(said)}."
        elif actor in reg.signed.graph:
            rerun = (
                " Rerun under the other reading, no actor enters or leaves the signed "
                f"network, and whom the optimal splits put with or against {reg.short[actor]} "
                "stays the same."
            )
        else:
            rerun = " Rerun under the other reading, no actor enters or leaves the signed network."
    return f"- **{c['title']}** ({sentence_link(c['sentence'])}). {c['alternative']}{rerun}"


def ego_alt(reg: Register, actor: str) -> str:
    ego = centrality.ego(reg.graph, actor)
    others = sorted(reg.short[n] for n in ego if n != actor)
    return (
        f"Ego network of {reg.short[actor]}: {count(len(others), 'actor')} tied to it "
        f"({', '.join(others)}), ties blue when positive, vermillion when negative, "
        "grey when neutral, dashed when inferred."
    )


def overview_table(reg: Register) -> pd.DataFrame:
    counts = reg.mentions.groupby("actor").size()
    actors = reg.actors.set_index("id").loc[ordered(reg)]
    return pd.DataFrame(
        {
            "Actor": actors["name_en"],
            "Arabic": actors["name_ar"],
            "Kind": actors["kind"].astype(str).map(KIND_WORDS),
            "Country": actors["country"],
            "Bloc": [reg.blocs.get(a, "–") for a in actors.index],
            "Sentences": [int(counts.get(a, 0)) for a in actors.index],
        }
    )


def overview(reg: Register) -> str:
    return (
        "(actor-register)=\n# Actor register\n\n"
        # The PDF sets the register a size smaller; the next part sets it back.
        "```{raw} latex\n\\footnotesize\n```\n\n"
        f"The article names {count(len(reg.actors), 'actor')} as the coding reads it. "
        "Each has a page, in the order of this table: who it is as the article presents "
        "it, the sentences that name it (linked to the article chapter), what the article "
        "says it does, with the Arabic words and whose claim each is, what others do "
        "towards it (linked to where it is shown in full), and the hard cases that would "
        "change a row naming it. A sentence *names* an actor when the coding ties the two: "
        "the first mention, a relation, a stance or an event of that sentence, or the "
        "actor's Arabic name occurring in it verbatim. Kinds, countries and blocs are the "
        "coding's, by the rules of the codebook. Each page says where the optimal two-camp "
        "splits of the stance chapter's signed network put the actor: only what holds in "
        "all of them (with whom always, against whom always), and with whom in some only. "
        "A figure on a page shows the actors the coding "
        "ties to it, styled as in the actor network chapter. Generated from the data at "
        "every build.\n\n"
        + markdown_table(overview_table(reg), actors=actor_links(reg.actors)).text
    )


def sentence_coding(reg: Register, sentence: str) -> str:
    """What was coded from one sentence, in names and words, each item linked to its
    home on the register: a container placed under the sentence in "The article"."""
    items = []
    actors = reg.actors_in(sentence)
    if actors:
        items.append("actors " + ", ".join(_actor_link(reg, a) for a in actors))
    rels = reg.relations[reg.relations["sentence"] == sentence]
    ties = [
        _ref(f"{reg.short[r.source]} {relation_clause(r.relation, reg.short[r.source])} "
             f"{reg.short[r.target]}", f"relation-{r.id}")
        for r in rels.itertuples()
    ]  # fmt: skip
    if ties:
        items.append("ties " + "; ".join(ties))
    st = reg.stances[reg.stances["sentence"] == sentence]
    said = [
        _ref(
            f"{reg.short[s.actor]} {relation_clause(s.stance, reg.short[s.actor])} "
            f"{reg.short[s.target]}",
            f"stance-{s.id}",
        )
        for s in st.itertuples()
    ]
    if said:
        items.append("stances " + "; ".join(said))
    known = set(reg.actors["id"])
    ev = reg.events[reg.events["sentence"] == sentence]
    dated = [
        _ref(f"{e.date}: {e.event_en.rstrip('.')}", f"event-{e.id}")
        for e in ev.itertuples()
        if home_of_event(e.actors, known) is not None
    ]
    if dated:
        items.append("events " + "; ".join(dated))
    body = ". ".join(i[0].upper() + i[1:] for i in items) if items else "Nothing"
    return f"```{{container}} rsii-coded\n:name: coded-{sentence}\n\n*Coded.* {body}.\n```\n"


def pages(reg: Register) -> dict[str, str]:
    """Every generated page's text by file name inside the register's folder; the file
    names sort in the register's order, which the table of contents' glob follows."""
    out = {"index.md": overview(reg)}
    for actor in ordered(reg):
        out[f"{page_name(reg.names[actor])}.md"] = actor_page(reg, actor)
    return out


def figure_name(actor: str) -> str:
    return f"_figures/{actor}.png"


def ego_png(reg: Register, actor: str) -> bytes:
    """The actor's ego-network figure, drawn with the network chapter's styles."""
    fig = figures.ego_figure(centrality.ego(reg.graph, actor), actor, reg.kinds)
    return figures.png_bytes(fig, dpi=100)
