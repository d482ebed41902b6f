"""The learned line model: gradient-boosted trees over :mod:`cleaner.detect.linefeatures`.

The model ships as data (``cleaner/models/lines.json``) and runs in plain Python. It is
trained reproducibly by ``make train`` (``bench/train_lines.py``). Like every rule it explains
itself: the removed span's ``score`` is the model's boilerplate probability and its
``evidence`` names the features that pushed the line most towards boilerplate (per-tree
path contributions).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .base import Context
from .linefeatures import FEATURES, line_vectors

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "lines.json"
EVIDENCE_FEATURES = 3
BOX_WINDOW = 3
BOX_VOTES = 2


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree in flat arrays (``left[i] == -1`` marks a leaf)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def path(self, x: list[float]) -> list[int]:
        """The nodes from the root to ``x``'s leaf."""
        node, nodes = 0, [0]
        while self.left[node] != -1:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
            nodes.append(node)
        return nodes


@dataclass(frozen=True, slots=True)
class LineModel:
    """Boosted trees: log-odds that a line is article text = ``init + rate * sum(trees)``."""

    features: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[Tree, ...]

    def content_logit(self, x: list[float]) -> float:
        return self.init + self.rate * sum(t.value[t.path(x)[-1]] for t in self.trees)

    def boilerplate_probability(self, x: list[float]) -> float:
        """Probability that the line with features ``x`` is boilerplate."""
        return 1.0 / (1.0 + math.exp(self.content_logit(x)))

    def explain(self, x: list[float], top: int = EVIDENCE_FEATURES) -> list[tuple[str, float]]:
        """The features that pushed ``x`` most towards boilerplate, with their log-odds share."""
        share: dict[int, float] = {}
        for t in self.trees:
            nodes = t.path(x)
            for parent, child in zip(nodes, nodes[1:]):
                f = t.feature[parent]
                share[f] = share.get(f, 0.0) + self.rate * (t.value[child] - t.value[parent])
        worst = sorted(share.items(), key=lambda kv: kv[1])[:top]
        return [(self.features[f], round(v, 2)) for f, v in worst if v < 0]


def model_from_dict(data: dict) -> LineModel:
    """Build a model from its JSON form, checking it matches this version's features."""
    if tuple(data["features"]) != FEATURES:
        raise ValueError("line model was trained on other features: retrain it (make train)")
    trees = tuple(Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value"))) for t in data["trees"])
    return LineModel(tuple(data["features"]), data["init"], data["learning_rate"], trees)


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> LineModel | None:
    """The shipped model, or ``None`` when the package has none."""
    p = Path(path)
    if not p.is_file():
        return None
    return model_from_dict(json.loads(p.read_text(encoding="utf-8")))


def _neighbour_category(ctx: Context, i: int) -> str:
    """The category phrases gave most of the nearby removed lines (a newsletter box...).

    Needs ``BOX_VOTES`` phrase-decided lines of one category within ``BOX_WINDOW`` lines,
    more than any other category has.
    """
    votes: dict[str, int] = {}
    for j in range(i - BOX_WINDOW, i + BOX_WINDOW + 1):
        d = ctx.decided.get(j)
        if d is not None and d.rule.startswith("phrase."):
            votes[d.category] = votes.get(d.category, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= BOX_VOTES and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return ""


def _category(ctx: Context, i: int) -> str:
    """Category of a line the model removes: its own words or DOM, its box, then its place."""
    hint = ctx.hint(i, "") or _neighbour_category(ctx, i)
    if hint:
        return hint
    after_comments = any(d.category == "comments" for j, d in ctx.decided.items() if j < i)
    if after_comments and ctx.protected(i):
        return "comments"
    return "navigation" if not ctx.protected(i) else "other"


def model_lines(ctx: Context) -> None:
    """Remove the open lines that the line model deems boilerplate."""
    model = load_model()
    if model is None or not ctx.lines:
        return
    vectors = line_vectors(ctx)
    for i, x in enumerate(vectors):
        if not ctx.open(i):
            continue
        p = model.boilerplate_probability(x)
        cfg = ctx.config
        if i in ctx.shielded:
            threshold = cfg.model_threshold_shielded
        else:
            careful = ctx.protected(i) or ctx.feats[i].good()
            threshold = cfg.model_threshold_prose if careful else cfg.model_threshold
        if p >= threshold:
            why = " ".join(f"{name}{value:+}" for name, value in model.explain(x))
            ctx.decide(i, _category(ctx, i), "model.line", score=p, evidence=why)
