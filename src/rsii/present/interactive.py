"""The interactive network for the HTML book: Bokeh, with BokehJS inlined so the page
works offline, and the static matplotlib figure as the PNG that the PDF shows.

The object returned by :func:`network` carries both in one MIME bundle; myst-nb picks
``text/html`` for HTML and ``image/png`` for LaTeX.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping

import networkx as nx
from bokeh.embed import components
from bokeh.models import ColumnDataSource, HoverTool, LabelSet, OpenURL, TapTool
from bokeh.plotting import figure
from bokeh.resources import Resources

from rsii.present import figures, views, words

_GREY = ("#BBBBBB", "o")
_MARKERS = {"o": "circle", "s": "square", "^": "triangle", "D": "diamond"}
# BokehJS core only (no widgets, tables, WebGL or MathJax bundles), inlined: ~1.3 MB.
BOKEH_JS = Resources(mode="inline", components=["bokeh"])


class Interactive:
    def __init__(self, plot, png: bytes, alt: str):
        self.plot, self.png, self.alt = plot, png, alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        script, div = components(self.plot)
        return {
            "text/html": f'<div class="rsii-interactive" role="figure" aria-label="'
            f'{html.escape(self.alt)}">{BOKEH_JS.render_js()}{div}{script}</div>',
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": self.alt,
        }


def _source(tie: Mapping) -> str:
    """Where a tie comes from, as a reader counts: "sentence 17, footnotes 3 and 4"."""
    notes = str(tie.get("footnotes", "") or "").split()
    where = words.sentence(tie["sentence"]) if tie.get("sentence") else ""
    if notes:
        where += f", {'footnote' if len(notes) == 1 else 'footnotes'} {words.join(notes)}"
    return where or "no sentence"


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
    address, e.g. the actor's page in the register."""
    styles = figures.kind_styles(kinds)
    nodes = sorted(G.nodes(data=True), key=lambda n: str(n[0]))
    node_src = ColumnDataSource(
        {
            "x": [pos[n][0] for n, _ in nodes],
            "y": [pos[n][1] for n, _ in nodes],
            "id": [n for n, _ in nodes],
            "name_en": [d.get("name_en", "") for _, d in nodes],
            "label": [d.get("short_en") or d.get("name_en", "") for _, d in nodes],
            "name_ar": [d.get("name_ar", "") for _, d in nodes],
            "kind": [views.KIND_WORDS.get(d.get("kind", ""), "") for _, d in nodes],
            "colour": [styles.get(d.get("kind"), _GREY)[0] for _, d in nodes],
            "marker": [_MARKERS[styles.get(d.get("kind"), _GREY)[1]] for _, d in nodes],
            "url": [(urls or {}).get(n, "") for n, _ in nodes],
        }
    )
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2]))
    name = {n: d.get("name_en", str(n)) for n, d in nodes}
    edge_src = ColumnDataSource(
        {
            "xs": [[pos[u][0], pos[v][0]] for u, v, _, _ in edges],
            "ys": [[pos[u][1], pos[v][1]] for u, v, _, _ in edges],
            "tie": [
                f"{name[u]} → {str(d.get('relation', '')).replace('_', ' ')} → {name[v]}"
                for u, v, _, d in edges
            ],
            "source": [_source(d) for *_, d in edges],
            "quote_ar": [d.get("quote_ar", "") for *_, d in edges],
            "colour": [figures.SIGN_COLOURS.get(int(d.get("sign", 0) or 0)) for *_, d in edges],
        }
    )
    plot = figure(
        title=title,
        width=820,
        height=620,
        # As wide as the page allows, up to 820 px, in proportion: a phone (390 px) sees
        # all of it without scrolling sideways.
        sizing_mode="scale_width",
        max_width=820,
        tools="pan,wheel_zoom,box_zoom,reset",
        active_scroll="wheel_zoom",
        toolbar_location="above",
        x_axis_location=None,
        y_axis_location=None,
    )
    plot.grid.visible = False
    # Room beyond the outermost actors for their labels, which are wider than a dot.
    plot.x_range.range_padding, plot.y_range.range_padding = 0.3, 0.12
    lines = plot.multi_line(
        "xs",
        "ys",
        source=edge_src,
        line_color="colour",
        line_width=2,
        line_alpha=0.6,
        hover_line_width=5,
        hover_line_alpha=1,
    )
    dots = plot.scatter(
        "x",
        "y",
        source=node_src,
        size=16,
        marker="marker",
        fill_color="colour",
        line_color="black",
        hover_line_width=3,
    )
    plot.add_layout(
        LabelSet(
            x="x",
            y="y",
            text="label",  # the short name; hovering gives the full one
            source=node_src,
            y_offset=9,
            text_font_size="8pt",
            text_align="center",
        )
    )
    arabic = '<span lang="ar" dir="rtl" style="font-family: Amiri, serif; font-size: 1.2em">'
    plot.add_tools(
        HoverTool(
            renderers=[dots],
            tooltips=f"<b>@name_en</b><br>{arabic}@name_ar</span><br><i>@kind</i>",
        ),
        HoverTool(
            renderers=[lines],
            line_policy="interp",
            tooltips=(f"<b>@tie</b><br>@source<br>{arabic}@quote_ar</span>"),
        ),
    )
    if urls:
        plot.add_tools(TapTool(renderers=[dots], callback=OpenURL(url="@url", same_tab=True)))
    return Interactive(plot, static_png, alt)
