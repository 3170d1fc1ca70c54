"""Footnote evidence and the timeline's date spans."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pandas as pd
import pytest

from rsii.analysis import evidence, timeline
from rsii.present import timechart


@pytest.fixture
def toy_sentences():
    return pd.DataFrame(
        {
            "id": ["s01", "s02", "s03"],
            "section_en": ["", "", "B"],
            "text_en": ["a", "b", "c"],
            "footnotes": ["1 2", "", "2"],
        }
    )


def test_footnote_table_and_cited_twice(toy_sentences):
    rel = pd.DataFrame({"footnotes": ["1", "2", "", "1 2"]})
    table = evidence.footnote_table(toy_sentences, {"relations": rel})
    assert table.to_dict("list") == {
        "footnote": [1, 2],
        "sentences": ["s01", "s01 s03"],
        "times_cited": [1, 2],
        "relations": [2, 2],
    }
    assert evidence.cited_twice(toy_sentences)["footnote"].tolist() == [2]
    assert evidence.unsourced_sentences(toy_sentences)["id"].tolist() == ["s02"]
    rows = evidence.unsourced_rows({"relations": rel})
    assert rows.iloc[0][["rows", "without_footnote"]].tolist() == [4, 1]


def test_dropping_unsourced_ties_reports_the_loss():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", footnotes="1")
    G.add_edge("b", "c", key="r2", footnotes="")
    G.add_node("d")
    H = evidence.drop_unsourced(G)
    assert sorted(H.nodes) == ["a", "b"] and list(H.edges(keys=True)) == [("a", "b", "r1")]
    loss = evidence.loss(G, H)
    assert loss.loc["ties"].tolist() == [2, 1]
    assert loss.loc["actors"].tolist() == [4, 2]
    assert loss.loc["components"].tolist() == [2, 1]


@pytest.mark.parametrize(
    ("iso", "start", "end"),
    [
        ("2003", date(2003, 1, 1), date(2004, 1, 1)),
        ("2015-09", date(2015, 9, 1), date(2015, 10, 1)),
        ("2015-12", date(2015, 12, 1), date(2016, 1, 1)),
        ("2015-09-30", date(2015, 9, 30), date(2015, 10, 1)),
    ],
)
def test_a_date_stands_for_its_whole_span(iso, start, end):
    assert timeline.interval(iso) == (start, end)


def test_year_dates_are_drawn_as_year_long_bars():
    events = pd.DataFrame(
        {
            "id": ["e01", "e02"],
            "date": ["2003", "2015-09"],
            "precision": ["year", "month"],
            "event_en": ["x", "y"],
        }
    )
    spans = timeline.spans(events)
    assert spans["days"].tolist() == [365, 30]
    fig = timechart.draw(events)
    bars = [p for p in fig.axes[0].patches if p.get_width() > 0]
    widths = sorted(round(b.get_width()) for b in bars)
    assert widths == [30, 365]
