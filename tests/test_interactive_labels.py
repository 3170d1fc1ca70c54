"""The interactive network's labels, placed at build time: at the book's width none
overlaps another label or an actor or leaves the plot; narrower (a phone) or zoomed out,
the labels that would collide hide rather than print over one another, the hubs' last;
a legend in words follows the plot."""

import re

import numpy as np
import pytest
from bokeh.models import CustomJS

from rsii.data import load
from rsii.present import figures, interactive, views

PHONE = (390 - 10) / interactive.WIDTH  # the plot's scale on a 390-px phone


@pytest.fixture(scope="module")
def G():
    return load.network()


@pytest.fixture(scope="module")
def kinds():
    return load.codebook().query("field == 'kind'")["value"].tolist()


@pytest.fixture(scope="module")
def place(G):
    return interactive.arrangement(G, figures.layout(G))


def _drawn(place, k: int):
    """The label boxes shown and the marker boxes at ``SCALES[k]``, in pixels."""
    s = interactive.SCALES[k]
    centre = np.array([interactive.WIDTH, interactive.HEIGHT]) / 2
    half = (interactive.DOT / 2 + 1) * interactive.dot_scale(s)
    at = {n: centre + (np.array(xy) - centre) * s for n, xy in place["xy"].items()}
    markers = {n: np.array([*(p - half), *(p + half)]) for n, p in at.items()}
    shown = {
        n: place["boxes"][n][sides[k]] + np.tile(at[n], 2)
        for n, sides in place["plan"].items()
        if sides[k]
    }
    frame = np.array([*(centre * (1 - s)), *(centre * (1 + s))])
    return shown, markers, frame


def _hits(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_every_label_shows_at_the_books_width_clear_of_the_others(place):
    shown, markers, frame = _drawn(place, 0)
    assert set(shown) == set(place["xy"])
    problems = []
    names = sorted(shown)
    for i, a in enumerate(names):
        problems += [f"{a} / {b}" for b in names[i + 1 :] if _hits(shown[a], shown[b])]
        problems += [f"{a} over {m}" for m, box in markers.items() if _hits(shown[a], box)]
        if not ((shown[a][:2] >= frame[:2]).all() and (shown[a][2:] <= frame[2:]).all()):
            problems.append(f"{a} outside the plot")
    assert problems == []


@pytest.mark.parametrize("k", range(len(interactive.SCALES)))
def test_narrower_labels_hide_rather_than_collide(place, k):
    shown, markers, frame = _drawn(place, k)
    problems = []
    names = sorted(shown)
    for i, a in enumerate(names):
        problems += [f"{a} / {b}" for b in names[i + 1 :] if _hits(shown[a], shown[b])]
        if a not in place["hubs"]:
            problems += [f"{a} over {m}" for m, box in markers.items() if _hits(shown[a], box)]
        if not ((shown[a][:2] >= frame[:2]).all() and (shown[a][2:] <= frame[2:]).all()):
            problems.append(f"{a} outside the plot")
    assert problems == []


def test_a_phone_shows_the_hubs_and_hidden_labels_stay_hidden(place, G):
    k = next(i for i, s in enumerate(interactive.SCALES) if s <= PHONE)
    shown = {n for n, sides in place["plan"].items() if sides[k]}
    assert {"coalition_4plus1", "us_led_coalition", "russia"} <= shown
    assert len(shown) >= 15, sorted(shown)
    for n, sides in place["plan"].items():
        hidden = [i for i, side in enumerate(sides) if not side]
        assert hidden == list(range(hidden[0], len(sides))) if hidden else True, (n, sides)


def test_the_plot_rechecks_its_labels_when_resized_or_zoomed(G, kinds):
    view = interactive.network(G, figures.layout(G), kinds=kinds, static_png=b"", alt="x")
    plot = view.plot
    watched = {
        attr
        for model in (plot, plot.x_range)
        for attr, callbacks in model.js_property_callbacks.items()
        if any(isinstance(c, CustomJS) for c in callbacks)
    }
    assert {"change:inner_width", "change:start", "change:end"} <= watched


def test_the_legend_speaks_in_words(G, kinds):
    view = interactive.network(G, figures.layout(G), kinds=kinds, static_png=b"", alt="x")
    page = view._repr_mimebundle_()["text/html"]
    legend = re.search(r'<ul class="rsii-legend".*?</ul>', page, re.S).group(0)
    items = [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li.*?</li>", legend)]
    present = {d["kind"] for _, d in G.nodes(data=True)}
    assert [views.KIND_WORDS[k] for k in kinds if k in present] == items[: len(present)]
    assert items[len(present) :] == ["positive tie", "negative tie", "neutral tie", "inferred tie"]
    codes = set(load.codebook()["value"]) | set(G)
    assert not [i for i in items if i in codes and views.KIND_WORDS.get(i) != i], items
