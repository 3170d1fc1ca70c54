"""The article's dated events drawn at their real precision: a year-only date is a bar
over its year, a month a bar over its month, a day a point; approximate dates hatched."""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd
from matplotlib.dates import DateFormatter, MonthLocator, YearLocator, date2num
from matplotlib.patches import Patch

from rsii.analysis.timeline import spans
from rsii.present.figures import OKABE_ITO, new_figure, styled

STYLE = {
    "year": dict(color=OKABE_ITO[4], hatch=None),
    "month": dict(color=OKABE_ITO[2], hatch=None),
    "day": dict(color=OKABE_ITO[5], hatch=None),
    "approximate": dict(color=OKABE_ITO[0], hatch="///"),
}


def _bars(ax, table) -> None:
    for i, row in table.iterrows():
        style = STYLE.get(str(row["precision"]), STYLE["approximate"])
        y = len(table) - 1 - i
        start, end = date2num(row["start"]), date2num(row["end"])
        if row["precision"] == "day":
            ax.plot([start], [y], marker="D", color=style["color"], markersize=7)
        else:
            ax.barh(
                y,
                end - start,
                left=start,
                height=0.5,
                color=style["color"],
                hatch=style["hatch"],
                edgecolor="black",
                linewidth=0.5,
            )
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)


@styled
def draw(events: pd.DataFrame, width: float = 10.0):
    """One row per event, labelled on the left with its id and English summary; the
    right-hand panel enlarges the last year, where dates are known to the month."""
    table = spans(events)
    fig = new_figure(figsize=(width, 0.62 * len(table) + 1.4))
    ax, zoom = fig.subplots(
        1,
        2,
        sharey=True,
        gridspec_kw={"width_ratios": [3, 1.4]},
    )
    _bars(ax, table)
    _bars(zoom, table)
    labels = [
        (len(table) - 1 - i, f"{row['id']}  " + textwrap.shorten(str(row["event_en"]), 62))
        for i, row in table.iterrows()
    ]
    ax.set_yticks([y for y, _ in labels], [text for _, text in labels], fontsize=7.5)
    ax.tick_params(axis="y", length=0)
    zoom.tick_params(axis="y", length=0)
    first, last = table["start"].min(), table["end"].max()
    ax.xaxis.set_major_locator(YearLocator(2))
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.set_xlim(date2num(date(first.year - 1, 1, 1)), date2num(date(last.year + 1, 1, 1)))
    zoom.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    zoom.xaxis.set_major_formatter(DateFormatter("%b"))
    zoom.set_xlim(date2num(date(last.year, 1, 1)), date2num(date(last.year + 1, 1, 1)))
    zoom.set_title(f"{last.year}, enlarged", fontsize=8)
    zoom.tick_params(axis="x", labelsize=6.5)
    present = [p for p in STYLE if p in set(table["precision"].astype(str))]
    names = {"approximate": "approximate (inferred)"}
    fig.legend(
        handles=[
            Patch(
                facecolor=STYLE[p]["color"],
                hatch=STYLE[p]["hatch"],
                edgecolor="black",
                label=names.get(p, f"known to the {p}"),
            )
            for p in present
        ],
        loc="lower center",
        ncol=len(present),
        fontsize=7.5,
        frameon=False,
    )
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig
