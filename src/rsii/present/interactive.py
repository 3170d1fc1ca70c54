"""The interactive network for the HTML book: Bokeh, with BokehJS inlined so the page
works offline, and the static matplotlib figure as the PNG that the PDF shows.

The object returned by :func:`network` carries both in one MIME bundle; myst-nb picks
``text/html`` for HTML and ``image/png`` for LaTeX. Its labels are placed at build
time (:func:`arrangement`, with :mod:`rsii.present.labels`) so that none overlaps
another label or an actor; when the plot is drawn narrower than that (a phone) or
zoomed out, the labels that would then collide hide, the best-connected actors' last,
and come back as the reader zooms in; every name is also on hover. A legend in words
(:func:`legend_html`) follows the plot.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from functools import cache

import networkx as nx
import numpy as np
from bokeh.embed import components
from bokeh.models import (
    ColumnDataSource,
    CustomJS,
    HoverTool,
    LabelSet,
    OpenURL,
    Range1d,
    TapTool,
)
from bokeh.plotting import figure
from bokeh.resources import Resources

from rsii.present import drawing, figures, i18n, labels, views, words
from rsii.present.i18n import _, n_, p_

_GREY = ("#BBBBBB", "o")
_MARKERS = {"o": "circle", "s": "square", "^": "triangle", "D": "diamond"}
# BokehJS core only (no widgets, tables, WebGL or MathJax bundles), inlined: ~1.3 MB.
BOKEH_JS = Resources(mode="inline", components=["bokeh"])

WIDTH, HEIGHT = 660, 660  # the plot's frame in pixels as its labels are placed
TOOLBAR = 30  # pixels above the frame
MAX_WIDTH = 820  # drawn as wide as the page allows, up to this
TEXT_PX = 12  # labels' text
TEXT_PX_AR = 14  # labels' text in the Arabic edition (Amiri, small for its size)
DOT = 14  # actors' markers, across
GAP = DOT / 2 + 3  # from an actor's centre to its label
# The scales (plot width over WIDTH) at which the labels are checked: a phone's 342 px
# is about 0.47; labels hidden at a scale stay hidden below it.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.71, 0.64, 0.57, 0.5, 0.45, 0.4, 0.35, 0.3)
HUBS = 6  # the best-connected actors, whose labels may cover other actors on a phone
_ALIGN = {  # side: (x_offset, y_offset, text_align, text_baseline)
    "above": (0, GAP, "center", "bottom"),
    "below": (0, -GAP, "center", "top"),
    "right": (GAP, 0, "left", "middle"),
    "left": (-GAP, 0, "right", "middle"),
}


def describe_tools(plot) -> None:
    """The toolbar's buttons described in Arabic (their tooltips; BokehJS's own are
    English)."""
    from bokeh.models import BoxZoomTool, PanTool, ResetTool, WheelZoomTool

    words = {
        PanTool: _("Drag to move the network"),
        WheelZoomTool: _("Scroll to zoom in or out"),
        BoxZoomTool: _("Draw a box to zoom into it"),
        ResetTool: _("Show the whole network again"),
        HoverTool: _("Show the names and ties under the pointer"),
        TapTool: _("Click an actor to open its page in the register"),
    }
    for tool in plot.toolbar.tools:
        for kind, text in words.items():
            if isinstance(tool, kind):
                tool.description = text


class Interactive:
    def __init__(self, plot, png: bytes, alt: str, legend: str = ""):
        self.plot, self.png, self.alt, self.legend = plot, png, alt, legend

    def _repr_mimebundle_(self, include=None, exclude=None):
        script, div = components(self.plot)
        # The Arabic edition's container reads right to left, in Arabic.
        lang = ' lang="ar" dir="rtl"' if i18n.is_arabic() else ""
        return {
            "text/html": f'<div class="rsii-interactive"{lang} role="figure" aria-label="'
            f'{html.escape(self.alt)}">{BOKEH_JS.render_js()}{div}{script}'
            f"{self.legend}</div>",
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": self.alt,
        }


def _source(tie: Mapping) -> str:
    """Where a tie comes from, as a reader counts: "sentence 17, footnotes 3 and 4"."""
    notes = str(tie.get("footnotes", "") or "").split()
    if i18n.is_arabic():
        return _source_arabic(tie, notes)
    where = words.sentence(tie["sentence"]) if tie.get("sentence") else ""
    if notes:
        where += f", {'footnote' if len(notes) == 1 else 'footnotes'} {words.join(notes)}"
    return where or "no sentence"


def _source_arabic(tie: Mapping, notes: list[str]) -> str:
    if not tie.get("sentence"):
        return _("no sentence")
    sentence = int(str(tie["sentence"])[1:])
    if not notes:
        return _("sentence {sentence}", sentence=sentence)
    return n_(
        "sentence {sentence}, footnote {footnotes}",
        "sentence {sentence}, footnotes {footnotes}",
        len(notes),
        sentence=sentence,
        footnotes=words.join(notes),
    )


def relation_words(relation: str) -> str:
    """A relation of the codebook in words, for a tie's tooltip."""
    if not i18n.is_arabic():
        return relation.replace("_", " ")
    return {
        "member_of": p_("relation", "member of"),
        "part_of": p_("relation", "part of"),
        "leads": p_("relation", "leads"),
        "chairs": p_("relation", "chairs"),
        "represents": p_("relation", "represents"),
        "hosts": p_("relation", "hosts"),
        "allied_with": p_("relation", "allied with"),
        "cooperates_with": p_("relation", "cooperates with"),
        "supports": p_("relation", "supports"),
        "calls_for": p_("relation", "calls for"),
        "opposes": p_("relation", "opposes"),
        "criticises": p_("relation", "criticises"),
        "accuses": p_("relation", "accuses"),
        "fights": p_("relation", "fights"),
        "speaks_to": p_("relation", "speaks to"),
    }.get(relation) or p_("relation", "related to")


def tie_words(source: str, relation: str, target: str) -> str:
    """A tie for its tooltip: "Russia → member of → 4+1 coalition"."""
    if not i18n.is_arabic():
        return f"{source} → {relation_words(relation)} → {target}"
    return _("{source} ← {relation} ← {target}", source=source,
             relation=relation_words(relation), target=target)  # fmt: skip


@cache
def _text_size(text: str, px: float, family: str) -> tuple[float, float]:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    from rsii.present import fonts

    if family == fonts.ARABIC:
        drawing._register_fonts()
    width, _h, _d = TextToPath().get_text_width_height_descent(
        text, FontProperties(family=family, size=px), ismath=False
    )
    if family == fonts.ARABIC:
        return width * 1.1 + 6, px * 1.6 + 2  # Amiri's tall ascenders and deep descenders
    return width + 4, px * 1.3 + 2  # the label's background box pads it


def text_size(text: str, px: float | None = None) -> tuple[float, float]:
    """A label's width and height in pixels, measured with DejaVu Sans (wider than the
    browser's Helvetica or Arial, so the room is never too small); in the Arabic
    edition with Amiri, the font the plot draws its labels in, with room to spare."""
    if i18n.is_arabic():
        return _text_size(text, px or TEXT_PX_AR, "Amiri")
    return _text_size(text, px or TEXT_PX, "DejaVu Sans")


def _boxes(text: str) -> dict[str, np.ndarray]:
    """The label's box on each side of its actor, relative to the actor's centre."""
    w, h = text_size(text)
    return {
        "above": np.array([-w / 2, GAP, w / 2, GAP + h]),
        "below": np.array([-w / 2, -GAP - h, w / 2, -GAP]),
        "right": np.array([GAP, -h / 2, GAP + w, h / 2]),
        "left": np.array([-GAP - w, -h / 2, -GAP, h / 2]),
    }


def arrangement(G: nx.Graph, pos: dict) -> dict:
    """Where the plot draws each actor and its label, in pixels of a ``WIDTH`` ×
    ``HEIGHT`` frame: ``xy`` (node → position), ``text`` (node → label), ``boxes``
    (node → {side: its label's box relative to the actor}), ``plan`` (node → the side
    of its label at each of ``SCALES``, "" where it hides; the best-connected actors
    keep their labels longest) and ``hubs`` (the ``HUBS`` actors whose labels may cover
    other actors)."""
    H = figures.simple(G) if G.is_multigraph() or G.is_directed() else G
    nodes = sorted(H, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    text = [label_text(H.nodes[n], n) for n in nodes]
    options = [_boxes(t) for t in text]
    halves = np.full(len(nodes), DOT / 2 + 1)
    edges = [(index[u], index[v]) for u, v in H.edges()]
    frame = (0.0, 0.0, float(WIDTH), float(HEIGHT))
    P, sides = labels.arrange([pos[n] for n in nodes], options, halves, edges, frame)
    options = [{s: o[s], **o} for o, s in zip(options, sides, strict=True)]
    order = sorted(range(len(nodes)), key=lambda i: (-H.degree(nodes[i]), text[i]))
    plan = labels.plan(P, options, halves, frame, order, SCALES, shrink=dot_scale, hubs=HUBS)
    return {
        "xy": {n: tuple(map(float, P[i])) for n, i in index.items()},
        "text": dict(zip(nodes, text, strict=True)),
        "plan": {n: [sides[i] for sides in plan] for n, i in index.items()},
        "boxes": dict(zip(nodes, options, strict=True)),
        "hubs": [nodes[i] for i in order[:HUBS]],
    }


def dot_scale(scale: float) -> float:
    """How much smaller the actors' markers are drawn when the plot is drawn at
    ``scale``: in proportion, down to 60 %, so that a phone's centre is no blot."""
    return min(1.0, max(0.6, scale))


def label_text(data: Mapping, node="") -> str:
    """An actor's label on the plot: its short English name, on one line (its short
    Arabic name in the Arabic edition)."""
    return figures.name(dict(data), node)


def legend_html(G: nx.Graph, kinds) -> str:
    """The plot's legend in words, as HTML that wraps on a narrow screen: each kind of
    actor present (its marker and colour, its name), each sign of tie present, and the
    dashed inferred tie."""
    styles = figures.kind_styles(kinds)
    present = {d.get("kind") for _, d in G.nodes(data=True)}
    shapes = {
        "o": '<circle cx="7" cy="7" r="5.5"',
        "s": '<rect x="1.5" y="1.5" width="11" height="11"',
        "^": '<polygon points="7,1 13,12.5 1,12.5"',
        "D": '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7"',
    }
    items = [
        f'<svg width="14" height="14" aria-hidden="true">{shapes[m]} fill="{c}" '
        f'stroke="#000" stroke-width="1"/></svg> {html.escape(figures.kind_name(k))}'
        for k, (c, m) in styles.items()
        if k in present
    ]
    ties = [d for *_, d in G.edges(data=True)]

    def line(colour: str, dash: str = "") -> str:
        return (
            f'<svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" '
            f'y2="7" stroke="{colour}" stroke-width="2.5"{dash}/></svg>'
        )

    items += [
        f"{line(figures.SIGN_COLOURS[s])} {figures.sign_name(s)}"
        for s in (1, -1, 0)
        if any(int(d.get("sign", 0) or 0) == s for d in ties)
    ]
    if any(d.get("inferred") for d in ties):
        dashed = line("#777777", ' stroke-dasharray="4 3"')
        inferred = _("inferred tie")
        items.append(f"{dashed} {inferred}")
    lis = "".join(f'<li style="white-space: nowrap">{item}</li>' for item in items)
    legend = _("Legend")
    return (
        f'<ul class="rsii-legend" aria-label="{legend}" style="list-style: none; '
        "padding: 0; margin: 0.4em 0 0; display: flex; flex-wrap: wrap; "
        f'gap: 0.15em 1.1em; font-size: 0.85em">{lis}</ul>'
    )


# Shows each label on its side for the scale the plot is drawn at (its inner width over
# WIDTH, zoom included), or hides it: run when the plot is laid out, resized or zoomed.
_SHOW = """
const sx = plot.inner_width / (xr.end - xr.start);
const sy = plot.inner_height / (yr.end - yr.start);
const s = Math.min(sx, sy) + 1e-6;
if (!isFinite(s) || s <= 0) return;
dots.glyph.size = size * Math.min(1, Math.max(0.6, s));
const k = scales.findIndex((v) => s >= v);
const d = source.data;
const side = d.label.map((_, i) => (k < 0 ? "" : d.plan[i][k]));
if (side.every((v, i) => v === d.side[i])) return;
const pick = (j) => side.map((v) => (v ? align[v][j] : align.above[j]));
source.data = Object.assign({}, d, {
  side: side, text: side.map((v, i) => (v ? d.label[i] : "")),
  dx: pick(0), dy: pick(1), align: pick(2), baseline: pick(3),
});
"""


def network(
    G: nx.MultiDiGraph,
    pos: dict,
    *,
    kinds,
    static_png: bytes,
    alt: str,
    title: str = "",
    urls: Mapping[str, str] | None = None,
) -> Interactive:
    """Hover a node for its English and Arabic names; hover a tie for the relation, the
    sentence behind it and the Arabic quote. Drag to pan, scroll to zoom. With ``urls``
    (node → address, relative to the page showing the plot), clicking a node opens its
    address, e.g. the actor's page in the register. Actors sit where
    :func:`arrangement` puts the layout ``pos``; a legend in words follows the plot."""
    styles = figures.kind_styles(kinds)
    arabic = i18n.is_arabic()
    place = arrangement(G, pos)
    xy = place["xy"]
    nodes = sorted(G.nodes(data=True), key=lambda n: str(n[0]))
    kind_words = drawing.arabic_kinds() if arabic else views.KIND_WORDS
    node_src = ColumnDataSource(
        {
            "x": [xy[n][0] for n, _ in nodes],
            "y": [xy[n][1] for n, _ in nodes],
            "id": [n for n, _ in nodes],  # for the data, never shown
            "name_en": [
                figures.full_name(d, n) if arabic else d.get("name_en", "") for n, d in nodes
            ],
            "label": [place["text"][n] for n, _ in nodes],
            "name_ar": [d.get("name_ar", "") for _, d in nodes],
            "kind": [kind_words.get(d.get("kind", ""), "") for _, d in nodes],
            "colour": [styles.get(d.get("kind"), _GREY)[0] for _, d in nodes],
            "marker": [_MARKERS[styles.get(d.get("kind"), _GREY)[1]] for _, d in nodes],
            "url": [(urls or {}).get(n, "") for n, _ in nodes],
        }
    )
    first = [place["plan"][n][0] for n, _ in nodes]  # at full width, before any layout
    align = [_ALIGN[side or "above"] for side in first]
    label_src = ColumnDataSource(
        {
            "x": [xy[n][0] for n, _ in nodes],
            "y": [xy[n][1] for n, _ in nodes],
            "label": [place["text"][n] for n, _ in nodes],
            "plan": [place["plan"][n] for n, _ in nodes],
            "side": first,
            "text": [
                place["text"][n] if side else "" for (n, _), side in zip(nodes, first, strict=True)
            ],
            "dx": [a[0] for a in align],
            "dy": [a[1] for a in align],
            "align": [a[2] for a in align],
            "baseline": [a[3] for a in align],
        }
    )
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2]))
    name = {n: figures.full_name(d, n) if arabic else d.get("name_en", str(n)) for n, d in nodes}

    def ties(inferred: bool) -> ColumnDataSource:
        chosen = [e for e in edges if bool(e[3].get("inferred")) == inferred]
        return ColumnDataSource(
            {
                "xs": [[xy[u][0], xy[v][0]] for u, v, _, _ in chosen],
                "ys": [[xy[u][1], xy[v][1]] for u, v, _, _ in chosen],
                "tie": [
                    tie_words(name[u], str(d.get("relation", "")), name[v]) for u, v, _, d in chosen
                ],
                "source": [_source(d) for *_, d in chosen],
                "quote_ar": [d.get("quote_ar", "") for *_, d in chosen],
                "colour": [
                    figures.SIGN_COLOURS.get(int(d.get("sign", 0) or 0)) for *_, d in chosen
                ],
            }
        )

    plot = figure(
        title=title,
        width=WIDTH,
        height=HEIGHT + TOOLBAR,
        # As wide as the page allows, up to MAX_WIDTH, in proportion: a phone (390 px)
        # sees all of it without scrolling sideways, with the main actors' labels.
        sizing_mode="scale_width",
        max_width=MAX_WIDTH,
        min_border=0,
        tools="pan,wheel_zoom,box_zoom,reset",
        active_scroll="wheel_zoom",
        toolbar_location="above",
        x_axis_location=None,
        y_axis_location=None,
        x_range=Range1d(0, WIDTH),
        y_range=Range1d(0, HEIGHT),
    )
    plot.grid.visible = False
    plot.outline_line_color = None
    lines = [
        plot.multi_line(
            "xs",
            "ys",
            source=ties(inferred),
            line_color="colour",
            line_width=2,
            line_alpha=0.6,
            line_dash="dashed" if inferred else "solid",
            hover_line_width=5,
            hover_line_alpha=1,
        )
        for inferred in (False, True)
    ]
    dots = plot.scatter(
        "x",
        "y",
        source=node_src,
        size=DOT,
        marker="marker",
        fill_color="colour",
        line_color="black",
        hover_line_width=3,
    )
    plot.add_layout(
        LabelSet(
            x="x",
            y="y",
            text="text",  # the short name, where there is room; hovering gives the full one
            source=label_src,
            x_offset="dx",
            y_offset="dy",
            text_align="align",
            text_baseline="baseline",
            text_font_size=f"{TEXT_PX_AR if arabic else TEXT_PX}px",
            **({"text_font": "Amiri"} if arabic else {}),
            background_fill_color="white",
            background_fill_alpha=0.75,
        )
    )
    show = CustomJS(
        args={
            "plot": plot,
            "xr": plot.x_range,
            "yr": plot.y_range,
            "source": label_src,
            "scales": list(SCALES),
            "align": {k: list(v) for k, v in _ALIGN.items()},
            "dots": dots,
            "size": DOT,
        },
        code=_SHOW,
    )
    for model, attrs in ((plot, ("inner_width", "inner_height")), (plot.x_range, ("start", "end"))):
        for attr in attrs:
            model.js_on_change(attr, show)
    ar = '<span lang="ar" dir="rtl" style="font-family: Amiri, serif; font-size: 1.2em">'
    if arabic:  # the whole tooltip in Arabic, right to left
        rtl = '<div lang="ar" dir="rtl" style="font-family: Amiri, serif; font-size: 1.2em">'
        tips = (
            f"{rtl}<b>@name_en</b><br><i>@kind</i></div>",
            f"{rtl}<b>@tie</b><br>@source<br>@quote_ar</div>",
        )
    else:
        tips = (
            f"<b>@name_en</b><br>{ar}@name_ar</span><br><i>@kind</i>",
            f"<b>@tie</b><br>@source<br>{ar}@quote_ar</span>",
        )
    plot.add_tools(
        HoverTool(renderers=[dots], tooltips=tips[0]),
        HoverTool(renderers=lines, line_policy="interp", tooltips=tips[1]),
    )
    if urls:
        plot.add_tools(TapTool(renderers=[dots], callback=OpenURL(url="@url", same_tab=True)))
    if arabic:
        describe_tools(plot)
    return Interactive(plot, static_png, alt, legend_html(G, kinds))
