"""Comment sections: from a comment marker over the comments, while comment evidence goes on.

Evidence is a line that matches a ``comments`` phrase ("Leave a Reply", "3 Responses",
"X says:") or a comment's furniture (``rules/<lang>/comment_meta.txt``: dates, "2 days ago",
"Reply"). A section starts at a comments phrase inside or after the main text, needs at least
``MIN_EVIDENCE`` evidence lines, and goes on while the next evidence is near (``MAX_GAP``
lines, of which at most ``MAX_PROSE_GAP`` prose lines); then over the last comment's prose.
Article text that resumes after a gap wider than that is not part of the section.
"""
from __future__ import annotations

import re

from ..phrases import norm_line
from .base import Context
from .zones import main_region

MAX_GAP = 12
MAX_PROSE_GAP = 4
MIN_EVIDENCE = 2


def _evidence(ctx: Context, meta: tuple[re.Pattern[str], ...]) -> list[tuple[int, bool]]:
    """``(line, is_phrase)`` for every evidence line, in order."""
    out = []
    for i, line in enumerate(ctx.lines):
        match = ctx.matches[i]
        if match is not None and match.category == "comments":
            out.append((i, True))
        elif not ctx.feats[i].blank and ctx.feats[i].words <= 12:
            norm = norm_line(line.text)
            if any(rx.search(norm) for rx in meta):
                out.append((i, False))
    return out


def _near(ctx: Context, a: int, b: int) -> bool:
    between = [i for i in range(a + 1, b) if not ctx.feats[i].blank]
    prose = sum(1 for i in between if ctx.protected(i))
    return len(between) <= MAX_GAP and prose <= MAX_PROSE_GAP


def _chains(ctx: Context, evidence: list[tuple[int, bool]], start: int) -> list[list[int]]:
    chains: list[list[int]] = []
    for i, is_phrase in evidence:
        if i < start:
            continue
        if chains and _near(ctx, chains[-1][-1], i):
            chains[-1].append(i)
        elif is_phrase or chains:
            chains.append([i])
    return [c for c in chains if len(c) >= MIN_EVIDENCE]


def comment_sections(ctx: Context, meta: tuple[re.Pattern[str], ...]) -> None:
    """Mark every line of each comment section as ``comments``."""
    region = main_region(ctx)
    start = region[0] if region else 0
    for chain in _chains(ctx, _evidence(ctx, meta), start):
        end = chain[-1]
        while end + 1 < len(ctx.lines) and (ctx.feats[end + 1].blank or ctx.protected(end + 1)):
            end += 1
        for i in range(chain[0], end + 1):
            ctx.decide(i, "comments", "comments.section", evidence=f"marker line {chain[0]}")
