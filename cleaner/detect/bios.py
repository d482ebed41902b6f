"""Author bios that close an article: "Jane Doe is a professor of law at …".

A bio names the author and what they do, and comes after the article's last paragraph (the
"about the author" note of op-eds, guest posts and blogs). The same sentence at the top of a
page introduces a guest author and belongs to the text, and inside the article it describes
someone the story is about: so a line of that shape goes only when no article paragraph
follows it, or when it sits in an author box: under an author-box phrase ("About the
author"), or above one, share buttons, a list of posts ("More posts by Jane Doe") or the
comments' heading; an ad line next to it is no such box. The shapes are phrase data, per language
(``rules/<lang>/bio_lines.txt``); they are not in the phrase lists, which apply anywhere.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..phrases import load_patterns, norm_line
from ..regexindex import index_of
from ..words import word_re
from .base import Context

#: A bio is a short paragraph; a longer line is article text whatever it starts with.
BIO_MAX_WORDS = 80
#: What the line after a bio may be for the bio to close an author box before the article ends
#: (the comment section's heading follows the box on blogs: "Comments", "Leave a Reply").
BOX_AFTER = ("author_bio", "share", "navigation", "comments")
#: An author box's heading ("About Jane Doe") has at most this many words; the name it gives
#: recurs in the bio's first ``NAME_WORDS`` words.
NAME_MAX_WORDS = 6
NAME_WORDS = 12


def closing_bios(ctx: Context) -> None:
    """Remove bio-shaped kept lines that follow the article's paragraphs and are followed by
    none (:meth:`~cleaner.detect.base.Context.protected` lines still kept)."""
    prose = [i for i in range(len(ctx.lines)) if ctx.open(i) and ctx.protected(i)]
    if not prose:
        return
    bios = sorted(bio_shaped(ctx, (i for i in range(prose[0] + 1, len(ctx.lines)) if ctx.open(i))))
    last_paragraph = max(set(prose) - set(bios), default=-1)
    for i in bios:
        if i > last_paragraph:
            ctx.decide(i, "author_bio", "author_bio.closing", evidence=f"after line {last_paragraph}")
        elif (box := _box_line(ctx, i)) is not None:
            ctx.decide(i, "author_bio", "author_bio.closing", evidence=f"author box at line {box}")
        else:
            continue
        name = _name_above(ctx, i)
        if name is not None:
            ctx.decide(name, "author_bio", "author_bio.closing", evidence=f"name over the bio at line {i}")


def _name_above(ctx: Context, i: int) -> int | None:
    """The author box's heading over bio line ``i``: a short open line ("About Jane Doe",
    "Jane Doe", "Über Anna Berger", "JANE DOE") whose capitalised words name the author: its
    last one (the surname) and all but one of them recur, in any case, in the bio's first
    :data:`NAME_WORDS` words ("Doe covers courts for …" under "JANE DOE")."""
    j = ctx.neighbour(i, -1)
    if j is None or not ctx.open(j) or not 0 < ctx.feats[j].words <= NAME_MAX_WORDS or ctx.feats[j].terminal:
        return None
    names = [w.casefold() for w in word_re().findall(ctx.lines[j].text) if w[:1].isupper()]
    opening = {w.casefold() for w in word_re().findall(ctx.lines[i].text)[:NAME_WORDS]}
    return j if names and names[-1] in opening and len(set(names) - opening) <= 1 else None


def bio_shaped(ctx: Context, lines: Iterable[int]) -> set[int]:
    """Those of ``lines`` that have the shape of a bio (``rules/<lang>/bio_lines.txt``) and are
    no longer than one (:data:`BIO_MAX_WORDS`). Also names the category of the lines another
    rule removes (the line model), wherever they are."""
    shapes = load_patterns(ctx.languages, "bio_lines", normalised=True)
    if not shapes:
        return set()
    index = index_of(shapes)  # tries only the shapes whose words the line holds
    return {i for i in lines if ctx.feats[i].words <= BIO_MAX_WORDS
            and index.first_match(norm_line(ctx.lines[i].text)) is not None}


def _box_line(ctx: Context, i: int) -> int | None:
    """The author box a bio-shaped line sits in, if its neighbours say so: the line above is an
    author-box phrase ("About the author"), or the line below one of an author box, share
    buttons, a list of posts ("More from Jane Doe", "Latest posts") or the comment section's
    heading. Blank lines are skipped."""
    for j, categories in ((ctx.neighbour(i, -1), ("author_bio",)), (ctx.neighbour(i, 1), BOX_AFTER)):
        d = ctx.decided.get(j) if j is not None else None
        if d is not None and d.rule.startswith("phrase.") and d.category in categories:
            return j
    return None


