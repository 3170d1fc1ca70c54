"""The downloads are the book: every figure the chapters state equals the exported
``results/figures.json``, and every results table a chapter shows has as many rows as
its exported file (the chapters and ``rsii export`` read one computation)."""

from __future__ import annotations

import csv
import json
import math
import re

import pytest
from bs4 import BeautifulSoup

from rsii.present import export

CHAPTERS = ("network", "stances")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    export.export(folder)
    return folder


def _glued(root, chapter: str) -> dict[str, str]:
    """The values a built chapter glued into its prose (name → the text shown), from
    the execution cache the build's pages were made from (myst-nb takes glued outputs
    out of the notebooks it writes)."""
    from jupyter_cache import get_cache

    cache = get_cache(root / ".jupyter_cache")  # = execute.cache in book/_config.yml
    record = cache.get_cached_project_nb(str(root / "notebooks" / f"{chapter}.md"))
    assert record is not None, f"{chapter} is not in the execution cache"
    nb = cache.get_cache_bundle(record.pk).nb
    out = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = {k.split("/", 1)[-1]: v for k, v in output.get("data", {}).items()}
                shown = [v for k, v in data.items() if k.endswith(("markdown", "plain"))]
                out[name] = shown[0] if shown else ""
    return out


def _agrees(shown: str, value: float) -> bool:
    """A figure as the page shows it equals the exported value to the digits shown."""
    text = shown.strip().strip("'\"")
    try:
        number = float(text)
    except ValueError:
        return False
    decimals = len(text.split(".")[1]) if "." in text else 0
    return math.isclose(number, value, abs_tol=0.5 * 10**-decimals + 1e-12)


def test_every_stated_figure_is_the_exported_one(html_dir, root, exported):
    figures = json.loads((exported / "results" / "figures.json").read_text(encoding="utf-8"))
    assert figures, "the export states no figure"
    compared = 0
    for chapter in CHAPTERS:
        glued = _glued(root, chapter)
        mine = [f for f in figures if f["chapter"] == chapter]
        assert mine, f"no exported figure for {chapter}"
        for figure in mine:
            assert figure["name"] in glued, f"{chapter} does not state {figure['name']}"
            shown = glued[figure["name"]]
            assert _agrees(shown, figure["value"]), (chapter, figure["name"], shown, figure)
            compared += 1
    assert compared == len(figures)


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _table_after(page, heading: str, nth: int = 0):
    """The nth table of the section whose title starts with ``heading``."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for section in soup.find_all("section"):
        title = section.find(re.compile("^h[1-6]$"))
        if title and title.get_text(" ", strip=True).startswith(heading):
            return section.find_all("table")[nth]
    raise AssertionError(f"no section {heading!r} in {page.name}")


def test_the_chapter_s_tables_are_the_exported_ones(html_dir, exported):
    page = html_dir / "notebooks" / "stances.html"
    results = exported / "results"
    variants = _table_after(page, "The signed network")
    assert len(variants.find("tbody").find_all("tr")) == len(_rows(results / "variants.csv"))
    main = _rows(results / "variants.csv")[0]
    first = [td.get_text(" ", strip=True) for td in variants.find("tbody").find("tr")("td")]
    assert main["actors"] in first and main["ties"] in first and main["frustration"] in first
    cases = _table_after(page, "Sensitivity to the coding")
    assert len(cases.find("tbody").find_all("tr")) == len(_rows(results / "sensitivity.csv"))
    chance = _table_after(page, "Balance against chance")
    assert len(chance.find("tbody").find_all("tr")) == len(_rows(results / "null_models.csv"))
