"""The book is citable and links to nothing that does not exist: CITATION.cff is the one
place of its version, date and public address, valid by cffconvert; without an address,
no button or citation points anywhere; with one, all of them carry it."""

from __future__ import annotations

import re
import subprocess
import tarfile
import tomllib

import pytest
import yaml

import rsii
from rsii.book import release
from rsii.book.sphinxext import edition

PLACEHOLDER = "rsii-project"


def test_citation_file_is_valid_by_cffconvert(root):
    cffconvert = root / ".venv-tools" / "bin" / "cffconvert"
    assert cffconvert.exists(), "make venv installs the tools environment (.venv-tools)"
    done = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(root / "CITATION.cff")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_citation_file_matches_the_book_and_holds_no_placeholder(root):
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((root / "book" / "_config.yml").read_text(encoding="utf-8"))
    assert cff["title"] == config["title"] == cff["preferred-citation"]["title"]
    assert cff["version"] == cff["preferred-citation"]["edition"]
    for path in ("CITATION.cff", "book/_config.yml", "book/about.md", "README.md"):
        assert PLACEHOLDER not in (root / path).read_text(encoding="utf-8"), path
    data = (root / "data" / "datapackage.json").read_text(encoding="utf-8")
    assert f'"version": "{cff["version"]}"' in data


def test_the_version_is_written_once_in_citation_cff(root):
    """pyproject.toml takes the version from CITATION.cff (hatchling's regex source) and
    ``rsii.__version__`` from the installed metadata: the three agree. (tests/test_wheel.py
    builds the wheel and sees a changed version reach it.)"""
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    source = project["tool"]["hatch"]["version"]
    assert source["path"] == "CITATION.cff"
    text = (root / source["path"]).read_text(encoding="utf-8")
    # hatchling 1.33 searches with re.MULTILINE (hatchling/version/core.py)
    found = [m["version"] for m in re.finditer(source["pattern"], text, re.MULTILINE)]
    assert found == [str(cff["version"])]
    assert rsii.__version__ == release.read(root).version == cff["version"]


def _edition(repository):
    return release.Release("T", "1.0.0", "2026-12-01", repository, "abc1234", False, ())


def test_without_an_address_no_button_points_anywhere():
    options = {"launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "x"}}
    options = edition.theme_options(_edition(None), options)
    assert options["use_repository_button"] is False and "repository_url" not in options
    assert "binderhub_url" not in options["launch_buttons"]
    assert "url" not in _edition(None).bibtex()


def test_with_an_address_the_buttons_and_the_citation_carry_it():
    url = "https://example.org/rsii-book"
    options = edition.theme_options(_edition(url), {"launch_buttons": {}})
    assert options["repository_url"] == url and options["use_repository_button"] is True
    assert options["launch_buttons"]["binderhub_url"] == edition.BINDER
    assert f"url       = {{{url}}}" in _edition(url).bibtex()


def test_the_archive_is_named_by_version_and_commit():
    assert _edition(None).archive == "rsii-book-1.0.0-abc1234.tar.gz"
    changed = release.Release("T", "1.0.0", "2026-12-01", None, "abc1234", True, ())
    assert changed.archive == "rsii-book-1.0.0-abc1234-modified.tar.gz"
    assert "uncommitted" in changed.source_words


def test_an_archive_replaces_those_of_earlier_builds(tmp_path):
    (tmp_path / "Makefile").write_text("book:\n")
    site = tmp_path / "downloads"
    site.mkdir()
    (site / "rsii-book-0.9.0-0000000.tar.gz").write_bytes(b"an earlier build's")
    (site / "rsii-data.zip").write_bytes(b"another download")
    edition = release.Release("T", "1.0.0", "2026-12-01", None, "abc1234", False, ("Makefile",))
    path = release.write_archive(tmp_path, edition, site, 1448928000)
    assert sorted(p.name for p in site.iterdir()) == [edition.archive, "rsii-data.zip"]
    with tarfile.open(path) as tar:
        assert tar.getnames() == [f"{edition.name}/Makefile", f"{edition.name}/{release.MANIFEST}"]


@pytest.mark.book
def test_the_built_book_links_to_no_placeholder_and_names_its_sources(root, html_dir, pdf_path):
    for page in html_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert PLACEHOLDER not in text and "mybinder.org" not in text, page.name
    pdf = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True)
    assert PLACEHOLDER not in pdf.stdout
    edition_now = release.read(root)
    assert edition_now.version in pdf.stdout  # the title page's release
    about = (html_dir / "book" / "about.html").read_text(encoding="utf-8")
    assert edition_now.commit in about and edition_now.archive in about
    archive = html_dir / "downloads" / edition_now.archive
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert f"{edition_now.name}/Makefile" in names
    assert f"{edition_now.name}/{release.MANIFEST}" in names
    assert len(names) == len(edition_now.files) + 1
