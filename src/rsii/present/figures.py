"""Static figures: reproducible, colour-blind safe, English labels, Arabic set right.

Colours are the Okabe–Ito palette; the layout is seeded so two builds draw the same
picture, and its crowded parts are opened up until no label overlaps another
(:mod:`rsii.present.labels`); names are wrapped, never cut; PNGs carry no timestamp.
Figures are ``matplotlib.figure.Figure`` objects drawn inside the book's style
(:func:`styled`), so importing this module changes neither the backend nor the
``rcParams`` of a reader who adds plots of their own.
"""

from __future__ import annotations

import functools
import io
import itertools
import math

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from rsii.analysis import centrality
from rsii.present import arabic, fonts, labels

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
SIGN_COLOURS = {1: "#0072B2", -1: "#D55E00", 0: "#7F7F7F"}  # blue, vermillion, grey
SIGN_NAMES = {1: "positive tie", -1: "negative tie", 0: "neutral tie"}
SEED = 7

# DejaVu (shipped with matplotlib) for Latin; Amiri (fontpkg-amiri, registered by file
# on first use) as the fallback for Arabic.
STYLE = {"font.family": ["DejaVu Sans", "Amiri"], "svg.hashsalt": "rsii", "figure.dpi": 100}
SAVE = {"dpi": 150, "bbox_inches": "tight"}


@functools.cache
def _register_fonts() -> None:
    fonts.use_in_matplotlib()


def styled(draw):
    """``draw`` run inside the book's style: Amiri registered (once), ``STYLE`` applied
    for the call only, the reader's own settings restored after it."""

    @functools.wraps(draw)
    def inside(*args, **kwargs):
        _register_fonts()
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return inside


def new_figure(figsize=(6.4, 4.8)) -> Figure:
    """A figure of its own, not registered with pyplot (nothing to close)."""
    return Figure(figsize=figsize)


MARKERS = ["o", "s", "^", "D"]


def kind_styles(kinds) -> dict[str, tuple[str, str]]:
    """A fixed (colour, marker) per actor kind, in codebook order, so every figure
    agrees; the marker tells apart kinds that share one of the eight colours."""
    return {
        k: (OKABE_ITO[i % len(OKABE_ITO)], MARKERS[i // len(OKABE_ITO) % len(MARKERS)])
        for i, k in enumerate(kinds)
    }


def simple(G: nx.Graph) -> nx.Graph:
    """The undirected simple graph under a multigraph: one edge per pair with ``count``
    ties, ``sign`` (0 when the pair has ties of both signs), ``inferred`` (every tie of
    the pair inferred) and ``n_footnotes`` (distinct footnotes behind the pair)."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True)))
    for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        a, b = sorted((u, v))
        if not H.has_edge(a, b):
            H.add_edge(a, b, count=0, signs=set(), inferred=True, notes=set())
        edge = H[a][b]
        edge["count"] += 1
        edge["signs"].add(int(data.get("sign", 0) or 0))
        edge["inferred"] &= bool(data.get("inferred"))
        edge["notes"].update(str(data.get("footnotes") or "").split())
    for _, _, data in H.edges(data=True):
        signs = data.pop("signs") - {0}
        data["sign"] = signs.pop() if len(signs) == 1 else 0
        data["n_footnotes"] = len(data.pop("notes"))
    return H


def layout(G: nx.Graph, seed: int = SEED) -> dict:
    """Positions that are the same at every build: Kamada–Kawai (deterministic) for the
    connected actors, seeded from a spring layout, and actors without ties in a row
    underneath, so that they neither float off nor crowd the picture."""
    H = simple(G) if G.is_multigraph() or G.is_directed() else G
    tied = H.subgraph(n for n in H if H.degree(n) > 0)
    pos = {}
    if len(tied):
        start = nx.spring_layout(tied, seed=seed)
        pos = nx.kamada_kawai_layout(tied, pos=start)
    alone = sorted(n for n in H if H.degree(n) == 0)
    floor = min((y for _, y in pos.values()), default=0.0) - 0.3
    for i, n in enumerate(alone):
        pos[n] = (-1 + 2 * (i + 0.5) / len(alone), floor)
    return pos


def short(name: str, width: int = 24) -> str:
    """A figure label: the name without its parenthesis, whole, on as few lines as keep
    each within ``width`` characters (two for most names), broken at spaces with the
    lines as even as can be; a single word longer than ``width`` is never split."""
    words = name.split(" (")[0].split()
    width = max([width, *map(len, words)])
    for n in range(1, len(words) + 1):
        splits = (
            [" ".join(words[a:b]) for a, b in itertools.pairwise((0, *cuts, len(words)))]
            for cuts in itertools.combinations(range(1, len(words)), n - 1)
        )
        best = min(
            splits, key=lambda lines: (max(map(len, lines)), sum(len(x) ** 2 for x in lines))
        )
        if max(map(len, best)) <= width:
            return "\n".join(best)
    return ""


def english(data: dict, node="") -> str:
    """An actor's English name for a figure: ``short_en`` when the data give one."""
    brief = data.get("short_en")
    if isinstance(brief, str) and brief.strip():
        return brief.strip()
    return str(data.get("name_en") or node)


def label(text: str) -> str:
    """A label matplotlib draws right: each line's Arabic in display order."""
    return "\n".join(arabic.visual(line) for line in text.split("\n"))


def bilingual(G: nx.Graph) -> nx.Graph:
    """A copy whose nodes carry a two-line label: short English name, Arabic name."""
    H = G.copy()
    for _, data in H.nodes(data=True):
        data["bilingual"] = f"{short(english(data))}\n{data.get('name_ar', '')}"
    return H


# Where a label sits against its marker: offset in points and alignment.
LABEL_SIDES = {
    "above": {"xytext": (0, 7), "ha": "center"},
    "below": {"xytext": (0, -7), "ha": "center", "va": "top"},
    "left": {"xytext": (-9, 0), "ha": "right", "va": "center"},
    "right": {"xytext": (9, 0), "ha": "left", "va": "center"},
}


def _draw_actors(ax, actors: list[tuple], edges=()) -> dict:
    """Actors given as (node, layout position, label, colour, marker, size, side), with
    the ``edges`` between them: each marker with its label on a light box beside it (on
    the side that crosses fewest ties when side is None), placed so that no two overlap
    and all stay inside the axes (:func:`labels.place`). Returns the positions drawn."""
    options = [
        {
            s: ax.annotate(
                text,
                (0.5, 0.5),
                textcoords="offset points",
                fontsize=6.5,
                zorder=3,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.7),
                **LABEL_SIDES[s],
            )
            for s in ((side,) if side else labels.SIDES)
        }
        for _, _, text, *_, side in actors
    ]
    index = {a[0]: i for i, a in enumerate(actors)}
    placed, sides = labels.place(
        ax,
        [a[1] for a in actors],
        options,
        [a[5] for a in actors],
        [(index[u], index[v]) for u, v in edges],
    )
    pos = {}
    for (node, _, _, colour, marker, size, _), texts, side, at in zip(
        actors, options, sides, placed, strict=True
    ):
        for s, text in texts.items():
            if s != side:
                text.remove()
        pos[node] = texts[side].xy = (float(at[0]), float(at[1]))
        ax.scatter(
            *at, s=size, color=colour, marker=marker, edgecolors="black", linewidths=0.6, zorder=2
        )
    return pos


def _node_label(data: dict, attr: str, node) -> str:
    return short(english(data, node)) if attr == "name_en" else str(data.get(attr) or node)


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
    figsize=(11, 9),
    label_sides: dict | None = None,
):
    """Actors styled by kind, ties coloured by sign (blue +, vermillion −, grey 0) and
    dashed where inferred; ``highlight`` draws chosen ties thick; ``width_attr`` scales
    line width by an edge attribute (e.g. the number of footnotes); ``label_sides``
    puts a node's label on a given side (a key of ``LABEL_SIDES``) instead of the side
    that crosses fewest ties. Actors are moved apart until no label overlaps another or
    another actor (:mod:`rsii.present.labels`); the axes' limits become (0, 1)."""
    styles = kind_styles(kinds)
    H = simple(G) if G.is_multigraph() or G.is_directed() else G
    pos = pos or layout(H)
    fig = None
    if ax is None:
        fig = new_figure(figsize)
        ax = fig.subplots()
    actors = []
    for node, data in H.nodes(data=True):
        colour, marker = styles.get(data.get("kind"), ("#BBBBBB", "o"))
        side = (label_sides or {}).get(node)
        text = label(_node_label(data, label_attr, node))
        actors.append((node, pos[node], text, colour, marker, 180, side))
    pos = _draw_actors(ax, actors, H.edges())
    for u, v, data in H.edges(data=True):
        sign = int(data.get("sign", 0) or 0)
        width = 1.0 + (float(data.get(width_attr, 0) or 0) * 1.2 if width_attr else 0)
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
    present = {d.get("kind") for _, d in H.nodes(data=True)}
    handles = [
        Line2D([], [], marker=m, ls="", color=c, markeredgecolor="black", label=k)
        for k, (c, m) in styles.items()
        if k in present
    ]
    handles += [
        Line2D([], [], color=SIGN_COLOURS[s], label=SIGN_NAMES[s])
        for s in (1, -1, 0)
        if any(int(d.get("sign", 0) or 0) == s for *_, d in H.edges(data=True))
    ]
    if any(d.get("inferred") for *_, d in H.edges(data=True)):
        handles.append(Line2D([], [], color="black", ls="--", label="inferred tie"))
    ax.legend(
        handles=handles,
        loc="upper center",
        fontsize=7,
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
        ncol=5,
    )
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=10)
    return fig or ax.figure


@styled
def png_bytes(fig, **options) -> bytes:
    """The figure as a PNG without a timestamp (``options`` override ``SAVE``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, **{**SAVE, **options})
    return buf.getvalue()


@styled
def draw_two_mode(stances, names: dict[str, str], figsize=(9, 7)):
    """Actors (left) and the targets they take positions on (right); a blue line is
    support, a vermillion line opposition."""
    targets = sorted(stances["target"].astype(str).unique())
    # Order actors by the target they speak about most, then by name, to limit crossings.
    first = stances.assign(t=stances["target"].astype(str)).groupby("actor", observed=True)["t"]
    order = sorted(first.agg(lambda s: s.mode().iloc[0]).items(), key=lambda kv: (kv[1], kv[0]))
    actors = [a for a, _ in order]
    ya = {a: 1 - i / max(len(actors) - 1, 1) for i, a in enumerate(actors)}
    yt = {t: 1 - (i + 0.5) / len(targets) for i, t in enumerate(targets)}
    fig = new_figure(figsize)
    ax = fig.subplots()
    for row in stances.itertuples():
        sign = 1 if str(row.stance) == "support" else -1
        ax.plot(
            [0, 1], [ya[row.actor], yt[row.target]], color=SIGN_COLOURS[sign], lw=1.6, alpha=0.8
        )
    ax.scatter(
        [0] * len(actors),
        [ya[a] for a in actors],
        s=60,
        color="#999999",
        edgecolors="black",
        zorder=2,
    )
    ax.scatter(
        [1] * len(targets), [yt[t] for t in targets], s=160, color="black", marker="s", zorder=2
    )
    for a in actors:
        ax.annotate(
            label(short(names.get(a, a), 34)),
            (0, ya[a]),
            xytext=(-8, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=7.5,
        )
    for t in targets:
        ax.annotate(
            label(short(names.get(t, t), 34)),
            (1, yt[t]),
            xytext=(10, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8.5,
        )
    ax.legend(
        handles=[
            Line2D([], [], color=SIGN_COLOURS[1], label="support"),
            Line2D([], [], color=SIGN_COLOURS[-1], label="oppose"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=2,
        frameon=False,
        fontsize=8,
    )
    ax.set_xlim(-0.05, 1.05)
    ax.set_axis_off()
    return fig


@styled
def draw_camps(
    G: nx.Graph,
    camps: dict[str, str],
    names: dict[str, str],
    frustrated: set[tuple] = frozenset(),
    figsize=(10, 8),
):
    """The signed network with actors coloured by camp (A: orange circle, B: sky-blue
    square) and frustrated ties drawn thick."""
    fig = new_figure(figsize)
    ax = fig.subplots()
    style = {"A": (OKABE_ITO[0], "o"), "B": (OKABE_ITO[1], "s")}
    actors = []
    for node, xy in layout(G).items():
        colour, marker = style.get(camps.get(node), ("#BBBBBB", "^"))
        name = english({**G.nodes[node], "name_en": names.get(node, node)})
        actors.append((node, xy, label(short(name)), colour, marker, 150, None))
    pos = _draw_actors(ax, actors, G.edges())
    for u, v, data in G.edges(data=True):
        hit = (u, v) in frustrated or (v, u) in frustrated
        ax.plot(
            *zip(pos[u], pos[v], strict=True),
            color=SIGN_COLOURS[int(data["sign"])],
            lw=4 if hit else 1,
            alpha=1 if hit else 0.6,
            zorder=1,
        )
    handles = [
        Line2D([], [], marker=m, ls="", color=c, markeredgecolor="black", label=f"camp {k}")
        for k, (c, m) in style.items()
    ]
    handles += [
        Line2D([], [], color=SIGN_COLOURS[1], label="positive tie"),
        Line2D([], [], color=SIGN_COLOURS[-1], label="negative tie"),
        Line2D([], [], color="black", lw=4, label="frustrated tie"),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=5,
        frameon=False,
        fontsize=7,
    )
    ax.set_axis_off()
    return fig


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
    actor's own label takes the side that crosses fewest of its ties (None)."""
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
def ego_figure(ego: nx.Graph, actor: str, kinds):
    """A small ego-network figure (Arabic set right), without a legend: its styles are
    the network chapter's."""
    ego = bilingual(ego)
    fig = new_figure((5.8, 3.6))
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
    )
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    return fig


@styled
def ego_pair(G: nx.Graph, actors: list[str], kinds, names: dict[str, str]):
    """The ego networks of two actors side by side, labelled in English and Arabic."""
    fig = new_figure((13, 6.5))
    for ax, actor in zip(fig.subplots(1, len(actors)), actors, strict=True):
        ego = bilingual(centrality.ego(G, actor))
        draw_network(ego, kinds=kinds, label_attr="bilingual", ax=ax, title=names[actor])
    return fig
