"""The book's editions: English, built from the checkout, and Arabic, built from the
same files in a source tree of its own.

Jupyter Book 1 passes no ``-D`` option to Sphinx (jupyter-book#1791), and the pages the
build writes from the data (the article chapter, the actor register) are written into
the source folder in the edition's language. So the Arabic edition is built from
``_build/ar/src``: a tree of links to the checkout's files (the chapters, notebooks,
data, code, catalogs), with real folders only where the Arabic edition writes its own
pages, and a ``book/_config.yml`` that is the English one with ``book/_config.ar.yml``
laid over it. The hand-written text is translated by Sphinx from the gettext catalogs
in ``locales/``; what the package words comes in Arabic from :mod:`rsii.present.i18n`.
Both editions read the one analysis the English build computed.

The Arabic site is copied into the English one's ``ar/`` folder, so that one site holds
both and each page links to its counterpart by a relative address.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from rsii.book.stamps import GENERATED

EDITIONS = ("en", "ar")
SUBDIR = {"en": "", "ar": "ar"}  # where an edition's pages sit in the site
MARKER = ".rsii-edition"  # in an edition's source tree: the edition's language
OVERLAY = {"ar": Path("book") / "_config.ar.yml"}
# Never linked into an edition's tree: build outputs and environments of the checkout.
_NOT_LINKED = {"_build", ".git", ".venv", ".venv-tools", ".jupyter_cache", "node_modules"}


def source_tree(root: Path, lang: str) -> Path:
    """The folder an edition is built from: the checkout itself for English; for
    another language, ``_build/<lang>/src``, (re)made as links to the checkout."""
    if lang == "en":
        return root
    tree = root / "_build" / lang / "src"
    _mirror(root, tree, depth=0)
    book = tree / "book"
    config = yaml.safe_load((root / "book" / "_config.yml").read_text(encoding="utf-8"))
    overlay = yaml.safe_load((root / OVERLAY[lang]).read_text(encoding="utf-8")) or {}
    text = "# Written by rsii.book.editions: book/_config.yml with book/_config.ar.yml over it.\n"
    text += yaml.safe_dump(merge(config, overlay), allow_unicode=True, sort_keys=False)
    _write_if_changed(book / "_config.yml", text)
    _write_if_changed(tree / MARKER, lang + "\n")
    return tree


def _mirror(source: Path, target: Path, depth: int) -> None:
    """Links in ``target`` to every entry of ``source``; at the top, ``book/`` is a real
    folder of links, so that the pages this edition generates stay its own."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for entry in sorted(source.iterdir()):
        name = entry.name
        rel = entry.relative_to(source) if depth else Path(name)
        if depth == 0 and name in _NOT_LINKED:
            continue
        if depth == 1 and (str(Path("book") / name) in GENERATED or name == "_config.yml"):
            continue  # the edition writes these itself
        wanted.add(name)
        if depth == 0 and name == "book":
            _mirror(entry, target / name, depth=1)
            continue
        link = target / rel if depth == 0 else target / name
        relative = os.path.relpath(entry, link.parent)
        if link.is_symlink() and os.readlink(link) == relative:
            continue
        if link.is_symlink() or link.is_file():
            link.unlink()
        elif link.is_dir():
            shutil.rmtree(link)
        link.symlink_to(relative)
    keep = wanted | {MARKER, "_build", ".jupyter_cache"}
    if depth == 1:
        keep |= {Path(g).name for g in GENERATED} | {"_config.yml"}
    for stale in target.iterdir():
        if stale.name not in keep and stale.is_symlink():
            stale.unlink()


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def merge(base: dict, overlay: dict) -> dict:
    """``base`` with ``overlay`` laid over it, mapping by mapping; lists are replaced."""
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def language_of(srcdir: Path) -> str:
    """The language of the edition built from ``srcdir``."""
    marker = Path(srcdir) / MARKER
    return marker.read_text().strip() if marker.is_file() else "en"


def checkout(srcdir: Path) -> Path:
    """The checkout an edition's source tree stands for (itself, for English)."""
    srcdir = Path(srcdir)
    return srcdir.parents[2] if (srcdir / MARKER).is_file() else srcdir


def pdf_name(lang: str) -> str:
    """The PDF's file name, in _build/latex/ and in the site's downloads."""
    return "book.pdf" if lang == "en" else f"book-{lang}.pdf"


def publish(root: Path, lang: str, builder: str = "html") -> None:
    """Put an edition's output beside the English one's: its site into the English
    site's folder for it (``ar/``), removing what an earlier build left there and this
    one did not write; its PDF into _build/latex/ (``book-ar.pdf``)."""
    if lang == "en":
        return
    if builder != "html":
        pdf = root / "_build" / lang / "src" / "_build" / "latex" / "book.pdf"
        (root / "_build" / "latex").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, root / "_build" / "latex" / pdf_name(lang))
        return
    built = root / "_build" / lang / "src" / "_build" / "html"
    site = root / "_build" / "html" / SUBDIR[lang]
    site.mkdir(parents=True, exist_ok=True)
    written = set()
    for path in sorted(built.rglob("*")):
        rel = path.relative_to(built)
        if rel.parts[0] in {".doctrees", ".buildinfo"} or path.is_dir():
            continue
        written.add(rel)
        target = site / rel
        if target.is_file() and target.read_bytes() == path.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for path in sorted(site.rglob("*"), reverse=True):
        rel = path.relative_to(site)
        if rel.parts[0] == "downloads":
            continue
        if path.is_file() and rel not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    # The downloads (data, sources, PDFs) are the English site's: the same files.
    english, ours = root / "_build" / "html" / "downloads", site / "downloads"
    if english.is_dir():
        shutil.copytree(english, ours, dirs_exist_ok=True)
        for stale in ours.iterdir():
            if not (english / stale.name).exists():
                stale.unlink()
