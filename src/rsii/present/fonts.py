"""The book's Arabic font as a Python dependency.

Amiri comes from the pinned ``fontpkg-amiri`` package (Google Fonts' unmodified Amiri,
SIL Open Font License), so the figures, the HTML site and the PDF use the same files on
any machine: no Debian font package, no font the system happens to have, and nothing
that matplotlib's font cache remembers from before.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg

ARABIC = "Amiri"


def amiri_files() -> list[Path]:
    """The four Amiri faces (regular, bold, italic, bold italic), from the package."""
    return sorted(f.path for f in fontpkg.family(ARABIC).files)


def amiri_licence() -> Path:
    """The OFL text that has to travel with the font files."""
    return amiri_files()[0].parent.parent / "LICENSE"


def use_in_matplotlib() -> None:
    """Register Amiri with matplotlib by file. Any Amiri the font cache lists is dropped
    first: a cache written on another day may point at a system copy that has since gone
    (matplotlib then rebuilds its cache mid-figure, warns on stderr and forgets fonts
    added by file), or may list none at all."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if f.name != ARABIC]
    for path in amiri_files():
        manager.addfont(str(path))
