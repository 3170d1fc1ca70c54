"""Two clean builds of the book, in two fresh copies of the sources, give the same
figures, the same PDF text and the same exported data."""

from __future__ import annotations

import hashlib
import subprocess

import pytest

from rsii import book, export

pytestmark = pytest.mark.book


def _digests(folder, pattern):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob(pattern)}


@pytest.fixture(scope="module")
def two_builds(root, tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", "1448928000")
    builds = []
    for name in ("first", "second"):
        copy = book.copy_sources(root, tmp_path_factory.mktemp(name))
        for target in ("html", "pdf"):
            result = book.build(target, root=copy, capture=True)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        builds.append(copy / "_build")
    return builds


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_figures_are_identical(two_builds):
    first, second = (_digests(b / "html" / "_images", "*.png") for b in two_builds)
    assert first and first == second


def test_pdf_text_is_identical(two_builds):
    first, second = (
        subprocess.run(
            ["pdftotext", str(b / "latex" / "book.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for b in two_builds
    )
    assert len(first) > 10_000 and first == second


def test_source_date_epoch_dates_the_book(two_builds):
    tex = (two_builds[0] / "latex" / "book.tex").read_text(encoding="utf-8")
    assert "Dec 01, 2015" in tex  # 1448928000, not the day of the build


def test_downloads_are_identical(two_builds):
    first, second = (_digests(b / "html" / "downloads", "*.zip") for b in two_builds)
    assert first == second and "rsii-data.zip" in first


def test_export_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1448928000")
    a, b = tmp_path / "a", tmp_path / "b"
    export.export(a)
    export.export(b)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
