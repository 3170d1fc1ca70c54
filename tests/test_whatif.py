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
import shutil
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe

from rsii.analysis import results
from rsii.analysis.results import MAIN, Model
from rsii.book.sphinxext import whatif as part
from rsii.data import load, paths
from rsii.present import whatif, words

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
    (src / "other.rst").write_text(":orphan:\n\nOther\n=====\n\nNo view here.\n", encoding="utf-8")
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
    # Another module's in-process Sphinx on the same worker leaves its registrations
    # behind; Sphinx says so while setting up, which says nothing of this project.
    left = [w for w in warnings.getvalue().splitlines() if "already registered" not in w]
    assert not left, "\n".join(left)
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
    other = (tmp_path / "html" / "other.html").read_text(encoding="utf-8")
    assert "whatif.js" not in other and "whatif.css" not in other  # only where a view is
    tex = _build(tmp_path, "latex", data)
    assert part.PRINT in tex and "the specification curve, stands in for it" in tex
    assert re.search(r"In print, \\hyperref\[\\detokenize\{index:fig-curve\}\]", tex), tex[-3000:]
    assert "rsii-whatif-data" not in tex


# The view in Chromium, on the book's own models: the main model, one change of each
# choice, and two hard cases (the payload the book uses holds all of them and more).
REAL = [
    MAIN,
    Model(affiliation=True),
    Model(states="apart"),
    Model(states="merged"),
    Model(acts=False),
    Model(founding=False),
    Model(inferred=False),
    replace(MAIN, case="hc01"),
    replace(MAIN, case="hc14"),
]
UID = "v"
PAGE = """<!DOCTYPE html>
<html lang="en" data-theme="light"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What if</title><style>{css}</style>
<style>body {{ font-family: sans-serif; max-width: 60em; margin: 0 auto; padding: 0 1em; }}
html[data-theme="dark"] body {{ background: #121212; color: #ced6dd; }}
a {{ color: inherit; }}</style>
<script src="whatif.js" defer></script></head>
<body><main><h1>What if</h1><p><a id="start" href="#v">To the view</a></p>{view}</main></body>
</html>
"""


def write_page(folder, data: dict):
    """A page of its own with the view (the directive's HTML), whatif.js and whatif.css
    (inline: axe-core reads style sheets again by XMLHttpRequest, which a file:// page
    refuses)."""
    folder.mkdir(parents=True, exist_ok=True)
    static = paths.repo_root() / "book" / "_static"
    shutil.copyfile(static / "whatif.js", folder / "whatif.js")
    css = (static / "whatif.css").read_text(encoding="utf-8")
    page = PAGE.format(view=whatif.html(data, UID), css=css)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return (folder / "index.html").as_uri()


@pytest.fixture(scope="module")
def real():
    pairs = [(m, results.analyse(m)) for m in REAL]
    return pairs, whatif.payload(pairs, load.actors())


@pytest.fixture(scope="module")
def url(real, tmp_path_factory):
    return write_page(tmp_path_factory.mktemp("whatif"), real[1])


@pytest.fixture
def view(light_context, page_opener, url):
    page, visit = page_opener(light_context, url, "what-if")
    yield page, visit
    page.close()
    assert not visit.external, visit.external
    assert all(r.startswith("file://") for r in visit.requests), visit.requests
    assert not visit.console_errors and not visit.page_errors and not visit.failed, visit


DRAWN_JS = """() => ({
    ties: Array.from(document.querySelectorAll(".rsii-whatif-svg line")).map(l =>
        [Number(l.dataset.a), Number(l.dataset.b), Number(l.dataset.sign),
         l.getAttribute("class")]),
    actors: Array.from(document.querySelectorAll(".rsii-whatif-svg g[data-actor]")).map(g =>
        [Number(g.dataset.actor), g.dataset.group]),
    summary: document.querySelector(".rsii-whatif-summary").innerText,
    model: document.querySelector(".rsii-whatif").dataset.model,
})"""


def _expected_summary(model: dict) -> list[str]:
    return [
        f"Model: {model['words']}",
        f"{words.count(model['actors'], 'actor')} and {words.count(model['ties'], 'tie')}",
        f"{words.number(model['negative'])} of them negative",
        f"frustration index {model['frustration']}, with "
        + words.count(model["splits"], "optimal two-camp split"),
        f"Best clustering: {words.count(model['clusters'], 'cluster')}, "
        + words.count(model["misfits"], "misfit"),
    ]


def check_shows(page, data: dict, choice: list[int]) -> dict:
    """The view draws and describes the payload's model with these choices."""
    model = next(m for m in data["models"] if m["choice"] == choice)
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["model"] == str(data["models"].index(model))
    assert sorted(t[:3] for t in drawn["ties"]) == [e[:3] for e in model["edges"]]
    marked = sorted(t[:2] for t in drawn["ties"] if t[3] == "marked")
    assert marked == [e[:2] for e in model["edges"] if e[4]]  # misfits, in cluster colours
    assert sorted(a for a, _ in drawn["actors"]) == [
        i for i, c in enumerate(model["cluster"]) if c >= 0
    ]
    summary = drawn["summary"].replace("\n", " ")
    for phrase in _expected_summary(model):
        assert phrase.lower() in summary.lower(), (phrase, summary)
    return drawn


def test_every_choice_draws_and_describes_its_model(view, real):
    page, _ = view
    data = real[1]
    main = [*data["main"], -1]
    check_shows(page, data, main)
    for i, control in enumerate(data["controls"]):
        for option in range(len(control["options"])):
            page.check(f'input[name="{UID}-{control["key"]}"][value="{option}"]')
            choice = main.copy()
            choice[i] = option
            check_shows(page, data, choice)
        page.check(f'input[name="{UID}-{control["key"]}"][value="{data["main"][i]}"]')
    for case in range(len(data["cases"])):
        page.select_option(f"#{UID}-case", str(case))
        check_shows(page, data, [*data["main"], case])
        assert f"“{data['cases'][case]}”" in page.inner_text(".rsii-whatif-summary")


def test_each_model_draws_differently_from_the_main_model(real):
    def drawing(m):
        return json.dumps([m["edges"], m["cluster"]])

    main, *others = real[1]["models"]
    assert all(drawing(m) != drawing(main) for m in others)


def test_a_hard_case_is_read_on_the_main_model(view, real):
    page, _ = view
    data = real[1]
    page.check(f'input[name="{UID}-states"][value="2"]')
    page.select_option(f"#{UID}-case", "0")
    check_shows(page, data, [*data["main"], 0])
    assert page.is_checked(f'input[name="{UID}-states"][value="{data["main"][1]}"]')
    page.check(f'input[name="{UID}-acts"][value="1"]')
    assert page.input_value(f"#{UID}-case") == "-1"
    check_shows(page, data, [data["main"][0], data["main"][1], 1, *data["main"][3:], -1])


def test_camps_relative_to_an_actor_are_the_analysis_s(view, real):
    page, _ = view
    pairs, data = real
    analysis = pairs[0][1]
    order = sorted(set().union(*(set(a.graph) for _, a in pairs)))
    for actor in ("russia", "united_states", "isis"):
        page.select_option(f"#{UID}-colour", str(order.index(actor)))
        drawn = dict(page.evaluate(DRAWN_JS)["actors"])
        with_ = {order.index(a) for a in analysis.camps.always_with(actor)}
        against = {order.index(a) for a in analysis.camps.always_against(actor)}
        assert {a for a, g in drawn.items() if g == "with"} == with_
        assert {a for a, g in drawn.items() if g == "against"} == against
        assert drawn[order.index(actor)] == "self"
        summary = page.inner_text(".rsii-whatif-summary")
        name = data["actors"][order.index(actor)]["name"]
        assert f"Relative to {name}: {words.count(len(with_), 'actor')}" in summary
        ties = {tuple(t[:2]): t[3] for t in page.evaluate(DRAWN_JS)["ties"]}
        model = data["models"][0]
        for a, b, _, frustrated, _ in model["edges"]:  # frustrated in every split, or some
            every, some = frustrated == model["splits"], 0 < frustrated < model["splits"]
            assert ties[(a, b)] == ("marked" if every else "marked some" if some else "")
        groups = page.text_content(".rsii-whatif-groups")
        assert f"Always in {name}'s camp (orange): " in groups
    # an actor the model lacks: said in words, and the actors are coloured by cluster
    page.check(f'input[name="{UID}-states"][value="2"]')
    page.select_option(f"#{UID}-colour", str(order.index("russian_president")))
    assert "Russian president has no signed tie in this model" in page.inner_text(
        ".rsii-whatif-summary"
    )


def test_the_keyboard_reaches_and_changes_every_control(view, real):
    page, _ = view
    data = real[1]
    page.focus("#start")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            "() => { const e = document.activeElement; return e.closest('.rsii-whatif') ?"
            " [e.tagName, e.name || e.id || e.textContent.trim()] : null; }"
        )
        if focus is None:
            if reached:
                break
            continue
        before = page.evaluate(DRAWN_JS)
        if focus[0] == "SUMMARY":
            page.keyboard.press("Space")
            assert page.evaluate("() => document.querySelector('.rsii-whatif-details').open")
            reached.append(focus[1])
            continue
        page.keyboard.press("ArrowDown")  # the next option: another model, or colours
        assert page.evaluate(DRAWN_JS)["summary"] != before["summary"], focus
        page.keyboard.press("ArrowUp")  # and back
        assert page.evaluate(DRAWN_JS) == before, focus
        reached.append(focus[1])
    names = [f"{UID}-{c['key']}" for c in data["controls"]] + [f"{UID}-case", f"{UID}-colour"]
    assert reached == [*names, "The actors by colour"]


def test_at_390_px_in_both_themes_nothing_overflows_and_axe_finds_nothing(view):
    page, _ = view
    axe = Axe()
    fills = {}
    page.select_option(f"#{UID}-colour", label="Russia")
    page.click(".rsii-whatif-details summary")
    for theme in ("light", "dark"):
        page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{theme}'; }}")
        violations = axe.run(page).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        fills[theme] = page.evaluate(
            "() => getComputedStyle(document.querySelector('.rsii-whatif-svg text')).fill"
        )
    assert fills["light"] != fills["dark"]
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('.rsii-whatif-svg').getBoundingClientRect().right]"
    )
    assert width[0] <= width[1] == 390 and width[2] <= 390, width
