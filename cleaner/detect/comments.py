"""Comment sections: from a comment heading over the comments, while comment evidence goes on.

Two kinds of evidence: a *heading* is a line matching a ``comments`` phrase ("Leave a Reply",
"3 Responses", "Comments"); *furniture* is a line matching ``rules/<lang>/comment_meta.txt``
(a commenter line "X says:", a date, "2 days ago", "Reply"). A section starts at a heading that
lies after some article prose, and chains on to the next evidence line while it is near
(``MAX_GAP`` lines). Prose may lie between two evidence lines only after furniture (it is a
comment's text); after a heading or counter, prose means the article goes on, so the chain
ends. A section covers at least ``MIN_EVIDENCE`` evidence lines; it also takes the prose after
its last line (the last comment's text) only when it holds furniture that follows prose,
the shape of real comments. Article text that resumes after the section stays.
"""
from __future__ import annotations

import re

from ..phrases import norm_line
from .base import Context
from .zones import main_region

MAX_GAP = 12
MAX_PROSE_GAP = 4
MIN_EVIDENCE = 2
FURNITURE_MAX_WORDS = 12


def _evidence(ctx: Context, meta: tuple[re.Pattern[str], ...]) -> list[tuple[int, bool]]:
    """``(line, is_furniture)`` for every evidence line, in order."""
    out = []
    for i, line in enumerate(ctx.lines):
        f = ctx.feats[i]
        furniture = 0 < f.words <= FURNITURE_MAX_WORDS and any(rx.search(norm_line(line.text)) for rx in meta)
        match = ctx.matches[i]
        if furniture or (match is not None and match.category == "comments"):
            out.append((i, furniture))
    return out


def _prose_between(ctx: Context, a: int, b: int) -> int:
    return sum(1 for i in range(a + 1, b) if ctx.protected(i))


def _near(ctx: Context, prev: tuple[int, bool], i: int) -> bool:
    between = sum(1 for j in range(prev[0] + 1, i) if not ctx.feats[j].blank)
    prose = _prose_between(ctx, prev[0], i)
    return between <= MAX_GAP and prose <= (MAX_PROSE_GAP if prev[1] else 0)


def _first_prose(ctx: Context) -> int | None:
    region = main_region(ctx)
    if region is None:
        return None
    return next((i for i in range(region[0], region[1] + 1) if ctx.protected(i)), None)


def _chains(ctx: Context, evidence: list[tuple[int, bool]]) -> list[list[tuple[int, bool]]]:
    first = _first_prose(ctx)
    if first is None:
        return []
    chains: list[list[tuple[int, bool]]] = []
    for item in evidence:
        if item[0] <= first:
            continue
        if chains and _near(ctx, chains[-1][-1], item[0]):
            chains[-1].append(item)
        elif not item[1] or (chains and len(chains[-1]) >= MIN_EVIDENCE):
            chains.append([item])
    return [c for c in chains if len(c) >= MIN_EVIDENCE]


def _has_comment_shape(ctx: Context, chain: list[tuple[int, bool]]) -> bool:
    """Some furniture line follows prose: comment text between comment furniture."""
    return any(f and _prose_between(ctx, chain[0][0], i) for i, f in chain[1:])


def comment_sections(ctx: Context, meta: tuple[re.Pattern[str], ...]) -> None:
    """Mark every line of each comment section as ``comments``."""
    for chain in _chains(ctx, _evidence(ctx, meta)):
        start, end = chain[0][0], chain[-1][0]
        if _has_comment_shape(ctx, chain):
            while end + 1 < len(ctx.lines) and (ctx.feats[end + 1].blank or ctx.protected(end + 1)):
                end += 1
        for i in range(start, end + 1):
            ctx.decide(i, "comments", "comments.section", evidence=f"heading line {start}")
