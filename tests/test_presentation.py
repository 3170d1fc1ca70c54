"""Tables, figures and the interactive view: Arabic set right, files reproducible."""

from __future__ import annotations

import base64
import hashlib
import re

import pandas as pd
import pytest

from rsii.data import load
from rsii.present import arabic, figures, interactive, tables


def test_markdown_table_marks_arabic_runs_and_links_sentences():
    df = pd.DataFrame({"id": ["s01"], "name": ["الحشد الشعبي (PMF)"], "n": [1.5]})
    text = tables.markdown_table(df)._repr_markdown_()
    assert "{ref}`sentence 1 <sentence-s01>`" in text
    assert "{ar}`الحشد الشعبي` (PMF)" in text
    assert "1.500" in text
    assert "| --- | --- | --- |" in text.splitlines()
    # column widths for LaTeX, in proportion to content, summing to the line width
    spec = re.search(r"\{tabularcolumns\} (.+)", text).group(1)
    shares = [float(x) for x in re.findall(r"\\Y\{([\d.]+)\}", spec)]
    assert len(shares) == 3 and sum(shares) <= 1.001 and shares[1] > shares[2]
    # every column at least as wide as its longest word: cells never hyphenate in the PDF
    wide = pd.DataFrame({"Triangles": [1], "Negative": [2], "x": ["a" * 200]})
    least = tables.column_shares(wide)
    assert least[0] * tables.LINE >= len("Triangles") and least[1] * tables.LINE >= 8


def test_pipes_in_cells_do_not_break_the_table():
    text = tables.markdown_table(pd.DataFrame({"a": ["x | y"]}), link_sentences=False).text
    assert "x \\| y" in text


def _drawn(text: str) -> list[str]:
    """The characters of ``text`` as matplotlib draws them, from left to right."""
    from matplotlib._text_helpers import layout
    from matplotlib.ft2font import FT2Font

    from rsii.present import fonts

    font = FT2Font(str(next(p for p in fonts.amiri_files() if "Regular" in p.name)))
    font.set_size(12, 72)
    return [item.char for item in sorted(layout(arabic.visual(text), font), key=lambda i: i.x)]


def test_matplotlib_draws_arabic_words_right_to_left():
    # "التحالف الرباعي": the first word on the right, each word's letters joined
    drawn = "".join(_drawn("التحالف الرباعي"))
    assert drawn == "يعابرلا فلاحتلا"  # left to right on the page: the line read backwards
    assert "".join(_drawn("Popular Mobilization")) == "Popular Mobilization"


def test_matplotlib_mirrors_brackets_and_keeps_numbers_in_arabic():
    drawn = "".join(_drawn("حكومة [الرئيس] 2015"))
    # read right to left: حكومة, then [الرئيس], then 2015 (its digits left to right)
    assert drawn.startswith("2015") and drawn.endswith("ةموكح")
    # layout names each glyph by its character: the closing bracket, drawn on the left
    # with its mirrored glyph, reads as "[" on the page
    assert "]سيئرلا[" in drawn


def test_pieces_cut_text_at_the_edges_of_arabic_runs():
    text = "PMF · في عام 2014 قال الحشد, in 2014"
    assert arabic.pieces(text) == [
        ("PMF · ", False),
        ("في عام 2014 قال الحشد", True),
        (", in 2014", False),
    ]
    assert "".join(p for p, _ in arabic.pieces(text)) == text
    assert arabic.pieces("English only") == [("English only", False)]
    assert arabic.pieces("") == []


def test_runs_keep_numbers_inside_arabic():
    text = "the name بعبارة 4+1 (التي here"
    ((start, end),) = arabic.runs(text)
    assert text[start:end] == "بعبارة 4+1 (التي"


def _kinds():
    return load.codebook().query("field == 'kind'")["value"].tolist()


def test_kind_styles_are_distinct_for_every_kind():
    styles = figures.kind_styles(_kinds())
    assert len(set(styles.values())) == len(styles)


def test_network_figure_is_reproducible():
    G = load.network()
    first = figures.png_bytes(figures.draw_network(G, kinds=_kinds()))
    second = figures.png_bytes(figures.draw_network(G, kinds=_kinds()))
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    a, b = figures.layout(G), figures.layout(G)
    assert a.keys() == b.keys() and all(tuple(a[n]) == tuple(b[n]) for n in a)


def test_interactive_bundle_carries_html_for_browsers_and_png_for_pdf():
    G = load.network()
    pos = figures.layout(G)
    png = figures.png_bytes(figures.draw_network(G, pos, kinds=_kinds()))
    view = interactive.network(G, pos, kinds=_kinds(), static_png=png, alt="the network")
    bundle = view._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == png
    html = bundle["text/html"]
    # BokehJS is inlined: nothing is loaded from elsewhere (strings inside the library,
    # such as its MathJax fallback, are never fetched; the browser tests check requests)
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)
    assert 'aria-label="the network"' in html
    assert "name_ar" in html and "quote_ar" in html  # hover fields


def test_the_interactive_networks_tooltips_speak_in_names_and_words():
    """What hovering shows is names, words and numbers as a reader counts them: no actor
    id, no sentence id, no code of a kind or a relation."""
    G = load.network()
    pos = figures.layout(G)
    png = figures.png_bytes(figures.draw_network(G, pos, kinds=_kinds()))
    view = interactive.network(G, pos, kinds=_kinds(), static_png=png, alt="the network")
    shown = {}
    for renderer in view.plot.renderers:
        for column in ("name_en", "label", "kind", "tie", "source"):
            shown.setdefault(column, []).extend(renderer.data_source.data.get(column, []))
    codes = [d["relation"] for *_, d in G.edges(data=True)] + [k for _, k in G.nodes(data="kind")]
    ids = set(G) | {code for code in codes if "_" in code}
    texts = [t for values in shown.values() for t in values]
    assert len(shown["tie"]) == G.number_of_edges() and len(shown["name_en"]) == len(G)
    leaks = [
        t for t in texts if set(re.findall(r"[a-z0-9_]+", t)) & ids or re.search(r"\bs\d\d", t)
    ]
    assert not leaks, leaks[:5]
    assert all(re.fullmatch(r"sentence \d+(, footnotes? [\d ,and]+)?", t) for t in shown["source"])
    assert any("footnotes" in t and " and " in t for t in shown["source"])


def test_simple_graph_keeps_the_evidence_of_each_pair():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="r1", sign=1, footnotes="1 2", inferred=False)
    G.add_edge("b", "a", key="r2", sign=-1, footnotes="2", inferred=True)
    G.add_edge("b", "c", key="r3", sign=-1, footnotes="", inferred=True)
    H = figures.simple(G)
    assert H.edges["a", "b"] == {"count": 2, "inferred": False, "sign": 0, "n_footnotes": 2}
    assert H.edges["b", "c"] == {"count": 1, "inferred": True, "sign": -1, "n_footnotes": 0}


READER_SESSION = """
import matplotlib
before = (matplotlib.get_backend(), dict(matplotlib.rcParams))
from rsii.present import figures, notebook  # noqa: F401
imported = (matplotlib.get_backend(), dict(matplotlib.rcParams))
figures.png_bytes(figures.draw_network(__import__("networkx").path_graph(3), kinds=[]))
drawn = (matplotlib.get_backend(), dict(matplotlib.rcParams))
assert imported == before, "importing changed the backend or rcParams"
assert drawn == before, "drawing left the book's style behind"
print("unchanged")
"""


def test_figures_leave_the_readers_matplotlib_state_alone(tmp_path):
    """A reader rerunning a chapter adds plots of their own: importing the book's figure
    helpers and drawing with them changes neither the backend nor rcParams."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    env["MPLCONFIGDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", READER_SESSION], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0 and result.stdout.strip() == "unchanged", result.stderr


def test_numbers_and_lists_read_as_words():
    from rsii.present import words

    assert words.count(0, "actor") == "no actors" and words.count(1, "actor") == "one actor"
    assert words.count(3, "party") == "three parties" and words.count(12, "tie") == "12 ties"
    assert words.count(0, "case", zero="none") == "none"
    assert words.join(["A"]) == "A" and words.join(["A", "B"]) == "A and B"
    assert words.join(["A", "B", "C"], "or") == "A, B or C"


def test_every_kind_of_actor_reads_with_its_article():
    from rsii.present import views, words

    kinds = set(load.codebook().query("field == 'kind'")["value"])
    assert kinds == set(views.KIND_WORDS)  # every kind has its words, and no more
    phrases = {k: words.indefinite(views.KIND_WORDS[k]) for k in kinds}
    assert phrases["armed_group"] == "an armed group" and phrases["state"] == "a state"
    assert phrases["unnamed_source"] == "an unnamed source"


@pytest.mark.parametrize(
    "name, plural",
    [
        ("Sunni factions", True), ("General staffs", True), ("Russian fighters in ISIS", True),
        ("A number of European, Arab and Middle Eastern states (unnamed)", True),
        ("United States", False), ("Alliance of National Forces", False), ("Russia", False),
        ("Islamic State (ISIS)", False), ("US administration", False),
    ],
)  # fmt: skip
def test_a_relation_agrees_with_its_subject(name, plural):
    from rsii.present import words

    assert words.is_plural(name) is plural
    assert words.relation_clause("oppose", name) == ("oppose" if plural else "opposes")
    assert words.relation_clause("member_of", name) == (
        "are members of" if plural else "is a member of"
    )


def test_every_relation_value_has_a_clause():
    from rsii.data import load
    from rsii.present import words

    for value in [*load.relation_types()["value"], "support", "oppose"]:
        assert value in words._RELATION_CLAUSES, f"{value!r} has no clause in words"
