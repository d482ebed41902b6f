"""Numeric line features for the learned line model (:mod:`cleaner.detect.model`).

Each line gets a fixed-length vector: its own shape (length, stopwords, punctuation), what the
rules before the model found (phrase category, comment section, repeated line, title), where
it lies (main region, position), its neighbours' shape, and for HTML the DOM's signals. The
names in :data:`FEATURES` are stable: the shipped model refers to them.
"""
from __future__ import annotations

import math

from ..document import CATEGORIES
from .base import Context
from .zones import main_region

WINDOW = 3
_OWN = (
    "log_words", "log_chars", "stop_ratio", "terminal", "alpha_ratio", "upper_ratio",
    "ends_colon", "separators", "digit_ratio", "good", "prose",
)
_RULES = ("phrase_" + c for c in CATEGORIES)
_STATE = ("comment_section", "nav_list", "repeated", "title", "no_words")
_PLACE = ("in_region", "before_region", "after_region", "dist_region")
_NEIGH = tuple(
    f"{side}{k}_{name}"
    for side in ("prev", "next")
    for k in (1, 2)
    for name in ("log_words", "good", "decided", "terminal")
)
_WIN = ("win_good", "win_words", "win_decided", "win_short")
_HTML = ("is_html", "in_main", "link_density", "dom_hint", "heading", "list_item")
FEATURES: tuple[str, ...] = (*_OWN, *_RULES, *_STATE, *_PLACE, *_NEIGH, *_WIN, *_HTML)
#: The features that only HTML input sets (left out of a text document's explanations).
HTML_FEATURES: frozenset[str] = frozenset(_HTML)
_SEPARATORS = set("|»«·•›‹/>")


def _own(ctx: Context, i: int) -> list[float]:
    f = ctx.feats[i]
    text = ctx.lines[i].text.strip()
    digits = sum(c.isdigit() for c in text)
    return [
        math.log1p(f.words), math.log1p(f.chars), f.stop_ratio, float(f.terminal),
        f.alpha_ratio, f.upper_initial_ratio, float(text.endswith(":")),
        float(sum(c in _SEPARATORS for c in text)), digits / max(1, len(text)),
        float(f.good()), float(ctx.protected(i)),
    ]


def _rules(ctx: Context, i: int) -> list[float]:
    match = ctx.matches[i]
    cats = [float(match is not None and match.category == c) for c in CATEGORIES]
    rule = ctx.decided[i].rule if i in ctx.decided else ""
    return cats + [
        float(rule == "comments.section"), float(rule == "navigation.list"),
        float(i in ctx.repeated), float(ctx.kept.get(i) == "keep.title"), float(rule == "line.no_words"),
    ]


def _place(i: int, region: tuple[int, int] | None) -> list[float]:
    if region is None:
        return [0.0, 0.0, 0.0, 1.0]
    start, end = region
    dist = 0 if start <= i <= end else (start - i if i < start else i - end)
    return [float(start <= i <= end), float(i < start), float(i > end), min(1.0, dist / 50)]


def _neighbours(ctx: Context, i: int) -> list[float]:
    out: list[float] = []
    n = len(ctx.lines)
    for step in (-1, 1):
        for k in (1, 2):
            j = i + step * k
            if 0 <= j < n:
                f = ctx.feats[j]
                out += [math.log1p(f.words), float(f.good()), float(j in ctx.decided), float(f.terminal)]
            else:
                out += [0.0, 0.0, 1.0, 0.0]
    return out


def _window(ctx: Context, i: int) -> list[float]:
    lo, hi = max(0, i - WINDOW), min(len(ctx.lines), i + WINDOW + 1)
    idx = [j for j in range(lo, hi) if j != i]
    if not idx:
        return [0.0, 0.0, 0.0, 0.0]
    k = len(idx)
    return [
        sum(ctx.feats[j].good() for j in idx) / k,
        sum(math.log1p(ctx.feats[j].words) for j in idx) / k,
        sum(j in ctx.decided for j in idx) / k,
        sum(0 < ctx.feats[j].words <= 4 for j in idx) / k,
    ]


def _html(ctx: Context, i: int) -> list[float]:
    line = ctx.lines[i]
    return [
        float(ctx.is_html), float(line.in_main is True), line.link_density, float(bool(line.hint)),
        float(line.tag in ("h1", "h2", "h3", "h4", "h5", "h6")), float(line.tag == "li"),
    ]


def line_vectors(ctx: Context) -> list[list[float]]:
    """One feature vector per line of ``ctx`` (in :data:`FEATURES` order)."""
    region = main_region(ctx)
    n = len(ctx.lines)
    return [
        _own(ctx, i) + _rules(ctx, i) + _place(i, region) + _neighbours(ctx, i) + _window(ctx, i) + _html(ctx, i)
        for i in range(n)
    ]
