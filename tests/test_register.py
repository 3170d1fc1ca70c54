"""The actor register: the page generator on the real data and on a small synthetic
package, table links to actors, and the interactive network's clicks."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from rsii.book.sphinxext import register as register_ext
from rsii.data import load
from rsii.present import figures, interactive, register, register_pages, tables


@pytest.fixture(scope="module")
def reg() -> register.Register:
    return register.build(cases=False)


def _labels(text: str) -> list[str]:
    return re.findall(r"^\(([^)]+)\)=$", text, re.M)


def _refs(text: str) -> list[str]:
    return re.findall(r"\{ref\}`[^`<]*<([^>`]+)>`", text)


@pytest.fixture(scope="module")
def all_pages(reg) -> dict[str, str]:
    return register_pages.pages(reg)


def _page(reg, actor: str, pages: dict[str, str] | None = None) -> str:
    pages = pages if pages is not None else register_pages.pages(reg)
    return pages[register.page_name(reg.names[actor]) + ".md"]


def test_one_page_per_actor_and_an_overview(reg, all_pages):
    pages = all_pages
    assert len(pages) == len(reg.actors) + 1 and "index.md" in pages
    for actor in reg.actors["id"]:
        assert _labels(_page(reg, actor, pages))[0] == f"actor-{actor}"
    table = register_pages.overview_table(reg)
    assert len(table) == len(reg.actors)
    assert table["Sentences"].sum() == len(reg.mentions)


def test_pages_come_in_the_readers_order(reg):
    """Alphabetical by English name, "al-" and a leading "the" or "a" ignored: the file
    names sort so (the table of contents' glob follows them), and so does the overview."""
    docs = sorted(f.removesuffix(".md") for f in register_pages.pages(reg) if f != "index.md")
    names = [reg.names[a] for a in register_pages.ordered(reg)]
    assert docs == [register.page_name(n) for n in names]
    assert register.page_name("Haider al-Abadi") == "haider-abadi"
    assert register.page_name("The United States") == "united-states"
    keys = [register.page_name(n) for n in names]
    assert keys == sorted(keys)
    assert list(register_pages.overview_table(reg)["Actor"]) == names


def test_each_row_is_shown_in_full_once(reg, all_pages):
    """A relation's quote appears on its source's page only; the target's page links."""
    pages = all_pages
    for r in reg.relations.itertuples():
        homes = [p for p in pages.values() if f"(relation-{r.id})=" in p]
        assert len(homes) == 1 and homes[0] == _page(reg, r.source, pages)
        assert f"<relation-{r.id}>" in _page(reg, r.target, pages)
    sentence = reg.sentences.set_index("id").loc["s22", "text_ar"]
    assert not [p for p in pages.values() if sentence in p], "whole sentences are linked"
    boilerplate = "A sentence *names* an actor"
    assert [f for f, p in pages.items() if boilerplate in p] == ["index.md"]


def test_rows_say_whose_claim_they_are(reg, all_pages):
    page = _page(reg, "iraq_government", all_pages)
    assert "according to the Russian envoy" in page  # the approval the envoy reports
    assert not [p for p in all_pages.values() if "stated in the article" in p]
    assert "in the article's own voice" in _page(reg, "rouhani", all_pages)


def test_every_row_has_exactly_one_home_and_every_link_a_target(reg):
    labels = [lab for text in register_pages.pages(reg).values() for lab in _labels(text)]
    assert len(labels) == len(set(labels)), "a label is defined twice"
    wanted = (
        [f"relation-{r}" for r in reg.relations["id"]]
        + [f"stance-{s}" for s in reg.stances["id"]]
        + [f"event-{e}" for e in reg.events["id"]]
    )
    assert set(wanted) <= set(labels)
    known = set(labels) | {f"sentence-{s}" for s in reg.sentences["id"]}
    for text in [
        *register_pages.pages(reg).values(),
        *map(lambda s: register_pages.sentence_coding(reg, s), reg.sentences["id"]),
    ]:
        assert set(_refs(text)) <= known


def test_actor_page_holds_what_the_data_says(reg):
    page = register_pages.actor_page(reg, "russia")
    actor = reg.actor("russia")
    assert page.count("first named in") == 1
    assert "# Russia\n\n```{ar}\nروسيا\n```" in page
    assert f"https://www.wikidata.org/wiki/{actor['wikidata']}" in page
    assert "```{index} single: Russia (روسيا)" in page
    for rel in reg.relations.query("source == 'russia'").itertuples():
        assert f"(relation-{rel.id})=" in page and rel.quote_ar in page
    for rel in reg.relations.query("target == 'russia'").itertuples():
        assert f"<relation-{rel.id}>" in page
    for st in reg.stances.query("actor == 'russia'").itertuples():
        assert f"(stance-{st.id})=" in page
    degree = int(reg.centralities.loc["russia", "degree"])
    assert f"**Degree**: {degree} ·" in page
    assert f"**Bloc**: {reg.blocs['russia']} ·" in page
    assert "**Camp**: in all 4 optimal two-camp splits, in one camp with" in page
    unverified = reg.actors.loc[reg.actors["wikidata"] == "", "id"].iloc[0]
    assert "**Wikidata**: none verified ·" in register_pages.actor_page(reg, unverified)


def test_sentences_naming_an_actor(reg):
    named = set(reg.named_in("iraq")["sentence"])
    expected = set(reg.relations.query("source == 'iraq' or target == 'iraq'")["sentence"])
    expected |= set(reg.stances.query("actor == 'iraq' or target == 'iraq'")["sentence"])
    expected.add(reg.actor("iraq")["first_sentence"])
    assert expected <= named
    text = reg.sentences.set_index("id")["text_ar"]
    for row in reg.named_in("iraq").itertuples():
        assert "name in the text" not in row.why or "العراق" in text[row.sentence]
    page = register_pages.actor_page(reg, "iraq")
    for sid in named:
        assert f"<sentence-{sid}>" in page


def test_hard_cases_touching_an_actor(reg):
    # hc01 moves al-Karbouli's stance to the Alliance of National Forces: it touches both.
    assert "hc01" in register.cases_touching(reg, "karbouli")
    assert "hc01" in register.cases_touching(reg, "alliance_national_forces")
    assert "hc01" not in register.cases_touching(reg, "isis")
    page = register_pages.actor_page(reg, "karbouli")
    title = reg.cases.set_index("id").loc["hc01", "title"]
    assert f"**{title}**" in page


def test_sentence_coding_lists_the_rows_of_the_sentence(reg):
    block = register_pages.sentence_coding(reg, "s02")
    for rid in reg.relations.query("sentence == 's02'")["id"]:
        assert f"<relation-{rid}>" in block
    for sid in reg.stances.query("sentence == 's02'")["id"]:
        assert f"<stance-{sid}>" in block
    assert "<event-e04>" in block and "<actor-russia>" in block
    assert ":name: coded-s02" in block


def _synthetic(tmp_path, root):
    """A copy of the data package cut down to three actors, their ties and stances."""
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    keep = {"coalition_4plus1", "russia", "iraq"}
    frames = {
        n: pd.read_csv(data / f"{n}.csv", dtype=str, keep_default_na=False)
        for n in ("actors", "relations", "stances", "events", "alternatives", "cases")
    }
    frames["actors"] = frames["actors"][frames["actors"]["id"].isin(keep)]
    rel = frames["relations"]
    frames["relations"] = rel[rel["source"].isin(keep) & rel["target"].isin(keep)]
    st = frames["stances"]
    frames["stances"] = st[st["actor"].isin(keep) & st["target"].isin(keep)]
    ev = frames["events"]
    frames["events"] = ev[ev["actors"].str.split().map(lambda xs: set(xs) <= keep)]
    rows = set(frames["relations"]["id"]) | set(frames["stances"]["id"])
    alts = frames["alternatives"]
    alts = alts[
        alts["row"].isin(rows)
        & (alts["value"].isin(keep) | ~alts["column"].isin(["actor", "source", "target"]))
    ]
    cases = frames["cases"]
    whole = {
        c
        for c in cases["id"]
        if set(frames["alternatives"].loc[frames["alternatives"]["case"] == c, "row"]) <= rows
    }
    frames["alternatives"] = alts[alts["case"].isin(whole)]
    frames["cases"] = cases[cases["id"].isin(set(frames["alternatives"]["case"]))]
    for name, df in frames.items():
        df.to_csv(data / f"{name}.csv", index=False, lineterminator="\n")
    return data


def test_generator_on_a_small_synthetic_package(tmp_path, root):
    data = _synthetic(tmp_path, root)
    small = register.build(data, cases=True)
    folder = tmp_path / "actors"
    folder.mkdir()
    (folder / "gone.md").write_text("an actor no longer in the data")
    counts = register_ext.write_register(folder, small)
    assert sorted(p.stem for p in folder.glob("*.md")) == [
        "index",
        "iraq",
        "russia",
        "russia-syria-iran-iraq-coalition-4-1",
    ]
    assert counts["removed"] == 1
    assert {p.stem for p in (folder / "_figures").glob("*.png")} == {
        "coalition_4plus1",
        "iraq",
        "russia",
    }
    assert "The article names three actors" in (folder / "index.md").read_text()
    assert set(small.case_changes.index) == set(small.cases["id"])
    # A second run with the same data writes nothing: warm builds stay fast.
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    again = register_ext.write_register(folder, register.build(data))
    assert again["written"] == 0
    assert before == {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_ego_figure_is_reproducible(reg):
    one, two = register_pages.ego_png(reg, "iraq"), register_pages.ego_png(reg, "iraq")
    assert one == two and one.startswith(b"\x89PNG")
    assert "Iraq" in register_pages.ego_alt(reg, "iraq")


def test_ego_figure_labels_neither_overlap_nor_leave_the_figure(reg):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from rsii.analysis import centrality

    for actor in reg.actors["id"]:
        if not register_pages.has_ties(reg, actor):
            continue
        fig = figures.ego_figure(centrality.ego(reg.graph, actor), actor, reg.kinds)
        renderer = FigureCanvasAgg(fig).get_renderer()
        boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
        for i, a in enumerate(boxes):
            assert fig.bbox.x0 <= a.x0 and a.x1 <= fig.bbox.x1, f"{actor}: a label is cut off"
            assert fig.bbox.y0 <= a.y0 and a.y1 <= fig.bbox.y1, f"{actor}: a label is cut off"
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), f"{actor}: two labels overlap"


@pytest.fixture(scope="module")
def links(reg):
    return register.actor_links(reg.actors)


def test_table_links_cells_made_of_actor_names(links):
    df = pd.DataFrame(
        {
            "who": ["Russia", "iraq – isis", "maliki (A→unconnected); rubaie (A→B)"],
            "prose": ["ISIS emerges in Iraq.", "Iraqi parties", "A"],
        }
    )
    text = tables.markdown_table(df, actors=links).text
    assert "{ref}`Russia <actor-russia>`" in text
    assert "{ref}`iraq <actor-iraq>` – {ref}`isis <actor-isis>`" in text
    assert "{ref}`maliki <actor-maliki>` (A→unconnected); {ref}`rubaie <actor-rubaie>`" in text
    prose = [line.rsplit("|", 2)[1].strip() for line in text.splitlines()[-3:]]
    assert prose == ["ISIS emerges in Iraq.", "Iraqi parties", "A"]
    plain = tables.markdown_table(df).text
    assert "{ref}" not in plain


def test_actor_urls_are_relative_to_the_page():
    assert register.actor_url("iraq", "notebooks/network") == "../book/actors/iraq.html"
    assert register.actor_url("iraq", "book/article") == "actors/iraq.html"


def test_interactive_network_opens_the_actor_page_on_click():
    from bokeh.models import OpenURL, TapTool

    G = load.network()
    pos = {n: (i, i) for i, n in enumerate(G)}
    urls = {a: register.actor_url(a, "notebooks/network") for a in G}
    view = interactive.network(G, pos, kinds=[], static_png=b"", alt="x", urls=urls)
    taps = [t for t in view.plot.tools if isinstance(t, TapTool)]
    assert len(taps) == 1 and isinstance(taps[0].callback, OpenURL)
    assert taps[0].callback.url == "@url"
    source = taps[0].renderers[0].data_source.data
    assert dict(zip(source["id"], source["url"], strict=True)) == urls
