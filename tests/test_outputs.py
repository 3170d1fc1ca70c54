"""Each build reads what it wrote: a cell's stderr or traceback on a page is named, with
its notebook and cell."""

from __future__ import annotations

from rsii import outputs

PAGE = """<html><body>
<div class="cell docutils container">
<div class="cell_input docutils container"><pre><span>import</span> pandas</pre></div>
</div>
<div class="cell docutils container">
<div class="cell_input docutils container"><pre>draw<span>(</span>graph)</pre></div>
<div class="cell_output docutils container">
<div class="output stderr highlight-myst-ansi notranslate"><div class="highlight"><pre>
findfont: Font family &#39;Amiri&#39; not found.
</pre></div></div></div></div>
</body></html>"""


def test_stderr_on_a_page_is_named_with_notebook_and_cell(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "network.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>fine</p>", encoding="utf-8")
    (problem,) = outputs.html_problems(tmp_path)
    assert problem.startswith("notebooks/network.md: code cell 2 (draw(graph)) wrote to stderr")
    assert "findfont: Font family 'Amiri' not found." in problem
    assert "notebooks/network.md" in outputs.report("html", [problem])


def test_the_built_site_and_pdf_are_clean(html_dir, pdf_path):
    assert outputs.html_problems(html_dir) == []
    assert outputs.pdf_problems(pdf_path) == []
