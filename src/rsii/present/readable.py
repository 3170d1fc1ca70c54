"""The book's MyST inline markup as a reader sees it where no Sphinx runs: plain text
(a console, a notebook's text/plain) and HTML (JupyterLab shows a notebook's text/html
before its Markdown).

The book writes its tables and glued values in MyST, with roles that only Sphinx
resolves: ``{ref}`label <target>``` (a link to the register or the article),
``{ar}`…``` (an Arabic run) and ``{cite:p}`key,…``` (the bibliography). Outside the
book a link keeps its label, an Arabic run its text (in HTML marked right to left), a
citation its keys in brackets; no role's braces or backticks are left.
"""

from __future__ import annotations

import html
import re

from rsii.present import arabic

# A role with its content (``{name}`content```) or inline code (```code```).
_MARKUP = re.compile(r"\{(?P<role>[A-Za-z][\w:+.-]*)\}`(?P<body>[^`]*)`|`(?P<code>[^`]*)`")
# A role's content that names its target apart from its label: "label <target>".
_LABELLED = re.compile(r"^(?P<label>.*?)\s*<[^<>]*>$", re.DOTALL)


def _role_text(role: str, body: str) -> str:
    """What a role shows a reader: a citation its keys, anything else its label."""
    if role.startswith("cite"):
        keys = ", ".join(k.strip() for k in body.split(",") if k.strip())
        return keys if role == "cite:t" else f"[{keys}]"
    labelled = _LABELLED.match(body)
    return labelled["label"] if labelled and labelled["label"] else body


def _unescape(text: str) -> str:
    """Markdown's backslash escapes (the tables escape "|" in cells) as the character."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", text)


def plain(myst: str) -> str:
    """``myst`` as plain text: each role's label, code without its backticks."""
    out, last = [], 0
    for match in _MARKUP.finditer(myst):
        out.append(_unescape(myst[last : match.start()]))
        if match["code"] is not None:
            out.append(match["code"])
        else:
            out.append(_role_text(match["role"], match["body"]))
        last = match.end()
    out.append(_unescape(myst[last:]))
    return "".join(out)


def _html_text(text: str) -> str:
    """Escaped text, each Arabic run marked with its language and direction."""
    return "".join(
        f'<span lang="ar" dir="rtl">{html.escape(piece)}</span>' if ar else html.escape(piece)
        for piece, ar in arabic.pieces(text)
    )


def inline_html(myst: str) -> str:
    """``myst`` as HTML: labels and citations as text, code as ``<code>``, Arabic runs
    (marked with ``{ar}`` or not) as right-to-left spans."""
    out, last = [], 0
    for match in _MARKUP.finditer(myst):
        out.append(_html_text(_unescape(myst[last : match.start()])))
        if match["code"] is not None:
            out.append(f"<code>{html.escape(match['code'])}</code>")
        else:
            out.append(_html_text(_role_text(match["role"], match["body"])))
        last = match.end()
    out.append(_html_text(_unescape(myst[last:])))
    return "".join(out)


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """A table of MyST cells as an HTML table, every cell through :func:`inline_html`."""

    def row(cells: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{inline_html(c)}</{tag}>" for c in cells) + "</tr>"

    head = row(header, "th")
    body = "".join(row(r, "td") for r in rows)
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
