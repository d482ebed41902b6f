"""A table of contents: short lines that recur later, in the same order, as the headings of
the sections they list (a blog's "Table of Contents" box, a wiki's "Contents").

The entries go (``navigation.toc``); the headings they name are the article's own and stay,
kept by the same rule, so no word of the article is lost: each entry's text is still
there, in its heading. What tells such a table from a menu printed twice (header and footer)
is the spread: each heading opens a section of text (or a subsection), where a menu's copy
stands among more menu items.
"""
from __future__ import annotations

import re

from .base import Context

RULE = "navigation.toc"
#: Entries a table needs at least.
TOC_MIN_ENTRIES = 3
#: Entries one table has at most (a longer one is cut into tables of this many): bounds the
#: work on a page of many repeated lines.
TOC_MAX_ENTRIES = 40
#: Words an entry (and its heading) has at most.
TOC_MAX_WORDS = 12
#: An entry's number ("1", "2.1", "3.", "IV)"), left out when entries and headings are compared.
_NUMBER_RE = re.compile(r"^(\d+(\.\d+)*\.?|[ivxlcdm]+[.)])\s+")


def _key(text: str) -> str:
    """A line as entries and headings are compared: case, spacing, a leading number and the
    punctuation at either end aside."""
    text = " ".join(text.casefold().split())
    if text[:1].isdigit() or text[:1] in "ivxlcdm":  # only then can it open with a number
        text = _NUMBER_RE.sub("", text)
    return text.strip(" .:;,!-–—|»·•*#")


def _candidates(ctx: Context) -> dict[str, list[int]]:
    """Key -> the open, short lines that have it, in order."""
    out: dict[str, list[int]] = {}
    for i, line in enumerate(ctx.lines):
        if 0 < ctx.feats[i].words <= TOC_MAX_WORDS and ctx.open(i) and not ctx.protected(i):
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
        if len(run) == TOC_MAX_ENTRIES:
            break
    return run


def _first_texts(ctx: Context, headings: list[int]) -> list[int | None]:
    """For each heading, the first line after it that is neither blank nor removed, before
    the next heading (``None``: the next heading comes first, a subsection's right under its
    section's)."""
    ends = [*headings[1:], len(ctx.lines)]
    return [next((k for k in range(a + 1, b) if k not in ctx.decided and not ctx.feats[k].blank), None)
            for a, b in zip(headings, ends)]


def _bad_section(ctx: Context, firsts: list[int | None]) -> int | None:
    """The first section that opens with no text: neither article prose (a line the features
    call good) nor a line a keep rule holds (an ingredient list)."""
    return next((n for n, k in enumerate(firsts) if k is not None and k not in ctx.kept and not ctx.feats[k].good()), None)


def tables(ctx: Context) -> list[list[tuple[int, int]]]:
    """Each table of contents as (entry, heading) pairs: at least :data:`TOC_MIN_ENTRIES`
    entries, each line twice in the document (entry and heading: a line repeated more is a
    refrain, a table's value, a date), every heading opening a section of text
    (:func:`_bad_section`) and at least :data:`TOC_MIN_ENTRIES` sections holding some.

    A run that fails is not tried again from its later entries, which would fail the same
    way, except after a section with no text: the work stays linear in the lines.
    """
    lines = _candidates(ctx)
    keys: list[str | None] = [None] * len(ctx.lines)
    for key, where in lines.items():
        if len(where) == 2:  # an entry and its heading (a line repeated more is a refrain)
            for i in where:
                keys[i] = key
    out, i = [], 0
    while i < len(ctx.lines):
        run = _run_from(ctx, i, keys, lines) if keys[i] else []
        if len(run) < TOC_MIN_ENTRIES:
            i += 1
            continue
        firsts = _first_texts(ctx, [j for _, j in run])
        bad = _bad_section(ctx, firsts)
        if bad is None and sum(k is not None for k in firsts) >= TOC_MIN_ENTRIES:
            out.append(run)
        i = (run[bad][0] if bad is not None else run[-1][0]) + 1
    return out


def table_of_contents(ctx: Context) -> None:
    """Remove a table of contents' entries (:func:`tables`) and keep the headings they name
    (``ctx.kept``, under this rule's name): an entry's words stay in its heading."""
    for run in tables(ctx):
        for i, j in run:
            ctx.decide(i, "navigation", RULE, evidence=f"entry for heading line {j}")
            ctx.kept.setdefault(j, RULE)
