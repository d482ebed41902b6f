"""Numeric line features for the learned line model (:mod:`cleaner.detect.model`).

Each line gets a fixed-length vector: its own shape (length, stopwords, punctuation), what the
rules before the model found (phrase category, comment section, repeated line, title), where
it lies (main region, position), its neighbours' shape, and for HTML the DOM's signals. The
names in :data:`FEATURES` are stable: the shipped model refers to them.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..document import HEADING_TAGS, PHRASE_CATEGORIES
from ..features import MEMO_LINES
from .base import Context
from .zones import main_region

WINDOW = 3
_OWN = (
    "log_words", "log_chars", "stop_ratio", "terminal", "alpha_ratio", "upper_ratio",
    "ends_colon", "separators", "digit_ratio", "good", "prose",
)
_RULES = ("phrase_" + c for c in PHRASE_CATEGORIES)
_STATE = ("comment_section", "nav_list", "repeated", "title", "no_words")
_PLACE = ("in_region", "before_region", "after_region", "dist_region", "good_before", "good_after")
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
_WORDS, _GOOD, _TERMINAL = (_OWN.index(name) for name in ("log_words", "good", "terminal"))
_SEPARATORS = tuple("|»«·•›‹/>")
_DIGITS_RE = re.compile(r"\d+")


@lru_cache(maxsize=MEMO_LINES)
def _marks(text: str) -> tuple[bool, int, float]:
    """A line's colon ending, separator count and digit share (remembered, as its
    :func:`~cleaner.features.text_features`: menus and footers repeat in a corpus)."""
    text = text.strip()
    digits = len(text) - len(_DIGITS_RE.sub("", text))
    return text.endswith(":"), sum(map(text.count, _SEPARATORS)), digits / max(1, len(text))


def _own(ctx: Context) -> np.ndarray:
    """The line's own shape (the ``_OWN`` columns)."""
    rows = []
    for i, f in enumerate(ctx.feats):
        rows.append((
            f.words, f.chars, f.stop_ratio, f.terminal, f.alpha_ratio, f.upper_initial_ratio,
            *_marks(ctx.lines[i].text), f.good(), ctx.protected(i),
        ))
    own = np.array(rows, dtype=float).reshape(len(rows), len(_OWN))
    own[:, :2] = np.log1p(own[:, :2])
    return own


def _rules(ctx: Context) -> np.ndarray:
    """Phrase categories and what the rules before the model found."""
    out = np.zeros((len(ctx.lines), len(PHRASE_CATEGORIES) + len(_STATE)))
    column = {c: k for k, c in enumerate(PHRASE_CATEGORIES)}
    for i, match in enumerate(ctx.matches):
        if match is not None and match.category in column:
            out[i, column[match.category]] = 1.0
    state = len(PHRASE_CATEGORIES)
    for i, d in ctx.decided.items():
        if d.rule in ("comments.section", "navigation.list", "line.no_words"):
            out[i, state + {"comments.section": 0, "navigation.list": 1, "line.no_words": 4}[d.rule]] = 1.0
    for i in ctx.repeated:
        out[i, state + 2] = 1.0
    for i, rule in ctx.kept.items():
        if rule == "keep.title":
            out[i, state + 3] = 1.0
    return out


def _place(n: int, region: tuple[int, int] | None) -> np.ndarray:
    """Inside, before or after the main region, and how far from it."""
    if region is None:
        out = np.zeros((n, 4))
        out[:, 3] = 1.0
        return out
    start, end = region
    i = np.arange(n)
    dist = np.where(i < start, start - i, np.where(i > end, i - end, 0))
    inside = (i >= start) & (i <= end)
    return np.column_stack([inside, i < start, i > end, np.minimum(1.0, dist / 50)]).astype(float)


def _good_mass(good_words: np.ndarray) -> np.ndarray:
    """Shares of the page's running-text words that lie before and after each line: the
    article's end is where ``good_after`` reaches 0, whatever the main region's bounds."""
    total = good_words.sum()
    if total <= 0:
        return np.zeros((len(good_words), 2))
    before = np.cumsum(good_words) - good_words
    return np.column_stack([before / total, (total - before - good_words) / total])


def _shift(values: np.ndarray, k: int, fill: np.ndarray) -> np.ndarray:
    """Row ``i`` of the result is row ``i + k`` of ``values`` (``fill`` beyond the ends)."""
    out = np.tile(fill, (len(values), 1))
    if k > 0 and k < len(values):
        out[:-k] = values[k:]
    elif k < 0 and -k < len(values):
        out[-k:] = values[:k]
    return out


def _neighbours(base: np.ndarray) -> np.ndarray:
    """``base`` columns (log words, good, decided, terminal) of the lines at -1, -2, +1, +2."""
    fill = np.array([0.0, 0.0, 1.0, 0.0])
    return np.hstack([_shift(base, step * k, fill) for step in (-1, 1) for k in (1, 2)])


def _window(values: np.ndarray) -> np.ndarray:
    """Mean of each column over the ``WINDOW`` lines either side (the line itself left out)."""
    n = len(values)
    sums = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    i = np.arange(n)
    lo, hi = np.maximum(0, i - WINDOW), np.minimum(n, i + WINDOW + 1)
    count = (hi - lo - 1)[:, None]
    total = sums[hi] - sums[lo] - values
    return np.divide(total, count, out=np.zeros_like(total), where=count > 0)


def _html(ctx: Context) -> np.ndarray:
    rows = [
        (ctx.is_html, line.in_main is True, line.link_density, bool(line.hint), line.tag in HEADING_TAGS, line.tag == "li")
        for line in ctx.lines
    ]
    return np.array(rows, dtype=float).reshape(len(rows), len(_HTML))


def line_vectors(ctx: Context) -> np.ndarray:
    """One feature vector per line of ``ctx`` (rows; columns in :data:`FEATURES` order)."""
    n = len(ctx.lines)
    if not n:
        return np.zeros((0, len(FEATURES)))
    own = _own(ctx)
    decided = np.zeros(n)
    decided[list(ctx.decided)] = 1.0
    words = np.array([f.words for f in ctx.feats], dtype=float)
    good = own[:, _GOOD]
    base = np.column_stack([own[:, _WORDS], good, decided, own[:, _TERMINAL]])
    win = np.column_stack([good, own[:, _WORDS], decided, (words > 0) & (words <= 4)])
    place = np.hstack([_place(n, main_region(ctx)), _good_mass(words * good)])
    parts = [own, _rules(ctx), place, _neighbours(base), _window(win), _html(ctx)]
    return np.hstack(parts)
