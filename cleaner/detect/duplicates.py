"""Lines that repeat a kept line of the same document.

Pages repeat themselves: a print or mobile copy of the article after the desktop one, the
teasers of related stories in two lists, a paragraph pasted twice. Kept twice, the repeat is
noise to every tool downstream (Gopher's and Dolma's duplicate-line filters; trafilatura's
``deduplicate``). The text itself is not lost: the first copy stays, and the span's evidence
names it.
"""
from __future__ import annotations

import re

from ..phrases import norm_line
from ..words import word_re
from .base import Context
from .zones import main_region

#: A line needs this many words to count as a repeat on its own: shorter ones ("Read more",
#: "Share", a list item such as "1 cup sugar") repeat legitimately, and boilerplate rules
#: handle them; they go only inside a copied block.
DUPLICATE_MIN_WORDS = 5
#: A repeat this long (a paragraph) goes on its own; a shorter one only in a run of
#: ``DUPLICATE_RUN`` repeats or more, or as page furniture (the title again, an article line
#: again after the article). A single repeated heading or quote within the article is part
#: of the text (a table of contents and its sections' headings, a pull quote, a refrain).
DUPLICATE_LONG_WORDS = 12
DUPLICATE_RUN = 2
#: What separates a headline from the site's name in a page's ``<title>``.
TITLE_SEPARATORS = "|-–—:»·•/"
_SITE_AFTER = re.compile(rf"\W*\s[{re.escape(TITLE_SEPARATORS)}]\s")
_SITE_BEFORE = re.compile(rf"\s[{re.escape(TITLE_SEPARATORS)}]\s\W*$")


def _key(text: str) -> str:
    return " ".join(text.split())


def _names_page(title: str, text: str) -> bool:
    """``text`` is the page's ``title``, or the title's part before or after a site name
    ("Headline | Site", "Site - Headline"), compared as phrases are (:func:`norm_line`: case,
    quotes, spacing and the punctuation at either end aside)."""
    title, text = norm_line(title), norm_line(text)
    if not title or not text:
        return False
    if title == text:
        return True
    return (title.startswith(text) and _SITE_AFTER.match(title, len(text)) is not None) or (
        title.endswith(text) and _SITE_BEFORE.search(title[: len(title) - len(text)]) is not None)


def _repeats(ctx: Context) -> list[tuple[int, int]]:
    """Each kept line with words in order, with its first kept copy when it repeats one
    (else ``-1``)."""
    first: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for i, line in enumerate(ctx.lines):
        if i in ctx.decided or not ctx.feats[i].words:
            continue
        copy = first.setdefault(_key(line.text), i)
        out.append((i, copy if copy != i else -1))
    return out


def duplicate_lines(ctx: Context) -> None:
    """Remove a kept line's later copies where the copy is a paragraph, lies in a run of
    copies (:data:`DUPLICATE_LONG_WORDS`, :data:`DUPLICATE_RUN`), repeats the page's
    ``<title>`` (HTML) or repeats a line of the article after its end: a share box, the
    related or next-story links quoting the headline.

    Only lines still kept take part: a first copy that another rule removed leaves the later
    one alone, and lines a keep rule holds are never removed.
    """
    run: list[tuple[int, int]] = []
    for i, copy in [*_repeats(ctx), (-1, -1)]:
        if copy >= 0:
            run.append((i, copy))
            continue
        for j, first in _going(ctx, run):
            ctx.decide(j, "duplicate", "doc.duplicate", evidence=f"copy of line {first}")
        run = []


def _going(ctx: Context, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The copies of a run (consecutive kept lines that all repeat earlier ones) that go:
    all of them when :data:`DUPLICATE_RUN` of them have :data:`DUPLICATE_MIN_WORDS` words
    (a copied block takes its short lines with it), else the paragraphs and the furniture."""
    worded = [(j, first) for j, first in run if ctx.feats[j].words >= DUPLICATE_MIN_WORDS]
    if len(worded) >= DUPLICATE_RUN:
        return run
    return [(j, first) for j, first in worded
            if ctx.feats[j].words >= DUPLICATE_LONG_WORDS or _furniture(ctx, j, first)]


def _furniture(ctx: Context, j: int, first: int) -> bool:
    """Copy ``j`` of line ``first`` repeats the page's title, or lies after the main region
    (:func:`~cleaner.detect.zones.main_region`) while ``first`` does not."""
    if _names_page(ctx.title, ctx.lines[first].text):
        return True
    region = main_region(ctx)
    return region is not None and j > region[1] >= first


#: How a teaser's cut shows at its end: an ellipsis ("...", "…"), bare or in brackets
#: ("[…]", "(...)"), maybe before a closing quote.
_CUT = re.compile(r"\s*[\[(]?(?:\.{3,}|…)[\])]?[\"'”’»]?$")


def _words(text: str) -> list[str]:
    """The words of ``text`` in lower case, as the word counts see them (with their marks:
    a Hindi word is not cut at its vowel signs)."""
    return word_re().findall(text.casefold())


def _cut_lines(ctx: Context) -> list[tuple[int, list[str]]]:
    """Kept lines that end in an ellipsis, with their words before it, when they have more
    than :data:`DUPLICATE_MIN_WORDS` (the last word may be cut short: "… the stor...")."""
    out = []
    for i, line in enumerate(ctx.lines):
        if i in ctx.decided or not ctx.feats[i].words:
            continue
        cut = _CUT.search(line.text)
        if cut:
            words = _words(line.text[: cut.start()])
            if len(words) > DUPLICATE_MIN_WORDS:
                out.append((i, words))
    return out


def _completes(words: list[str], full: list[str]) -> bool:
    """``full`` starts with ``words``, whose last word may be cut short, and goes on: with the
    same words and no more, the ellipsis is the writer's, not a cut ("Henry's golden rule of
    entertaining…" under the heading that says it, before the rule is told)."""
    n = len(words)
    if len(full) < n or full[: n - 1] != words[:-1] or not full[n - 1].startswith(words[-1]):
        return False
    return len(full) > n or full[n - 1] != words[-1]


def truncated_copies(ctx: Context) -> None:
    """Remove a kept line that ends in an ellipsis where another kept line says it in full.

    A teaser repeats a story's first words and breaks off ("Council approves the new bus
    lanes on…"): in a related list above or below the story, a meta description before the
    lead, a social post quoting a paragraph. The full line stays and the evidence names it;
    a cut line without its full text elsewhere stays too.
    """
    cut = _cut_lines(ctx)
    if not cut:
        return
    by_start: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}  # a cut line's first two words are whole
    for j, line in enumerate(ctx.lines):
        words = _words(line.text) if ctx.feats[j].words else []
        if len(words) > 1:
            by_start.setdefault((words[0], words[1]), []).append((j, words))
    for i, words in cut:
        fuller = [(len(other), j) for j, other in by_start[words[0], words[1]]
                  if j != i and j not in ctx.decided and _completes(words, other)]
        if fuller:  # the fullest names the text that stays
            ctx.decide(i, "duplicate", "doc.truncated_copy", evidence=f"cut copy of line {max(fuller, key=lambda f: (f[0], -f[1]))[1]}")
