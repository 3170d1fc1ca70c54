"""The actor register in the built book: pages, links from tables, the article and the
interactive network, search, the HTML index, and the PDF's outline and index."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from rsii.data import load
from rsii.present import register

pytestmark = pytest.mark.book

TABLE_PAGES = [
    "notebooks/network.html",
    "notebooks/stances.html",
    "notebooks/timeline.html",
    "notebooks/evidence.html",
    "book/codebook.html",
    "book/actors/index.html",
]


@pytest.fixture(scope="module")
def actors():
    return load.actors()


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _target(page, href):
    """(file, fragment) that a link on ``page`` points at."""
    parts = urlsplit(href)
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return path, unquote(parts.fragment)


def _page_ids(actors) -> dict[str, str]:
    """Actor page (file stem) → actor id."""
    return {register.page_name(r.name_en): r.id for r in actors.itertuples()}


def _actor_of(page, href, html_dir) -> str | None:
    path, _ = _target(page, href)
    folder = (html_dir / "book" / "actors").resolve()
    if path.parent == folder and path.stem != "index":
        return _page_ids(load.actors()).get(path.stem, path.stem)
    return None


def test_every_actor_has_exactly_one_page(html_dir, actors):
    folder = html_dir / "book" / "actors"
    pages = sorted(p.stem for p in folder.glob("*.html") if p.stem != "index")
    assert pages == sorted(_page_ids(actors))
    for row in actors.itertuples():
        soup = _soup(folder / f"{register.page_name(row.name_en)}.html")
        assert soup.find("h1").get_text(" ", strip=True).startswith(row.name_en)
        assert soup.select_one("h1 ~ div[lang=ar]").get_text(strip=True) == row.name_ar


def test_every_actor_name_in_a_generated_table_links_to_its_page(html_dir, actors):
    ids = {str(a): str(a) for a in actors["id"]}
    ids |= {str(n): str(a) for a, n in zip(actors["id"], actors["name_en"], strict=True)}
    checked = 0
    for rel in TABLE_PAGES:
        page = html_dir / rel
        for cell in _soup(page).select("table td, table th"):
            text = cell.get_text(" ", strip=True)
            if text not in ids:
                continue
            linked = {_actor_of(page, a["href"], html_dir) for a in cell.find_all("a", href=True)}
            assert ids[text] in linked, f"{rel}: {text!r} does not link to its page"
            checked += 1
    assert checked >= len(actors), "the overview alone names every actor"


def test_article_lists_what_each_sentence_coded_and_the_links_resolve(html_dir, sentences):
    page = html_dir / "book" / "article.html"
    soup = _soup(page)
    relations, stances = load.relations(), load.stances()
    anchors: dict = {}
    for sid in sentences["id"]:
        block = soup.find(id=f"coded-{sid}")
        assert block is not None, f"no coded rows under {sid}"
        assert block.find_previous(id=f"sentence-{sid}") is not None
        targets = {a["href"].split("#")[-1] for a in block.find_all("a", href=True)}
        wanted = {f"relation-{r}" for r in relations.loc[relations["sentence"] == sid, "id"]}
        wanted |= {f"stance-{s}" for s in stances.loc[stances["sentence"] == sid, "id"]}
        assert wanted <= targets, f"{sid}: {sorted(wanted - targets)[:3]}"
        for a in block.find_all("a", href=True):
            path, fragment = _target(page, a["href"])
            if path not in anchors:
                anchors[path] = {t["id"] for t in _soup(path).find_all(id=True)}
            assert fragment in anchors[path], f"{sid}: {a['href']} has no target"


def test_relation_anchor_leads_to_the_tie_and_back_to_the_sentence(html_dir):
    page = html_dir / "book" / "article.html"
    link = _soup(page).find(id="coded-s02").find("a", href=re.compile("relation-r009$"))
    path, fragment = _target(page, link["href"])
    tie = _soup(path).find(id=fragment)
    back = [a["href"] for a in tie.find_all("a", href=True) if "sentence-s02" in a["href"]]
    assert back and _target(path, back[0])[0] == page.resolve()


def test_clicking_a_node_of_the_interactive_network_opens_its_page(html_dir, actors):
    page = html_dir / "notebooks" / "network.html"
    text = page.read_text(encoding="utf-8")
    assert "OpenURL" in text and "TapTool" in text
    column = json.loads(re.search(r'\["url",(\[[^]]*\])\]', text).group(1))
    urls = set(column)
    assert len(column) == len(urls) == len(actors)
    assert {_actor_of(page, u, html_dir) for u in urls} == set(actors["id"])
    assert all(_target(page, u)[0].exists() for u in urls)


def test_search_finds_actor_pages_by_english_and_arabic_name(html_dir, actors):
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    docs = index["docnames"]
    for row in actors.itertuples():
        doc = docs.index(f"book/actors/{register.page_name(row.name_en)}")
        assert index["titles"][doc] == row.name_en
        word = max(re.findall(r"\w+", row.name_ar), key=len)
        hits = index["terms"].get(word, [])
        hits = hits if isinstance(hits, list) else [hits]
        title_hits = index["titleterms"].get(word, [])
        title_hits = title_hits if isinstance(title_hits, list) else [title_hits]
        assert doc in hits or doc in title_hits, f"{word!r} does not find {row.id}"


def test_html_index_has_every_actor_with_its_arabic_name(html_dir, actors):
    soup = _soup(html_dir / "genindex.html")
    entries = {a.get_text(" ", strip=True): a["href"] for a in soup.select("a[href]")}
    for row in actors.itertuples():
        entry = f"{row.name_en} ( {row.name_ar} )"
        assert entry in entries, f"{row.name_en} missing from the index"
        assert entries[entry].startswith(f"book/actors/{register.page_name(row.name_en)}.html#")


def _outline(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline(item, depth + 1)
        else:
            yield depth, item


def test_pdf_outline_has_the_register_and_a_section_per_actor(pdf_path, actors):
    reader = PdfReader(pdf_path)
    entries = list(_outline(reader.outline))
    top = [i for i, (d, item) in enumerate(entries) if d == 0 and "Actor register" in item.title]
    assert len(top) == 1
    start = top[0] + 1
    end = next((i for i, (d, _) in enumerate(entries) if i >= start and d == 0), len(entries))
    sections = [item.title for d, item in entries[start:end] if d == 1]
    assert len(sections) == len(actors)
    for name in actors["name_en"]:
        assert any(name in title for title in sections), f"no PDF section for {name}"
    page = reader.get_destination_page_number(entries[top[0]][1])
    assert page > 0


def test_pdf_index_has_an_entry_for_every_actor(pdf_path, actors):
    ind = pdf_path.with_suffix(".ind").read_text(encoding="utf-8")
    entries = [
        e.replace("\\sphinxhyphen{}", "-")
        for e in re.findall(r"\\spxentry\{(.*?)\}\\spxextra", ind)
    ]
    extras = re.findall(r"\\spxextra\{(.*?)\}, \\hyperpage", ind)
    for row in actors.itertuples():
        assert row.name_en in entries, f"{row.name_en} not in the PDF index"
    assert any("روسيا" in e for e in extras), "the Arabic names reach the PDF index"


def test_pdf_references_to_actors_are_live_links(pdf_path, actors):
    """Every actor is linked to in the PDF (hyperref), without "(page N)" after each
    reference: page numbers after every name in a long table kept LaTeX from settling."""
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    for actor in actors["id"]:
        label = f"actor-{actor.replace('_', '-')}"  # docutils' normalised label
        assert f":{label}}}]" in tex, actor
    assert "\\autopageref" not in tex
