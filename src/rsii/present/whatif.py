"""The what-if view: every modelling choice's signed network, for a reader to switch
between in the HTML book.

:func:`analyses` takes the models the view offers (the five choices of
:class:`rsii.analysis.results.Model` in every combination, and each hard case's other
reading on the main model) from :func:`rsii.analysis.results.results`, which analyses
each once for every view. :func:`payload`
turns any list of ``(Model, Analysis)`` pairs into compact JSON-able data that
``book/_static/whatif.js`` draws, and :func:`html` writes the view's HTML: the payload
inline, the form (one fieldset per choice), the drawing, its legend and the summary.

The payload names actors by their short English names and describes every model in
words; actors are numbered by their place in ``actors`` (the union of the models'
actors, sorted by id, which never appear), and a model refers to them by that number:

``actors``
    ``name`` (short English name), ``full`` (English name), ``x`` and ``y`` (in the box
    ``WIDTH`` × ``HEIGHT``: one layout of the union of the models' networks, computed
    once, the same at every build; see :func:`_union_layout`).
``controls``
    One per choice: ``key``, ``legend`` and ``options`` (their labels, in words).
``cases``
    The hard cases' titles; ``main``: the main model's option per control.
``models``
    ``choice`` (the option per control, then the hard case's number or −1), ``words``
    (the choices in a sentence), ``main`` (whether it is the book's main model), the
    counts ``actors``, ``ties``, ``negative``, ``frustration``, ``splits`` (optimal
    two-camp splits), ``clusters`` and ``misfits``, ``balanced`` (the share of balanced
    triangles, None without triangles), ``edges`` (``[a, b, sign, frustrated, misfit]``:
    actor numbers a < b, sign ±1, in how many optimal splits the tie is frustrated, 1
    when it is a misfit of the best clustering), ``cluster`` (per actor its cluster, −1
    when the model lacks the actor; clusters numbered by size), ``camp`` (per actor its
    group of actors sharing a camp in every optimal split, −1 when absent) and ``apart``
    (the pairs of groups in opposite camps in every optimal split).
"""

from __future__ import annotations

import html as _html
import itertools
import json
import math
from dataclasses import replace
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from rsii.analysis import cache, results
from rsii.analysis.results import Analysis, Model
from rsii.data import load
from rsii.present import figures, i18n, labels, words
from rsii.present.i18n import _, data_, n_

FOUNDING = "sentences " + words.join(str(int(s[1:])) for s in results.FOUNDING_SENTENCES)

# Each choice of a Model: its field, the legend of its fieldset, and per option the value,
# the label of its radio button and its phrase in a model's description.
CHOICES = (
    ("affiliation", "Ties of affiliation (membership, leadership, representing, hosting)", (
        (False, "left out", "sentiment ties and stances only"),
        (True, "counted as positive ties", "affiliation ties counted as positive"),
    )),
    ("states", "A state and the agents that act for it", (
        ("joined", "each government tied to its state", "each government tied to its state"),
        ("apart", "each government apart from its state", "governments apart from their states"),
        ("merged", "a state and its agents one actor", "each state one actor with its agents"),
    )),
    ("acts", "Acts (founding, joining, approving)", (
        (True, "counted as positions", "acts counted as positions"),
        (False, "left out", "acts left out"),
    )),
    ("founding", f"Cooperation ties and acts of the founding {FOUNDING}", (
        (True, "kept", "the founding sentences' ties and acts kept"),
        (False, "left out", "the founding sentences' ties and acts left out"),
    )),
    ("inferred", "The coder's inferences", (
        (True, "kept", "the coder's inferences kept"),
        (False, "left out", "the coder's inferences left out"),
    )),
)  # fmt: skip


def choices() -> tuple:
    """:data:`CHOICES` in the edition's language (the same values, in the same order)."""
    if not i18n.is_arabic():
        return CHOICES
    founding = words.join(str(int(s[1:])) for s in results.FOUNDING_SENTENCES)
    return (
        ("affiliation", _("Ties of affiliation (membership, leadership, representing, hosting)"), (
            (False, _("left out"), _("sentiment ties and stances only")),
            (True, _("counted as positive ties"), _("affiliation ties counted as positive")),
        )),
        ("states", _("A state and the agents that act for it"), (
            ("joined", _("each government tied to its state"),
             _("each government tied to its state")),
            ("apart", _("each government apart from its state"),
             _("governments apart from their states")),
            ("merged", _("a state and its agents one actor"),
             _("each state one actor with its agents")),
        )),
        ("acts", _("Acts (founding, joining, approving)"), (
            (True, _("counted as positions"), _("acts counted as positions")),
            (False, _("left out"), _("acts left out")),
        )),
        ("founding", _("Cooperation ties and acts of the founding sentences {sentences}",
                       sentences=founding), (
            (True, _("kept"), _("the founding sentences' ties and acts kept")),
            (False, _("left out"), _("the founding sentences' ties and acts left out")),
        )),
        ("inferred", _("The coder's inferences"), (
            (True, _("kept"), _("the coder's inferences kept")),
            (False, _("left out"), _("the coder's inferences left out")),
        )),
    )  # fmt: skip


def grid() -> list[Model]:
    """Every combination of the five choices, the main model first."""
    combos = itertools.product(*([value for value, *_ in options] for _, _, options in CHOICES))
    models = [Model(**dict(zip([key for key, *_ in CHOICES], c, strict=True))) for c in combos]
    return sorted(models, key=lambda m: m != results.MAIN)


def analyses(data: Path | None = None) -> list[tuple[Model, Analysis]]:
    """The models the view offers with their analyses: :func:`grid`, then each hard case
    on the main model, as :func:`rsii.analysis.results.results` analysed them."""
    res = results.results(data)
    pairs = [(m, res.analyses[m]) for m in grid()]
    for case in load.cases(data)["id"]:
        model = replace(results.MAIN, case=case)
        pairs.append((model, res.case_analyses[case]))
    return pairs


def describe(model: Model, cases: dict[str, str]) -> str:
    """The model's choices in words; ``cases`` gives each hard case's title."""
    parts = [
        next(phrase for value, _, phrase in options if value == getattr(model, key))
        for key, _, options in choices()
    ]
    if i18n.is_arabic():
        text = "؛ ".join(parts)
        if model.case is not None:
            title = cases.get(model.case, model.case)
            text = i18n._("{choices}; the other reading of the hard case «{case}»",
                          choices=text, case=title)  # fmt: skip
        return text
    text = "; ".join(parts)
    if model.case is not None:
        text += f"; the other reading of the hard case “{cases.get(model.case, model.case)}”"
    return text[:1].upper() + text[1:]


# The drawing's box (SVG user units), the size of its labels and the radius of its markers
# (the view's <svg> tells whatif.js the last two): actors are placed so that no two of
# them, each with its label, overlap.
WIDTH, HEIGHT, FONT, RADIUS = 1200, 1300, 24, 16


def _body(name: str) -> list[float]:
    """An actor's marker and the label under it, as a box relative to its centre."""
    half = max(0.3 * FONT * len(name), RADIUS) + 4
    return [-half, -RADIUS - 4, half, RADIUS + 1.6 * FONT + 6]


def _spread(values: list[float]) -> list[float]:
    """Positions 0–1, halfway between their scaled values and their ranks, so that a
    crowded centre opens up and the order along the axis stays."""
    lo, hi = min(values), max(values)
    rank = {i: r for r, i in enumerate(sorted(range(len(values)), key=values.__getitem__))}
    n = max(len(values) - 1, 1)
    return [
        0.5 * ((v - lo) / (hi - lo) if hi > lo else 0.5) + 0.5 * rank[i] / n
        for i, v in enumerate(values)
    ]


def _union_layout(pairs, order: list[str], names: list[str]) -> dict[str, tuple[int, int]]:
    """One layout for all models, of the union of their networks
    (:func:`rsii.present.figures.layout`), spread out (:func:`_spread`) and separated so
    that no two actors with their labels overlap (:func:`rsii.present.labels.separate`),
    in the box ``WIDTH`` × ``HEIGHT``."""
    union = nx.Graph()
    union.add_nodes_from(order)
    for _model, analysis in pairs:
        union.add_edges_from(analysis.graph.edges())
    pos = figures.layout(union)
    xs = _spread([pos[n][0] for n in order])
    ys = _spread([-pos[n][1] for n in order])
    R = np.array([_body(name) for name in names])
    P = np.column_stack([np.array(xs) * WIDTH, np.array(ys) * HEIGHT])
    P = labels.separate(P, R, (0, 0, WIDTH, HEIGHT))
    return {n: (round(float(x)), round(float(y))) for n, (x, y) in zip(order, P, strict=True)}


def _camp_groups(analysis: Analysis, index: dict[str, int]) -> tuple[list[int], list[list[int]]]:
    """Per actor (by number) its group of actors together in every optimal split, −1 when
    absent, and the pairs of groups apart in every one: the ``pairs`` table, losslessly
    (being together in every split is an equivalence; being apart holds between groups)."""
    pairs = analysis.camps.pairs
    together = nx.Graph()
    together.add_nodes_from(analysis.graph)
    rows = pairs[pairs["relation"] == "together"]
    together.add_edges_from(zip(rows["actor_a"], rows["actor_b"], strict=True))
    groups = sorted(sorted(index[n] for n in g) for g in nx.connected_components(together))
    group_of = {member: g for g, members in enumerate(groups) for member in members}
    camp = [group_of.get(i, -1) for i in range(len(index))]
    rows = pairs[pairs["relation"] == "apart"]
    apart = {
        tuple(sorted((group_of[index[a]], group_of[index[b]])))
        for a, b in zip(rows["actor_a"], rows["actor_b"], strict=True)
    }
    return camp, [list(p) for p in sorted(apart)]


def _clusters(analysis: Analysis, index: dict[str, int]) -> list[int]:
    """Per actor its cluster of the best clustering, clusters numbered by size (largest
    first, then by their first actor's number); −1 for an actor the model lacks."""
    members: dict = {}
    for actor, c in analysis.clustering.partition.items():
        members.setdefault(c, []).append(index[actor])
    ranked = sorted(members.values(), key=lambda m: (-len(m), min(m)))
    number = {i: c for c, m in enumerate(ranked) for i in m}
    return [number.get(i, -1) for i in range(len(index))]


def _choice(model: Model) -> list[int]:
    """The model's option (its number) per control."""
    return [
        [value for value, *_ in options].index(getattr(model, key)) for key, _, options in CHOICES
    ]


def _model(model: Model, analysis: Analysis, index: dict, case: int, titles: dict) -> dict:
    s = analysis.summary
    misfit = {frozenset((u, v)) for u, v, _ in analysis.clustering.misfitting}
    edges = []
    for u, v, sign in analysis.graph.edges(data="sign"):
        a, b = sorted((index[u], index[v]))
        hit = analysis.frustrated_in(u, v) if analysis.camps.splits else 0
        edges.append([a, b, int(sign), hit, int(frozenset((u, v)) in misfit)])
    camp, apart = _camp_groups(analysis, index)
    share = s["balanced_share"]
    return {
        "choice": [*_choice(model), case],
        "words": describe(model, titles),
        "main": model == results.MAIN,
        "actors": int(s["actors"]),
        "ties": int(s["ties"]),
        "negative": int(s["negative"]),
        "frustration": int(s["frustration"]),
        "splits": int(s["optimal_splits"]),
        "balanced": None if share is None or math.isnan(share) else round(float(share), 3),
        "clusters": int(s["clusters"]),
        "misfits": int(s["misfits"]),
        "edges": sorted(edges),
        "cluster": _clusters(analysis, index),
        "camp": camp,
        "apart": apart,
    }


def _names(actors: pd.DataFrame, actor: str) -> dict:
    """An actor's short and full English names (the id only for an actor not in
    ``actors``, which the data package's validation rules out)."""
    rows = actors[actors["id"] == actor]
    if rows.empty:
        return {"name": actor, "full": actor}
    row = rows.iloc[0].to_dict()
    if i18n.is_arabic():
        return {"name": figures.name(row, actor), "full": figures.full_name(row, actor)}
    full = str(row.get("name_en") or actor)
    return {"name": figures.english(row, full), "full": full}


def payload(
    pairs: list[tuple[Model, Analysis]], actors: pd.DataFrame, data: Path | None = None
) -> dict:
    """The view's data for ``pairs`` (see the module's docstring); ``actors`` has the
    columns id, name_en and short_en (actors.csv). A model that reads a hard case names
    it by its title (cases.csv of the data package ``data``)."""
    order = sorted(set().union(*(set(a.graph) for _, a in pairs)))
    index = {n: i for i, n in enumerate(order)}
    names = [_names(actors, n) for n in order]
    pos = _union_layout(pairs, order, [n["name"] for n in names])
    case_ids = sorted({m.case for m, _ in pairs if m.case is not None})
    titles = load.cases(data).set_index("id")["title"].to_dict() if case_ids else {}
    if i18n.is_arabic():
        titles = {k: data_(v, "cases.title") for k, v in titles.items()}
    models = [
        _model(m, a, index, case_ids.index(m.case) if m.case else -1, titles) for m, a in pairs
    ]
    return {
        "actors": [
            {**name, "x": pos[n][0], "y": pos[n][1]} for n, name in zip(order, names, strict=True)
        ],
        "controls": [
            {"key": key, "legend": legend, "options": [label for _, label, _ in options]}
            for key, legend, options in choices()
        ],
        "cases": [titles.get(c, c) for c in case_ids],
        "main": _choice(results.MAIN),
        "models": models,
    }


def dumps(data: dict) -> str:
    """The payload as compact JSON that is safe inside ``<script>`` (no ``<``, ``>``
    or ``&`` left as such)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def book_payload(data: Path | None = None) -> dict:
    """:func:`payload` of :func:`analyses` for the book, computed once per data and code
    (:func:`rsii.analysis.cache.cached`, the cache :func:`rsii.analysis.results.results`
    uses)."""
    name = "whatif" if i18n.language() == "en" else f"whatif-{i18n.language()}"
    return cache.cached(name, lambda: payload(analyses(data), load.actors(data), data), data)


NO_CASE = "none: the coding as it stands"
CASE_NOTE = (
    "A hard case is read on the main model: choosing one sets the other choices to the "
    "main model's, and changing a choice returns to the coding as it stands."
)
NOSCRIPT = (
    "The what-if view needs JavaScript, which is off: the tables of this chapter give the "
    "same figures for every model."
)


def view_words() -> dict:
    """The view's HTML in the edition's language: the constants above in English."""
    if not i18n.is_arabic():
        return {
            "no_case": NO_CASE, "case_note": CASE_NOTE, "noscript": NOSCRIPT,
            "hard_case": "Hard case", "colour_by": "Colour the actors by",
            "by_cluster": "their cluster in the best clustering",
            "by_camp": "their camp relative to", "choices": "Modelling choices",
            "network": "The chosen model's signed network",
            "by_colour": "The actors by colour",
        }  # fmt: skip
    return {
        "no_case": _("none: the coding as it stands"),
        "case_note": _(
            "A hard case is read on the main model: choosing one sets the other choices to "
            "the main model's, and changing a choice returns to the coding as it stands."
        ),
        "noscript": _(
            "The what-if view needs JavaScript, which is off: the tables of this chapter "
            "give the same figures for every model."
        ),
        "hard_case": _("Hard case"), "colour_by": _("Colour the actors by"),
        "by_cluster": _("their cluster in the best clustering"),
        "by_camp": _("their camp relative to"), "choices": _("Modelling choices"),
        "network": _("The chosen model's signed network"),
        "by_colour": _("The actors by colour"),
    }  # fmt: skip


def script_words() -> dict:
    """What ``whatif.js`` writes, in Arabic: templates with named placeholders, and
    for a count its six plural forms (zero, one, two, few, many, other). The English
    edition's page has none: the script writes its own English."""

    def forms(say) -> list[str]:  # a count's six forms, {n} left for the script
        return [say(n) for n in (0, 1, 2, 3, 11, 100)]

    return {
        "colours": {
            "blue": _("blue"), "vermillion": _("vermillion"), "orange": _("orange"),
            "sky blue": _("sky blue"), "bluish green": _("bluish green"),
            "yellow": _("yellow"), "reddish purple": _("reddish purple"),
            "white": _("white"), "black": _("black"), "grey": _("grey"),
        },
        "positive": _("positive tie"), "negative": _("negative tie"),
        "with": _("always in {name}'s camp"), "against": _("always in the other camp"),
        "varies": _("in either camp, by split"), "apart": _("no signed path to {name}"),
        "none_computed": _("No model was computed for this combination of choices."),
        "cluster": _("cluster {n}"), "alone": _("alone in its cluster"),
        "tie": _("{a} – {b}, {sign}"), "tie_what": _("{tie}; {what}"),
        "every": _("frustrated in every optimal split"),
        "some": _("frustrated in some optimal splits"),
        "misfit": _("a misfit of the best clustering"), "actor": _("{name}: {group}"),
        "positive_line": _("blue line: a positive tie"),
        "negative_line": _("vermillion line: a negative tie"),
        "every_line": _(
            "thick line: a tie frustrated in every optimal two-camp split (positive across "
            "the camps, or negative inside one)"
        ),
        "some_line": _("thick dashed line: a tie frustrated in some of the optimal splits"),
        "misfit_line": _(
            "thick line: a misfit of the best clustering (a positive tie between clusters, "
            "or a negative tie inside one)"
        ),
        "circle": _("{colour} circle: {group}"), "group": _("{group} ({colour}): {names}."),
        "model": _("Model: {words}."), "main_model": _("Model: {words} (the book's main model)."),
        "counts": _("{actors} and {ties}, {negative}; frustration index {frustration}, with "
                    "{splits}; {triangles}."),
        "actors": forms(lambda k: n_("{n} actor", "{n} actors", k, n="{n}")),
        "ties": forms(lambda k: n_("{n} tie", "{n} ties", k, n="{n}")),
        "negatives": forms(
            lambda k: n_("{n} of them negative", "{n} of them negative", k, n="{n}")
        ),
        "splits": forms(
            lambda k: n_("{n} optimal two-camp split", "{n} optimal two-camp splits", k, n="{n}")
        ),
        "no_triangles": _("no triangles"), "balanced": _("{percent}% of triangles balanced"),
        "clustering": _("Best clustering: {clusters}, {misfits}."),
        "clustering_misfits": _("Best clustering: {clusters}, {misfits} ({list})."),
        "clusters": forms(lambda k: n_("{n} cluster", "{n} clusters", k, n="{n}")),
        "misfits": forms(lambda k: n_("{n} misfit", "{n} misfits", k, n="{n}")),
        "between": _("{tie} between clusters"), "inside": _("{tie} inside a cluster"),
        "no_signed_tie": _("{name} has no signed tie in this model."),
        "relative": _("Relative to {name}: {with} always in its camp, {against} always in "
                      "the other, {varies} in either by split and {apart} without a signed "
                      "path to it."),
        "in_camp": forms(lambda k: n_("{n} actor", "{n} actors", k, n="{n}")),
        "others": forms(lambda k: n_("{n} actor", "{n} actors", k, n="{n}")),
    }  # fmt: skip


def _radios(uid: str, number: int, control: dict, chosen: int) -> str:
    e = _html.escape
    name = f"{uid}-{control['key']}"
    buttons = "".join(
        f'<label><input type="radio" name="{name}" value="{i}" data-control="{number}"'
        f"{' checked' if i == chosen else ''}> {e(label)}</label>"
        for i, label in enumerate(control["options"])
    )
    return f"<fieldset><legend>{e(control['legend'])}</legend>{buttons}</fieldset>"


def html(data: dict, uid: str = "rsii-whatif") -> str:
    """The view's HTML for ``data`` (a :func:`payload`): the payload inline as JSON, a
    message for readers without JavaScript, and the view (shown by ``whatif.js``): the
    form, the live summary, the drawing with its legend and the actors by colour. ``uid``
    makes the element ids unique on the page."""
    e = _html.escape
    say = view_words()
    controls = data["controls"]
    radios = "".join(
        _radios(uid, i, control, data["main"][i]) for i, control in enumerate(controls)
    )
    cases = "".join(
        f'<option value="{i}">{e(title)}</option>' for i, title in enumerate(data["cases"])
    )
    case_field = (
        f'<div class="rsii-whatif-field"><label for="{uid}-case">{e(say["hard_case"])}</label>'
        f'<select id="{uid}-case" data-control="{len(controls)}" '
        f'aria-describedby="{uid}-case-note"><option value="-1" selected>{e(say["no_case"])}'
        "</option>"
        f'{cases}</select><p class="rsii-whatif-note" id="{uid}-case-note">'
        f"{e(say['case_note'])}</p>"
        "</div>"
        if data["cases"]
        else ""
    )
    by_name = sorted(range(len(data["actors"])), key=lambda i: data["actors"][i]["name"].lower())
    actors = "".join(
        f'<option value="{i}">{e(data["actors"][i]["name"])}</option>' for i in by_name
    )
    colour = (
        f'<div class="rsii-whatif-field"><label for="{uid}-colour">{e(say["colour_by"])}'
        f'</label><select id="{uid}-colour" data-colour=""><option value="cluster" selected>'
        f"{e(say['by_cluster'])}</option>"
        f'<optgroup label="{e(say["by_camp"])}">{actors}</optgroup></select></div>'
    )
    lang, script = "", ""
    if i18n.is_arabic():  # the Arabic edition's view reads right to left, in its words
        lang = ' lang="ar" dir="rtl"'
        script = (
            f'<script type="application/json" class="rsii-whatif-words">'
            f"{dumps(script_words())}</script>"
        )
    return (
        f'<div class="rsii-whatif" id="{uid}"{lang}>'
        f'<script type="application/json" class="rsii-whatif-data">{dumps(data)}</script>'
        f"{script}"
        f'<p class="rsii-whatif-noscript">{e(say["noscript"])}</p>'
        '<div class="rsii-whatif-view" hidden>'
        f'<form class="rsii-whatif-controls" aria-label="{e(say["choices"])}">{radios}'
        f"{case_field}{colour}</form>"
        f'<div class="rsii-whatif-summary" id="{uid}-summary" aria-live="polite" '
        'aria-atomic="true"></div>'
        '<figure class="rsii-whatif-figure">'
        f'<svg class="rsii-whatif-svg" viewBox="-10 -10 {WIDTH + 20} {HEIGHT + 20}" '
        f'data-font="{FONT}" data-radius="{RADIUS}" role="img" '
        f'aria-labelledby="{uid}-title" aria-describedby="{uid}-summary">'
        f'<title id="{uid}-title">{e(say["network"], quote=False)}</title></svg>'
        '<figcaption><ul class="rsii-whatif-legend"></ul></figcaption></figure>'
        f'<details class="rsii-whatif-details"><summary>{e(say["by_colour"])}</summary>'
        '<div class="rsii-whatif-groups"></div></details>'
        "</div></div>"
    )
