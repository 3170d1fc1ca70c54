"""A reader's walk through the actor register in a real browser (Debian's Chromium):
sentence → claim → actor → back to the sentence, and a click on the interactive network
that opens an actor's page."""

from __future__ import annotations

import pytest

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book


def _clean(visit):
    # Leaving a page aborts what it was still loading (net::ERR_ABORTED): not a failure.
    failed = [f for f in visit.failed if "ERR_ABORTED" not in f]
    assert not visit.external and not visit.page_errors and not failed, (
        visit.external,
        visit.page_errors,
        failed,
    )


def test_walk_sentence_tie_actor_and_back(light_context, page_opener, site_url):
    page, visit = page_opener(light_context, f"{site_url}book/article.html", "article")
    try:
        # Under s02, the tie r009 (Russia cooperates with Iran) …
        page.locator("#coded-s02 a[href$='relation-r009']").click()
        page.wait_for_url("**/book/actors/russia.html#relation-r009")
        tie = page.locator("#relation-r009")
        assert tie.is_visible()
        assert "cooperates with" in tie.inner_text()
        # … names Iran: its page lists the same tie and the sentence …
        tie.locator("a", has_text="Iran").first.click()
        page.wait_for_url("**/book/actors/iran.html*")
        assert "Iran" in page.get_by_role("heading", level=1).inner_text()
        assert page.locator("a[href*='relation-r009']").count() >= 1
        # … and back from the tie on Russia's page to the sentence in the article.
        page.go_back()
        page.wait_for_url("**/book/actors/russia.html#relation-r009")
        page.locator("#relation-r009 a[href*='sentence-s02']").first.click()
        page.wait_for_url("**/book/article.html#sentence-s02")
        assert page.locator("#sentence-s02").is_visible()
        assert page.locator("#coded-s02").is_visible()
    finally:
        page.close()
    _clean(visit)


_FIRST_NODE = """() => {
  const idx = Bokeh.index;
  const plot = (idx.roots ? [...idx.roots] : Object.values(idx))[0];
  const rect = plot.canvas_view.el.getBoundingClientRect();
  for (const r of plot.renderer_views.values()) {
    const g = r.glyph;
    if (g && g.sx && g.sx.length > 5 && !g.sxs)
      return [rect.left + g.sx[0], rect.top + g.sy[0]];
  }
  return null;
}"""


def test_clicking_a_network_node_opens_the_actor_page(light_context, page_opener, site_url):
    page, visit = page_opener(light_context, f"{site_url}notebooks/network.html", "network")
    try:
        page.locator(".rsii-interactive").first.scroll_into_view_if_needed()
        page.wait_for_function("() => window.Bokeh && Bokeh.index", timeout=20_000)
        x, y = page.evaluate(_FIRST_NODE)
        page.mouse.click(x, y)
        # Nodes are sorted by id, so the first is the first actor id in sort order.
        page.wait_for_url("**/book/actors/haider-abadi.html", timeout=10_000)
        assert "Haider al-Abadi" in page.get_by_role("heading", level=1).inner_text()
    finally:
        page.close()
    _clean(visit)
