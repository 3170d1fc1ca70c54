"""Finishing touches to the HTML site: a redirecting index page that declares its
language, and the Arabic font shipped with the book so it reads the same offline."""

from __future__ import annotations

import shutil
from pathlib import Path

REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""

# Debian's fonts-hosny-amiri (SIL Open Font License); the CSS names these files.
FONT_DIR = Path("/usr/share/fonts/opentype/fonts-hosny-amiri")
FONTS = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")


def finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    (Path(app.outdir) / "index.html").write_text(
        REDIRECT.format(title=app.config.html_title or app.config.project, target=target),
        encoding="utf-8",
    )
    fonts = Path(app.outdir) / "_static" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name in FONTS:
        if (FONT_DIR / name).exists():
            shutil.copyfile(FONT_DIR / name, fonts / name)


def setup(app):
    # After sphinx-external-toc, which writes a bare redirect without a language.
    app.connect("build-finished", finish, priority=900)
