"""Finishing touches to the HTML site: a redirecting index page that declares its
language (and direction), and the Arabic font shipped with the book so it reads the
same offline."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

from rsii.book import editions
from rsii.book.sphinxext.rtl import RTL
from rsii.data import paths
from rsii.present import fonts

REDIRECT = """<!DOCTYPE html>
<html lang="{lang}"{direction}>
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""

# The faces the CSS names; they come from fontpkg-amiri, like the figures' and the PDF's.
WEB_FONTS = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")


def finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    (Path(app.outdir) / "index.html").write_text(
        REDIRECT.format(
            title=app.config.html_title or app.config.project,
            target=target,
            lang=app.config.language,
            direction=' dir="rtl"' if app.config.language in RTL else "",
        ),
        encoding="utf-8",
    )
    if app.config.language == "en":  # other editions get a copy (rsii.book.editions)
        write_downloads(Path(app.outdir))
    remove_stale_pages(app)
    ship_fonts(Path(app.outdir) / "_static" / "fonts")


def remove_stale_pages(app) -> None:
    """Pages an earlier build wrote for documents that are gone (an actor page under an
    earlier name): Sphinx leaves them in the site, where nothing links to them."""
    out = Path(app.outdir)
    for page in (out / "book" / "actors").glob("*.html"):
        if f"book/actors/{page.stem}" not in app.env.all_docs:
            page.unlink()


def ship_fonts(folder: Path) -> None:
    """The web fonts and their licence (the OFL asks that it travel with them)."""
    folder.mkdir(parents=True, exist_ok=True)
    by_name = {p.name: p for p in fonts.amiri_files()}
    for name in WEB_FONTS:
        shutil.copyfile(by_name[name], folder / name)
    shutil.copyfile(fonts.amiri_licence(), folder / "Amiri-OFL.txt")


# Lua that gives the PDF's Arabic a text layer that copies and searches as words.
PDFTEXT_LUA = Path(__file__).with_name("arabic-pdftext.lua")


def latex_files(app, config) -> None:
    """The PDF loads Amiri by file (fontspec Path=./) and the text-layer Lua from the
    LaTeX folder: copy them there, so the PDF needs no Debian font package either."""
    config.latex_additional_files = [
        *config.latex_additional_files,
        *(str(p) for p in fonts.amiri_files()),
        str(PDFTEXT_LUA),
    ]


def data_zip(target: Path) -> None:
    """The data package as one zip with fixed timestamps, so two builds give the same
    bytes: data/ (tables, descriptor, source text and its notice) and references.bib."""
    root = paths.repo_root()
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1448928000"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    files = sorted(p for p in (root / "data").rglob("*") if p.is_file())
    files.append(root / "references.bib")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"rsii-data/{path.relative_to(root)}", date_time=stamp)
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)


def offer_pdf(build_dir: Path) -> None:
    """Put the built PDFs (English, Arabic) in the HTML sites' downloads/, if they exist:
    called after any build, whichever ran first."""
    site = build_dir / "html"
    if not site.is_dir():
        return
    for lang in editions.EDITIONS:
        pdf = build_dir / "latex" / editions.pdf_name(lang)
        if not pdf.exists():
            continue
        for folder in (site, site / editions.SUBDIR["ar"]):
            if folder.is_dir():
                (folder / "downloads").mkdir(exist_ok=True)
                shutil.copyfile(pdf, folder / "downloads" / pdf.name)


def write_downloads(outdir: Path) -> None:
    """downloads/: the data package as a zip and, once built, the PDF."""
    folder = outdir / "downloads"
    folder.mkdir(exist_ok=True)
    data_zip(folder / "rsii-data.zip")
    offer_pdf(outdir.parent)


def setup(app):
    app.connect("config-inited", latex_files)
    app.add_js_file("rsii.js")
    # After sphinx-external-toc, which writes a bare redirect without a language.
    app.connect("build-finished", finish, priority=900)
