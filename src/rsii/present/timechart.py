"""The article's dated events drawn at their real precision: a year-only date is a bar
over its year, a month a bar over its month, a day a point; approximate dates hatched.
Each row is labelled in words, with the event's date as a reader says it and its whole
English summary (:func:`row_label`, which a table of the events can show too)."""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd
from matplotlib.dates import DateFormatter, MonthLocator, YearLocator, date2num, num2date
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from rsii.analysis.timeline import spans
from rsii.present import i18n
from rsii.present.figures import OKABE_ITO, label, new_figure, readable, styled
from rsii.present.i18n import _, data_
from rsii.present.labels import renderer as measure

WRAP = 50  # characters a line of a row's label
# Arabic words in Amiri are narrower for their characters than English in DejaVu: the
# Arabic edition's rows wrap wider, in as much room as the English take.
WRAP_AR = 62
STYLE = {
    "year": dict(color=OKABE_ITO[4], hatch=None),
    "month": dict(color=OKABE_ITO[2], hatch=None),
    "day": dict(color=OKABE_ITO[5], hatch=None),
    "approximate": dict(color=OKABE_ITO[0], hatch="///"),
}


def months() -> list[str]:
    """The months' names in Arabic, January first (as Arabic Wikipedia writes them)."""
    return [
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
    ]  # fmt: skip


def _when_arabic(parts: list[int], precision) -> str:
    if len(parts) == 1:
        text = str(parts[0])
    elif len(parts) == 2:
        text = _("{month} {year}", month=months()[parts[1] - 1], year=parts[0])
    else:
        text = _("{day} {month} {year}", day=parts[2], month=months()[parts[1] - 1], year=parts[0])
    return _("about {date}", date=text) if str(precision) == "approximate" else text


def when(date_text, precision) -> str:
    """An event's date as a reader says it: "2003", "September 2015", "30 September
    2015"; "about" before an approximate date."""
    parts = [int(p) for p in str(date_text).split("-")]
    if i18n.is_arabic():
        return _when_arabic(parts, precision)
    if len(parts) == 1:
        text = str(parts[0])
    else:
        day = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        text = day.strftime("%B %Y") if len(parts) == 2 else f"{day.day} {day:%B %Y}"
    return f"about {text}" if str(precision) == "approximate" else text


def row_label(event, width: int | None = None) -> str:
    """An event's label in words: its date (:func:`when`) and its whole English summary,
    wrapped at word boundaries to ``width`` characters (``WRAP``, or ``WRAP_AR`` in the
    Arabic edition), never cut (in the Arabic edition its Arabic summary, the data's
    translation)."""
    width = width or (WRAP_AR if i18n.is_arabic() else WRAP)
    if i18n.is_arabic():
        text = _(
            "{date}: {event}",
            date=when(event["date"], event["precision"]),
            event=data_(event["event_en"], "events.event_en"),
        )
    else:
        text = f"{when(event['date'], event['precision'])}: {event['event_en']}"
    return "\n".join(textwrap.wrap(text, width, break_long_words=False))


def rows(labels: list[str]) -> list[float]:
    """Where each row sits, in lines of its label from the bottom: each row as high as
    its label, one line apart, the first row at the top."""
    heights = [text.count("\n") + 2 for text in labels]
    tops = [sum(heights[i:]) for i in range(len(heights))]
    return [top - h / 2 for top, h in zip(tops, heights, strict=True)]


def _bars(ax, table, ys) -> None:
    for i, row in table.iterrows():
        style = STYLE.get(str(row["precision"]), STYLE["approximate"])
        y = ys[i]
        start, end = date2num(row["start"]), date2num(row["end"])
        if row["precision"] == "day":
            ax.plot([start], [y], marker="D", color=style["color"], markersize=8)
        else:
            ax.barh(
                y,
                end - start,
                left=start,
                height=1.2,
                color=style["color"],
                hatch=style["hatch"],
                edgecolor="black",
                linewidth=0.5,
            )
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)


def precision_words(precision: str) -> str:
    """A precision of date in words for the legend ("known to the month")."""
    if not i18n.is_arabic():
        return (
            "approximate (inferred)" if precision == "approximate" else f"known to the {precision}"
        )
    return {
        "year": _("known to the year"),
        "month": _("known to the month"),
        "day": _("known to the day"),
        "approximate": _("approximate (inferred)"),
    }[precision]


@styled
def draw(events: pd.DataFrame, width: float = 8.0):
    """One row per event, labelled on the left in words (:func:`row_label`); the
    right-hand panel enlarges the last year, where dates are known to the month. All its
    text is one size, readable at the width the book shows the figure."""
    table = spans(events)
    size = readable(width)
    labels = [row_label(row) for _, row in table.iterrows()]
    ys = rows(labels)
    lines = sum(text.count("\n") + 2 for text in labels)
    fig = new_figure(figsize=(width, lines * size * 1.25 / 72 + 1.2))
    ax, zoom = fig.subplots(
        1,
        2,
        sharey=True,
        # Arabic months' names are long: the enlarged year is wider in Arabic.
        gridspec_kw={"width_ratios": [1.7, 1] if i18n.is_arabic() else [2.2, 1]},
    )
    _bars(ax, table, ys)
    _bars(zoom, table, ys)
    ax.set_yticks(ys, [label(text) for text in labels], fontsize=size)
    ax.set_ylim(0, lines)
    ax.tick_params(axis="y", length=0)
    zoom.tick_params(axis="y", length=0)
    first, last = table["start"].min(), table["end"].max()
    ax.xaxis.set_major_locator(YearLocator(4 if last.year - first.year > 8 else 2))
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.set_xlim(date2num(date(first.year - 1, 1, 1)), date2num(date(last.year + 1, 1, 1)))
    zoom.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    if i18n.is_arabic():
        names = months()
        zoom.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: names[num2date(x).month - 1]))
    else:
        zoom.xaxis.set_major_formatter(DateFormatter("%b"))
    zoom.set_xlim(date2num(date(last.year, 1, 1)), date2num(date(last.year + 1, 1, 1)))
    if i18n.is_arabic():
        zoom.set_title(label(_("{year}, enlarged", year=last.year)), fontsize=size)
    else:
        zoom.set_title(f"{last.year}, enlarged", fontsize=size)
    for panel in (ax, zoom):
        panel.tick_params(axis="x", labelsize=size)
    present = [p for p in STYLE if p in set(table["precision"].astype(str))]
    handles = [
        Patch(
            facecolor=STYLE[p]["color"],
            hatch=STYLE[p]["hatch"],
            edgecolor="black",
            label=precision_words(p),
        )
        for p in present
    ]
    fig.legend(
        handles=handles[::-1] if i18n.is_arabic() else handles,  # read from the right
        markerfirst=not i18n.is_arabic(),
        loc="lower center",
        ncol=len(present),
        fontsize=size,
        frameon=False,
    )
    if i18n.is_arabic():
        _fit_rows(fig, ax, labels, lines)
    else:
        fig.tight_layout(rect=(0, 0.4 / fig.get_figheight(), 1, 1))
    return fig


def _fit_rows(fig, ax, texts: list[str], lines: int) -> None:
    """The figure made as tall as its rows need: Amiri's lines are taller for their size
    than DejaVu's, so the height is measured, not assumed. One unit of the rows' scale
    (:func:`rows`) as high as the tallest line of any label, each row's label within its
    row and the blank line between rows kept."""
    renderer = measure(fig)
    # The panels further apart than in English: "2016" and «يناير» not read as one.
    fig.tight_layout(rect=(0, 0.4 / fig.get_figheight(), 1, 1), w_pad=3)
    for _round in range(3):
        ticks = ax.get_yticklabels()
        unit = max(
            t.get_window_extent(renderer).height / (text.count("\n") + 1)
            for t, text in zip(ticks, texts, strict=True)
        )
        have = ax.get_window_extent(renderer).height
        if have >= unit * lines:
            return
        height = fig.get_figheight() + (unit * lines - have) / fig.dpi + 0.05
        fig.set_figheight(height)
        fig.tight_layout(rect=(0, 0.4 / height, 1, 1), w_pad=3)
