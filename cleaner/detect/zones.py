"""Structure rules: the main content region, and the header and footer zones around it."""
from __future__ import annotations

from .base import Context

TITLE_LOOKBACK = 6


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


def title_line(ctx: Context, start: int) -> int | None:
    """The heading-like line just before the main region (kept as the title)."""
    for i in range(start - 1, max(-1, start - 1 - TITLE_LOOKBACK), -1):
        f = ctx.feats[i]
        if f.blank or i in ctx.decided:
            continue
        if 3 <= f.words <= 25 and f.alpha_ratio >= 0.6 and not ctx.lines[i].text.endswith(":"):
            return i
    return None


def outside_region(ctx: Context) -> None:
    """Short lines before the main region (header) or after it (footer) are navigation."""
    region = main_region(ctx)
    if region is None:
        return
    start, end = region
    title = title_line(ctx, start)
    for i in list(range(start)) + list(range(end + 1, len(ctx.lines))):
        if i == title or ctx.protected(i) or ctx.lines[i].in_main:
            continue
        zone = "header" if i < start else "footer"
        ctx.decide(i, ctx.hint(i, "navigation"), "zone.outside", evidence=zone)
