"""The Arabic edition's gettext catalogs, brought up to date with the English sources
(``make catalogs``), and checked.

Three kinds of catalog, all under ``locales/ar/LC_MESSAGES/``:

- one per page of the book (``book/intro.po``, ``notebooks/network.po``): the
  hand-written chapters and the notebooks' Markdown, extracted by Sphinx's gettext
  builder and merged by sphinx-intl. The pages the build writes from the data (the
  article chapter, the actor register) have none: the package words them in Arabic.
- one per module of the package that words something (``rsii/present.tables.po``):
  the messages marked ``_()``, ``p_()``, ``n_()`` (:mod:`rsii.present.i18n`), extracted
  with Babel.
- ``rsii/data.po``: the English strings of the data package (notes, hard cases, the
  codebook's definitions), each with its table and column as context.

Updating keeps every translation whose English is unchanged, marks one whose English
changed as fuzzy (Babel's and sphinx-intl's merge), and adds new messages empty; the
Arabic build then fails until a translator has seen them (:func:`problems`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from rsii.present import i18n

LANG = "ar"
# The catalogs' "POT-Creation-Date": fixed, so that `make catalogs` with no English
# changed leaves every file as it was (Sphinx's gettext builder reads the same date
# from SOURCE_DATE_EPOCH). 2015-12-01, the article's period.
EPOCH = 1448928000
CREATED = dt.datetime.fromtimestamp(EPOCH, dt.UTC)
# Pages written by the build in the edition's language: no catalog.
GENERATED_POT = ("book/article.pot", "book/actors")
# The interface strings of Sphinx and the theme, where their own Arabic is missing or
# wrong: kept by hand, merged by Sphinx over its own catalog.
INTERFACE = ("sphinx.po", "booktheme.po")
KEYWORDS = {"_": None, "p_": ((1, "c"), 2), "n_": (1, 2)}
# The data package's English strings the book prints: table → columns.
DATA_STRINGS = {
    "actors": ("note",),
    "alternatives": ("reason",),
    "cases": ("title", "choice", "alternative"),
    "codebook": ("definition", "example"),
    "concepts": ("definition", "example"),
    "events": ("event_en", "note"),
    "relations": ("note",),
    "stances": ("quote_en", "note"),
    "statement_concepts": ("quote_en", "note"),
}


def messages_dir(root: Path) -> Path:
    return root / "locales" / LANG / "LC_MESSAGES"


# --- the pages -------------------------------------------------------------------


def extract_pages(root: Path) -> Path:
    """Sphinx's gettext builder over the English book, in a build folder of its own
    (its environment would otherwise replace the HTML build's); returns the .pot folder."""
    out = root / "_build" / "catalogs"
    shutil.rmtree(out, ignore_errors=True)  # a saved environment would hide changed code
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", ".", "--config", "book/_config.yml", "--toc", "book/_toc.yml"]
    cmd += ["--path-output", str(out), "--builder", "custom", "--custom-builder", "gettext"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}
    subprocess.run(cmd, cwd=root, check=True, env=env)
    pots = out / "_build" / "gettext"
    # Sphinx's gettext builder also writes the templates' strings (sphinx.pot): the
    # interface catalogs are kept by hand (INTERFACE), not merged with it.
    for name in (*GENERATED_POT, *(Path(c).with_suffix(".pot").name for c in INTERFACE)):
        target = pots / name
        if target.is_dir():
            shutil.rmtree(target)
        target.unlink(missing_ok=True)
    return pots


def update_pages(root: Path, pots: Path) -> None:
    intl = Path(sys.executable).with_name("sphinx-intl")
    cmd = [str(intl), "update", "-p", str(pots), "-l", LANG, "-d", str(root / "locales")]
    subprocess.run(cmd, cwd=root, check=True, stdout=subprocess.DEVNULL)
    # A page that is gone leaves its catalog behind: remove it.
    wanted = {p.relative_to(pots).with_suffix(".po") for p in pots.rglob("*.pot")}
    for po in messages_dir(root).rglob("*.po"):
        rel = po.relative_to(messages_dir(root))
        if rel.parts[0] != i18n.DOMAIN and rel not in wanted and str(rel) not in INTERFACE:
            po.unlink()


# --- the package's messages --------------------------------------------------------


def module_catalog_name(root: Path, path: Path) -> str:
    """``src/rsii/present/tables.py`` → ``present.tables``."""
    rel = path.relative_to(root / "src" / "rsii").with_suffix("")
    return ".".join(rel.parts)


def extract_code(root: Path) -> dict[str, Catalog]:
    """A template catalog per module of the package that has messages."""
    templates = {}
    for path in sorted((root / "src" / "rsii").rglob("*.py")):
        if "i18n" not in path.read_text(encoding="utf-8"):
            continue  # a `_()` there is Sphinx's own (sphinx.locale), not ours
        found = list(extract_from_file("python", str(path), keywords=KEYWORDS))
        if not found:
            continue
        template = Catalog(locale=None, domain=i18n.DOMAIN, creation_date=CREATED)
        for lineno, message, comments, context in found:
            where = (str(path.relative_to(root)), lineno)
            template.add(message, locations=[where], auto_comments=comments, context=context)
        templates[module_catalog_name(root, path)] = template
    return templates


def extract_data(root: Path) -> Catalog:
    from rsii.data import load

    template = Catalog(locale=None, domain=i18n.DOMAIN, creation_date=CREATED)
    for table, columns in DATA_STRINGS.items():
        frame = load.as_written(table, root / "data").fillna("")
        for column in columns:
            for i, text in enumerate(frame[column], start=2):
                if text.strip():
                    where = (f"data/{table}.csv", i)
                    template.add(text, locations=[where], context=f"{table}.{column}")
    return template


def merge(path: Path, template: Catalog) -> tuple[int, int]:
    """Bring the catalog at ``path`` up to ``template``; returns (new, fuzzy)."""
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=LANG)
    else:
        catalog = Catalog(locale=LANG, domain=i18n.DOMAIN)
    catalog.update(template, no_fuzzy_matching=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=88, omit_header=False, ignore_obsolete=True, sort_by_file=True)
    new = sum(1 for m in catalog if m.id and not m.string)
    return new, sum(1 for m in catalog if m.id and m.fuzzy)


def update_code_and_data(root: Path) -> None:
    folder = messages_dir(root) / i18n.DOMAIN
    templates = extract_code(root)
    templates[i18n.DATA_CATALOG] = extract_data(root)
    for name, template in templates.items():
        merge(folder / f"{name}.po", template)
    for stale in folder.glob("*.po"):
        if stale.stem not in templates:
            stale.unlink()


# --- checks ------------------------------------------------------------------------

# What must be the same in a message and its translation: roles with their targets,
# references to labels, citations, substitutions, placeholders, links' targets.
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
# Roles whose content is words a translator writes: only the role must match.
_WORDED_ROLES = {"term", "abbr", "index"}
# Roles that mark a run's language: a translation adds them where its runs change
# language (an English name inside Arabic) and drops them where they no longer do.
_LANGUAGE_ROLES = {"ar", "en"}


def _role_key(role: str, content: str) -> str:
    if role in _WORDED_ROLES:
        return f"{{{role}}}"
    target = re.search(r"<([^>]+)>$", content.strip())
    return f"{{{role}}}`{target.group(1) if target else content.strip()}`"


def markup(text: str, code: bool) -> list[str]:
    """The sorted roles, references, links and placeholders of a message: what must
    survive translation unchanged."""
    found = [_role_key(r, c) for r, c in _ROLE.findall(text) if r not in _LANGUAGE_ROLES]
    found += [f"link {t}" for t in _LINK_TARGET.findall(text)]
    found += [f"{{{{{s}}}}}" for s in _SUBSTITUTION.findall(text)]
    if code:
        found += [f"{{{p}}}" for p in _PLACEHOLDER.findall(_ROLE.sub("", text))]
    return sorted(found)


def problems(root: Path) -> list[str]:
    """Every message of the Arabic catalogs that is untranslated or fuzzy, or whose
    translation differs from its English in roles, references, citations, computed
    values or placeholders; each as "file:line: what"."""
    found = []
    base = messages_dir(root)
    for path in sorted(base.rglob("*.po")):
        code = path.relative_to(base).parts[0] == i18n.DOMAIN
        with path.open("rb") as f:
            catalog = read_po(f, locale=LANG)
        lines = _msgid_lines(path)
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            where = f"{path.relative_to(root)}:{lines.get(ids[0], 0)}"
            short = ids[0] if len(ids[0]) < 70 else ids[0][:67] + "..."
            if message.fuzzy:
                found.append(f"{where}: fuzzy (its English changed): {short!r}")
            elif not all(strings):
                found.append(f"{where}: untranslated: {short!r}")
            else:
                english = markup(ids[-1], code)
                for form, text in enumerate(strings):
                    have = markup(text, code)
                    same = have == english
                    if len(strings) > 1 and form <= 2:
                        # Arabic's zero, one and two forms stand for one number each
                        # («فاعلان»): they may leave the count out, as msgfmt allows.
                        counts = {"{n}", "{count}"}
                        same = set(have) - counts == set(english) - counts
                    if not same:
                        found.append(
                            f"{where}: the translation's markup differs from the English "
                            f"({', '.join(english) or 'none'} against "
                            f"{', '.join(have) or 'none'}): {short!r}"
                        )
                        break
    return found


def _msgid_lines(path: Path) -> dict[str, int]:
    """The line of each msgid in a .po file (Babel does not keep them)."""
    lines, text = {}, path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(text):
        if text[i].startswith("msgid "):
            start, parts = i + 1, [text[i][6:]]
            while i + 1 < len(text) and text[i + 1].startswith('"'):
                i += 1
                parts.append(text[i])
            msgid = "".join(p.strip()[1:-1] for p in parts)
            msgid = msgid.encode("latin-1", "backslashreplace").decode("unicode_escape")
            lines.setdefault(msgid, start)
        i += 1
    return lines


def statistics(root: Path) -> dict[str, dict[str, int]]:
    """Messages per catalog: {file: {"messages": n, "translated": n}}."""
    base, out = messages_dir(root), {}
    for path in sorted(base.rglob("*.po")):
        with path.open("rb") as f:
            catalog = read_po(f, locale=LANG)
        msgs = [m for m in catalog if m.id]
        done = [
            m
            for m in msgs
            if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))
        ]
        out[str(path.relative_to(base))] = {"messages": len(msgs), "translated": len(done)}
    return out


def main(argv: list[str] | None = None) -> int:
    from rsii.data import paths

    args = list(argv if argv is not None else sys.argv[1:])
    root = paths.repo_root()
    if args[:1] == ["check"]:
        found = problems(root)
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    update_pages(root, extract_pages(root))
    update_code_and_data(root)
    stats = statistics(root)
    total = sum(s["messages"] for s in stats.values())
    done = sum(s["translated"] for s in stats.values())
    print(f"{len(stats)} catalogs, {total} messages, {done} translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
