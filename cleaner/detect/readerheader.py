"""The header a reader service writes above a page's Markdown (Jina Reader's ``Title: …``,
``URL Source: …``, ``Published Time: …``, then ``Markdown Content:``): the page's metadata,
not its text.

Its lines go (category ``other``, rule ``markdown.reader_header``), and the pipeline takes
the title, URL and date they give into the sidecar (:func:`header_fields`), as it takes an
HTML page's from its head. Only a document that opens with ``Title:`` and reaches
``Markdown Content:`` within :data:`MAX_FIELDS` lines has one.
"""
from __future__ import annotations

import re

from ..markdown import READER_HEADER_END as END
from .base import Context

RULE = "markdown.reader_header"
#: Header lines at most, ``END`` included.
MAX_FIELDS = 10
_FIELD_RE = re.compile(r"^([A-Z][A-Za-z ]{1,30}): ?(.*)$")
#: Header field -> sidecar field.
FIELDS = {"Title": "title", "URL Source": "url", "Published Time": "date"}


def _header(ctx: Context) -> list[tuple[int, str, str]]:
    """The header's lines as (line, field, value), or none when the document has no header."""
    out: list[tuple[int, str, str]] = []
    for i, line in enumerate(ctx.lines[:MAX_FIELDS]):
        text = line.text.strip()
        if text == END and out:
            return [*out, (i, "", "")]
        m = _FIELD_RE.match(text)
        if m is None or (not out and m.group(1) != "Title"):
            return []
        out.append((i, m.group(1), m.group(2).strip()))
    return []


def reader_header(ctx: Context) -> None:
    """Remove a reader service's header (the module doc) from a text document; its title
    becomes the context's, as an HTML page's does (a later copy of it may go as a duplicate)."""
    if ctx.is_html:  # a page's head says what such a header would
        return
    for i, name, value in _header(ctx):
        ctx.decide(i, "other", RULE, evidence=f"header field {name or END}")
        if name == "Title" and value and not ctx.title:
            ctx.title = value


def header_fields(ctx: Context) -> dict[str, str]:
    """The sidecar fields (title, url, date) of the header lines this rule removed."""
    out: dict[str, str] = {}
    for i, d in ctx.decided.items():
        m = _FIELD_RE.match(ctx.lines[i].text.strip()) if d.rule == RULE else None
        if m and m.group(1) in FIELDS and m.group(2).strip():
            out.setdefault(FIELDS[m.group(1)], m.group(2).strip())
    return out
