"""The reader's walk of tests/test_browser_register.py in the Arabic edition, in
Chromium: sentence → claim → actor → back to the sentence, every step in Arabic, and
the language switch from each page to its English counterpart."""

from __future__ import annotations

import pytest

pytest_plugins = ["browser"]
pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def arabic_url(html_ar_dir, site_url) -> str:
    return f"{site_url}ar/"


def _clean(visit):
    failed = [f for f in visit.failed if "ERR_ABORTED" not in f]
    assert not visit.external and not visit.page_errors and not failed, (
        visit.external,
        visit.page_errors,
        failed,
    )


def test_walk_sentence_tie_actor_and_back_in_arabic(light_context, page_opener, arabic_url):
    page, visit = page_opener(light_context, f"{arabic_url}book/article.html", "article")
    try:
        assert page.locator("html").get_attribute("lang") == "ar"
        # Under sentence 2, the tie r009: Russia and Iran …
        page.locator("#coded-s02 a[href$='relation-r009']").click()
        page.wait_for_url("**/ar/book/actors/russia.html#relation-r009")
        tie = page.locator("#relation-r009")
        assert tie.is_visible()
        assert "إيران" in tie.inner_text() and "cooperates" not in tie.inner_text()
        # … names Iran: its page, titled in Arabic, lists the same tie …
        tie.locator("a", has_text="إيران").first.click()
        page.wait_for_url("**/ar/book/actors/iran.html*")
        assert "إيران" in page.get_by_role("heading", level=1).inner_text()
        assert page.locator("a[href*='relation-r009']").count() >= 1
        # … and back from the tie on Russia's page to the sentence in the article.
        page.go_back()
        page.wait_for_url("**/ar/book/actors/russia.html#relation-r009")
        page.locator("#relation-r009 a[href*='sentence-s02']").first.click()
        page.wait_for_url("**/ar/book/article.html#sentence-s02")
        assert page.locator("#sentence-s02").is_visible()
        # The switch leads to the same page of the English edition, and back.
        page.locator("a[hreflang='en']").first.click()
        page.wait_for_url("**/book/article.html*")
        assert "/ar/" not in page.url and page.locator("html").get_attribute("lang") == "en"
        page.locator("a[hreflang='ar']").first.click()
        page.wait_for_url("**/ar/book/article.html*")
    finally:
        page.close()
    _clean(visit)
