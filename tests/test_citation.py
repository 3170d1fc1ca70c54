"""The book is citable: CITATION.cff and the About page agree."""

from __future__ import annotations

import yaml


def test_citation_file_is_complete_and_matches_the_book(root):
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((root / "book" / "_config.yml").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == config["title"]
    assert cff["repository-code"] == config["repository"]["url"]
    assert cff["preferred-citation"]["title"] == config["title"]
    about = (root / "book" / "about.md").read_text(encoding="utf-8")
    assert config["title"] in about and "@book{" in about
    assert any("wikipedia" in r.get("url", "") for r in cff["references"])
