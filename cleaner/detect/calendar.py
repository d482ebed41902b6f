"""A calendar widget flattened to text: a month's day numbers one to a line ("1", "2", …
"30"), as a blog's archive calendar or a booking page's availability calendar prints.

The month is a run of lines, each a bare number one more than the line before (blank lines
aside), from 1 to at least :data:`MONTH_MIN`: no article writes that. With it go the days of
the months before and after that the grid shows ("29", "30", "31" above the 1st; "1", "2"
under the last day) and the weekday heads and month links right above ("M", "T", "Wed",
"« May"). A shorter run of numbers (a table's column, a page list "1 2 3") is left to the
other rules.
"""
from __future__ import annotations

import re

from ..words import word_re
from .base import Context

RULE = "navigation.calendar"
#: The fewest days a month has: a run from 1 that reaches this is a calendar.
MONTH_MIN = 28
#: At most this many days of the next month under the last day (two weeks of a grid).
NEXT_MAX = 13
#: At most this many days of the month before, and this many head lines, above the 1st.
BEFORE_MAX = 6
HEADS_MAX = 9
_DAY_RE = re.compile(r"^0?(\d{1,2})$")
#: A head word is a weekday or month abbreviation: at most this many letters, no digit.
HEAD_LETTERS = 3


def _day(ctx: Context, i: int) -> int | None:
    m = _DAY_RE.match(ctx.lines[i].text.strip())
    return int(m.group(1)) if m else None


def _runs(ctx: Context) -> list[list[tuple[int, int]]]:
    """Runs of day-number lines as (line, day), each day one more than the non-blank line's
    before it."""
    runs: list[list[tuple[int, int]]] = [[]]
    prev: int | None = None
    for i in range(len(ctx.lines)):
        if ctx.feats[i].blank:
            continue
        day = _day(ctx, i)
        if day is None or prev is None or day != prev + 1:
            runs.append([])
        if day is not None:
            runs[-1].append((i, day))
        prev = day
    return [r for r in runs if r]


def _head(ctx: Context, i: int) -> bool:
    """A weekday head or month link of the grid: "M", "Mo", "Thu", "« Jun", "Jul »"."""
    text = ctx.lines[i].text
    words = word_re().findall(text)
    return 0 < len(words) <= 2 and not any(c.isdigit() for c in text) and all(
        len(w) <= HEAD_LETTERS for w in words)


def _heads(ctx: Context, first: int) -> list[int]:
    """The head lines right above line ``first`` (blank lines aside)."""
    out: list[int] = []
    j = ctx.neighbour(first, -1)
    while j is not None and len(out) < HEADS_MAX and _head(ctx, j):
        out.append(j)
        j = ctx.neighbour(j, -1)
    return out


def _month(ctx: Context, runs: list[list[tuple[int, int]]], k: int) -> list[int]:
    """The lines of the calendar whose month is run ``k``, or none if run ``k`` is no month."""
    run = runs[k]
    if run[0][1] != 1 or run[-1][1] < MONTH_MIN:
        return []
    lines = runs[k]
    before = runs[k - 1] if k else []
    if (before and len(before) <= BEFORE_MAX and before[-1][1] >= MONTH_MIN
            and ctx.neighbour(before[-1][0], 1) == run[0][0]):
        lines = before + lines
    after = runs[k + 1] if k + 1 < len(runs) else []
    if after and len(after) <= NEXT_MAX and after[0][1] == 1 and ctx.neighbour(run[-1][0], 1) == after[0][0]:
        lines = lines + after
    return _heads(ctx, lines[0][0]) + [i for i, _ in lines]


def calendars(ctx: Context) -> None:
    """Remove calendar widgets (the module doc) as navigation."""
    runs = _runs(ctx)
    for k, run in enumerate(runs):
        for i in _month(ctx, runs, k):
            if ctx.open(i):
                ctx.decide(i, ctx.hint(i, "navigation"), RULE, evidence=f"days 1-{run[-1][1]} from line {run[0][0]}")
