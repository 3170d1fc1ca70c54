"""The article's dated events drawn at their real precision: a year-only date is a bar
over its year, a month a bar over its month, a day a point; approximate dates hatched."""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.dates import YearLocator, date2num
from matplotlib.patches import Patch

from .figures import OKABE_ITO

STYLE = {
    "year": dict(color=OKABE_ITO[4], hatch=None),
    "month": dict(color=OKABE_ITO[2], hatch=None),
    "day": dict(color=OKABE_ITO[5], hatch=None),
    "approximate": dict(color=OKABE_ITO[0], hatch="///"),
}


def interval(iso: str) -> tuple[date, date]:
    """The span an ISO 8601 date at year, month or day resolution stands for, end
    exclusive: "2015" is the whole of 2015, "2015-09" all of September."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)
    start = date(*parts)
    return start, start + timedelta(days=1)


def spans(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    bounds = [interval(d) for d in out["date"].astype(str)]
    out["start"] = [b[0] for b in bounds]
    out["end"] = [b[1] for b in bounds]
    out["days"] = [(b[1] - b[0]).days for b in bounds]
    return out.sort_values(["start", "id"]).reset_index(drop=True)


def draw(events: pd.DataFrame, figsize=(9, None)):
    """One row per event, labelled with its id and English summary."""
    table = spans(events)
    height = figsize[1] or 0.45 * len(table) + 1.2
    fig, ax = plt.subplots(figsize=(figsize[0], height))
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
        ax.annotate(
            f"{row['id']}  {row['event_en']}",
            (end, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
        )
    ax.set_yticks([])
    ax.xaxis.set_major_locator(YearLocator(2))
    ax.xaxis_date()
    first, last = table["start"].min(), table["end"].max()
    ax.set_xlim(date2num(date(first.year, 1, 1)), date2num(date(last.year + 4, 1, 1)))
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    present = [p for p in STYLE if p in set(table["precision"].astype(str))]
    ax.legend(
        handles=[
            Patch(
                facecolor=STYLE[p]["color"],
                hatch=STYLE[p]["hatch"],
                edgecolor="black",
                label=f"known to the {p}" if p != "approximate" else "approximate",
            )
            for p in present
        ],
        loc="upper left",
        fontsize=7.5,
        frameon=False,
    )
    fig.tight_layout()
    return fig
