"""Structure rules: the main content region, and the header and footer zones around it."""
from __future__ import annotations

import re

from .base import Context

TITLE_LOOKBACK = 30
TITLE_MIN_OVERLAP = 0.5
_WORD_RE = re.compile(r"\w{3,}")


def line_value(ctx: Context, i: int) -> float:
    """Evidence that line ``i`` is article text (positive) or page furniture (negative)."""
    f = ctx.feats[i]
    if f.blank:
        return 0.0
    if i in ctx.decided:
        return -2.0
    if f.good():
        return float(f.words)
    return -(1.0 + 0.5 * min(f.words, 10))


def main_region(ctx: Context) -> tuple[int, int] | None:
    """The run of lines with the most article evidence (maximum-sum subarray), or ``None``."""
    if ctx.region is None:
        best, best_span = 0.0, None
        run, run_start = 0.0, 0
        for i in range(len(ctx.lines)):
            value = line_value(ctx, i)
            if run <= 0:
                run, run_start = 0.0, i
            run += value
            if run > best:
                best, best_span = run, (run_start, i)
        ctx.region = best_span or (-1, -1)
    return None if ctx.region == (-1, -1) else ctx.region


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.lower()))


def title_line(ctx: Context, start: int) -> int | None:
    """The article's title among the lines just before the main region.

    The title is a heading-like line whose words (of three letters or more) mostly recur in
    the article's first paragraphs (headlines of other stories share few words with this one):
    the nearest such line to the article, with at least three such words.
    """
    body: set[str] = set()
    for i in range(start, min(len(ctx.lines), start + 12)):
        body |= _words(ctx.lines[i].text)
    for i in range(start - 1, max(-1, start - 1 - TITLE_LOOKBACK), -1):
        f = ctx.feats[i]
        if i in ctx.decided or not 3 <= f.words <= 25 or f.alpha_ratio < 0.6:
            continue
        words = _words(ctx.lines[i].text)
        if len(words) >= 3 and len(words & body) >= TITLE_MIN_OVERLAP * len(words):
            return i
    return None


def keep_title(ctx: Context) -> None:
    """Protect the article's title (:func:`title_line`) from the structural rules after it."""
    region = main_region(ctx)
    if region is not None:
        title = title_line(ctx, region[0])
        if title is not None:
            ctx.kept[title] = "keep.title"


def outside_region(ctx: Context) -> None:
    """Short lines before the main region (header) or after it (footer) are navigation."""
    region = main_region(ctx)
    if region is None:
        return
    start, end = region
    for i in list(range(start)) + list(range(end + 1, len(ctx.lines))):
        if ctx.protected(i) or ctx.lines[i].in_main:
            continue
        zone = "header" if i < start else "footer"
        ctx.decide(i, ctx.hint(i, "navigation"), "zone.outside", evidence=zone)
