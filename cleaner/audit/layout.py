"""The page frame shared by every audit page: inline CSS, navigation, escaping helpers."""
from __future__ import annotations

import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..document import CATEGORIES
from .svg import COLORS, color

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1em 3em;color:#1c1917}
nav{padding:.6em 0;border-bottom:1px solid #e7e5e4;margin-bottom:1em}nav a{margin-right:1em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #e7e5e4;padding:3px 8px;
text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
pre.doc{white-space:pre-wrap;word-break:break-word;background:#fafaf9;border:1px solid #e7e5e4;padding:1em}
mark{border-radius:2px;padding:0 1px;color:inherit}mark.flagged{outline:1px dashed #1c1917;background:none}
.legend span{display:inline-block;margin:0 .8em .3em 0}.sw{display:inline-block;width:.9em;height:.9em;
vertical-align:middle;margin-right:.3em;border-radius:2px}.warn{background:#fef3c7;border:1px solid #f59e0b;
padding:.5em 1em}.ex{color:#57534e;font-size:90%}code{background:#f5f5f4;padding:0 2px}
svg .lbl{font:12px system-ui,sans-serif;fill:#1c1917}svg .val{font:12px system-ui,sans-serif;fill:#57534e}
"""
MARK_CSS = "".join(f"mark.cat-{c}{{background:{col}40;border-bottom:2px solid {col}}}" for c, col in COLORS.items())


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(value), quote=True)


def href(target: Path, page_dir: Path, anchor: str = "") -> str:
    """A relative, URL-quoted, escaped link from a page in ``page_dir`` to ``target``."""
    rel = Path(os.path.relpath(target, page_dir)).as_posix()
    return esc(quote(rel) + (f"#{anchor}" if anchor else ""))


def legend() -> str:
    """The category colours."""
    items = "".join(f'<span><i class="sw" style="background:{color(c)}"></i>{esc(c)}</span>' for c in CATEGORIES)
    return f'<p class="legend">{items}<span><i class="sw" style="outline:1px dashed #000"></i>detected, kept by configuration</span></p>'


def page(title: str, body: str, root: str) -> str:
    """A whole HTML page; ``root`` is the relative path prefix back to the report folder."""
    links = (
        f'<a href="{esc(root)}index.html">Overview</a><a href="{esc(root)}documents-1.html">Documents</a>'
        f'<a href="{esc(root)}problems.html">Rejected and failed</a>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">'
        f"<title>{esc(title)}</title><style>{CSS}{MARK_CSS}</style></head>"
        f"<body><nav>{links}</nav><h1>{esc(title)}</h1>\n{body}\n</body></html>\n"
    )


def table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """A table of already-escaped cells; columns in ``numeric`` are right-aligned."""
    th = "".join(f'<th{" class=n" if i in numeric else ""}>{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def pct(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole``."""
    return f"{100 * part / whole:.1f}%" if whole else "–"
