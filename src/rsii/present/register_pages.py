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
from rsii.present import figures, i18n
from rsii.present import register_words as rw
from rsii.present.i18n import _, data_, n_, p_
from rsii.present.register import (
    Register,
    actor_label,
    actor_links,
    cases_touching,
    home_of_event,
    page_name,
    voice,
)
from rsii.present.register_words import comma, semicolon, sentence_link
from rsii.present.tables import markdown_table
from rsii.present.views import cite
from rsii.present.words import join


def _ref(text: str, label: str) -> str:
    text = str(text).replace("`", "'").replace("<", "‹").replace(">", "›")
    return f"{{ref}}`{text} <{label}>`"


def _ar(text: str) -> str:
    return "{ar}`" + str(text).replace("`", "") + "`"


def _rubric(title: str) -> str:
    return f"```{{rubric}} {title}\n```\n"


def _cite(footnotes) -> str:
    """The footnotes as citations after a space (none: nothing)."""
    citation = cite(footnotes)
    return f" {citation}" if citation else ""


def ordered(reg: Register) -> list[str]:
    """The register's order: alphabetical by English name, ignoring a leading "the",
    "a" or "an" and the Arabic article "al-" (:func:`rsii.present.register.page_name`)."""
    return sorted(reg.actors["id"], key=lambda a: (page_name(reg.names[a]), a))


def _actor_link(reg: Register, actor: str) -> str:
    return _ref(reg.title.get(actor, actor), actor_label(actor))


def _number(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("none (outside the largest connected part)")
    return f"{value:.3f}"


def has_ties(reg: Register, actor: str) -> bool:
    return reg.graph.degree(actor) > 0


def who(reg: Register, actor: str) -> str:
    """One line on who the actor is, as the article presents it: kind, what it belongs
    to or leads, and where it first appears."""
    a = reg.actor(actor)
    belongs = reg.relations[
        (reg.relations["source"] == actor)
        & reg.relations["relation"].astype(str).isin(rw.BELONGING)
    ]
    ties = list(
        dict.fromkeys(
            rw.belonging(r.relation, _actor_link(reg, r.target)) for r in belongs.itertuples()
        )
    )
    column = "section" if i18n.is_arabic() else "section_en"  # the Arabic: the article's
    section = reg.sentences.set_index("id").loc[a["first_sentence"], column] or _("the lead")
    # In Arabic, the name as the article first writes it (name_ar), which the title's
    # short name stands for.
    name = f"«{a['name_ar']}»" if i18n.is_arabic() else reg.title[actor]
    said = dict(name=name, kind=rw.a_kind(a["kind"]), section=section)
    said["sentence"] = sentence_link(a["first_sentence"])
    if ties:
        return _("{name}: {kind}, {ties}; first named in {sentence} ({section}).", **said,
                 ties=join(ties))  # fmt: skip
    return _("{name}: {kind}; first named in {sentence} ({section}).", **said)


def _note(text, table: str) -> str:
    """A row's coding note (from ``table``), as a paragraph of its item."""
    text = " ".join(data_(str(text or ""), f"{table}.note").split())
    return "\n\n  " + _("*Coder's note:* {note}", note=text) if text else ""


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
    how = _("read by the coder") if bool(r.inferred) else _("in the article's words")
    line = _(
        "{source} {arrow} *{relation}* {arrow} {target}: {how}, {voice}; {sentence}{citation}.",
        source=_actor_link(reg, r.source),
        arrow=rw.arrow(bool(r.directed)),
        relation=rw.relation(r.relation),
        target=_actor_link(reg, r.target),
        how=how,
        voice=voice(r.according_to, reg.spoken),
        sentence=sentence_link(r.sentence),
        citation=_cite(r.footnotes),
    )
    return _item(f"relation-{r.id}", line, r.quote_ar, _note(r.note, "relations"))


def _stance_home(reg: Register, s) -> str:
    said = dict(
        actor=_actor_link(reg, s.actor),
        target=_actor_link(reg, s.target),
        voice=voice(s.according_to, reg.spoken),
        sentence=sentence_link(s.sentence),
        citation=_cite(s.footnotes),
    )
    if s.stance == "support":
        line = _("{actor} *supports* {target}, {voice}; {sentence}{citation}.", **said)
    elif s.stance == "oppose":
        line = _("{actor} *opposes* {target}, {voice}; {sentence}{citation}.", **said)
    else:  # not a value of the codebook: as the data writes it
        line = f"{said['actor']} *{s.stance}s* {said['target']}, {said['voice']}; "
        line += f"{said['sentence']}{said['citation']}."
    # The Arabic edition shows the article's words only, not this project's English.
    english = "" if i18n.is_arabic() else f"\n\n  “{s.quote_en}”"
    return _item(f"stance-{s.id}", line, s.quote_ar, english + _note(s.note, "stances"))


def _event_home(reg: Register, e) -> str:
    dated = (
        _("the article dates it")
        if e.according_to == "article"
        else voice(e.according_to, reg.spoken)
    )
    others = [a for a in str(e.actors).split() if a in reg.names]
    line = _(
        "**{date}** ({precision}): {event} Actors: {actors}; {dated}; {sentence}{citation}.",
        date=e.date,
        precision=rw.precision(e.precision),
        event=data_(e.event_en, "events.event_en"),
        actors=join(_actor_link(reg, a) for a in others),
        dated=dated,
        sentence=sentence_link(e.sentence),
        citation=_cite(e.footnotes),
    )
    return _item(f"event-{e.id}", line)


def _elsewhere(label: str, text: str, sentence: str) -> str:
    return f"- {_ref(text, label)} ({sentence_link(sentence)})"


def _signed_tie(reg: Register, other: str, sign: int) -> str:
    return f"{'+' if sign > 0 else '−'} {reg.short[other]}"


def _camp(reg: Register, actor: str) -> str:
    """Where the stance chapter's optimal two-camp splits put the actor, stated as what
    holds across all of them: with whom always, against whom always, with whom in some
    only (grouped by how many), and which of its ties every split (or some) leaves
    frustrated. Names are the short ones."""
    a = reg.signed
    if actor not in a.graph:
        return _("none (no signed tie).")
    camps, n = a.camps, len(a.camps.splits)
    with_ = join([reg.short[o] for o in camps.always_with(actor)])
    said = [rw.always(n, with_, join([reg.short[o] for o in camps.always_against(actor)]))]
    by_count: dict[int, list[str]] = {}
    for other, k in camps.sometimes_with(actor).items():
        by_count.setdefault(k, []).append(reg.short[other])
    if by_count:
        groups = [
            _("in {k} of {n}, {actors}", k=k, n=n, actors=join(by_count[k]))
            for k in sorted(by_count, reverse=True)
        ]
        said.append(_("In its camp in some splits only: {groups}", groups=semicolon().join(groups)))
    always, sometimes = [], []
    for other in sorted(a.graph[actor], key=reg.short.__getitem__):
        sign, k = a.graph[actor][other]["sign"], a.frustrated_in(actor, other)
        if k == n:
            always.append(_signed_tie(reg, other, sign))
        elif k:
            sometimes.append(_("{tie} ({k} of {n})", tie=_signed_tie(reg, other, sign), k=k, n=n))
    if always:
        said.append(_("Ties every optimal split leaves frustrated: {ties}", ties=join(always)))
    if sometimes:
        said.append(_("Ties some splits leave frustrated: {ties}", ties=join(sometimes)))
    return ". ".join(said) + "."


def actor_page(reg: Register, actor: str) -> str:
    """The MyST page of one actor."""
    a = reg.actor(actor)
    name, name_ar = a["name_en"], a["name_ar"]
    cent = reg.centralities.loc[actor]
    named = reg.named_in(actor)
    wikidata = (
        f"[{a['wikidata']}](https://www.wikidata.org/wiki/{a['wikidata']})"
        if a["wikidata"]
        else _("none verified")
    )
    pn = reg.signed.pn.get(actor)
    bloc = reg.blocs.get(actor, "")
    facts = [
        (p_("actor page", "Kind"), rw.a_kind(a["kind"])),
        (
            p_("actor page", "Country"),
            rw.country(a["country"]) or _("none (see the country policy)"),
        ),
        (p_("actor page", "Wikidata"), wikidata),
        (p_("actor page", "Named in"), comma().join(sentence_link(s) for s in named["sentence"])),
        (p_("actor page", "Bloc"), rw.bloc(bloc) if bloc else ""),
        (p_("actor page", "Camp"), _camp(reg, actor)),
        (p_("actor page", "Degree"), str(int(cent["degree"]))),
        (p_("actor page", "Betweenness"), _number(cent["betweenness"])),
        (p_("actor page", "Eigenvector"), _number(cent["eigenvector"])),
        (p_("actor page", "PN centrality"), _number(pn)),
    ]
    if i18n.is_arabic():  # the Arabic title, the English name under it, marked English
        # The short name (short_ar): name_ar is the first mention as the article's
        # sentence inflects it («تحالفا دوليا»), which the page's first line quotes.
        heading = reg.title[actor]
        index_name = f"{heading} ({name})".replace(";", ",")
        title = [f"({actor_label(actor)})=\n# {heading}\n", f"```{{english}}\n{name}\n```\n"]
    else:  # The title stays English: it travels to the sidebar and the PDF's bookmarks.
        index_name = f"{name} ({name_ar})".replace(";", ",")
        title = [f"({actor_label(actor)})=\n# {name}\n", f"```{{ar}}\n{name_ar}\n```\n"]
    parts = [
        *title,
        f"```{{index}} single: {index_name}\n```\n",
        who(reg, actor) + "\n",
        "".join(
            f"**{k}**: {v}{' ·' if i < len(facts) - 1 else ''}\n" for i, (k, v) in enumerate(facts)
        ),
    ]
    if str(a["note"] or "").strip():
        parts.append(_("Coding note: {note}", note=data_(a["note"], "actors.note")) + "\n")
    if has_ties(reg, actor):
        caption = _("The actors the coding ties to {name}, and their ties.", name=reg.short[actor])
        parts.append(
            f"```{{figure}} {figure_name(actor)}\n:alt: {ego_alt(reg, actor)}"
            f"\n:width: 50%\n\n{caption}\n```\n"
        )
    parts += _rows(reg, actor)
    touching = cases_touching(reg, actor)
    if touching:
        parts.append(_rubric(_("Hard cases")))
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
        out.append(_rubric(_("What the article says it does")))
        out += [_relation_home(reg, r) for r in home_rel.itertuples()]
        out += [_stance_home(reg, s) for s in home_st.itertuples()]
        out += [_event_home(reg, e) for e in home_ev.itertuples()]
    away = [
        _elsewhere(
            f"relation-{r.id}",
            rw.tie_towards(r.relation, reg.title[r.source], reg.names[r.source]),
            r.sentence,
        )
        for r in rel[rel["target"] == actor].itertuples()
    ]
    away += [
        _elsewhere(
            f"stance-{s.id}",
            rw.tie_towards(s.stance, reg.title[s.actor], reg.names[s.actor]),
            s.sentence,
        )
        for s in st[st["target"] == actor].itertuples()
    ]
    away += [
        _elsewhere(f"event-{e.id}", f"{e.date}: {data_(e.event_en, 'events.event_en')}", e.sentence)
        for e, xs in zip(ev.itertuples(), listed, strict=True)
        if actor in xs and home_of_event(e.actors, known) != actor
    ]
    if away:
        out.append(_rubric(_("What others do towards it")))
        out.append("\n".join(away) + "\n")
    if not (out or away):
        out.append(_("The coding gives it no tie, stance or event.") + "\n")
    return out


def _case(reg: Register, case_id: str, actor: str) -> str:
    c = load.records(reg.cases[reg.cases["id"] == case_id])[0]
    rerun = ""
    if reg.case_changes is not None:
        change = reg.case_changes.loc[case_id]
        said = [_("{actor} enters the signed network", actor=reg.title[a]) for a in change["enter"]]
        said += [
            _("{actor} leaves the signed network", actor=reg.title[a])
            if not said and i == 0
            else _("{actor} leaves it", actor=reg.title[a])
            for i, a in enumerate(change["leave"])
        ]
        if actor in change["regrouped"]:
            said.append(
                _(
                    "whom the optimal splits always put with or against {actor} changes "
                    "(the stance chapter's sensitivity table counts the pairs)",
                    actor=reg.short[actor],
                )
            )
        if said:
            rerun = " " + _("Rerun under the other reading: {changes}.", changes=join(said))
        elif actor in reg.signed.graph:
            rerun = " " + _(
                "Rerun under the other reading, no actor enters or leaves the signed network, "
                "and whom the optimal splits put with or against {actor} stays the same.",
                actor=reg.short[actor],
            )
        else:
            rerun = " " + _(
                "Rerun under the other reading, no actor enters or leaves the signed network."
            )
    title = data_(c["title"], "cases.title")
    alternative = data_(c["alternative"], "cases.alternative")
    return f"- **{title}** ({sentence_link(c['sentence'])}). {alternative}{rerun}"


def ego_alt(reg: Register, actor: str) -> str:
    ego = centrality.ego(reg.graph, actor)
    others = sorted(reg.short[n] for n in ego if n != actor)
    return n_(
        "Ego network of {name}: one actor tied to it ({others}), ties blue when positive, "
        "vermillion when negative, grey when neutral, dashed when inferred.",
        "Ego network of {name}: {count} actors tied to it ({others}), ties blue when "
        "positive, vermillion when negative, grey when neutral, dashed when inferred.",
        len(others),
        name=reg.short[actor],
        count=rw.number(len(others)),
        others=comma().join(others),
    )


def overview_table(reg: Register) -> pd.DataFrame:
    counts = reg.mentions.groupby("actor").size()
    actors = reg.actors.set_index("id").loc[ordered(reg)]
    if i18n.is_arabic():  # the Arabic names first, the English beside them
        english = actors["name_en"].map(lambda n: "{en}`" + n.replace("`", "'") + "`")
        names = {_("Actor"): actors["name_ar"], _("English"): english}
    else:
        names = {"Actor": actors["name_en"], "Arabic": actors["name_ar"]}
    return pd.DataFrame(
        {
            **names,
            _("Kind"): actors["kind"].astype(str).map(rw.kind),
            _("Country"): actors["country"].map(rw.country),
            _("Bloc"): [rw.bloc(reg.blocs[a]) if a in reg.blocs else "–" for a in actors.index],
            _("Sentences"): [int(counts.get(a, 0)) for a in actors.index],
        }
    )


def overview(reg: Register) -> str:
    n = len(reg.actors)
    return (
        "(actor-register)=\n# " + _("Actor register") + "\n\n"
        # The PDF sets the register a size smaller; the next part sets it back.
        "```{raw} latex\n\\footnotesize\n```\n\n"
        + n_(
            "The article names one actor as the coding reads it.",
            "The article names {count} actors as the coding reads it.",
            n,
            count=rw.number(n),
        )
        + " "
        + _(
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
            "A figure on a page shows the actors the coding ties to it, styled as in the actor "
            "network chapter. Generated from the data at every build."
        )
        + "\n\n"
        + markdown_table(overview_table(reg), actors=actor_links(reg.actors)).text
    )


def sentence_coding(reg: Register, sentence: str) -> str:
    """What was coded from one sentence, in names and words, each item linked to its
    home on the register: a container placed under the sentence in "The article"."""
    items = []
    actors = reg.actors_in(sentence)
    if actors:
        items.append(_("Actors {actors}", actors=comma().join(_actor_link(reg, a) for a in actors)))
    short = reg.short
    rels = reg.relations[reg.relations["sentence"] == sentence]
    ties = [
        _ref(rw.tie(r.relation, short[r.source], short[r.target]), f"relation-{r.id}")
        for r in rels.itertuples()
    ]
    if ties:
        items.append(_("Ties {ties}", ties=semicolon().join(ties)))
    st = reg.stances[reg.stances["sentence"] == sentence]
    said = [
        _ref(rw.tie(s.stance, short[s.actor], short[s.target]), f"stance-{s.id}")
        for s in st.itertuples()
    ]
    if said:
        items.append(_("Stances {stances}", stances=semicolon().join(said)))
    known = set(reg.actors["id"])
    ev = reg.events[reg.events["sentence"] == sentence]
    dated = [
        _ref(f"{e.date}: {data_(e.event_en, 'events.event_en').rstrip('.')}", f"event-{e.id}")
        for e in ev.itertuples()
        if home_of_event(e.actors, known) is not None
    ]
    if dated:
        items.append(_("Events {events}", events=semicolon().join(dated)))
    body = ". ".join(items) if items else _("Nothing")
    coded = _("*Coded.* {body}.", body=body)
    return f"```{{container}} rsii-coded\n:name: coded-{sentence}\n\n{coded}\n```\n"


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
