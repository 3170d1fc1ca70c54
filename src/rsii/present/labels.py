"""Room for the labels of the network figures.

Each actor is drawn as one rigid body: its marker and its label, measured in display
coordinates by the renderer that draws the PNG. The layout's positions are first scaled
so that the bodies fill the axes; each label free to move takes the side of its marker
that crosses the fewest ties and covers the fewest other actors; then overlapping bodies
are pushed apart (along the axis where they overlap least), inside the axes, until no
two overlap. Nothing is random, so the same figure is drawn at every build; the layout's
shape is kept, only its crowded parts open up.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

PAD = 6.0  # pixels of clear space around each body: gaps of 12 between actors
FILL = 0.9  # share of the axes the layout fills before bodies are pushed apart
SIDES = ("above", "below", "right", "left")  # in order of preference
# What a side costs beyond its crossings: above reads first, beside a marker last.
PREFERENCE = {"above": 0.0, "below": 0.3, "right": 0.6, "left": 0.6}
COVER = 3.0  # cost of a label over another actor's marker, in crossed ties
CROWD = 2.0  # cost of a label over a label already placed, in crossed ties
ROUNDS = 2  # sides chosen, bodies pushed apart: twice


def renderer(fig):
    """The renderer that measures text as the PNG will draw it."""
    canvas = fig.canvas
    if not hasattr(canvas, "get_renderer"):
        canvas = FigureCanvasAgg(fig)
    return canvas.get_renderer()


def _extent(ax, text, r) -> np.ndarray:
    """A label's box (x0, y0, x1, y1) in pixels relative to its anchor."""
    anchor = ax.transData.transform(text.xy)
    e = text.get_window_extent(r)
    return np.array([e.x0 - anchor[0], e.y0 - anchor[1], e.x1 - anchor[0], e.y1 - anchor[1]])


def _body(label: np.ndarray, half: float) -> np.ndarray:
    """The union of a label box and a marker of radius ``half``, with ``PAD`` around."""
    return np.array(
        [
            min(label[0], -half) - PAD,
            min(label[1], -half) - PAD,
            max(label[2], half) + PAD,
            max(label[3], half) + PAD,
        ]
    )


def _fit_axis(c: np.ndarray, lo: np.ndarray, hi: np.ndarray, start: float, width: float):
    """Coordinates ``c`` scaled and shifted so that the bodies (``lo``..``hi`` about
    each) span at most ``width``, centred on ``start + width / 2``."""
    c = c - c.min()

    def span(s):
        return (s * c + hi).max() - (s * c + lo).min()

    if span(0.0) >= width or c.max() == 0:
        scale = 0.5 * width / max(c.max(), 1e-9)  # bodies wider than the axes: spread out
    else:
        low, high = 0.0, 1.0
        while span(high) <= width:
            high *= 2
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if span(mid) <= width else (low, mid)
        scale = low
    placed = scale * c
    left, right = (placed + lo).min(), (placed + hi).max()
    return placed + start + (width - (right - left)) / 2 - left


def _crossings(rect: np.ndarray, a: np.ndarray, b: np.ndarray) -> int:
    """How many of the segments ``a``→``b`` pass through ``rect`` (Liang–Barsky)."""
    if not len(a):
        return 0
    d = b - a
    lo, hi = np.zeros(len(a)), np.ones(len(a))
    for k in (0, 1):
        r0, r1 = rect[k], rect[k + 2]
        flat = d[:, k] == 0
        step = np.where(flat, 1.0, d[:, k])
        t0, t1 = (r0 - a[:, k]) / step, (r1 - a[:, k]) / step
        inside = (a[:, k] > r0) & (a[:, k] < r1)
        lo = np.maximum(lo, np.where(flat, np.where(inside, 0, np.inf), np.minimum(t0, t1)))
        hi = np.minimum(hi, np.where(flat, np.where(inside, 1, -np.inf), np.maximum(t0, t1)))
    return int((lo < hi).sum())


def _overlap(r: np.ndarray, others: np.ndarray) -> int:
    """How many boxes of ``others`` (rows x0, y0, x1, y1) overlap box ``r``."""
    if not len(others):
        return 0
    ox = np.minimum(r[2], others[:, 2]) - np.maximum(r[0], others[:, 0])
    oy = np.minimum(r[3], others[:, 3]) - np.maximum(r[1], others[:, 1])
    return int(((ox > 0) & (oy > 0)).sum())


def choose_sides(P, labels: list[dict], halves, edges) -> list[str]:
    """For each actor the side of its label (a key of its ``labels``: boxes relative to
    anchors ``P``) that costs least: ties crossed, markers covered, labels already placed
    covered (the best-connected actors choose first) and ``PREFERENCE``."""
    n = len(P)
    ends = np.array(edges, dtype=int).reshape(-1, 2)
    markers = np.column_stack([P - halves[:, None], P + halves[:, None]])
    degree = np.bincount(ends.ravel(), minlength=n)
    chosen: dict[int, str] = {}
    placed: list[np.ndarray] = []
    for i in sorted(range(n), key=lambda i: (-degree[i], i)):
        others = np.delete(markers, i, axis=0)

        def cost(side, i=i, others=others):
            box = labels[i][side] + np.tile(P[i], 2)
            return (
                _crossings(box, P[ends[:, 0]], P[ends[:, 1]])
                + COVER * _overlap(box, others)
                + CROWD * _overlap(box, np.array(placed).reshape(-1, 4))
                + PREFERENCE.get(side, 0.0)
            )

        chosen[i] = min(labels[i], key=lambda s: (cost(s), SIDES.index(s)))
        placed.append(labels[i][chosen[i]] + np.tile(P[i], 2))
    return [chosen[i] for i in range(n)]


def _clamp(P: np.ndarray, R: np.ndarray, box) -> None:
    x0, y0, x1, y1 = box
    P[:, 0] = np.clip(P[:, 0], x0 - R[:, 0], np.maximum(x1 - R[:, 2], x0 - R[:, 0]))
    P[:, 1] = np.clip(P[:, 1], y0 - R[:, 1], np.maximum(y1 - R[:, 3], y0 - R[:, 1]))


def separate(P: np.ndarray, R: np.ndarray, box, max_rounds: int = 2000) -> np.ndarray:
    """Anchors ``P`` (pixels) moved so that no two bodies ``R`` (boxes relative to their
    anchors) overlap and all stay inside ``box``: in each round every overlapping pair is
    pushed apart by half its overlap each, along the axis where the overlap is smaller."""
    P = P.astype(float).copy()
    n = len(P)
    _clamp(P, R, box)
    for _ in range(max_rounds):
        A = P[:, [0, 1, 0, 1]] + R
        ox = np.minimum(A[:, None, 2], A[None, :, 2]) - np.maximum(A[:, None, 0], A[None, :, 0])
        oy = np.minimum(A[:, None, 3], A[None, :, 3]) - np.maximum(A[:, None, 1], A[None, :, 1])
        hit = (ox > 0) & (oy > 0)
        hit[np.tril_indices(n)] = False
        if not hit.any():
            break
        centre = (A[:, :2] + A[:, 2:]) / 2
        move = np.zeros_like(P)
        for i, j in zip(*np.nonzero(hit), strict=True):
            axis = 0 if ox[i, j] < oy[i, j] else 1
            gap = (ox if axis == 0 else oy)[i, j] / 2 + 0.5
            d = centre[j, axis] - centre[i, axis]
            direction = 1.0 if d > 0 or (d == 0 and axis == 1) else -1.0
            move[i, axis] -= direction * gap
            move[j, axis] += direction * gap
        P += move
        _clamp(P, R, box)
    return P


def arrange(xy, labels: list[dict], halves, edges, box) -> tuple[np.ndarray, list[str]]:
    """Anchors in pixels, and the side of each label, for actors at layout coordinates
    ``xy``, each with its candidate label boxes ``labels`` ({side: box relative to the
    anchor}, the first its default), a marker of half-width ``halves`` (pixels) and
    ``edges`` (pairs of indices) between them: the layout scaled to fill ``box`` (x0, y0,
    x1, y1), sides chosen, bodies pushed apart until none overlaps another."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    halves = np.asarray(halves, dtype=float)
    x0, y0, x1, y1 = box
    first = np.array(
        [_body(next(iter(lab.values())), h) for lab, h in zip(labels, halves, strict=True)]
    )
    P = np.column_stack(
        [
            _fit_axis(
                xy[:, k], first[:, k], first[:, k + 2], start + (1 - FILL) * size / 2, FILL * size
            )  # fmt: skip
            for k, start, size in ((0, x0, x1 - x0), (1, y0, y1 - y0))
        ]
    )
    for _ in range(ROUNDS):  # sides chosen again once the crowded parts have opened up
        sides = choose_sides(P, labels, halves, edges)
        R = np.array([_body(lab[s], h) for lab, s, h in zip(labels, sides, halves, strict=True)])
        P = separate(P, R, box)
    return P, sides


def place(ax, xy, options: list[dict], sizes, edges=()) -> tuple[np.ndarray, list[str]]:
    """Positions in axes fraction, and the side of each label, for actors at layout
    coordinates ``xy``, each with its candidate labels ``options`` ({side: annotation},
    the first its default), a marker of scatter size ``sizes`` (points²) and ``edges``
    (pairs of indices) between them (:func:`arrange`, with the labels measured as the
    PNG draws them). The axes' limits become (0, 1), so the positions are data
    coordinates too."""
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if not len(xy):
        return xy, []
    fig = ax.get_figure(root=True)
    r = renderer(fig)
    labels = [{s: _extent(ax, t, r) for s, t in o.items()} for o in options]
    halves = np.array([math.sqrt(s) / 2 * fig.dpi / 72 + 1 for s in sizes])  # with edge
    b = ax.bbox
    P, sides = arrange(xy, labels, halves, edges, (b.x0, b.y0, b.x1, b.y1))
    return (P - [b.x0, b.y0]) / [b.width, b.height], sides


def plan(
    P, options: list[dict], halves, box, order, scales, shrink=None, hubs: int = 0
) -> list[list[str]]:
    """For actors at anchors ``P`` (pixels) with candidate label boxes ``options``
    ({side: box relative to the anchor}, the side they were arranged with first), the
    side each label takes at each of ``scales`` (descending, the first 1), "" where it
    hides: the picture drawn at that scale about the centre of ``box``, the labels
    keeping their size, each label is shown on the first side (its side at the larger
    scale first) clear of every shown label, of every marker (half-widths ``halves``)
    and of the scaled box's edges (``shrink(scale)`` scales the markers too, when
    given). Labels earlier in ``order`` are placed first, and the first ``hubs`` of
    them may cover other actors' markers (never a label) when nothing else is free; a
    label hidden at one scale stays hidden at every smaller one."""
    P = np.asarray(P, dtype=float)
    halves = np.asarray(halves, dtype=float)
    box = np.asarray(box, dtype=float)
    centre = (box[:2] + box[2:]) / 2
    previous = {i: next(iter(options[i])) for i in order}
    out = []
    for s in scales:
        Q = centre + (P - centre) * s
        frame = np.concatenate([centre + (box[:2] - centre) * s, centre + (box[2:] - centre) * s])
        half = halves * (shrink(s) if shrink else 1.0)
        markers = np.column_stack([Q - half[:, None], Q + half[:, None]])
        shown: list[np.ndarray] = []
        sides = [""] * len(P)
        for rank, i in enumerate(order):
            if i not in previous:
                continue
            tries = [previous[i], *(side for side in options[i] if side != previous[i])]
            for side, cover in [(side, False) for side in tries] + [
                (side, True) for side in tries if rank < hubs
            ]:
                r = options[i][side] + np.tile(Q[i], 2)
                inside = (r[:2] >= frame[:2]).all() and (r[2:] <= frame[2:]).all()
                crowded = _overlap(r, np.array(shown).reshape(-1, 4)) or _overlap(
                    r, markers[i : i + 1] if cover else markers
                )
                if inside and not crowded:
                    shown.append(r)
                    sides[i] = previous[i] = side
                    break
            else:
                del previous[i]
        out.append(sides)
    return out
