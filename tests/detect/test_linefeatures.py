"""The line model's feature vectors: neighbour and window columns, checked line by line."""
from __future__ import annotations

import math

import numpy as np

from cleaner.config import Config
from cleaner.detect import detect
from cleaner.detect.linefeatures import FEATURES, WINDOW, line_vectors
from cleaner.pipeline import prepare_context

from .conftest import context, paragraphs

LINES = ["Home | News | Sport", "Advertisement", "Short headline", *paragraphs(3), "Share this:", "Tags: a, b", ""]


def _col(name: str) -> int:
    return FEATURES.index(name)


def test_neighbour_columns_match_the_neighbours() -> None:
    ctx = detect(context(LINES), stop_before="model.line")
    x = line_vectors(ctx)
    assert x.shape == (len(ctx.lines), len(FEATURES))
    n = len(ctx.lines)
    for i in range(n):
        for side, step in (("prev", -1), ("next", 1)):
            for k in (1, 2):
                j = i + step * k
                words = x[i, _col(f"{side}{k}_log_words")]
                decided = x[i, _col(f"{side}{k}_decided")]
                if 0 <= j < n:
                    assert math.isclose(words, math.log1p(ctx.feats[j].words))
                    assert decided == float(j in ctx.decided)
                else:  # beyond the ends: no words, counted as decided
                    assert (words, decided) == (0.0, 1.0)


def test_window_columns_are_means_without_the_line_itself() -> None:
    ctx = detect(context(LINES), stop_before="model.line")
    x = line_vectors(ctx)
    n = len(ctx.lines)
    for i in range(n):
        idx = [j for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)) if j != i]
        short = sum(0 < ctx.feats[j].words <= 4 for j in idx) / len(idx)
        decided = sum(j in ctx.decided for j in idx) / len(idx)
        assert math.isclose(x[i, _col("win_short")], short) and math.isclose(x[i, _col("win_decided")], decided)


def test_rule_columns_and_an_empty_document() -> None:
    ctx = detect(context(LINES), stop_before="model.line")
    x = line_vectors(ctx)
    ad = next(i for i, line in enumerate(ctx.lines) if line.text == "Advertisement")
    assert x[ad, _col("phrase_ad")] == 1.0 and x[ad, _col("phrase_share")] == 0.0
    empty = prepare_context([], Config(), frozenset(), False)
    assert line_vectors(empty).shape == (0, len(FEATURES))
    assert np.isfinite(x).all()
