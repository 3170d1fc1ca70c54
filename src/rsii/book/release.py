"""What a release of the book is: its version, release date and public address, read from
``CITATION.cff`` (the one place they are set), and the exact sources it was built from.

The public repository address is CITATION.cff's ``repository-code``. When it is absent
(as before the book is published), nothing links to a repository: no repository or
Binder button, and no address in the BibTeX entry. The sources archive holds the files
git tracks at the commit the book was built from (or, outside a git checkout, the files
the archive it was unpacked from listed), with a manifest naming that commit.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import yaml

CITATION = "CITATION.cff"
MANIFEST = "SOURCES.json"  # written into the archive: what it was made from
PREFIX = "rsii-book-"  # every archive's name starts so


@dataclass(frozen=True)
class Release:
    title: str
    version: str
    date: str  # ISO 8601, CITATION.cff's date-released
    repository: str | None  # the public address, if published
    commit: str | None  # the short commit id the sources come from, if known
    modified: bool  # the sources differ from that commit (uncommitted changes)
    files: tuple[str, ...]  # the source files, relative to the root

    @property
    def name(self) -> str:
        """The archive's base name: the version, the commit and any uncommitted change."""
        commit = self.commit or "unknown-commit"
        return f"{PREFIX}{self.version}-{commit}{'-modified' if self.modified else ''}"

    @property
    def archive(self) -> str:
        return f"{self.name}.tar.gz"

    @property
    def source_words(self) -> str:
        """How the About page names the sources of this edition."""
        if self.commit is None:
            return "sources whose commit is not recorded"
        where = f"commit `{self.commit}`"
        return f"{where}, with uncommitted changes" if self.modified else where

    def bibtex(self) -> str:
        lines = [
            "@book{rsii" + self.date[:4] + ",",
            "  title     = {" + self.title.replace(": ", ":\n               ") + "},",
            "  author    = {{The rsii project}},",
            f"  year      = {{{self.date[:4]}}},",
            f"  edition   = {{{self.version}}},",
            "  note      = {Jupyter Book with data package and notebooks},",
        ]
        if self.repository:
            lines.append(f"  url       = {{{self.repository}}},")
        return "\n".join([*lines, "}"])


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def read(root: Path) -> Release:
    """The release of the checkout (or unpacked archive) at ``root``."""
    cff = yaml.safe_load((root / CITATION).read_text(encoding="utf-8"))
    listed = _git(root, "ls-files", "-z")
    if listed is not None and (root / ".git").exists():
        files = tuple(sorted(f for f in listed.split("\0") if f))
        commit = (_git(root, "rev-parse", "--short=7", "HEAD") or "").strip() or None
        modified = bool((_git(root, "status", "--porcelain", "--untracked-files=no") or "").strip())
    elif (root / MANIFEST).is_file():
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        files, commit, modified = tuple(manifest["files"]), manifest["commit"], manifest["modified"]
    else:
        files, commit, modified = (), None, False
    return Release(
        title=cff["title"],
        version=str(cff["version"]),
        date=str(cff["date-released"]),
        repository=cff.get("repository-code"),
        commit=commit,
        modified=modified,
        files=files,
    )


def write_archive(root: Path, release: Release, target: Path, mtime: int) -> Path:
    """The sources as ``target/<name>.tar.gz``: every file under one folder named like
    the archive, with fixed times and owners, so one commit gives the same bytes. The
    archives earlier builds left in ``target`` (of other commits) go: a site offers the
    sources it was built from, and only those."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        manifest = {"commit": release.commit, "modified": release.modified}
        manifest["files"] = list(release.files)
        entries = [(f, (root / f).read_bytes()) for f in release.files if (root / f).is_file()]
        entries.append((MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode()))
        for name, data in entries:
            info = tarfile.TarInfo(f"{release.name}/{name}")
            info.size, info.mtime, info.mode = len(data), mtime, 0o644
            if (root / name).is_file() and (root / name).stat().st_mode & 0o111:
                info.mode = 0o755  # scripts stay executable
            tar.addfile(info, io.BytesIO(data))
    target.mkdir(parents=True, exist_ok=True)
    path = target / release.archive
    with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=mtime) as gz:
        gz.write(buffer.getvalue())
    for earlier in target.glob(f"{PREFIX}*.tar.gz"):
        if earlier != path:
            earlier.unlink()
    return path
