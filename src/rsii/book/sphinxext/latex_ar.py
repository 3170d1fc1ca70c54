"""The Arabic edition's PDF: Arabic the main language, pages right to left, English
kept for code and Latin runs.

The language itself is babel's, set in book/_config.ar.yml (``bidi=basic`` under
LuaLaTeX, Amiri from the package's files). What Sphinx does for an Arabic book, undone
or finished here:

- it adds ``arabic`` to the class options, which makes babel load ``arabic.ldf``,
  written for pdfTeX, and the LuaLaTeX run fails: taken out again;
- code blocks and outputs would be set in the main language, right to left with
  mirrored brackets: they are set in English;
- its title page is flush right, which right to left is flush left: the Arabic one is
  set from the right margin, with the version, the date in Arabic and a licence notice;
- the chapter name is babel's «باب»: a book's chapter is «الفصل»;
- text in a box (running heads, "continued on the next page") is not reordered by
  ``bidi=basic``: each such box is set right to left (``\\textdir TRT``); the running
  heads are scaled to fit instead of cut by ``truncate``, which splits Arabic letters;
- Sphinx's Arabic catalog lacks a few of the words it prints in a PDF (a table's
  "continued from previous page"): they come from this module's catalog;
- xindy has no Arabic: latexmk's ``makeindex`` is :mod:`rsii.book.sphinxext.arsort`;
- English runs marked ``{en}`` (:mod:`rsii.book.sphinxext.arabic`) are set as English.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from rsii.book.sphinxext import arabic, latex
from rsii.present import i18n
from rsii.present.i18n import p_

ARABIC_PREAMBLE = r"""
% rsii.book.sphinxext.latex_ar: code blocks and outputs left to right, in English.
\usepackage{etoolbox}
\BeforeBeginEnvironment{sphinxVerbatim}{\begin{otherlanguage}{english}}
\AfterEndEnvironment{sphinxVerbatim}{\end{otherlanguage}}
\BeforeBeginEnvironment{sphinxVerbatimintable}{\begin{otherlanguage}{english}}
\AfterEndEnvironment{sphinxVerbatimintable}{\end{otherlanguage}}
\AtBeginDocument{\renewcommand{\releasename}{الإصدار}}
% A book's chapter (babel's Arabic names it «باب»).
\addto\captionsarabic{\renewcommand{\chaptername}{الفصل}}
\makeatletter
% Text in a box, set right to left (bidi=basic leaves a box's text in the box's
% direction); #2 scaled down to the width #1 if it is wider.
\newcommand{\rsii@rtl}[1]{\hbox{\textdir TRT #1}}
\newcommand{\rsii@fit}[2]{%
  \sbox\z@{\rsii@rtl{#2}}%
  \ifdim\wd\z@>#1\resizebox{#1}{!}{\usebox\z@}\else\usebox\z@\fi}
\protected\def\sphinxtablecontinued#1{\rsii@rtl{\textsf{#1}}}
% Running heads as the English PDF's, mirrored by the direction of the page.
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[L]{{\py@HeaderFamily\rsii@fit{0.8\textwidth}{\nouppercase{\rightmark}}}}%
  \fancyhead[R]{{\py@HeaderFamily\rsii@fit{0.8\textwidth}{\rsiishorttitle}}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0.4pt}%
}
% The index: the English of an entry beside its Arabic, as English, its parentheses
% with it (a long name may break across lines, in a column of the index).
\def\sphinxstyleindexextra#1{ \foreignlanguage{english}{(#1)}}
% The title page, from the right margin (flushleft: the start of a right-to-left line).
\renewcommand{\sphinxmaketitle}{%
  \let\sphinxrestorepageanchorsetting\relax
  \ifHy@pageanchor\def\sphinxrestorepageanchorsetting{\Hy@pageanchortrue}\fi
  \hypersetup{pageanchor=false}%
  \begin{titlepage}%
    \noindent\rule{\textwidth}{1pt}\par
      \begingroup
       \def\endgraf{ }\def\and{\& }%
       \pdfstringdefDisableCommands{\def\\{, }}%
       \hypersetup{pdfauthor={\@author}, pdftitle={\@title}}%
      \endgroup
    \begin{flushleft}%
      \py@HeaderFamily
      {\Huge \@title \par}
      \vspace{1ex}
      {\LARGE \py@release\releaseinfo \par}
      \vfill
      {\LARGE \@author \par}
      \vfill\vfill
      {\large \@date \par}
      \vfill
      {\normalfont\small \rsiilicencenotice \par}
    \end{flushleft}%
  \end{titlepage}%
  \setcounter{footnote}{0}%
  \let\thanks\relax\let\maketitle\relax
  \clearpage
  \sphinxrestorepageanchorsetting
}
\makeatother
"""

# latexmk's makeindex in the Arabic PDF (Sphinx's latexmkrc calls xindy).
ARSORT = Path(__file__).with_name("arsort.py")


def is_arabic(config) -> bool:
    return (config.language or "en") == "ar"


def _months() -> list[str]:
    return [
        p_("month", "January"),
        p_("month", "February"),
        p_("month", "March"),
        p_("month", "April"),
        p_("month", "May"),
        p_("month", "June"),
        p_("month", "July"),
        p_("month", "August"),
        p_("month", "September"),
        p_("month", "October"),
        p_("month", "November"),
        p_("month", "December"),
    ]


def long_date(iso: str) -> str:
    """The edition's date as the title page prints it: «1 ديسمبر 2026»."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {_months()[day.month - 1]} {day.year}"


def sphinx_messages() -> dict[str, str]:
    """Words Sphinx prints in a PDF that its Arabic catalog does not translate."""
    return {
        "continued from previous page": p_("sphinx", "continued from previous page"),
        "Index": p_("sphinx", "Index"),
    }


def arabic_preamble(app, config) -> None:
    if is_arabic(config):
        latex.add_preamble(ARABIC_PREAMBLE)(app, config)
        config.latex_additional_files = [*config.latex_additional_files, str(ARSORT)]


def _complete_sphinx_catalog(app) -> None:
    from sphinx.locale import get_translator

    translator = get_translator("sphinx")
    catalog = getattr(translator, "_catalog", None)
    if catalog is None:
        return
    for message, text in sphinx_messages().items():
        if translator.gettext(message) == message:
            catalog[message] = text


def arabic_latex(app) -> None:
    """Take ``arabic`` out of the class options Sphinx wrote for an Arabic book; the
    date in Arabic; Sphinx's missing words."""
    if app.builder.name != "latex" or not is_arabic(app.config):
        return
    context = app.builder.context
    context["classoptions"] = re.sub(r",arabic\b", "", context["classoptions"])
    with i18n.using("ar"):
        edition = getattr(app, "rsii_edition", None)
        if edition is not None:
            context["date"] = long_date(edition.date)
        _complete_sphinx_catalog(app)


def arabic_index(app, exception) -> None:
    """latexmk's makeindex for the Arabic PDF: :mod:`rsii.book.sphinxext.arsort`, run
    from the LaTeX folder by this Python, instead of xindy."""
    if exception is not None or app.builder.name != "latex" or not is_arabic(app.config):
        return
    import sys

    rc = Path(app.outdir) / "latexmkrc"
    text = rc.read_text(encoding="utf-8")
    line = f"$makeindex = '\"{sys.executable}\" {ARSORT.name} -o %D %S';"
    rc.write_text(re.sub(r"^\$makeindex = .*$", lambda m: line, text, flags=re.M), "utf-8")


class en_run(nodes.inline):
    """An English run inside the Arabic PDF's text: set as English, left to right."""


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# A run's edges that belong to the Arabic sentence around it: spaces, and the
# punctuation that ends a clause (it goes to the run's left, where the sentence goes on).
_EDGES = re.compile(r"^(\s*)(.*?)([\s.,;:!?،؛؟]*)$", re.S)
_NOT_TEXT = (
    nodes.literal_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    nodes.title,
    nodes.caption,
    nodes.subtitle,
    arabic.ar_inline,
    arabic.ar_block,
    en_run,
)


class WrapEnglishRuns(SphinxPostTransform):
    """In the Arabic PDF, English runs inside Arabic are set as English: a paragraph
    or table cell with more Latin letters than Arabic as one run (a bibliography entry,
    an English quote, a Latin name), then each Latin run left in an Arabic paragraph,
    and inline code.
    Without it, an English run's closing punctuation and brackets follow the Arabic
    direction and land on its wrong side. (Titles and captions are left to babel: they
    go to the bookmarks, where ``\\foreignlanguage`` is not allowed.)"""

    default_priority = 995  # after arabic.WrapArabicRuns (990) marked the Arabic
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if not is_arabic(self.config):
            return
        for para in list(self.document.findall(nodes.paragraph)):
            if arabic.inside(para, _NOT_TEXT) or not _LATIN.search(para.astext()):
                continue
            text = para.astext()
            if len(_LATIN.findall(text)) > len(_ARABIC_LETTER.findall(text)):
                run = en_run()
                run.extend(para.children)  # moves them (their parent becomes the run)
                para.clear()
                para += run
        for literal in list(self.document.findall(nodes.literal)):
            if not arabic.inside(literal.parent, _NOT_TEXT):
                run = en_run()
                literal.replace_self(run)
                run += literal
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or arabic.inside(parent, _NOT_TEXT) or not _LATIN.search(text):
                continue
            lead, core, trail = _EDGES.match(str(text)).groups()
            pieces = [nodes.Text(lead)] if lead else []
            pieces.append(en_run(core, core))
            if trail:
                pieces.append(nodes.Text(trail))
            parent.replace(text, pieces)


def latex_visit_en(self, node) -> None:
    if not arabic._in_moving_argument(node):  # titles: babel orders Latin runs itself
        self.body.append(r"\foreignlanguage{english}{")


def latex_depart_en(self, node) -> None:
    if not arabic._in_moving_argument(node):
        self.body.append("}")


def setup(app):
    app.connect("config-inited", arabic_preamble, priority=600)
    app.connect("builder-inited", arabic_latex)
    app.connect("build-finished", arabic_index)
    app.add_post_transform(WrapEnglishRuns)
    app.add_node(en_run, latex=(latex_visit_en, latex_depart_en))
    en_inline = getattr(arabic, "en_inline", None)  # the {en} role's node, once there
    if en_inline is not None:
        app.add_node(en_inline, override=True, latex=(latex_visit_en, latex_depart_en))
