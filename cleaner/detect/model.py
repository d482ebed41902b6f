"""The learned line model: gradient-boosted trees over :mod:`cleaner.detect.linefeatures`.

The model ships as data (``cleaner/models/lines.json``) and is evaluated with numpy, all
lines and trees of a document at once. It is trained reproducibly by ``make train``
(``bench/train_lines.py``). It is stacked: a second stage of trees (the JSON's ``stack``) sees
the first stage's features and its probabilities in context (:mod:`cleaner.detect.stacking`),
and a sentence-like or shielded line goes only when both stages deem it boilerplate.
Like every rule it explains itself: the removed span's ``score`` is the deciding stage's
boilerplate probability and its ``evidence`` names the features that pushed the line most
towards boilerplate (per-tree path contributions, as in treeinterpreter).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .base import Context
from .bios import bio_shaped
from .linefeatures import FEATURES, HTML_FEATURES, line_vectors
from .stacking import SECOND_FEATURES, stack_vectors

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "lines.json"
EVIDENCE_FEATURES = 3
_LOG_WORDS = FEATURES.index("log_words")
BOX_WINDOW = 3
BOX_VOTES = 2
#: A navigation phrase of at most this many words over a run of model-removed lines, at most
#: ``HEADING_REACH`` lines above, heads it ("Tags:", "Most read"): the run is navigation,
#: whatever buttons stand around (:func:`_heading_category`).
HEADING_WORDS = 4
HEADING_REACH = 15
#: Rows scored at once: bounds the (rows x trees) work arrays of a huge page.
CHUNK_ROWS = 4096


@dataclass(frozen=True)
class LineModel:
    """Boosted trees in node arrays (trees x nodes); leaves loop onto themselves.

    ``kids[tree, node]`` holds the right and the left child as flat node indices
    (``tree * nodes + node``), so a walk step is one lookup: ``kids[node, x <= threshold]``.

    Log-odds that a line is article text = ``init + rate * sum(leaf values)``. ``stack`` is the
    second stage, over :data:`~cleaner.detect.stacking.SECOND_FEATURES` (``None``: one stage).
    ``path_feature[level, leaf]`` and ``path_delta[level, leaf]`` describe the way down to each
    leaf (the feature tested at that level, and the value change it brought; 0 below the
    leaf), so a row's explanation follows from the leaves it reached, without a second walk.
    """

    features: tuple[str, ...]
    init: float
    rate: float
    depth: int
    feature: np.ndarray
    threshold: np.ndarray
    kids: np.ndarray
    value: np.ndarray
    path_feature: np.ndarray
    path_delta: np.ndarray
    stack: LineModel | None = None

    def score(self, X: list[list[float]] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Boilerplate probability per row, and per-row, per-feature log-odds contributions."""
        return self._walk(np.asarray(X, dtype=float), explain=True)

    def probability(self, X: np.ndarray) -> np.ndarray:
        """Boilerplate probability per row (no contributions: cheaper)."""
        return self._walk(np.asarray(X, dtype=float), explain=False)[0]

    def probability_and_leaves(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Boilerplate probability per row, and the leaves each row reached (rows x trees, flat
        node indices; ``None`` beyond ``CHUNK_ROWS`` rows, to bound memory)."""
        if len(x) > CHUNK_ROWS:
            return self.probability(x), None
        p, _c, leaves = self._walk_rows(x, explain=False)
        return p, leaves

    def contributions(self, x: np.ndarray, leaves: np.ndarray) -> np.ndarray:
        """Per-row, per-feature log-odds contributions of rows ``x`` that reached ``leaves``:
        the same numbers as :meth:`score` gives (same additions, in the same order)."""
        n, width = x.shape[0], len(self.features)
        rows = (np.arange(n) * width)[:, None]
        contrib = np.zeros(n * width)
        for level in range(self.depth):
            at = np.take(self.path_feature[level], leaves)
            at += rows
            contrib += np.bincount(at.ravel(), weights=np.take(self.path_delta[level], leaves).ravel(), minlength=contrib.size)
        return (self.rate * contrib).reshape(n, width)

    def _walk(self, x: np.ndarray, explain: bool) -> tuple[np.ndarray, np.ndarray]:
        """Both outputs, ``CHUNK_ROWS`` rows at a time (memory: rows x trees per array)."""
        if len(x) <= CHUNK_ROWS:
            return self._walk_rows(x, explain)[:2]
        parts = [self._walk_rows(x[a:a + CHUNK_ROWS], explain) for a in range(0, len(x), CHUNK_ROWS)]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def _walk_rows(self, x: np.ndarray, explain: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Probabilities, contributions (when ``explain``) and the leaves reached, per row."""
        feat, thr, kids, val = (a.ravel() for a in (self.feature, self.threshold, self.kids, self.value))
        trees, nodes = self.feature.shape
        n, width = x.shape[0], len(self.features)
        rows = (np.arange(n, dtype=feat.dtype) * width)[:, None]
        node = np.tile(np.arange(trees, dtype=feat.dtype) * nodes, (n, 1))  # flat: tree * nodes + node
        contrib = np.zeros(n * width if explain else 0)
        flat_x = np.ascontiguousarray(x).ravel()
        for _ in range(self.depth):  # np.take: about twice as fast as fancy indexing here
            at = np.take(feat, node)
            at += rows
            child = np.take(kids, (node << 1) + (np.take(flat_x, at) <= np.take(thr, node)))
            if explain:
                weights = np.take(val, child) - np.take(val, node)
                contrib += np.bincount(at.ravel(), weights=weights.ravel(), minlength=contrib.size)
            node = child
        logit = self.init + self.rate * np.take(val, node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(logit)), (self.rate * contrib).reshape(n, width if explain else 0), node

    def explain(
        self, contributions: np.ndarray, top: int = EVIDENCE_FEATURES, hide: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        """The features that pushed one row most towards boilerplate, with their share.

        ``hide`` names features not to report (the HTML ones for a plain-text document).
        """
        return self.explain_rows(np.asarray(contributions)[None, :], top, hide)[0]

    def explain_rows(
        self, contributions: np.ndarray, top: int = EVIDENCE_FEATURES, hide: frozenset[str] = frozenset()
    ) -> list[list[tuple[str, float]]]:
        """:meth:`explain` for each row of ``contributions`` (rows x features), sorted at once
        (a stable sort of the features not hidden: ties keep the features' order)."""
        names = self.features
        visible = [k for k, name in enumerate(names) if name not in hide]
        values = np.asarray(contributions)[:, visible]
        order = np.argsort(values, axis=1, kind="stable")[:, :top]
        strongest = np.take_along_axis(values, order, axis=1)
        return [
            [(names[visible[k]], round(v, 2)) for k, v in zip(cols, vals) if v < 0]
            for cols, vals in zip(order.tolist(), strongest.tolist())
        ]


def _depth(left: list[int], right: list[int]) -> int:
    depth = {0: 0}
    for i, (a, b) in enumerate(zip(left, right)):
        if a != -1:
            depth[a] = depth[b] = depth[i] + 1
    return max(depth.values())


def model_from_dict(data: dict, features: tuple[str, ...] = FEATURES) -> LineModel:
    """Build a model (and its ``stack`` stage) from its JSON form, checking its features."""
    if tuple(data["features"]) != features:
        raise ValueError("line model was trained on other features: retrain it (make train)")
    trees = data["trees"]
    feature, threshold, kids, value = _node_arrays(trees)
    depth = max(_depth(t["left"], t["right"]) for t in trees)
    path_feature, path_delta = _paths(feature, kids, value, depth)
    stack = model_from_dict(data["stack"], SECOND_FEATURES) if data.get("stack") else None
    return LineModel(
        features, data["init"], data["learning_rate"], depth, feature, threshold, kids, value,
        path_feature, path_delta, stack,
    )


def _node_arrays(trees: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``feature``, ``threshold``, ``kids`` and ``value`` arrays (trees x nodes, see
    :class:`LineModel`) of the JSON trees; a leaf tests feature 0 against infinity and its
    kids are itself. All trees' node lists are read at once."""
    sizes = [len(t["feature"]) for t in trees]
    width = max(sizes)
    tree = np.repeat(np.arange(len(trees)), sizes)
    node = np.arange(len(tree)) - np.repeat(np.cumsum([0, *sizes[:-1]]), sizes)

    def column(key: str, dtype: type) -> np.ndarray:
        return np.fromiter((x for t in trees for x in t[key]), dtype=dtype, count=len(tree))

    left, right = column("left", np.intp), column("right", np.intp)
    leaf, here = left == -1, tree * width + node
    shape = (len(trees), width)
    feature, kids = np.zeros(shape, dtype=np.intp), np.zeros((*shape, 2), dtype=np.intp)
    threshold, value = np.full(shape, np.inf), np.zeros(shape)
    feature[tree, node] = np.where(leaf, 0, column("feature", np.intp))
    threshold[tree, node] = np.where(leaf, np.inf, column("threshold", float))
    kids[tree, node, 0] = np.where(leaf, here, tree * width + right)
    kids[tree, node, 1] = np.where(leaf, here, tree * width + left)
    value[tree, node] = column("value", float)
    return feature, threshold, kids, value


def _paths(feature: np.ndarray, kids: np.ndarray, value: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """``(path_feature, path_delta)``: per level, for each node (flat index), the feature tested
    on the way down to it and ``value[child] - value[node]`` there (feature 0 and 0.0 below
    the node, as a walk that waits on a leaf adds). Filled level by level from the roots."""
    size = feature.size
    feat, val, kid = feature.ravel(), value.ravel(), kids.reshape(size, 2)
    leaf = kid[:, 1] == np.arange(size)
    path_feature = np.zeros((depth, size), dtype=np.intp)
    path_delta = np.zeros((depth, size))
    frontier = np.arange(feature.shape[0]) * feature.shape[1]
    for level in range(depth):
        parents = np.repeat(frontier[~leaf[frontier]], 2)
        children = kid[parents[::2]].ravel()
        path_feature[:level, children] = path_feature[:level, parents]
        path_delta[:level, children] = path_delta[:level, parents]
        path_feature[level, children] = feat[parents]
        path_delta[level, children] = val[children] - val[parents]
        frontier = children
    return path_feature, path_delta


@dataclass(frozen=True)
class Scores:
    """Both stages' boilerplate probabilities for a page's rows, and each stage's input rows
    and the leaves they reached (to explain a decision afterwards; ``None`` leaves: walk
    again); with a one-stage model, ``last`` is ``first``."""

    first: np.ndarray
    first_rows: np.ndarray
    last_model: LineModel
    last: np.ndarray
    last_rows: np.ndarray
    first_leaves: np.ndarray | None = None
    last_leaves: np.ndarray | None = None

    def explain_rows(self, stage: LineModel, which: list[int]) -> np.ndarray:
        """Contributions (rows x features) of rows ``which`` under ``stage`` (first or last)."""
        last = stage is self.last_model
        rows, leaves = (self.last_rows, self.last_leaves) if last else (self.first_rows, self.first_leaves)
        if leaves is None:
            return stage.score(rows[which])[1]
        return stage.contributions(rows[which], leaves[which])


def score_lines(model: LineModel, x: np.ndarray, decided: np.ndarray, careful: np.ndarray | None = None) -> Scores:
    """Score rows ``x`` with the first stage, then with the second (``model.stack``).

    ``decided`` marks the lines the rules before the model removed (for the second stage);
    they and blank lines are not scored (probability 1). The second stage scores only the
    ``careful`` rows (all when ``None``); the others get its probability 1.
    """
    x = np.asarray(x, dtype=float)
    first, first_leaves = _probability(model, x, ~decided & (x[:, _LOG_WORDS] > 0))
    if model.stack is None:
        return Scores(first, x, model, first, x, first_leaves, first_leaves)
    stacked = stack_vectors(x, first, decided)
    last, last_leaves = _probability(model.stack, stacked, np.ones(len(x), dtype=bool) if careful is None else careful)
    return Scores(first, x, model.stack, last, stacked, first_leaves, last_leaves)


def _probability(model: LineModel, rows: np.ndarray, which: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Probabilities of rows ``which`` (1 for the others), and the leaves they reached
    (``None`` for a page of more than ``CHUNK_ROWS`` rows: its leaves would take too much
    memory, its decisions are explained by walking their rows again)."""
    out = np.ones(len(rows))
    if len(rows) > CHUNK_ROWS:
        if which.any():
            out[which] = model.probability(rows[which])
        return out, None
    leaves = np.zeros((len(rows), model.feature.shape[0]), dtype=np.intp)
    if which.any():
        out[which], reached = model.probability_and_leaves(rows[which])
        leaves[which] = reached
    return out, leaves


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


def _heading_category(ctx: Context, i: int, removing: set[int]) -> str:
    """``navigation`` when a short navigation phrase heads the run of lines the model removes
    (``removing``) that line ``i`` is in: "Tags:" over a list of tags, "Most read" over one
    story (:data:`HEADING_WORDS`, :data:`HEADING_REACH`); else nothing."""
    j = i - 1
    while j >= max(0, i - HEADING_REACH) and (ctx.feats[j].blank or j in removing):
        j -= 1
    d = ctx.decided.get(j) if j >= max(0, i - HEADING_REACH) else None
    if d is None or not d.rule.startswith("phrase.") or d.category != "navigation":
        return ""
    return d.category if ctx.feats[j].words <= HEADING_WORDS else ""


def _category(ctx: Context, i: int, first_comment: int, bios: set[int], removing: set[int]) -> str:
    """Category of a line the model removes: its own words or DOM, a bio's shape (``bios``),
    the heading over it, its box, then its place."""
    hint = (ctx.hint(i, "") or ("author_bio" if i in bios else "") or _heading_category(ctx, i, removing)
            or _neighbour_category(ctx, i))
    if hint:
        return hint
    if first_comment < i and ctx.protected(i):
        return "comments"
    return "navigation" if not ctx.protected(i) else "other"


def _careful(ctx: Context, i: int) -> bool:
    """A line the model removes only at a higher threshold (prose, or shielded)."""
    return i in ctx.shielded or ctx.protected(i) or ctx.feats[i].good()


def _threshold(ctx: Context, i: int) -> float:
    cfg = ctx.config
    if i in ctx.shielded:
        return cfg.model_threshold_shielded
    return cfg.model_threshold_prose if _careful(ctx, i) else cfg.model_threshold


def _hidden(ctx: Context) -> frozenset[str]:
    """Features not to name in a decision's evidence: those the document does not have (a
    plain-text document has no DOM; a Markdown one has link densities)."""
    if ctx.is_html:
        return frozenset()
    if any(line.link_density for line in ctx.lines):
        return HTML_FEATURES - {"link_density"}
    return HTML_FEATURES


def model_lines(ctx: Context) -> None:
    """Remove the open lines that the line model deems boilerplate.

    The first stage decides; for a careful line (:func:`_careful`: sentence-like or shielded)
    the second stage gives a second opinion, and the line goes only when both deem it
    boilerplate (the lower probability counts, and that stage explains it).
    """
    model = load_model()
    if model is None or not ctx.lines:
        return
    decided = np.zeros(len(ctx.lines), dtype=bool)
    decided[list(ctx.decided)] = True
    careful = np.array([ctx.open(i) and _careful(ctx, i) for i in range(len(ctx.lines))], dtype=bool)
    s = score_lines(model, line_vectors(ctx), decided, careful)
    hide = _hidden(ctx)
    first_comment = min((j for j, d in ctx.decided.items() if d.category == "comments"), default=len(ctx.lines))
    chosen: list[tuple[int, LineModel, float]] = []
    for i in range(len(ctx.lines)):
        if not ctx.open(i):
            continue
        stage, p = model, float(s.first[i])
        if careful[i] and s.last[i] < p:
            stage, p = s.last_model, float(s.last[i])
        if p >= _threshold(ctx, i):
            chosen.append((i, stage, p))
    bios = bio_shaped(ctx, (i for i, _, _ in chosen))
    removing = {i for i, _, _ in chosen}
    for stage in [model] + ([s.last_model] if s.last_model is not model else []):
        mine = [(i, p) for i, st, p in chosen if st is stage]
        if not mine:
            continue
        evidence = stage.explain_rows(s.explain_rows(stage, [i for i, _ in mine]), hide=hide)
        for (i, p), top in zip(mine, evidence):
            why = " ".join(f"{name}{value:+}" for name, value in top)
            ctx.decide(i, _category(ctx, i, first_comment, bios, removing), "model.line", score=p, evidence=why)
