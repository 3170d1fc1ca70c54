"""Internal links of the HTML site: every link and anchor leads somewhere (CI's link
check; `make linkcheck` checks the external ones where a network is available)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.book


def test_every_internal_link_resolves(html_dir):
    ids: dict = {}
    broken = []
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue  # external: make linkcheck
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html_dir)} → {ref}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    doc = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    ids[target] = {t.get("id") for t in doc.find_all(id=True)}
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(html_dir)} → {ref} (no such anchor)")
    assert not broken, "\n".join(broken[:30])
