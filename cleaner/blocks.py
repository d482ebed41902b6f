"""Hard-wrapped text: join the lines of a wrapped paragraph into one block.

Some plain-text scrapes (console browser dumps, mail archives, old pages) wrap paragraphs at
a fixed width, so one paragraph spans several lines. Judged line by line, such a paragraph
looks like a run of fragments. A document counts as wrapped when many of its lines end near
one common width, mostly in mid-sentence; then a line that reaches that width is joined with
the next line, unless it ends a sentence where the next line's first word would have fitted
(then the break was the writer's, not the wrapper's). A blank line ends a block, and a line
well over the width stands alone (it is a paragraph of a page dumped one block per line,
not part of a wrapped one). A block
keeps its source offsets (``text == source[start:end]``, inner line ends included), so
removing it removes all its lines and replay stays exact.

A wrapped Markdown document is joined by Markdown's own rule instead (a paragraph runs to a
blank line or to a line that starts a block: :func:`markdown_paragraphs`): its width says
little, since a link that does not fit moves whole to the next line.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .document import Line
from .markdown import ends_block, is_markdown, starts_block, visible_lines
from .spans import split_lines

MIN_WIDTH = 40
MAX_WIDTH = 140
SLACK = 22
MIN_WRAPPED_SHARE = 0.3
MIN_LINES = 8
#: Wrapped lines that go on in lower case on the next line: enough to call a page wrapped.
MIN_CONTINUED = 3
#: Columns of doubt about the width (read off the longest lines, which may stop a little
#: short of it) when asking whether the next line's first word would have fitted.
FIT_SLACK = 2
_TERMINAL = (".", "!", "?", ":", '"', "”", "'", "’", ")")


def _wordy(text: str) -> bool:
    """Five words or more (split on any white space: indents and trailing blanks do not count)."""
    return len(text.split(maxsplit=4)) == 5


def _length(text: str) -> int:
    """The length of a line's text, without the white space around it."""
    return len(text.strip())


def _busiest_width(lengths: list[int]) -> int:
    """The width with the most lines ending within ``SLACK`` below it (the largest on a tie)."""
    best, width = -1, MIN_WIDTH
    for w in range(MIN_WIDTH, MAX_WIDTH + 1):
        n = bisect_right(lengths, w) - bisect_left(lengths, w - SLACK)
        if n >= best:
            best, width = n, w
    return width


def wrap_width(lines: list[Line], markup: bool = False) -> int | None:
    """The width a document's lines are wrapped at, or ``None`` when it is not wrapped.

    ``markup``: the document is Markdown, whose unbreakable URLs and table rows run past the
    width; the width is then the one most lines end just below, not the 95th percentile.
    """
    lengths = sorted(_length(l.text) for l in lines if _wordy(l.text))
    if len(lengths) < 2:
        return None
    width = _busiest_width(lengths) if markup else lengths[int(0.95 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = [l for l in lines if _near(l.text, width)]
    open_ended = sum(1 for l in near if not l.text.rstrip().endswith(_TERMINAL))
    wrapped = len(lengths) >= MIN_LINES and len(near) >= MIN_WRAPPED_SHARE * len(lengths) and open_ended >= len(near) / 2
    return width if wrapped or _continued(lines, width) >= MIN_CONTINUED else None


def _continued(lines: list[Line], width: int) -> int:
    """How many lines end near ``width`` in mid-sentence and go on, in lower case, on the
    next line: the mark of a wrapped paragraph, even in a page mostly of short lines."""
    n = 0
    for line, nxt in zip(lines, lines[1:]):
        if nxt.text.lstrip()[:1].islower() and _near(line.text, width) and not line.text.rstrip().endswith(_TERMINAL):
            n += 1
    return n


def _near(text: str, width: int) -> bool:
    """A wordy line that ends within ``SLACK`` below ``width``: as a wrapped line does."""
    return _wordy(text) and width - SLACK <= _length(text) <= width


def _join(source: str, group: list[Line], index: int) -> Line:
    first, last = group[0], group[-1]
    return Line(index, first.start, last.end, last.stop, source[first.start : last.end])


def merge_wrapped(source: str, lines: list[Line]) -> list[Line]:
    """``lines`` with each wrapped paragraph joined into one block (unchanged if not wrapped)."""
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[Line] = []
    group: list[Line] = []
    for k, line in enumerate(lines):
        if not line.text.strip() or _length(line.text) > width + SLACK:
            if group:
                out.append(_join(source, group, len(out)))
                group = []
            out.append(_join(source, [line], len(out)))
            continue
        group.append(line)
        if not _goes_on(line.text, lines[k + 1].text if k + 1 < len(lines) else "", width):
            out.append(_join(source, group, len(out)))
            group = []
    if group:
        out.append(_join(source, group, len(out)))
    return out


def _goes_on(text: str, following: str, width: int) -> bool:
    """A wrapped line, continued on the next one: it reaches near the width, and it does not
    end a sentence where the next line's first word would have fitted on it (a wrapper breaks
    a line only where the next word does not fit: a sentence ending 20 columns short, above a
    heading of short words, ends its paragraph), nor above a stray line (:func:`_stray`)."""
    words = following.split(maxsplit=1)
    n = _length(text)
    if n < width - SLACK or not _wordy(text) or not words:
        return False
    ends_sentence = text.rstrip().endswith(_TERMINAL)
    if ends_sentence and _stray(following, width):
        return False
    fits = n + 1 + len(words[0]) <= width - FIT_SLACK
    return not (fits and ends_sentence)


def _stray(following: str, width: int) -> bool:
    """A line that cannot go on a paragraph whose last sentence just ended: it opens in lower
    case, as no new sentence does, ends without a sentence's mark and is short of the width
    (a link left under the text: "zurück zur Startseite")."""
    text = following.strip()
    return text[:1].islower() and not text.endswith(_TERMINAL) and len(text) < width - SLACK


def markdown_paragraphs(source: str, lines: list[Line]) -> list[Line]:
    """``lines`` of a Markdown document with each paragraph joined into one block.

    In Markdown a paragraph runs over consecutive lines up to a blank line or a line that
    starts a block of its own (heading, list item, quote, table row...): wrapped or not, and
    whatever the width, each paragraph and each list item becomes one block.
    """
    out: list[Line] = []
    group: list[Line] = []
    for line in lines:
        if group and (not line.text.strip() or starts_block(line.text)):
            out.append(_join(source, group, len(out)))
            group = []
        if not line.text.strip():
            out.append(_join(source, [line], len(out)))
            continue
        group.append(line)
        if ends_block(line.text):
            out.append(_join(source, group, len(out)))
            group = []
    if group:
        out.append(_join(source, group, len(out)))
    return out


def text_lines(text: str) -> list[Line]:
    """The lines of a plain-text document, wrapped paragraphs joined (see the module doc);
    a Markdown document's paragraphs, each read as its visible text (:mod:`cleaner.markdown`)."""
    lines = split_lines(text)
    if not is_markdown(text):
        return merge_wrapped(text, lines)
    wrapped = wrap_width(lines, markup=True) is not None
    return visible_lines(markdown_paragraphs(text, lines) if wrapped else lines)
