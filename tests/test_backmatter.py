"""The back matter: the bibliography chapter as in the HTML, and an index of key terms in
both editions, reachable from the PDF's outline and the HTML navigation."""

from __future__ import annotations

import re
import subprocess

import pdflinks
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from rsii.present import arabic

pytestmark = pytest.mark.book

# The terms the book defines; each must be in the index of both editions.
KEY_TERMS = [
    "stance",
    "congruence",
    "conflict (projection)",
    "frustration index",
    "frustrated tie",
    "camp",
    "bloc",
    "hard case",
    "alternative reading",
    "balanced triangle",
    "walk index",
    "signed network",
    "structural balance",
    "inferred tie",
    "footnote",
    "attribution",
    "verbatim quote",
    "discourse network analysis",
    "two-mode network",
    "ego network",
    "betweenness",
    "eigenvector centrality",
]
ARABIC_ENTRY = "Supporting parties (أطراف مؤيدة)"

INDEX_DIRECTIVE = re.compile(r"^```\{index\}\s+(.+?)\s*$", re.M)
INDEX_ROLE = re.compile(r"\{index\}`[^`<]*<([^>`]+)>`")


def source_entries(root) -> list[str]:
    """The top-level index entries written in the chapters' Markdown."""
    entries = []
    for path in sorted([*root.glob("book/*.md"), *root.glob("notebooks/*.md")]):
        text = path.read_text(encoding="utf-8")
        for raw in INDEX_DIRECTIVE.findall(text) + INDEX_ROLE.findall(text):
            kind, _, rest = raw.partition(":")
            values = rest if kind.strip() in {"single", "pair"} else raw
            for value in values.split(";" if kind.strip() == "pair" else ","):
                value = value.strip().lstrip("!").split(";")[0].strip()
                if value:
                    entries.append(value)
    return sorted(set(entries))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", arabic.BIDI_CONTROLS.sub("", text))


def _pages_text(pdf_path, first: int, last: int, mode: str = "-layout") -> list[str]:
    """pdftotext of each page from ``first`` to ``last`` (0-based, inclusive)."""
    return [
        subprocess.run(
            ["pdftotext", mode, "-f", str(n + 1), "-l", str(n + 1), str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(first, last + 1)
    ]


@pytest.fixture(scope="module")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def chapters(reader) -> list[tuple[str, int]]:
    """Top-level outline entries and the 0-based page each starts on."""
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


def _chapter_span(chapters, reader, name) -> tuple[int, int]:
    for i, (title, page) in enumerate(chapters):
        if re.sub(r"^[\d.]+\s*", "", title) == name:
            end = chapters[i + 1][1] - 1 if i + 1 < len(chapters) else len(reader.pages) - 1
            return page, end
    raise AssertionError(f"no chapter {name!r} in the outline: {chapters}")


@pytest.fixture(scope="module")
def bibliography_pages(pdf_path, reader, chapters) -> list[str]:
    first, last = _chapter_span(chapters, reader, "Bibliography")
    return _pages_text(pdf_path, first, last)


@pytest.fixture(scope="module")
def index_pages(pdf_path, reader, chapters) -> list[str]:
    """The index, one entry a line (-raw: the two columns one after the other)."""
    first, last = _chapter_span(chapters, reader, "Index")
    return _pages_text(pdf_path, first, last, mode="-raw")


# --- the bibliography chapter ----------------------------------------------------------

_FURNITURE = re.compile(
    r"^\s*(\d+\s*)?("
    r"The 4\+1 Coalition in Arabic Wikipedia: A Research Companion"
    r"|Chapter \d+\.\s.*|\d+(\.\d+)+\.\s.*|\d*"
    r")(\s+\d+)?\s*$"
)


def _body(page: str) -> str:
    """A page's text without its running head and foot."""
    return "\n".join(line for line in page.splitlines() if not _FURNITURE.match(line)).strip()


def test_bibliography_chapter_has_no_empty_page(bibliography_pages):
    assert bibliography_pages
    for n, page in enumerate(bibliography_pages):
        assert len(_body(page).split()) > 20, f"page {n + 1} of the chapter is empty:\n{page}"


def test_footnotes_source_and_methods_in_order_under_their_headings(bibliography_pages):
    text = "\n".join(bibliography_pages)
    footnotes = list(re.finditer(r"^\s*\[(\d+)\]\s+Footnote \[(\d+)\]", text, re.M))
    assert [int(m.group(1)) for m in footnotes] == list(range(1, 20)), "labels [1]…[19]"
    assert all(m.group(1) == m.group(2) for m in footnotes), "labelled as the article prints"
    heading = {
        name: re.search(rf"^\s*\d+\.\d+\s+{name}\s*$", text, re.M)
        for name in ("The article’s footnotes", "The source", "Methods and software")
    }
    assert all(heading.values()), heading
    source = re.search(r"^\s*\[Wikipedia\]\s+Wikipedia contributors", text, re.M)
    assert source, "the source entry"
    methods = re.search(r"^\s*\[Hei46\]\s+Fritz Heider", text, re.M)
    assert methods, "a methods entry"
    assert (
        heading["The article’s footnotes"].end()
        < footnotes[0].start()
        < footnotes[-1].end()
        < heading["The source"].start()
        < source.start()
        < heading["Methods and software"].start()
        < methods.start()
    )


def test_one_bibliography_only(pdf_path, chapters):
    titles = [re.sub(r"^[\d.]+\s*", "", t) for t, _ in chapters]
    assert titles.count("Bibliography") == 1, titles
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert len(re.findall(r"^\s*BIBLIOGRAPHY\s*$", text, re.M)) == 1
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    assert "\\begin{sphinxthebibliography}" not in tex


def test_citations_link_into_the_bibliography_chapter(reader, chapters):
    first, last = _chapter_span(chapters, reader, "Bibliography")
    named = reader.named_destinations
    cites = [name for name in named if name.startswith("cite.")]
    assert len(cites) >= 19
    for name in cites:
        page = reader.get_destination_page_number(named[name])
        assert first <= page <= last, f"{name} is on page {page + 1}, outside the chapter"


def test_every_link_and_named_destination_resolves(reader, pdf_path):
    named = reader.named_destinations
    for name, dest in named.items():
        assert reader.get_destination_page_number(dest) >= 0, name
    linked = set()
    for kind, dest in pdflinks.links(reader):
        if kind == "internal":
            assert isinstance(dest, str) and dest in named, f"dangling link {dest!r}"
            linked.add(dest)
    tex = pdf_path.with_suffix(".tex").read_text(encoding="utf-8")
    # sphinxcontrib-bibtex writes each citation as \hyperlink{cite.<docname>:<id>}.
    cited = set(re.findall(r"\\hyperlink\{(cite\.[^}]+)\}", tex))
    assert len(cited) >= 19
    assert cited <= linked, f"citations without a working link: {sorted(cited - linked)[:5]}"


# --- the index -------------------------------------------------------------------------


def test_sources_define_every_key_term(root):
    entries = source_entries(root)
    missing = [t for t in [*KEY_TERMS, ARABIC_ENTRY] if t not in entries]
    assert not missing, f"no index entry in the chapters for {missing}"


def test_outline_and_contents_list_the_index(chapters, pdf_path):
    assert chapters[-1][0] == "Index", chapters
    toc = pdf_path.with_suffix(".toc").read_text(encoding="utf-8")
    assert re.search(r"\\contentsline \{chapter\}\{Index\}", toc)


def test_pdf_index_lists_every_entry_with_a_page(index_pages, root):
    assert index_pages[0].lstrip().startswith("INDEX")
    # -raw gives Arabic in logical order, but glyph by glyph: compare without spaces.
    text = _squash("\n".join(index_pages))
    for entry in source_entries(root):
        assert re.search(rf"{re.escape(_squash(entry))},\d+", text), f"{entry!r} not in index"


def test_pdf_index_page_numbers_lead_to_the_terms(pdf_path, reader, index_pages):
    """An index entry's page number is the printed number of a page that uses the term."""
    text = "\n".join(index_pages)
    labels = reader.page_labels
    for term in KEY_TERMS:
        found = re.search(rf"^\s*{re.escape(term)}, ([\d, ]+?)\s*$", text, re.M)
        assert found, f"{term!r} has no page numbers in the index"
        word = term.split()[0].lower()
        for number in found.group(1).split(","):
            page = labels.index(number.strip(), 4)  # past the front matter's roman pages
            (body,) = _pages_text(pdf_path, page, page)
            body = re.sub(r"-\n\s*", "", body.lower())  # words hyphenated at a line end
            assert word in body, f"{term!r}: page {number} does not mention it"


def test_html_genindex_lists_every_entry(html_dir, root):
    soup = BeautifulSoup((html_dir / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    listed = set()
    for item in soup.select("table.indextable li"):
        first = item.a if item.a is not None and item.a.parent is item else None
        listed.add((first.get_text() if first else item.find(string=True)).strip())
    for entry in source_entries(root):
        assert entry in listed, f"{entry!r} missing from genindex"
    for entry in soup.select("table.indextable li > a"):
        assert "#index-" in entry["href"] or "#term-" in entry["href"], entry


def test_html_navigation_links_the_index(html_dir):
    for page in ("book/intro.html", "notebooks/stances.html", "book/bibliography.html"):
        soup = BeautifulSoup((html_dir / page).read_text(encoding="utf-8"), "html.parser")
        links = [a for a in soup.select("nav a") if a.get("href") == "../genindex.html"]
        assert links and links[0].get_text(strip=True) == "Index", page
    # Paging through the site ends on the index, as the navigation lists it last.
    last = BeautifulSoup(
        (html_dir / "book/bibliography.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert last.select_one("a.right-next")["href"] == "../genindex.html"
    index = BeautifulSoup((html_dir / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one("a.left-prev")["href"] == "book/bibliography.html"


# --- Arabic in index entries (the actor register adds "Russia (روسيا)" and the like) ---


def test_latex_index_sets_arabic_of_the_printed_form_only():
    from rsii.book.sphinxext import index

    line = r"\index{Russia (روسيا)@\spxentry{Russia}\spxextra{روسيا}}"
    out = index._DISPLAYED.sub(
        lambda m: m.group(1) + index._mark_arabic(m.group(2)) + m.group(3), line
    )
    assert out == (
        r"\index{Russia (روسيا)@\spxentry{Russia}\spxextra{\foreignlanguage{arabic}{روسيا}}}"
    )


def test_html_index_marks_arabic_and_groups_arabic_first_entries_as_symbols():
    from rsii.book.sphinxext import index

    context = {
        "genindexentries": [
            ("R", [("Russia (روسيا)", [[(False, "a.html#index-0")], [], None])]),
            ("ح", [("حزب الله", [[(False, "a.html#index-1")], [], None])]),
        ]
    }
    index.mark_arabic_in_genindex(None, "genindex", "genindex.html", context, None)
    groups = dict(context["genindexentries"])
    assert list(groups) == ["Symbols", "R"]
    (name, _), *_ = groups["R"]
    assert str(name) == 'Russia (<span class="ar" lang="ar" dir="rtl">روسيا</span>)'
    (name, _), *_ = groups["Symbols"]
    assert str(name) == '<span class="ar" lang="ar" dir="rtl">حزب الله</span>'
