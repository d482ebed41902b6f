"""A flat HTML renderer for pages lxml cannot hold: one line per block, no tree.

libxml2 silently drops content nested deeper than its depth limit (about 2,048 levels), so a
page nested that deep renders to nothing. :func:`lost_text` notices when a parsed tree holds
much less text than a crude tag-stripped copy of the page (asked only when libxml2 reported
its depth limit or there is no tree: ``cleaner.html.parse``); such a page is then rendered by
:func:`flat_blocks`, built on Python's :mod:`html.parser`, which streams tags without
building a tree (linear in the page, whatever its depth). Its lines carry the innermost
block tag but no DOM hints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .document import shown_explained

#: The tree lost text when it holds less than this share of the crude text's letters.
MIN_KEPT_SHARE = 0.5
_TAG_RE = re.compile(r"<[^<>]*>")
_WS_RE = re.compile(r"\s+")
#: Bytes that are not an ASCII letter or digit (all of UTF-8's multi-byte sequences too).
_NOT_ASCII_ALNUM = bytes(b for b in range(256) if b >= 128 or not chr(b).isalnum())
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_CONTENT_SKIP = frozenset(
    "script style noscript template title svg math iframe object canvas select textarea".split()
)
#: A ruby annotation (furigana, pinyin) over its base text: ends at its closing tag, at the
#: next annotation or at the ruby's end (its end tags may be left out), or at a block.
RUBY_NOTES = frozenset(("rt", "rp", "rtc"))
_RUBY_NOTE_ENDS = RUBY_NOTES | {"ruby"}


@dataclass(frozen=True, slots=True)
class FlatPage:
    """A page to render flat: its HTML, kept because no usable tree exists."""

    html: str


def _strip_comments(html: str) -> str:
    """``html`` without ``<!-- ... -->`` comments (an unclosed one runs to the end)."""
    out: list[str] = []
    pos = 0
    while True:
        start = html.find("<!--", pos)
        if start < 0:
            out.append(html[pos:])
            return "".join(out)
        out.append(html[pos:start])
        end = html.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3


def letters(text: str) -> int:
    """Letters and digits in ``text`` (what ``str.isalnum`` holds for): the ASCII ones counted
    on bytes, the others one by one (a page's markup is mostly ASCII)."""
    count = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_ALNUM))
    if not text.isascii():
        count += sum(map(str.isalnum, "".join(_NON_ASCII_RE.findall(text))))
    return count


def lost_text(tree, html: str) -> bool:
    """Did parsing ``html`` into ``tree`` (lxml) lose most of the page's text?"""
    crude = letters(_TAG_RE.sub(" ", _strip_comments(html)))
    if not crude:
        return False
    kept = letters(" ".join(tree.itertext())) if tree is not None else 0
    return kept < MIN_KEPT_SHARE * crude


class _FlatParser(HTMLParser):
    """Collects ``(text, tag)`` blocks from a stream of tags."""

    def __init__(self, block_tags: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.block_tags = block_tags
        self.blocks: list[tuple[str, str]] = []
        self.parts: list[str] = []
        self.tag = ""
        self.skipping: list[str] = []
        self.in_note = False
        self.steps: dict[str, None] = {}  # what showing the text did (ordered set)

    def flush(self) -> None:
        text, steps = shown_explained("".join(self.parts))
        self.steps.update(dict.fromkeys(steps))
        text = _WS_RE.sub(" ", text).strip()
        if text:
            self.blocks.append((text, self.tag))
        self.parts = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.skipping = []  # an unclosed <head> ends where the body starts
        self.in_note = tag in RUBY_NOTES or (self.in_note and tag not in self.block_tags)
        if tag in _CONTENT_SKIP:
            self.skipping.append(tag)
        elif tag in self.block_tags and not self.skipping:
            self.flush()
            self.tag = tag

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in self.block_tags and not self.skipping:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _RUBY_NOTE_ENDS or tag in self.block_tags:
            self.in_note = False
        if tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in self.block_tags and not self.skipping:
            self.flush()
            self.tag = ""

    def handle_data(self, data: str) -> None:
        if not (self.skipping or self.in_note):
            self.parts.append(data)


def flat_blocks(html: str, block_tags: frozenset[str]) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """``(text, innermost block tag)`` of every visible block of ``html``, in order; and the
    steps showing the text took (:func:`cleaner.document.shown_explained`)."""
    parser = _FlatParser(block_tags)
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks, tuple(parser.steps)
