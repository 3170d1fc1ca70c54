"""The means the book's figures are drawn with: style, colours, names and labels.

Colours are the Okabe–Ito palette; names are wrapped, never cut; text is sized for the
width a figure is shown at (:func:`readable`); every marker is drawn with its label
beside it, the crowded parts opened up until no label overlaps another label or marker
(:mod:`rsii.present.labels`); legends speak in words and sit inside the figure
(:func:`legend_below`); PNGs carry no timestamp. Figures are
``matplotlib.figure.Figure`` objects drawn inside the book's style (:func:`styled`), so
importing this module changes neither the backend nor the ``rcParams`` of a reader who
adds plots of their own. :mod:`rsii.present.figures` draws the figures themselves.
"""

from __future__ import annotations

import functools
import io
import itertools
import math

import matplotlib
import networkx as nx
from matplotlib.figure import Figure

from rsii.present import arabic, fonts, i18n, labels
from rsii.present.i18n import _, p_
from rsii.present.views import KIND_WORDS

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
SIGN_COLOURS = {1: "#0072B2", -1: "#D55E00", 0: "#7F7F7F"}  # blue, vermillion, grey
SIGN_NAMES = {1: "positive tie", -1: "negative tie", 0: "neutral tie"}
SEED = 7
# Where a reader sees a figure: the book's text column is 672 px wide in a 1280-px
# window (the register shows its figures at 60 % of it), and no text in a figure should
# be smaller there than LEAST_PX.
SHOWN_PX = 672
LEAST_PX = 10.0

# DejaVu (shipped with matplotlib) for Latin; Amiri (fontpkg-amiri, registered by file
# on first use) as the fallback for Arabic.
STYLE = {"font.family": ["DejaVu Sans", "Amiri"], "svg.hashsalt": "rsii", "figure.dpi": 100}
# The Arabic edition sets all its text in Amiri (digits, "4+1" and the odd Latin letter
# included), DejaVu the fallback.
STYLE_AR = {**STYLE, "font.family": ["Amiri", "DejaVu Sans"]}
# Amiri's letters are small for their size in points: the Arabic edition's text is
# this much larger, so that it reads as the English does at the same width.
ARABIC_SCALE = 1.2
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
        with matplotlib.rc_context(STYLE_AR if i18n.is_arabic() else STYLE):
            return draw(*args, **kwargs)

    return inside


def new_figure(figsize=(6.4, 4.8)) -> Figure:
    """A figure of its own, not registered with pyplot (nothing to close)."""
    return Figure(figsize=figsize)


def readable(width: float, shown: float = SHOWN_PX) -> float:
    """The font size in points that a figure ``width`` inches wide needs so that its
    text is ``LEAST_PX`` pixels high when the figure is shown ``shown`` pixels wide
    (``ARABIC_SCALE`` times that in the Arabic edition, set in Amiri)."""
    scale = ARABIC_SCALE if i18n.is_arabic() else 1.0
    return math.ceil(LEAST_PX * 72 * width / shown * 2 * scale) / 2


def sign_name(sign: int) -> str:
    """A sign of tie in words for a legend ("positive tie")."""
    if not i18n.is_arabic():
        return SIGN_NAMES[sign]
    return {1: _("positive tie"), -1: _("negative tie"), 0: _("neutral tie")}[sign]


def arabic_kinds() -> dict[str, str]:
    """The kinds of actor in Arabic words, by codebook value (the keys of ``KIND_WORDS``)."""
    return {
        "state": p_("kind of actor", "state"),
        "government": p_("kind of actor", "government"),
        "state_body": p_("kind of actor", "state body"),
        "person": p_("kind of actor", "person"),
        "armed_group": p_("kind of actor", "armed group"),
        "party_or_bloc": p_("kind of actor", "party or bloc"),
        "media": p_("kind of actor", "news organisation or media unit"),
        "coalition": p_("kind of actor", "coalition"),
        "coalition_body": p_("kind of actor", "coalition body"),
        "international_organisation": p_("kind of actor", "international organisation"),
        "unnamed_source": p_("kind of actor", "unnamed source"),
    }


def kind_name(kind) -> str:
    """A kind of actor in words for a legend ("armed group", not its codebook value)."""
    if i18n.is_arabic():
        return arabic_kinds()[str(kind)]
    return KIND_WORDS.get(str(kind), str(kind).replace("_", " "))


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
    for _u, _v, data in H.edges(data=True):
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


def _given(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def name(data: dict, node="") -> str:
    """An actor's name for a figure in the edition's language: :func:`english`, or in
    the Arabic edition ``short_ar``, else ``name_ar`` (the article's own name)."""
    if not i18n.is_arabic():
        return english(data, node)
    return _given(data, "short_ar") or _given(data, "name_ar") or english(data, node)


def full_name(data: dict, node="") -> str:
    """An actor's full name in the edition's language: ``name_en`` or ``name_ar``."""
    if i18n.is_arabic():
        return _given(data, "name_ar") or name(data, node)
    return str(data.get("name_en") or node)


def arabic_names(ids=None) -> dict[str, str]:
    """Arabic names by id of the data package's actors (``short_ar``, else ``name_ar``)
    and concepts (``name_ar``): what a figure drawn from English names shows instead in
    the Arabic edition."""
    from rsii.data import load

    found = {str(row["id"]): name(row) for row in load.actors().to_dict("records")}
    for row in load.concepts().to_dict("records"):
        found.setdefault(str(row["id"]), _given(row, "name_ar") or str(row["id"]))
    return found if ids is None else {k: v for k, v in found.items() if k in set(ids)}


def names_for(names: dict[str, str]) -> dict[str, str]:
    """``names`` (id → English name, as a chapter passes them) in the edition's
    language: unchanged in English, the data's Arabic names in the Arabic edition."""
    if not i18n.is_arabic():
        return names
    return {**names, **arabic_names(names)}


def label(text: str) -> str:
    """A label matplotlib draws right: each line's Arabic in display order."""
    return "\n".join(arabic.visual(line) for line in text.split("\n"))


def bilingual(G: nx.Graph) -> nx.Graph:
    """A copy whose nodes carry a two-line label: short English name, Arabic name (in
    the Arabic edition the Arabic name alone, wrapped as :func:`short` wraps)."""
    H = G.copy()
    for node, data in H.nodes(data=True):
        if i18n.is_arabic():
            data["bilingual"] = short(name(data, node), 20)  # short_ar: a label, not a quote
        else:
            data["bilingual"] = f"{short(english(data))}\n{data.get('name_ar', '')}"
    return H


# Where a label sits against its marker: direction of its offset and alignment.
LABEL_SIDES = {
    "above": {"xytext": (0, 1), "ha": "center", "va": "bottom"},
    "below": {"xytext": (0, -1), "ha": "center", "va": "top"},
    "left": {"xytext": (-1, 0), "ha": "right", "va": "center"},
    "right": {"xytext": (1, 0), "ha": "left", "va": "center"},
}


def label_side(side: str, size: float) -> dict:
    """Where a label sits on ``side`` of a marker of scatter size ``size`` (points²):
    clear of the marker's outline by 2.5 points, its whole box (Arabic descenders
    included) on that side."""
    gap = math.sqrt(size) / 2 + 2.5
    dx, dy = LABEL_SIDES[side]["xytext"]
    return {**LABEL_SIDES[side], "xytext": (dx * gap, dy * gap)}


def draw_actors(ax, actors: list[tuple], edges=(), fontsize: float = 9) -> dict:
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
                fontsize=fontsize,
                zorder=3,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8),
                **label_side(s, size),
            )
            for s in ((side,) if side else labels.SIDES)
        }
        for _, _, text, _, _, size, side in actors
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
    for (node, _xy, _text, colour, marker, size, _side), texts, side, at in zip(
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
def png_bytes(fig, **options) -> bytes:
    """The figure as a PNG without a timestamp (``options`` override ``SAVE``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, **{**SAVE, **options})
    return buf.getvalue()


def right_to_left(handles: list, ncol: int) -> list:
    """``handles`` reordered so that a legend of ``ncol`` columns (which matplotlib
    fills column by column, left to right) reads from the right: the first column on
    the right. Short columns are filled with blank entries, so that every column is as
    long as the first."""
    from matplotlib.lines import Line2D

    ncol = min(ncol, len(handles))
    rows, large = divmod(len(handles), ncol)  # as matplotlib lays out its columns
    sizes = [rows + 1] * large + [rows] * (ncol - large)
    ends = list(itertools.accumulate(sizes))
    columns = [handles[end - size : end] for size, end in zip(sizes, ends, strict=True)]
    blank = Line2D([], [], ls="", marker="", label=" ")
    columns = [c + [blank] * (max(sizes) - len(c)) for c in columns]
    return [h for column in reversed(columns) for h in column]


def legend_below(ax, handles: list, fontsize: float, most: int = 5):
    """A legend in words under the axes ``ax``, inside the figure: in as many columns
    (at most ``most``) as fit the axes' width, the axes shrunk from below to make room.
    Called before anything is placed in the axes."""
    fig = ax.get_figure(root=True)
    r = labels.renderer(fig)
    box = ax.get_position()
    width = box.width * fig.bbox.width
    rtl = i18n.is_arabic()
    for ncol in range(min(most, len(handles)), 0, -1):
        legend = ax.legend(
            handles=right_to_left(handles, ncol) if rtl else handles,
            markerfirst=not rtl,
            loc="lower center",
            bbox_to_anchor=(box.x0 + box.width / 2, box.y0),
            bbox_transform=fig.transFigure,
            ncol=ncol,
            fontsize=fontsize,
            frameon=False,
            handlelength=1.8,
            # Right to left, each entry's words sit left of its marker: columns further
            # apart than the words from their marker, so that no marker seems to belong to
            # the words of the next column.
            columnspacing=2.0 if rtl else 1.2,
            handletextpad=0.5 if rtl else 0.8,
        )
        if legend.get_window_extent(r).width <= width or ncol == 1:
            break
    high = (legend.get_window_extent(r).height + 6) / fig.bbox.height
    ax.set_position([box.x0, box.y0 + high, box.width, box.height - high])
    return legend
