"""Markdown scrapes: judge each line by the text a reader sees, not by its markup.

Scrapers such as html2text, Firecrawl, Jina Reader or crawl4ai write a page as Markdown: a
menu becomes a line of ``[Home](https://…) [News](https://…)``, an article paragraph keeps
its inline links, a logo becomes ``![alt](https://…/logo.png)``. Judged as written, the URLs
make a menu look like a long line of words and hide the comment section's shape. A document
with at least :data:`MIN_LINKS` inline links or images counts as Markdown (a plain-text dump
has at most one); each of its lines is then read as its *visible text*: link text without
its URL, no images, no heading, list, definition, quote or emphasis markers, no backslash
escapes. Its link density (the share of that text inside links) is a line-model feature, as
for a page.

When the Markdown is hard-wrapped (html2text's default), its paragraphs are joined by
Markdown's rule (:func:`cleaner.blocks.markdown_paragraphs`), and a link broken over a line
end reads as its text.

Only what detection reads changes: each line keeps its source offsets, so a removal cuts the
line as written and the clean text keeps the Markdown of the lines it keeps. A line of markup
alone (an image, a table or horizontal rule, a link definition) reads as blank: like a blank
line it is layout, which detection skips (a page dump has no such lines, and judging them as
lines without words made the model's view of their neighbours worse). It holds no text, so
it goes all the same, as :data:`MARKUP_RULE` (category ``other``), next to the detected spans.
"""
from __future__ import annotations

import re

from .document import Line, Span

MIN_LINKS = 3
#: The name of the removal of a Markdown line of markup alone (listed by ``cleaner rules``).
MARKUP_RULE = "markdown.markup"
#: The last line of Jina Reader's header (:mod:`cleaner.detect.readerheader`).
READER_HEADER_END = "Markdown Content:"
MARKUP_DOC = "a Markdown line of markup alone (an image, a rule): no text (text documents in Markdown)"

# Bounded, and no bracket inside a link's text: each "[" starts a short scan, so a line of
# brackets costs linear time (unbounded, a 40,000-character line took seconds).
_TEXT = r"\[([^\[\]\n]{0,500})\]"
_URL = r"\((?:[^()\n]|\([^()\n]{0,200}\)){0,2000}\)"  # one level of parentheses inside
_TARGET = r"(?:" + _URL + r"|\[[^\[\]\n]{0,500}\])"  # (url) or [ref]
_INLINE_RE = re.compile(r"!?" + _TEXT + _URL)
_IMAGE_RE = re.compile(r"!" + _TEXT + _TARGET)
_LINK_RE = re.compile(_TEXT + _TARGET)
_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$")
_PREFIX_RE = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|[*+-]\s+|\d{1,3}[.)]\s+|:(?: {2,}|\t)\s*)?")
_EMPHASIS_RE = re.compile(r"\*{1,3}|(?<![\w\\])_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)|~~|`+")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
#: A line that starts a block of its own: heading, list item, quote, table row, fence, rule
#: (or a heading's "===" underline),
#: or a definition (``:   text``, as markdownify and Pandoc write a ``<dd>``: a comment's
#: text under its author line, a caption under its image). A definition's colon is followed
#: by two spaces or more (or a tab): French prose wrapped before its " : " is not one.
_BLOCK_START_RE = re.compile(
    r"^ {0,3}(?:#{1,6}(?:\s|$)|[*+-]\s|\d{1,9}[.)]\s|:(?: {2,}|\t)|>|\||```|~~~|(?:[-*_] *){3,}$|={3,} *$)"
)


def is_markdown(text: str) -> bool:
    """Whether ``text`` is written in Markdown (at least :data:`MIN_LINKS` inline links or images)."""
    found = 0
    for _ in _INLINE_RE.finditer(text):
        found += 1
        if found >= MIN_LINKS:
            return True
    return False


def starts_block(line: str) -> bool:
    """Whether a Markdown line starts a block of its own (a heading, a list item, a
    definition, a quote, a table row, a fence or a rule), rather than going on with the
    paragraph above."""
    return _BLOCK_START_RE.match(line) is not None


def ends_block(line: str) -> bool:
    """Whether a Markdown line ends its block: a heading, a table row, a hard line break
    (two trailing spaces or a backslash), which a renderer shows as a line of its own, or
    the end of a reader service's header ("Markdown Content:", which the page follows)."""
    return line.endswith(("  ", "\\")) or line.lstrip().startswith(("#", "|")) or line.strip() == READER_HEADER_END


def visible_text(line: str) -> str:
    """The text a reader sees of one Markdown line (``""`` for markup alone)."""
    if not line.strip():
        return line
    line = line.replace("\n", " ")  # a wrapped block: a link may run over a line end
    if _DEFINITION_RE.match(line):
        return ""
    text = _LINK_RE.sub(r"\1", _IMAGE_RE.sub("", line))
    text = _ESCAPE_RE.sub(r"\1", _EMPHASIS_RE.sub("", _PREFIX_RE.sub("", text, count=1)))
    text = " ".join(text.split())
    return text if any(ch.isalnum() for ch in text) else ""


def link_share(line: str, visible: str) -> float:
    """The share of a line's visible text that is link text (its link density, as for HTML)."""
    if not visible:
        return 0.0
    links = _LINK_RE.finditer(_IMAGE_RE.sub("", line.replace("\n", " ")))
    return min(1.0, sum(len(" ".join(m.group(1).split())) for m in links) / len(visible))


def visible_lines(lines: list[Line]) -> list[Line]:
    """``lines`` read as visible text, each with its source offsets unchanged and its link
    density (the line model weighs it, as for a rendered page)."""
    out = []
    for l in lines:
        visible = visible_text(l.text)
        out.append(Line(l.index, l.start, l.end, l.stop, visible, link_density=link_share(l.text, visible)))
    return out


def markup_spans(source: str, lines: list[Line]) -> list[Span]:
    """Spans of the lines that read as blank but are not (Markdown markup alone)."""
    return [Span(l.start, l.stop, "other", MARKUP_RULE) for l in lines
            if not l.text.strip() and source[l.start:l.end].strip()]
