"""The article's dated events as spans of time at the precision the article gives: a
year-only date stands for its whole year, a month for its whole month, a day for one
day. (:mod:`rsii.present.timechart` draws them.)"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd


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
    """The events with ``start``, ``end`` (exclusive) and ``days``, in time order."""
    out = events.copy()
    bounds = [interval(d) for d in out["date"].astype(str)]
    out["start"] = [b[0] for b in bounds]
    out["end"] = [b[1] for b in bounds]
    out["days"] = [(b[1] - b[0]).days for b in bounds]
    return out.sort_values(["start", "id"]).reset_index(drop=True)
