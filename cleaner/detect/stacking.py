"""The line model's second stage: features from the first stage's probabilities in context.

The first stage (:mod:`cleaner.detect.model`) judges each line from its own shape and its
near neighbours. The second stage sees the first stage's boilerplate probabilities of the line
and of the lines around it (windows of one to five non-blank lines: mean, min and max), the
"soft region" (the maximum-sum run of lines the first stage keeps, weighted by their words),
and page-level aggregates (how much of the page the first stage keeps, where the line's
probability ranks on its page). A short article line amid confident article lines is then kept
even when the first stage doubted it, and a doubtful line amid boilerplate goes.
The names in :data:`STACK_FEATURES` are stable: the shipped model refers to them.
"""
from __future__ import annotations

import numpy as np

from .linefeatures import FEATURES

WINDOWS = (1, 2, 3, 5)
SOFT_DIST = 30
STACK_FEATURES: tuple[str, ...] = (
    "first_p", "prev_p", "next_p",
    *(f"{stat}{k}_p" for k in WINDOWS for stat in ("mean", "min", "max")),
    "in_soft_region", "dist_soft_region", "soft_region_words", "page_kept_words", "p_over_page_min", "p_rank",
)
#: The second stage's inputs: the first stage's features, then :data:`STACK_FEATURES`.
SECOND_FEATURES: tuple[str, ...] = (*FEATURES, *STACK_FEATURES)
_LOG_WORDS = FEATURES.index("log_words")


def _windows(q: np.ndarray) -> list[np.ndarray]:
    """Mean, min and max of ``q`` over the ``k`` entries either side (self left out), per k."""
    n = len(q)
    idx = np.arange(n)
    out = []
    for k in WINDOWS:
        total, count = np.zeros(n), np.zeros(n)
        low, high = np.ones(n), np.zeros(n)
        for d in (*range(-k, 0), *range(1, k + 1)):
            j = idx + d
            ok = (j >= 0) & (j < n)
            v = np.where(ok, q[np.clip(j, 0, n - 1)], 0.0)
            total += v
            count += ok
            low = np.where(ok, np.minimum(low, v), low)
            high = np.where(ok, np.maximum(high, v), high)
        out += [np.divide(total, count, out=np.ones(n), where=count > 0), low, high]
    return out


def _soft_region(q: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inside / distance to / kept words of the max-sum run of ``(0.5 - q) * sqrt(words)``."""
    best, span, run, start = 0.0, None, 0.0, 0
    for i, x in enumerate(((0.5 - q) * np.sqrt(words)).tolist()):
        if run <= 0:
            run, start = 0.0, i
        run += x
        if run > best:
            best, span = run, (start, i)
    n = len(q)
    if span is None:
        return np.zeros(n), np.ones(n), np.zeros(n)
    a, b = span
    i = np.arange(n)
    dist = np.where(i < a, a - i, np.where(i > b, i - b, 0))
    kept = words[a:b + 1][q[a:b + 1] < 0.5].sum()
    inside = ((i >= a) & (i <= b)).astype(float)
    return inside, np.minimum(1.0, dist / SOFT_DIST), np.full(n, np.log1p(kept))


def stack_vectors(x: np.ndarray, p: np.ndarray, decided: np.ndarray) -> np.ndarray:
    """The second stage's rows: ``x`` (first-stage features) then the stacking features.

    ``p`` is the first stage's boilerplate probability per line, ``decided`` marks the lines
    the rules before the model removed (they count as boilerplate, probability 1). Windows run
    over the non-blank lines; blank lines get zeros but for their own ``first_p``.
    """
    n = len(p)
    out = np.zeros((n, len(STACK_FEATURES)))
    out[:, 0] = p
    words = np.rint(np.expm1(x[:, _LOG_WORDS])) if n else np.zeros(0)
    idx = np.flatnonzero(words > 0)
    if len(idx):
        q = np.where(decided, 1.0, p)[idx]
        live = ~decided[idx]
        w = words[idx]
        kept = (w[live] * (q[live] < 0.5)).sum() / max(1.0, w[live].sum())
        low = q[live].min() if live.any() else 1.0
        rank = q.argsort(kind="stable").argsort(kind="stable") / max(1, len(q) - 1)
        cols = [
            np.concatenate([[1.0], q[:-1]]), np.concatenate([q[1:], [1.0]]), *_windows(q),
            *_soft_region(q, w), np.full(len(q), kept), q - low, rank,
        ]
        out[idx, 1:] = np.column_stack(cols)
    return np.hstack([x, out])
