"""What the analysis chapters show a reader: the statement table is the data's stances,
row for row; the findings the introduction quotes are the numbers the chapters compute;
and no identifier or column name of the data reaches the prose or the tables."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from rsii.data import load

pytestmark = pytest.mark.book
CHAPTERS = ["book/intro", "notebooks/network", "notebooks/stances", "notebooks/timeline",
            "notebooks/evidence"]  # fmt: skip


def _main(html_dir, doc: str) -> BeautifulSoup:
    soup = BeautifulSoup((html_dir / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main")
    for hidden in main.select("details, .cell_input, .highlight, pre, code, script, style"):
        hidden.decompose()  # folded code and literal text are not the prose
    return main


def test_the_statement_table_is_stances_csv(html_dir):
    main = _main(html_dir, "notebooks/stances")
    table = next(t for t in main.find_all("table") if "Speaker" in t.get_text())
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    ]
    stances = load.stances()
    assert len(rows) == len(stances)
    for row, st in zip(rows, stances.itertuples(), strict=True):
        assert row[3] == st.quote_ar and row[4] == st.quote_en
        assert row[1] == {"support": "supports", "oppose": "opposes"}[str(st.stance)]
        assert row[5] == f"sentence {int(st.sentence[1:])}"


def test_no_identifier_or_column_name_in_what_a_reader_sees(html_dir):
    actors = set(load.actors()["id"])
    snake = re.compile(r"\b[a-z]+_[a-z_]+\b")
    for doc in CHAPTERS:
        text = _main(html_dir, doc).get_text(" ")
        found = {w for w in snake.findall(text)} | {w for w in actors if f" {w} " in text}
        found -= {"according_to"}  # the data's column, named as such in the codebook
        assert not found, f"{doc}: {sorted(found)[:10]}"


def _glued(html_dir, doc: str) -> dict:
    """The values a chapter glued into its prose, as myst-nb stored them in the build."""
    data = html_dir.parent / "jupyter_execute" / f"{doc}.glue.json"
    return json.loads(data.read_text(encoding="utf-8"))


def test_the_findings_quote_the_numbers_the_chapters_compute(html_dir):
    glue = _glued(html_dir, "notebooks/stances")
    intro = _main(html_dir, "book/intro").get_text(" ")
    stances = _main(html_dir, "notebooks/stances").get_text(" ")
    for key, fmt in (("n_statements", "d"), ("s_frustration", "d"), ("s_share", ".2f"),
                     ("s_clusters", "d"), ("null_frustration", ".1f")):  # fmt: skip
        value = (
            format(float(glue[key]["data"]["text/plain"]), fmt)
            if fmt != "d"
            else str(int(glue[key]["data"]["text/plain"]))
        )
        assert value in intro and value in stances, (key, value)
