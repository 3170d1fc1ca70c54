"""The labels of the static network figures: whole names (wrapped at word boundaries,
never cut with "…"), no two labels overlapping, none over a legend, and every label of
an ego figure inside the figure."""

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from rsii.analysis import centrality, results
from rsii.data import load
from rsii.present import figures


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


def _labels(fig):
    """Every non-empty text of the figure's axes (labels and titles), with its window
    extent measured by the renderer that draws the PNG."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    out = []
    for ax in fig.axes:
        for t in [*ax.texts, ax.title]:
            if t.get_visible() and t.get_text().strip():
                out.append((t.get_text(), t.get_window_extent(renderer)))
    legends = [ax.get_legend().get_window_extent(renderer) for ax in fig.axes if ax.get_legend()]
    return out, legends


def _problems(fig, inside_figure: bool = False) -> list[str]:
    labels, legends = _labels(fig)
    problems = [f"cut: {text!r}" for text, _ in labels if "…" in text]
    for i, (text, box) in enumerate(labels):
        for other, other_box in labels[i + 1 :]:
            if box.overlaps(other_box):  # strict: touching boxes do not overlap
                problems.append(f"overlap: {text!r} / {other!r}")
        problems += [f"over the legend: {text!r}" for legend in legends if box.overlaps(legend)]
        if inside_figure and not (
            fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1
            and fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
        ):  # fmt: skip
            problems.append(f"outside the figure: {text!r}")
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


def test_whole_network_labels(G, kinds):
    assert _problems(figures.draw_network(G, kinds=kinds)) == []


def test_whole_network_labels_with_full_names(G_long, kinds):
    assert _problems(figures.draw_network(G_long, kinds=kinds)) == []
    name = dict(G_long.nodes(data="name_en"))
    assert _problems(figures.ego_pair(G_long, ["iraq", "russia"], kinds, name)) == []


def test_evidence_network_labels(G, kinds):
    assert _problems(figures.draw_network(G, kinds=kinds, width_attr="n_footnotes")) == []


def test_camps_labels(names):
    main = results.analyse()
    frustrated = {(u, v) for u, v, _ in main.frustrated}
    fig = figures.draw_camps(main.graph, main.drawn, names, frustrated)
    assert _problems(fig) == []


def test_two_mode_labels(names):
    assert _problems(figures.draw_two_mode(load.stances(), names)) == []


def test_ego_pair_labels(G, kinds):
    name = dict(G.nodes(data="name_en"))
    assert _problems(figures.ego_pair(G, ["iraq", "russia"], kinds, name)) == []


def test_every_ego_figure_labels(G, kinds):
    problems = []
    for actor in sorted(G):
        if G.degree(actor) == 0:
            continue
        fig = figures.ego_figure(centrality.ego(G, actor), actor, kinds)
        problems += [f"{actor}: {p}" for p in _problems(fig, inside_figure=True)]
    assert problems == []


def test_label_placement_is_deterministic(G, kinds):
    one = figures.png_bytes(figures.draw_network(G, kinds=kinds))
    two = figures.png_bytes(figures.draw_network(G, kinds=kinds))
    assert one == two
