"""Figures take Amiri from the pinned package, by file, whatever matplotlib's font cache
says: a cache that lists no Amiri, or one that lists a system Amiri that has since gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from rsii.present import fonts

DRAW = """
import pathlib
import matplotlib.font_manager as fm
from rsii.present import figures

@figures.styled
def draw():
    fig = figures.new_figure()
    fig.text(0.5, 0.5, "روسيا Russia")
    return fig

pathlib.Path("{out}").write_bytes(figures.png_bytes(draw()))
print(fm.findfont(fm.FontProperties(family="Amiri")))
"""


def _python(code: str, mpl: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLCONFIGDIR": mpl}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_amiri_comes_from_the_package():
    files = fonts.amiri_files()
    assert [p.name for p in files] == [
        "Amiri-Bold.ttf",
        "Amiri-BoldItalic.ttf",
        "Amiri-Italic.ttf",
        "Amiri-Regular.ttf",
    ]
    assert all(p.is_file() and "site-packages" in str(p) for p in files)
    assert "SIL Open Font License" in fonts.amiri_licence().read_text(encoding="utf-8")


def test_figures_draw_arabic_with_a_stale_cache_that_lists_a_vanished_amiri(tmp_path):
    mpl = str(tmp_path / "mpl")
    made = _python("import matplotlib.font_manager", mpl)
    assert made.returncode == 0, made.stderr
    (cache,) = (tmp_path / "mpl").glob("fontlist-*.json")
    listing = json.loads(cache.read_text())
    ghost = dict(listing["ttflist"][0], name="Amiri", fname="/nowhere/Amiri-Regular.ttf")
    listing["ttflist"].insert(0, ghost)
    cache.write_text(json.dumps(listing))

    result = _python(DRAW.format(out=tmp_path / "arabic.png"), mpl)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no findfont warning, no cache rebuild
    assert result.stdout.strip() == str(fonts.amiri_files()[-1])  # the package's Regular
