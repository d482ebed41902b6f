"""A table of contents: short lines that recur later, in the same order, as the headings of
the sections they list (a blog's "Table of Contents" box, a wiki's "Contents").

The entries go (``navigation.toc``); the headings they name are the article's own and stay,
kept by the same rule, so no word of the article is lost: each entry's text is still
there, in its heading. What tells such a table from a menu printed twice (header and footer)
is the spread: the headings stand apart, with article prose between each two of them.
"""
from __future__ import annotations

import re

from .base import Context

RULE = "navigation.toc"
#: Entries a table needs at least.
TOC_MIN_ENTRIES = 3
#: Words an entry (and its heading) has at most.
TOC_MAX_WORDS = 12
#: An entry's number ("1", "2.1", "3.", "IV)"), left out when entries and headings are compared.
_NUMBER_RE = re.compile(r"^(\d+(\.\d+)*\.?|[ivxlcdm]+[.)])\s+")


def _key(text: str) -> str:
    """A line as entries and headings are compared: case, spacing, a leading number and the
    punctuation at either end aside."""
    text = _NUMBER_RE.sub("", " ".join(text.casefold().split()))
    return text.strip(" .:;,!-–—|»·•*#")


def _candidates(ctx: Context) -> dict[str, list[int]]:
    """Key -> the open, short lines that have it, in order."""
    out: dict[str, list[int]] = {}
    for i, line in enumerate(ctx.lines):
        if ctx.open(i) and 0 < ctx.feats[i].words <= TOC_MAX_WORDS and not ctx.protected(i):
            key = _key(line.text)
            if key:
                out.setdefault(key, []).append(i)
    return out


def _next_after(lines: list[int], after: int) -> int | None:
    return next((j for j in lines if j > after), None)


def _run_from(ctx: Context, start: int, keys: list[str | None], lines: dict[str, list[int]]) -> list[tuple[int, int]]:
    """The entries from line ``start`` on, each with the heading it names: consecutive open
    lines (blank and removed lines may lie between), each repeated after the previous one's
    heading."""
    run: list[tuple[int, int]] = []
    heading = start
    for i in range(start, len(ctx.lines)):
        if not ctx.open(i):
            continue
        key = keys[i]
        j = _next_after(lines[key], max(heading, i)) if key else None
        if j is None:
            break
        run.append((i, j))
        heading = j
    return run


def _sections(ctx: Context, headings: list[int]) -> bool:
    """Each heading opens a section of text: the first line after it that is neither blank
    nor removed is article prose (a line the features call good) or a line a keep rule holds
    (an ingredient list), unless the next heading comes first (a subsection's heading right
    under its section's); at least :data:`TOC_MIN_ENTRIES` sections hold text."""
    ends = [*headings[1:], len(ctx.lines)]
    firsts = [next((k for k in range(a + 1, b) if k not in ctx.decided and not ctx.feats[k].blank), None)
              for a, b in zip(headings, ends)]
    return (all(k is None or k in ctx.kept or ctx.feats[k].good() for k in firsts)
            and sum(k is not None for k in firsts) >= TOC_MIN_ENTRIES)


def tables(ctx: Context) -> list[list[tuple[int, int]]]:
    """Each table of contents as (entry, heading) pairs: at least :data:`TOC_MIN_ENTRIES`
    entries, all before their first heading, each line twice in the document (entry and
    heading: a line repeated more is a refrain, a table's value, a date), the headings
    opening sections of prose (:func:`_sections`)."""
    lines = _candidates(ctx)
    keys: list[str | None] = [None] * len(ctx.lines)
    for key, where in lines.items():
        if len(where) == 2:  # an entry and its heading (a line repeated more is a refrain)
            for i in where:
                keys[i] = key
    out, i = [], 0
    while i < len(ctx.lines):
        run = _run_from(ctx, i, keys, lines) if keys[i] else []
        if len(run) >= TOC_MIN_ENTRIES and run[-1][0] < run[0][1] and _sections(ctx, [j for _, j in run]):
            out.append(run)
            i = run[-1][0] + 1
        else:
            i += 1
    return out


def table_of_contents(ctx: Context) -> None:
    """Remove a table of contents' entries (:func:`tables`) and keep the headings they name
    (``ctx.kept``, under this rule's name): an entry's words stay in its heading."""
    for run in tables(ctx):
        for i, j in run:
            ctx.decide(i, "navigation", RULE, evidence=f"entry for heading line {j}")
            ctx.kept.setdefault(j, RULE)
