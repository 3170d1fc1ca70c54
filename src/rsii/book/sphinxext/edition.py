"""This edition of the book: version, release date and public address from CITATION.cff
(:mod:`rsii.book.release`), on the About page, the PDF's title page and the buttons,
and the archive of the sources it was built from among the HTML site's downloads.

Substitutions for the pages: ``{{ version }}``, ``{{ release_date }}``, ``{{ sources }}``
(the commit, in words) and ``{{ sources_archive }}`` (the archive's file name). The
directive ``{edition-bibtex}`` prints the book's BibTeX entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from rsii.book import editions, release
from rsii.present import i18n

BINDER = "https://mybinder.org"


def theme_options(edition: release.Release, options: dict) -> dict:
    """The theme's options with the repository and Binder buttons when the book has a
    public address, and without them (nothing pointing anywhere) when it has none."""
    options = dict(options)
    launch = {k: v for k, v in options.get("launch_buttons", {}).items() if k != "binderhub_url"}
    if edition.repository:
        options.update(repository_url=edition.repository, use_repository_button=True)
        launch["binderhub_url"] = BINDER
    else:
        options.pop("repository_url", None)
        options["use_repository_button"] = False
    options["launch_buttons"] = launch
    return options


def long_date(iso: str, language: str = "en") -> str:
    """ "1 December 2026"; in the Arabic edition «1 ديسمبر 2026» (Western digits)."""
    if language == "ar":
        from rsii.book.sphinxext import latex_ar

        with i18n.using("ar"):
            return latex_ar.long_date(iso)
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def configure(app, config) -> None:
    edition = release.read(editions.checkout(Path(app.srcdir)))
    app.rsii_edition = edition
    config.version = config.release = edition.version
    config.today = long_date(edition.date, config.language or "en")
    config.html_theme_options = theme_options(edition, config.html_theme_options)
    config.myst_substitutions = {
        **config.myst_substitutions,
        "version": edition.version,
        "release_date": long_date(edition.date, config.language or "en"),
        "sources": edition.source_words,
        "sources_archive": edition.archive,
        # Raw HTML (the archive is written after the build, so no download role):
        # the About page uses it inside an HTML-only block.
        "sources_link": f'<a href="../downloads/{edition.archive}">{sources_words(config)}</a>',
    }


def sources_words(config) -> str:
    """The link's words, in the edition's language (raw HTML, which no page catalog
    reaches: the package's own catalog words it)."""
    with i18n.using(config.language or "en"):
        return i18n._("the sources this edition was built from")


class EditionBibtex(SphinxDirective):
    """The book's BibTeX entry, from CITATION.cff."""

    def run(self):
        text = release.read(editions.checkout(Path(self.env.srcdir))).bibtex()
        self.env.note_dependency(str(Path(self.env.srcdir) / release.CITATION))
        block = nodes.literal_block(text, text, language="bibtex")
        return [block]


def write_archive(app, exception) -> None:
    """The sources archive, its files dated by the release date, so that a book built
    from it offers the same archive, byte for byte."""
    if exception is not None or app.builder.format != "html":
        return
    if app.config.language != "en":
        return  # one archive, the English site's; rsii.book.editions copies it beside
    edition = app.rsii_edition
    day = dt.datetime.fromisoformat(edition.date).replace(tzinfo=dt.UTC)
    release.write_archive(
        Path(app.srcdir), edition, Path(app.outdir) / "downloads", int(day.timestamp())
    )


def setup(app):
    app.connect("config-inited", configure)
    app.add_directive("edition-bibtex", EditionBibtex)
    app.connect("build-finished", write_archive)
