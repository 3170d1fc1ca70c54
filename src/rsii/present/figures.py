"""Static figures: reproducible, colour-blind safe, English labels, Arabic set right.

The network, the evidence network, the camps, the stances as a two-mode network and
the ego networks; drawn with :mod:`rsii.present.drawing` (style, names, labels, legends),
whose names this module re-exports, so a chapter needs ``figures`` only. Every figure is
sized so that its smallest text is ``LEAST_PX`` pixels high at the width it is shown,
and no label overlaps another label, a marker, a legend or the figure's edge.
"""

from __future__ import annotations

import math

import networkx as nx
from matplotlib.lines import Line2D

from rsii.analysis import centrality
from rsii.present import i18n, labels, words
from rsii.present.drawing import (
    LABEL_SIDES,
    LEAST_PX,
    MARKERS,
    OKABE_ITO,
    SAVE,
    SEED,
    SHOWN_PX,
    SIGN_COLOURS,
    SIGN_NAMES,
    STYLE,
    bilingual,
    draw_actors,
    english,
    full_name,
    kind_name,
    kind_styles,
    label,
    label_side,
    layout,
    legend_below,
    name,
    names_for,
    new_figure,
    png_bytes,
    readable,
    short,
    sign_name,
    simple,
    styled,
)
from rsii.present.i18n import _, n_

__all__ = [
    "LABEL_SIDES", "LEAST_PX", "MARKERS", "OKABE_ITO", "SAVE", "SEED", "SHOWN_PX",
    "SIGN_COLOURS", "SIGN_NAMES", "STYLE", "bilingual", "draw_actors", "draw_camps", "draw_network",
    "draw_two_mode", "ego_figure", "ego_label_sides", "ego_layout", "ego_pair", "english",
    "full_name", "kind_name", "kind_styles", "label", "label_side", "layout", "legend_below",
    "name", "names_for", "network_handles", "new_figure", "png_bytes", "readable", "short",
    "sign_name", "simple", "styled", "width_handles",
]  # fmt: skip

REGISTER_PX = 0.6 * SHOWN_PX  # the register shows an actor's ego network at 60 % width
# What an edge attribute that sets the line width counts, for the legend.
WIDTH_WORDS = {"n_footnotes": "footnote", "count": "tie"}


def _line_width(data: dict, width_attr: str | None) -> float:
    return 1.0 + (float(data.get(width_attr, 0) or 0) * 1.2 if width_attr else 0)


def _width_words(v: int, width_attr: str) -> str:
    """What a line of width ``v`` counts, in words ("no footnote", "4 footnotes")."""
    if i18n.is_arabic():
        if width_attr == "n_footnotes":
            return n_("{n} footnote", "{n} footnotes", v)
        if width_attr == "count":
            return n_("{n} tie", "{n} ties", v)
    noun = WIDTH_WORDS.get(width_attr, width_attr.removeprefix("n_").rstrip("s"))
    return words.count(v, noun, zero=f"no {noun}")


def width_handles(H: nx.Graph, width_attr: str) -> list:
    """Legend entries for line widths set by ``width_attr``: the thinnest, a middle and
    the thickest line, each with what it counts in words ("no footnote", "4 footnotes")."""
    values = sorted({int(d.get(width_attr, 0) or 0) for *_, d in H.edges(data=True)})
    if not values:
        return []
    shown = sorted({values[0], values[len(values) // 2], values[-1]})
    return [
        Line2D(
            [], [], color="#555555", lw=_line_width({width_attr: v}, width_attr),
            label=_width_words(v, width_attr),
        )
        for v in shown
    ]  # fmt: skip


def _node_label(data: dict, attr: str, node) -> str:
    return short(name(data, node)) if attr == "name_en" else str(data.get(attr) or node)


def network_handles(graphs, kinds) -> list:
    """Legend entries in words for the networks ``graphs`` (simple graphs): each kind of
    actor present (its marker and colour, its name), each sign of tie present, and the
    dashed inferred tie if any tie is inferred."""
    styles = kind_styles(kinds)
    present = {d.get("kind") for H in graphs for _, d in H.nodes(data=True)}
    ties = [d for H in graphs for *_, d in H.edges(data=True)]
    handles = [
        Line2D([], [], marker=m, ls="", color=c, markeredgecolor="black", label=kind_name(k))
        for k, (c, m) in styles.items()
        if k in present
    ]
    handles += [
        Line2D([], [], color=SIGN_COLOURS[s], lw=1.6, label=sign_name(s))
        for s in (1, -1, 0)
        if any(int(d.get("sign", 0) or 0) == s for d in ties)
    ]
    if any(d.get("inferred") for d in ties):
        handles.append(Line2D([], [], color="#555555", lw=1.6, ls="--", label=_("inferred tie")))
    return handles


@styled
def draw_network(
    G: nx.Graph,
    pos: dict | None = None,
    *,
    kinds,
    label_attr: str = "name_en",
    width_attr: str | None = None,
    highlight: set[tuple] | None = None,
    title: str | None = None,
    ax=None,
    figsize=(8, 8.5),
    label_sides: dict | None = None,
    fontsize: float | None = None,
    legend: bool = True,
    marker_size: float = 150,
):
    """Actors styled by kind, ties coloured by sign (blue +, vermillion −, grey 0) and
    dashed where inferred; ``highlight`` draws chosen ties thick; ``width_attr`` scales
    line width by an edge attribute (e.g. the number of footnotes); ``label_sides``
    puts a node's label on a given side (a key of ``LABEL_SIDES``) instead of the side
    that crosses fewest ties. Actors are moved apart until no label overlaps another or
    another actor (:mod:`rsii.present.labels`); the axes' limits become (0, 1). Text is
    ``fontsize`` points, by default readable at the width the book shows the figure;
    the legend (in words, under the network) is left out with ``legend=False``."""
    styles = kind_styles(kinds)
    H = simple(G) if G.is_multigraph() or G.is_directed() else G
    pos = pos or layout(H)
    fig = None
    if ax is None:
        fig = new_figure(figsize)
        ax = fig.subplots()
        fig.subplots_adjust(0.01, 0.01, 0.99, 0.95 if title else 0.99)
    fontsize = fontsize or readable(ax.get_figure(root=True).get_figwidth())
    if title:
        ax.set_title(label(title), fontsize=fontsize * 1.2)
    if legend:
        handles = network_handles([H], kinds)
        handles += width_handles(H, width_attr) if width_attr else []
        legend_below(ax, handles, fontsize)
    actors = []
    for node, data in H.nodes(data=True):
        colour, marker = styles.get(data.get("kind"), ("#BBBBBB", "o"))
        side = (label_sides or {}).get(node)
        text = label(_node_label(data, label_attr, node))
        actors.append((node, pos[node], text, colour, marker, marker_size, side))
    pos = draw_actors(ax, actors, H.edges(), fontsize)
    for u, v, data in H.edges(data=True):
        sign = int(data.get("sign", 0) or 0)
        width = _line_width(data, width_attr)
        if highlight and ((u, v) in highlight or (v, u) in highlight):
            width += 3
        ax.plot(
            *zip(pos[u], pos[v], strict=True),
            color=SIGN_COLOURS.get(sign, "#7F7F7F"),
            lw=width,
            ls="--" if data.get("inferred") else "-",
            alpha=0.75,
            zorder=1,
            solid_capstyle="round",
        )
    ax.set_axis_off()
    return fig or ax.figure


@styled
def draw_two_mode(stances, names: dict[str, str], figsize=(8, 7)):
    """Actors (left) and the targets they take positions on (right); a blue line is
    support, a vermillion line opposition. The columns sit so that every name fits
    inside the figure."""
    names = names_for(names)
    targets = sorted(stances["target"].astype(str).unique())
    # Order actors by the target they speak about most, then by name, to limit crossings.
    first = stances.assign(t=stances["target"].astype(str)).groupby("actor", observed=True)["t"]
    order = sorted(first.agg(lambda s: s.mode().iloc[0]).items(), key=lambda kv: (kv[1], kv[0]))
    actors = [a for a, _ in order]
    ya = {a: 1 - i / max(len(actors) - 1, 1) for i, a in enumerate(actors)}
    yt = {t: 1 - (i + 0.5) / len(targets) for i, t in enumerate(targets)}
    size = readable(figsize[0])
    fig = new_figure(figsize)
    ax = fig.subplots()
    fig.subplots_adjust(0.02, 0.02, 0.98, 0.98)
    legend_below(
        ax,
        [
            Line2D([], [], color=SIGN_COLOURS[1], lw=1.6, label=_("in support")),
            Line2D([], [], color=SIGN_COLOURS[-1], lw=1.6, label=_("in opposition")),
        ],
        size,
    )
    ax.set_ylim(-0.03, 1.03)
    texts = [
        ax.annotate(
            label(short(names.get(a, a), 34)),
            (0, ya[a]),
            xytext=(-8, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=size,
        )
        for a in actors
    ] + [
        ax.annotate(
            label(short(names.get(t, t), 20)),
            (1, yt[t]),
            xytext=(10, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=size,
        )
        for t in targets
    ]
    # Room for the names: the lines run between the widest name on each side.
    r = labels.renderer(fig)
    left = max(t.get_window_extent(r).width for t in texts[: len(actors)]) + 12
    right = max(t.get_window_extent(r).width for t in texts[len(actors) :]) + 14
    span = ax.bbox.width - left - right
    ax.set_xlim(-left / span, 1 + right / span)
    for row in stances.itertuples():
        sign = 1 if str(row.stance) == "support" else -1
        ax.plot(
            [0, 1], [ya[row.actor], yt[row.target]], color=SIGN_COLOURS[sign], lw=1.6, alpha=0.8
        )
    ax.scatter(
        [0] * len(actors), [ya[a] for a in actors], s=60, color="#999999", edgecolors="black",
        zorder=2,
    )  # fmt: skip
    ax.scatter(
        [1] * len(targets), [yt[t] for t in targets], s=160, color="black", marker="s", zorder=2
    )
    ax.set_axis_off()
    return fig


@styled
def draw_camps(
    G: nx.Graph,
    camps: dict[str, str],
    names: dict[str, str],
    frustrated: set[tuple] = frozenset(),
    figsize=(8, 8),
):
    """The signed network with actors coloured by camp (A: orange circle, B: sky-blue
    square) and frustrated ties drawn thick, in the colour of their sign."""
    names = names_for(names)
    fig = new_figure(figsize)
    ax = fig.subplots()
    fig.subplots_adjust(0.01, 0.01, 0.99, 0.99)
    size = readable(figsize[0])
    camp_words = {"A": _("camp A"), "B": _("camp B")}
    frustrated_words = {1: _("frustrated positive tie"), -1: _("frustrated negative tie")}
    style = {"A": (OKABE_ITO[0], "o"), "B": (OKABE_ITO[1], "s")}
    hit = {e: (e in frustrated or e[::-1] in frustrated) for e in G.edges()}
    signs = {int(d["sign"]) for *_, d in G.edges(data=True)}
    handles = [
        Line2D([], [], marker=m, ls="", color=c, markeredgecolor="black", label=camp_words[k])
        for k, (c, m) in style.items()
    ]
    handles += [Line2D([], [], color=SIGN_COLOURS[s], label=sign_name(s)) for s in (1, -1)]
    handles += [
        Line2D([], [], color=SIGN_COLOURS[s], lw=4, label=frustrated_words[s])
        for s in (1, -1)
        if s in signs and any(hit[(u, v)] and int(d["sign"]) == s for u, v, d in G.edges(data=True))
    ]
    legend_below(ax, handles, size, most=3)
    actors = []
    for node, xy in layout(G).items():
        colour, marker = style.get(camps.get(node), ("#BBBBBB", "^"))
        data = {**G.nodes[node], "name_en": names.get(node, node)}
        if i18n.is_arabic():
            data = {"name_ar": names.get(node, node)}
        actors.append((node, xy, label(short(name(data, node))), colour, marker, 130, None))
    pos = draw_actors(ax, actors, G.edges(), size)
    for u, v, data in G.edges(data=True):
        ax.plot(
            *zip(pos[u], pos[v], strict=True),
            color=SIGN_COLOURS[int(data["sign"])],
            lw=4 if hit[(u, v)] else 1,
            alpha=1 if hit[(u, v)] else 0.6,
            zorder=1,
        )
    ax.set_axis_off()
    return fig


def ego_layout(G: nx.Graph, actor: str) -> dict:
    """The actor in the middle, the others on an upright ellipse in id order, none at
    its top or bottom (their labels go sideways, where there is room): instant and the
    same at every build."""
    others = sorted(n for n in G if n != actor)
    pos = {actor: (0.0, 0.0)}
    for i, n in enumerate(others):
        angle = math.pi / 2 + 2 * math.pi * (i + 0.5) / max(len(others), 1)
        pos[n] = (0.8 * math.cos(angle), math.sin(angle))
    return pos


def ego_label_sides(pos: dict, actor: str) -> dict:
    """Labels point away from the ellipse's centre, so neighbours do not overlap: left
    on the left, right on the right, above or below at the poles; the actor's own label
    takes the side that crosses fewest of its ties (None)."""
    sides = {}
    for node, (x, y) in pos.items():
        if node == actor:
            sides[node] = None
        elif abs(x) > 0.1:
            sides[node] = "right" if x > 0 else "left"
        else:
            sides[node] = "above" if y > 0 else "below"
    return sides


@styled
def ego_figure(ego: nx.Graph, actor: str, kinds, shown: float = REGISTER_PX):
    """A small ego-network figure (Arabic set right), without a legend: its styles are
    the network chapter's. Its text is readable when the figure is ``shown`` pixels wide
    (the register's 60 % of the column); it grows taller with the number of actors."""
    ego = bilingual(ego)
    width = 6.0
    fig = new_figure((width, max(3.6, 0.62 * math.ceil((len(ego) - 1) / 2) + 1.4)))
    ax = fig.subplots()
    fig.subplots_adjust(0, 0, 1, 1)  # before drawing: labels are placed inside the axes
    pos = ego_layout(ego, actor)
    draw_network(
        ego,
        pos,
        kinds=kinds,
        label_attr="bilingual",
        ax=ax,
        label_sides=ego_label_sides(pos, actor),
        fontsize=readable(width, shown),
        legend=False,
        marker_size=110,
    )
    return fig


@styled
def ego_pair(G: nx.Graph, actors: list[str], kinds, names: dict[str, str]):
    """The ego networks of actors one above the other, labelled in English and Arabic,
    with one legend in words under them."""
    egos = [bilingual(centrality.ego(G, a)) for a in actors]
    if i18n.is_arabic():
        names = {a: full_name(G.nodes[a], a) for a in actors}
    width = 7.5
    size = readable(width)
    heights = [1.8 + 0.25 * len(e) for e in egos]  # each as high as its actors need
    fig = new_figure((width, sum(heights) + 1.0))
    axes = fig.subplots(len(actors), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    top = 0.95 if i18n.is_arabic() else 0.97  # Amiri's titles stand taller
    fig.subplots_adjust(0.01, 0.01, 0.99, top, hspace=0.12)
    legend_below(axes[-1], network_handles([simple(e) for e in egos], kinds), size, most=4)
    for ax, actor, ego in zip(axes, actors, egos, strict=True):
        draw_network(
            ego, kinds=kinds, label_attr="bilingual", ax=ax, title=names[actor],
            fontsize=size, legend=False,
        )  # fmt: skip
    return fig
