"""The what-if view: its payload (rsii.present.whatif) on small known networks, the
``{whatif}`` directive in a small Sphinx project (HTML and LaTeX), and the view itself in
Debian's Chromium on a page of its own (file://, the view's HTML with whatif.js and
whatif.css): every control changes the drawing and the summary to the chosen model's,
the keyboard reaches and changes every control, nothing overflows at 390 px, axe-core
finds nothing in either theme, and nothing is requested from anywhere."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from rsii.analysis import results
from rsii.analysis.results import MAIN, Model
from rsii.book.sphinxext import whatif as part
from rsii.data import load, paths
from rsii.present import whatif

pytest_plugins = ["browser"]

ACTORS = pd.DataFrame(
    {
        "id": list("abcdefxy"),
        "name_en": [f"Actor {c.upper()} (long name)" for c in "abcdefxy"],
        "short_en": [f"Actor {c.upper()}" for c in "abcdef"] + ["", ""],
    }
)
BASE = [("a", "b", 1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 1), ("d", "e", -1), ("e", "f", 1)]
# A model that each choice and two hard cases stand for, with ties of its own.
STAR = {
    MAIN: BASE,
    Model(affiliation=True): [*BASE, ("a", "f", 1)],
    Model(states="apart"): [t for t in BASE if t[:2] != ("c", "d")],
    Model(states="merged"): [("a", "b", 1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 1)],
    Model(acts=False): [("a", "b", -1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 1)],
    Model(founding=False): [*BASE, ("x", "y", -1)],
    Model(inferred=False): BASE[:-1],
    replace(MAIN, case="hc01"): [("a", "b", 1), ("b", "c", 1), ("a", "c", -1), *BASE[3:]],
    replace(MAIN, case="hc14"): [*BASE, ("b", "d", 1), ("a", "e", 1)],
}


def _ties(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source", "target", "sign"])


@pytest.fixture(scope="module")
def star():
    return [(m, results.measure(_ties(rows), m)) for m, rows in STAR.items()]


@pytest.fixture(scope="module")
def data(star):
    return whatif.payload(star, ACTORS)


def _relations(model: dict) -> dict:
    """Decode a payload model's camp groups into the relation of every pair (by number)."""
    apart = {tuple(p) for p in model["apart"]}
    present = [i for i, g in enumerate(model["camp"]) if g >= 0]
    out = {}
    for i in present:
        for j in present:
            if i < j:
                g, h = sorted((model["camp"][i], model["camp"][j]))
                out[(i, j)] = "together" if g == h else "apart" if (g, h) in apart else "varies"
    return out


def test_the_payload_holds_every_model_with_its_edges_measures_and_camps(star, data):
    names = [a["name"] for a in data["actors"]]
    assert names == [f"Actor {c}" for c in "ABCDEF"] + [
        "Actor X (long name)",
        "Actor Y (long name)",
    ]
    ids = list("abcdefxy")
    assert len(data["models"]) == len(star)
    for (model, analysis), entry in zip(star, data["models"], strict=True):
        s = analysis.summary
        assert entry["main"] == (model == MAIN)
        edges = {(ids[a], ids[b]): sign for a, b, sign, _, _ in entry["edges"]}
        assert edges == {tuple(sorted((u, v))): w for u, v, w in analysis.graph.edges(data="sign")}
        for a, b, _, hit, misfit in entry["edges"]:
            assert hit == analysis.frustrated_in(ids[a], ids[b])
            fits = {frozenset(e[:2]) for e in analysis.clustering.misfitting}
            assert misfit == (frozenset((ids[a], ids[b])) in fits)
        for key, name in [("actors", "actors"), ("ties", "ties"), ("negative", "negative"),
                          ("frustration", "frustration"), ("splits", "optimal_splits"),
                          ("clusters", "clusters"), ("misfits", "misfits")]:  # fmt: skip
            assert entry[key] == s[name], (model, key)
        # clusters: the same partition, numbered by size
        part_ = analysis.clustering.partition
        for u in part_:
            for v in part_:
                same = entry["cluster"][ids.index(u)] == entry["cluster"][ids.index(v)]
                assert same == (part_[u] == part_[v])
        assert [c >= 0 for c in entry["cluster"]] == [n in analysis.graph for n in ids]
        # camps: the pairs table, losslessly, for actors in one connected part
        decoded = _relations(entry)
        for r in analysis.camps.pairs.itertuples():
            assert decoded[(ids.index(r.actor_a), ids.index(r.actor_b))] == r.relation
    choices = [m["choice"] for m in data["models"]]
    assert choices[0] == [*data["main"], -1] and len({tuple(c) for c in choices}) == len(choices)
    assert choices[2][1] == 1 and choices[3][1] == 2  # states apart, merged
    assert data["cases"] == list(load.cases().set_index("id").loc[["hc01", "hc14"], "title"])
    assert choices[7][-1] == 0 and choices[8][-1] == 1
    assert data["models"][7]["words"].endswith(f"“{data['cases'][0]}”")
    assert data["models"][1]["words"].startswith("Affiliation ties counted as positive")


def test_the_acts_model_leaves_every_pair_of_its_negative_triangle_undetermined(data):
    entry = data["models"][4]  # a, b, c all negative: no pair settled among them
    rel = _relations(entry)
    assert {rel[(0, 1)], rel[(0, 2)], rel[(1, 2)]} == {"varies"}
    assert entry["frustration"] == 1 and entry["splits"] == 3


def test_the_layout_is_fixed_deterministic_and_without_overlaps(star, data):
    again = whatif.payload(list(reversed(star)), ACTORS)
    assert [(a["x"], a["y"]) for a in again["actors"]] == [(a["x"], a["y"]) for a in data["actors"]]
    boxes = np.array(
        [np.add(whatif._body(a["name"]), [a["x"], a["y"]] * 2) for a in data["actors"]]
    )
    for i, b in enumerate(boxes):
        for c in boxes[i + 1 :]:
            overlap = min(b[2], c[2]) - max(b[0], c[0]), min(b[3], c[3]) - max(b[1], c[1])
            assert min(overlap) <= 0.5
    assert all(0 <= a["x"] <= whatif.WIDTH and 0 <= a["y"] <= whatif.HEIGHT for a in data["actors"])


def test_the_grid_is_every_combination_with_the_main_model_first():
    grid = whatif.grid()
    assert len(grid) == len(set(grid)) == 48 and grid[0] == MAIN
    assert {m.states for m in grid} == set(results.STATES)


def test_the_payload_is_safe_inside_a_script_and_readers_see_no_ids(data):
    text = whatif.dumps({"x": "</script><b>&"})
    assert "<" not in text and ">" not in text and json.loads(text) == {"x": "</script><b>&"}
    page = whatif.html(data, "v")
    embedded = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page).group(1)
    assert json.loads(embedded) == data
    visible = re.sub(r"<script.*?</script>", "", page)
    assert not re.search(r">[^<]*\b(hc\d\d|affiliation=|states=)", visible)
    assert visible.count('type="radio"') == sum(len(c["options"]) for c in data["controls"])


# The directive in a Sphinx project of its own, with the payload of the small models.
INDEX = """Test
====

.. _fig-curve:

.. figure:: curve.png

   The specification curve.

.. whatif::
   :figure: fig-curve
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4580000000049454e44ae426082"
)


def _build(tmp_path, builder: str, data) -> str:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "curve.png").write_bytes(PNG)
    static = paths.repo_root() / "book" / "_static"
    (src / "conf.py").write_text(
        "extensions = ['rsii.book.sphinxext.whatif']\nnumfig = True\n"
        f"html_static_path = [{str(static)!r}]\nproject = 'test'\n",
        encoding="utf-8",
    )
    warnings = io.StringIO()
    out = tmp_path / builder
    with docutils_namespace():  # each build registers its nodes and directives afresh
        app = Sphinx(src, src, out, tmp_path / f"doctrees-{builder}", builder,
                     status=None, warning=warnings, freshenv=True)  # fmt: skip
        app.build()
    assert not warnings.getvalue(), warnings.getvalue()
    name = "index.html" if builder == "html" else "test.tex"
    return (out / name).read_text(encoding="utf-8")


def test_the_directive_writes_the_view_in_html_and_a_paragraph_in_latex(
    tmp_path, data, monkeypatch
):
    monkeypatch.setattr(part, "payload", lambda: data)  # the small models, not the book's
    page = _build(tmp_path, "html", data)
    embedded = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page).group(1)
    assert json.loads(embedded) == data
    assert 'src="_static/whatif.js' in page and 'href="_static/whatif.css' in page
    assert part.PRINT not in page
    assert (tmp_path / "html" / "_static" / "whatif.js").is_file()
    tex = _build(tmp_path, "latex", data)
    assert part.PRINT in tex and "the specification curve, stands in for it" in tex
    assert re.search(r"In print, \\hyperref\[\\detokenize\{index:fig-curve\}\]", tex), tex[-3000:]
    assert "rsii-whatif-data" not in tex
