"""The specification curve of the multiverse: every model sorted by one measure, with the
main model marked, above a dot matrix of the choices each model makes, in words.

The upper panel shows how far the measure moves across the defensible models; the lower
one shows which choices move it (Simonsohn, Simmons & Nelson 2020).

References: Simonsohn, U., Simmons, J. P. & Nelson, L. D. (2020). Specification curve
analysis. *Nature Human Behaviour* 4, 1208–1214.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from rsii.present import i18n
from rsii.present.figures import OKABE_ITO, label, new_figure, styled
from rsii.present.i18n import _, n_
from rsii.present.views import OPTION_WORDS

MEASURE_WORDS = {
    "frustration": "frustration index\n(ties to change for two camps)",
    "balanced_share": "share of balanced\ntriangles",
    "misfits": "fewest misfits\n(any number of clusters)",
}


def measure_words(measure: str) -> str:
    """The measure's name for the curve's axis, in the edition's language."""
    if not i18n.is_arabic():
        return MEASURE_WORDS[measure]
    return {
        "frustration": _("frustration index\n(ties to change for two camps)"),
        "balanced_share": _("share of balanced\ntriangles"),
        "misfits": _("fewest misfits\n(any number of clusters)"),
    }[measure]


def option_words() -> dict:
    """:data:`rsii.present.views.OPTION_WORDS` in the edition's language."""
    if not i18n.is_arabic():
        return OPTION_WORDS
    return {
        "affiliation": {False: _("sentiment ties only"), True: _("affiliation ties added")},
        "states": {"joined": _("governments joined to their states"),
                   "apart": _("governments apart from their states"),
                   "merged": _("states merged with their agents")},
        "acts": {True: _("acts counted as positions"), False: _("statements only")},
        "founding": {True: _("founding ties kept"), False: _("founding ties left out")},
        "inferred": {True: _("inferred ties and stances kept"),
                     False: _("inferred ties and stances left out")},
    }  # fmt: skip


MAIN_COLOUR, OTHER_COLOUR = OKABE_ITO[5], OKABE_ITO[4]  # vermillion, blue


def order(table: pd.DataFrame, measure: str) -> np.ndarray:
    """The positions of ``table``'s rows sorted by ``measure``, ties kept in the table's
    order (a stable sort): the x order of :func:`draw`."""
    return np.argsort(table[measure].to_numpy(), kind="stable")


@styled
def draw(table: pd.DataFrame, measure: str = "frustration", width: float = 7.0):
    """The specification curve of ``measure`` over the models of ``table``.

    Parameters
    ----------
    table : DataFrame
        Rows of :attr:`rsii.analysis.multiverse.Multiverse.table` (usually its
        combinations): the choices of :data:`rsii.present.views.OPTION_WORDS`, ``main``
        and the measure.
    measure : str
        A column of ``table`` named in :data:`MEASURE_WORDS`.
    width : float
        The figure's width in inches.

    Returns
    -------
    matplotlib.figure.Figure
        Upper panel: one dot per model, sorted by the measure (:func:`order`), the main
        model's larger and in vermillion. Lower panel: one row per option of each
        choice, labelled in words, a dark dot where the model makes that choice.

    Examples
    --------
    >>> table = pd.DataFrame({"affiliation": [False, True], "states": ["joined", "apart"],
    ...     "acts": [True, True], "founding": [True, False], "inferred": [True, True],
    ...     "main": [True, False], "frustration": [3, 1]})
    >>> fig = draw(table)
    >>> len(fig.axes)
    2
    """
    if measure not in MEASURE_WORDS:
        raise ValueError(f"measure must be one of {sorted(MEASURE_WORDS)}, got {measure!r}")
    arabic = i18n.is_arabic()
    rows = [(c, o, words) for c, options in option_words().items() for o, words in options.items()]
    fig = new_figure(figsize=(width, 1.9 + 0.22 * len(rows) + 1.6))
    curve, matrix = fig.subplots(
        2, 1, sharex=True, gridspec_kw={"height_ratios": [1.6, 0.22 * len(rows)]}
    )
    sort = order(table, measure)
    shown = table.iloc[sort].reset_index(drop=True)
    x = np.arange(len(shown))
    main = shown["main"].to_numpy(dtype=bool)
    values = shown[measure].to_numpy(dtype=float)
    curve.scatter(x[~main], values[~main], s=18, color=OTHER_COLOUR, zorder=2)
    curve.scatter(x[main], values[main], s=70, color=MAIN_COLOUR, marker="D", zorder=3,
                  edgecolors="black", linewidths=0.6)  # fmt: skip
    curve.set_ylabel(label(measure_words(measure)), fontsize=10.5 if arabic else 9)
    if pd.api.types.is_integer_dtype(table[measure]):
        curve.yaxis.set_major_locator(MaxNLocator(integer=True))
    low, high = np.nanmin(values), np.nanmax(values)
    pad = max(0.1 * (high - low), 0.05 if high <= 1 else 0.3)
    curve.set_ylim(low - pad, high + pad)
    # Only the ticks inside the limits: matplotlib keeps others as labels nobody sees.
    curve.set_yticks([v for v in curve.get_yticks() if low - pad <= v <= high + pad])
    curve.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    curve.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="D",
                color=MAIN_COLOUR,
                markeredgecolor="black",
                linestyle="",
                markersize=7,
                label=_("the main model"),
            ),
            Line2D(
                [],
                [],
                marker="o",
                color=OTHER_COLOUR,
                linestyle="",
                markersize=5,
                label=_("every other model"),
            ),
        ][:: -1 if arabic else 1],  # fmt: skip
        loc="upper right" if arabic else "upper left",
        bbox_to_anchor=(1, 1.0) if arabic else (0, 1.0),
        markerfirst=not arabic,
        fontsize=10.5 if arabic else 9,
        frameon=False,
        ncol=2,
        borderaxespad=-2.2,
        # Arabic entries further apart: each marker plainly with the words on its left.
        **({"columnspacing": 3.5, "handletextpad": 0.5} if arabic else {}),
    )
    for i, (choice, option, words) in enumerate(rows):
        y = len(rows) - 1 - i
        takes = (shown[choice] == option).to_numpy()
        matrix.scatter(x[~takes], np.full((~takes).sum(), y), s=6, color="#CCCCCC")
        matrix.scatter(x[takes], np.full(takes.sum(), y), s=14, color="#333333")
        matrix.text(-0.01, y, label(words), transform=matrix.get_yaxis_transform(), ha="right",
                    va="center", fontsize=10.5 if arabic else 9)  # fmt: skip
    edges = np.cumsum([len(o) for o in OPTION_WORDS.values()])[:-1]
    for edge in edges:
        matrix.axhline(len(rows) - edge - 0.5, color="#999999", linewidth=0.6)
    for ax in (curve, matrix):
        for where in x[main]:
            ax.axvspan(where - 0.5, where + 0.5, color=MAIN_COLOUR, alpha=0.15, linewidth=0)
        for side in ("right", "top"):
            ax.spines[side].set_visible(False)
    matrix.set_yticks([])
    matrix.set_ylim(-0.6, len(rows) - 0.4)
    matrix.set_xlim(-1, len(shown))
    if arabic:
        matrix.set_xlabel(
            label(n_("the {n} model, sorted by the measure",
                     "the {n} models, sorted by the measure", len(shown))),
            fontsize=10.5,
        )  # fmt: skip
    else:
        matrix.set_xlabel(f"the {len(shown)} models, sorted by the measure", fontsize=9)
    for ax in (curve, matrix):  # models have no scale: no ticks, no tick labels
        ax.set_xticks([])
    fig.tight_layout(h_pad=0.6)
    return fig
