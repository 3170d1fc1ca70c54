"""Every figure as a reader sees it: whole names (wrapped at word boundaries, never cut
with "…"), no label over another label, a marker, a legend or the figure's edge, no
text smaller than ``figures.LEAST_PX`` pixels at the width the book shows the figure,
and names and words only: no actor id and no codebook value in any text."""

import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection

from rsii.analysis import centrality, results
from rsii.analysis.timeline import spans
from rsii.data import load
from rsii.present import figures, timechart, views


@pytest.fixture(scope="module")
def kinds():
    return load.codebook().query("field == 'kind'")["value"].tolist()


@pytest.fixture(scope="module")
def G():
    return load.network()


@pytest.fixture(scope="module")
def names():
    actors = load.actors()
    return dict(zip(actors["id"], actors["name_en"], strict=True))


@pytest.fixture(scope="module")
def short_names():
    actors = load.actors()
    return dict(zip(actors["id"], actors["short_en"], strict=True))


def _texts(fig):
    """Every visible, non-empty text a reader sees, with its window extent as the PNG's
    renderer measures it and whether it belongs to a legend: labels, titles, tick labels
    of visible axes, legend entries and the figure's own texts."""
    r = FigureCanvasAgg(fig).get_renderer()
    fig.draw(r)  # legends lay out their entries when drawn
    texts = []
    for ax in fig.axes:
        texts += [(t, False) for t in [*ax.texts, ax.title]]
        if ax.axison:
            ticks = [*ax.get_xticklabels(), *ax.get_yticklabels()]
            texts += [(t, False) for t in ticks]
        if ax.get_legend():
            texts += [(t, True) for t in ax.get_legend().get_texts()]
    for legend in fig.legends:
        texts += [(t, True) for t in legend.get_texts()]
    texts += [(t, False) for t in fig.texts]
    return [
        (t.get_text(), t.get_window_extent(r), in_legend, t.get_fontsize())
        for t, in_legend in texts
        if t.get_visible() and t.get_text().strip()
    ], r


def _markers(fig) -> list[np.ndarray]:
    """The box (x0, y0, x1, y1, in pixels) of every marker drawn in the axes."""
    boxes = []
    for ax in fig.axes:
        for c in ax.collections:
            if not isinstance(c, PathCollection) or not len(c.get_offsets()):
                continue
            sizes = np.broadcast_to(c.get_sizes(), (len(c.get_offsets()),))
            widths = np.broadcast_to(c.get_linewidths(), (len(c.get_offsets()),))
            for xy, s, lw in zip(
                ax.transData.transform(c.get_offsets()), sizes, widths, strict=True
            ):
                half = (np.sqrt(s) / 2 + lw / 2) * fig.dpi / 72
                boxes.append(np.array([xy[0] - half, xy[1] - half, xy[0] + half, xy[1] + half]))
        for line in ax.lines:
            if line.get_marker() in (None, "", "None", " "):
                continue
            half = (line.get_markersize() / 2 + line.get_markeredgewidth() / 2) * fig.dpi / 72
            for xy in ax.transData.transform(line.get_xydata()):
                boxes.append(np.array([xy[0] - half, xy[1] - half, xy[0] + half, xy[1] + half]))
    return boxes


def _hits(box, other) -> bool:
    """Strict overlap: touching boxes do not overlap."""
    return min(box.x1, other[2]) > max(box.x0, other[0]) and (
        min(box.y1, other[3]) > max(box.y0, other[1])
    )


def _problems(fig, shown: float = figures.SHOWN_PX) -> list[str]:
    """What a reader would stumble on in ``fig`` shown ``shown`` pixels wide."""
    texts, r = _texts(fig)
    markers = _markers(fig)
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()] + list(fig.legends)
    legend_boxes = [lg.get_window_extent(r) for lg in legends]
    tight = fig.get_tightbbox(r)
    scale = shown / ((tight.width + 0.2) * 150)  # the PNG (dpi 150, 0.1 in padding) shown
    problems = [f"cut: {t!r}" for t, *_ in texts if "…" in t or "[...]" in t]
    for i, (text, box, in_legend, size) in enumerate(texts):
        if size * 150 / 72 * scale < figures.LEAST_PX - 0.2:
            problems.append(f"too small ({size * 150 / 72 * scale:.1f} px): {text!r}")
        for other, other_box, *_ in texts[i + 1 :]:
            if box.overlaps(other_box):
                problems.append(f"overlap: {text!r} / {other!r}")
        if not in_legend:
            problems += [f"over a marker: {text!r}" for m in markers if _hits(box, m)]
            problems += [f"over the legend: {text!r}" for lg in legend_boxes if box.overlaps(lg)]
        if not (
            fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1
            and fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
        ):  # fmt: skip
            problems.append(f"outside the figure: {text!r}")
    for lg in legend_boxes:
        hidden = [m for m in markers if _hits(lg, m)]
        problems += [f"a marker under the legend at {m[:2].round()}" for m in hidden]
    return problems


def test_short_wraps_at_word_boundaries_and_never_cuts():
    assert figures.short("Iraq") == "Iraq"
    assert figures.short("Russia–Syria–Iran–Iraq coalition (4+1)") == (
        "Russia–Syria–Iran–Iraq\ncoalition"
    )
    long = "International coalition led by the United States"
    wrapped = figures.short(long)
    assert "…" not in wrapped and wrapped.replace("\n", " ") == long
    assert len(wrapped.split("\n")) == 2
    assert all(len(line) <= 24 for line in wrapped.split("\n"))


def test_short_keeps_every_word_of_every_actor(names):
    for name in names.values():
        text = figures.short(name)
        assert "…" not in text
        assert text.replace("\n", " ") == name.split(" (")[0]
        assert len(text.split("\n")) <= 3


def test_a_short_name_attribute_is_preferred():
    import networkx as nx

    H = nx.Graph()
    H.add_node("x", name_en="A very long name of an actor that would wrap", short_en="Actor X")
    H.add_node("y", name_en="Actor Y", short_en=float("nan"))  # an empty cell in the CSV
    H.add_edge("x", "y")
    texts = sorted(t.get_text() for t in figures.draw_network(H, kinds=[]).axes[0].texts)
    assert texts == ["Actor X", "Actor Y"]
    assert figures.bilingual(H).nodes["x"]["bilingual"].startswith("Actor X\n")


@pytest.fixture(scope="module")
def G_long(G):
    """The network without short names: every label is a full name, wrapped."""
    H = G.copy()
    for _, data in H.nodes(data=True):
        data.pop("short_en", None)
    return H


@pytest.fixture(scope="module")
def camps_figure(short_names):
    main = results.analyse()  # the stance chapter's figure, as the chapter draws it
    frustrated = {(u, v) for u, v, _ in main.frustrated}
    return figures.draw_camps(main.graph, main.drawn, short_names, frustrated)


@pytest.fixture(scope="module")
def book_figures(G, kinds, names, short_names, camps_figure):
    """Every figure of the chapters, drawn as the chapters draw them."""
    return {
        "network": figures.draw_network(G, figures.layout(G), kinds=kinds),
        "evidence": figures.draw_network(G, kinds=kinds, width_attr="n_footnotes"),
        "ego pair": figures.ego_pair(G, ["iraq", "russia"], kinds, names),
        "two-mode": figures.draw_two_mode(load.stances(), short_names),
        "camps": camps_figure,
        "timeline": timechart.draw(load.events()),
    }


@pytest.mark.parametrize(
    "name", ["network", "evidence", "ego pair", "two-mode", "camps", "timeline"]
)
def test_every_chapter_figure_reads_at_the_width_shown(book_figures, name):
    assert _problems(book_figures[name]) == []


def test_whole_network_labels_with_full_names(G_long, kinds):
    assert _problems(figures.draw_network(G_long, kinds=kinds)) == []
    name = dict(G_long.nodes(data="name_en"))
    assert _problems(figures.ego_pair(G_long, ["iraq", "russia"], kinds, name)) == []


def test_every_register_figure_reads_at_the_width_shown(G, kinds):
    """The register shows each actor's ego network at 60 % of the column."""
    problems = []
    for actor in sorted(G):
        if G.degree(actor) == 0:
            continue
        fig = figures.ego_figure(centrality.ego(G, actor), actor, kinds)
        problems += [f"{actor}: {p}" for p in _problems(fig, shown=figures.REGISTER_PX)]
    assert problems == []


def test_the_checks_find_what_a_reader_would_stumble_on():
    """The checks above fail on a label over a marker, two overlapping labels, a label
    out of the figure and text too small at the width shown."""
    fig = figures.new_figure((4, 3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    ax.scatter([0.5], [0.5], s=200)
    ax.text(0.5, 0.5, "on the marker", fontsize=12)
    ax.text(0.1, 0.8, "one label", fontsize=12)
    ax.text(0.12, 0.81, "another label", fontsize=12)
    ax.text(0.95, 0.2, "past the edge", fontsize=12)
    ax.text(0.1, 0.1, "tiny", fontsize=3)
    found = " ".join(_problems(fig))
    for problem in ("over a marker: 'on the marker'", "overlap: 'one label' / 'another",
                    "outside the figure: 'past the edge'", "too small"):  # fmt: skip
        assert problem in found, found


def _codes():
    """Every codebook value and actor id, with the words a reader sees instead (a kind
    whose words are the value itself, such as "state", is a word, not a code)."""
    codebook, actors = load.codebook(), load.actors()
    codes = set(codebook["value"]) | set(actors["id"])
    return codes - {k for k, words in views.KIND_WORDS.items() if words == k}


def test_figures_speak_in_names_and_words(book_figures, G, kinds):
    """No text of any figure, legend entry or label, is an actor id or a codebook value
    ("support", "armed_group"), nor has an id or a code that is no English word as one
    of its words ("e04", "isis", "state_body")."""
    codes = _codes() | set(load.events()["id"])
    ids = set(load.actors()["id"]) | set(load.events()["id"])
    coded = {c for c in codes if "_" in c or re.search(r"\d", c)} | ids
    figs = dict(book_figures)
    figs["register"] = figures.ego_figure(centrality.ego(G, "russia"), "russia", kinds)
    leaks = []
    for name, fig in figs.items():
        texts, _ = _texts(fig)
        for text, *_ in texts:
            words = set(re.split(r"[\s:;,.()]+", text))
            leaks += [f"{name}: {text!r}" for w in words & coded]
            leaks += [f"{name}: {text!r}"] if text in codes else []
    assert leaks == []
    legend = [t for t, _, in_legend, _ in _texts(book_figures["network"])[0] if in_legend]
    assert "armed group" in legend and "positive tie" in legend, legend


def test_the_frustrated_ties_legend_matches_their_colours(camps_figure):
    """Frustrated ties are drawn thick in their sign's colour, and so is their swatch."""
    legend = camps_figure.axes[0].get_legend()
    swatches = {
        t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    thick = {line.get_color() for line in camps_figure.axes[0].lines if line.get_linewidth() > 3}
    frustrated = {k: h.get_color() for k, h in swatches.items() if k.startswith("frustrated")}
    assert frustrated and set(frustrated.values()) == thick, (frustrated, thick)


def test_timeline_rows_are_labelled_in_words():
    events = load.events()
    fig = timechart.draw(events)
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    for row, (_, event) in zip(rows, spans(events).iterrows(), strict=True):
        assert row.replace("\n", " ") == timechart.row_label(event).replace("\n", " ")
        assert event["event_en"] in row.replace("\n", " ")
    assert timechart.when("2015-09", "month") == "September 2015"
    assert timechart.when("2015-10", "approximate") == "about October 2015"
    assert timechart.when("2003", "year") == "2003"
    assert timechart.when("2015-09-30", "day") == "30 September 2015"
    sizes = {t.get_fontsize() for ax in fig.axes for t in ax.get_xticklabels()}
    assert len(sizes) == 1, sizes  # both panels' ticks one size


def test_label_placement_is_deterministic(G, kinds):
    one = figures.png_bytes(figures.draw_network(G, kinds=kinds))
    two = figures.png_bytes(figures.draw_network(G, kinds=kinds))
    assert one == two


def test_the_evidence_legend_says_what_a_lines_width_counts(book_figures):
    legend = [t for t, _, in_legend, _ in _texts(book_figures["evidence"])[0] if in_legend]
    widths = [t for t in legend if t.endswith(("footnote", "footnotes"))]
    assert widths[0] == "no footnote" and len(widths) >= 2, legend
