"""Train the learned line model (``cleaner/models/lines.json``) reproducibly: ``make train``.

Training data: the pages of ``../shared/bench`` sets, both as text dumps and as rendered HTML.
For a set with ``gold/`` files (Dragnet), a line is labelled article text when its words occur,
in order, in the page's gold article text, else boilerplate. For the ``trafilatura`` set
(``snippets.json``, pages in many languages) only the lines holding a snippet are labelled:
article text when they hold a ``with`` snippet, boilerplate when they hold a ``without`` or
``comments`` one; other lines do not count. Each line weighs the square root of its word count
(the benchmarks score words, but short lines must still count). Lines already removed by the
rules that run before the model are left out: the model only sees what it will decide. The model
is scikit-learn's histogram gradient boosting with a fixed seed, exported to plain JSON; the package
runs it without scikit-learn.

It is stacked (:mod:`cleaner.detect.stacking`): the second stage learns from the first stage's
probabilities in context. So that it sees probabilities like those on unseen pages, its
training rows take them out of fold: ``FOLDS`` first-stage models, each trained without one
fold of the pages (a page's text and HTML forms share a fold, by a hash of its id).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import time
import zlib
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

from cleaner import __version__
from cleaner.config import Config
from cleaner.corpus import LineCounter, document_keys, line_key
from cleaner.detect import detect
from cleaner.detect.linefeatures import FEATURES, line_vectors
from cleaner.detect.model import MODEL_PATH
from cleaner.detect.stacking import SECOND_FEATURES, stack_vectors
from cleaner.pipeline import mark_html, prepare, prepare_context
from cleaner.reader import read_raw

from .data import load_set, read_gold
from .metrics import collapse_ws

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
_TOKEN_RE = re.compile(r"\w+")
PARAMS = {"max_iter": 400, "max_depth": 6, "max_leaf_nodes": 31, "learning_rate": 0.1, "l2_regularization": 1.0,
          "early_stopping": False, "random_state": 0}
FOLDS = 5
Page = dict[str, Any]


def _tokens(text: str) -> str:
    return " ".join(_TOKEN_RE.findall(text.lower()))


Labels = tuple[str, Any]  # ("gold", gold text) or ("snippets", (with, without))


def _gold_labels(texts: list[str], gold_text: str) -> tuple[np.ndarray, np.ndarray]:
    gold = f" {_tokens(gold_text)} "
    label, weight = np.zeros(len(texts), dtype=int), np.zeros(len(texts))
    for i, text in enumerate(texts):
        words = _tokens(text)
        label[i] = int(bool(words) and f" {words} " in gold)
        weight[i] = math.sqrt(max(1, words.count(" ") + 1))
    return label, weight


def _snippet_labels(texts: list[str], good: list[str], bad: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Lines holding a ``with`` snippet are article (1), a ``without`` one boilerplate (0);
    the others (and lines holding both) weigh 0."""
    good, bad = [collapse_ws(g) for g in good if g.strip()], [collapse_ws(b) for b in bad if b.strip()]
    label, weight = np.zeros(len(texts), dtype=int), np.zeros(len(texts))
    for i, text in enumerate(texts):
        line = collapse_ws(text)
        if not line:
            continue
        is_good, is_bad = any(g in line for g in good), any(b in line for b in bad)
        if is_good != is_bad:
            label[i] = int(is_good)
            weight[i] = math.sqrt(len(line.split()))
    return label, weight


def page_rows(args: tuple[Path, Labels, frozenset[int]]) -> Page | None:
    """One page before the model runs: features of all its lines, which are decided, which
    train the model (open and labelled), and each line's label and weight (``None`` for a page
    that cannot be read)."""
    raw_path, (kind, truth), repeated = args
    config = Config(use_trafilatura=True)
    try:
        raw = read_raw(raw_path, config.max_bytes)
    except Exception:  # rejected pages teach nothing
        return None
    prepared = prepare(raw)
    lines = prepared.lines
    is_html = raw.format == "html"
    if is_html:
        mark_html(lines, prepared.tree, config, repairs=prepared.repairs)
    ctx = detect(prepare_context(lines, config, repeated, is_html), stop_before="model.line")
    lines = ctx.lines  # the context leaves out blank lines
    texts = [line.text for line in lines]
    label, weight = _gold_labels(texts, truth) if kind == "gold" else _snippet_labels(texts, *truth)
    n = len(lines)
    trains = np.array([ctx.open(i) and weight[i] > 0 for i in range(n)], dtype=bool)
    decided = np.array([i in ctx.decided for i in range(n)], dtype=bool)
    return {"x": line_vectors(ctx), "train": trains, "decided": decided, "y": label, "w": weight,
            "fold": page_fold(raw_path)}


def page_id(path: Path) -> str:
    """A benchmark page's id: its file name without ``.txt`` or ``.html.gz``."""
    return path.name.removesuffix(".gz").removesuffix(".html").removesuffix(".txt")


def page_fold(path: Path) -> int:
    """The fold of a page (its text and HTML forms share it)."""
    return zlib.crc32(page_id(path).encode()) % FOLDS


def _truth(set_dir: Path) -> dict[str, Labels]:
    """Each page's labels: its gold text, or its snippets."""
    bset = load_set(set_dir.name, set_dir.parent)
    if bset.kind == "snippets":
        return {k: ("snippets", (d.get("with", []), d.get("without", []) + d.get("comments", [])))
                for k, d in bset.snippets.items()}
    return {g.stem: ("gold", read_gold(g)) for g in sorted((set_dir / "gold").glob("*.txt"))}


def collect(set_dir: Path, mode: str, jobs: int, skip_fold: int = -1, limit: int | None = None) -> list[Page]:
    """The pages of one benchmark set in one mode (``text`` or ``html``), but those of
    ``skip_fold`` (kept out to measure the model on pages it has not seen); with ``limit``,
    only the first pages (sorted by name)."""
    ext = ".txt" if mode == "text" else ".html.gz"
    pages = sorted((set_dir / mode).glob(f"*{ext}"))[:limit]
    truth = _truth(set_dir)
    counter = LineCounter()
    with Pool(jobs) as pool:
        for keys in pool.imap(_keys, pages, chunksize=16):
            counter.add(keys)
        repeated = counter.repeated(Config().repeated_min_docs)
        tasks = [(p, truth[page_id(p)], repeated) for p in pages if page_id(p) in truth and page_fold(p) != skip_fold]
        return [page for page in pool.imap(page_rows, tasks, chunksize=8) if page is not None and page["train"].any()]


def _rows(pages: list[Page], key: str = "x") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The training lines' rows (``page[key]``), labels and weights."""
    x, y, w = ([p[k][p["train"]] for p in pages] for k in (key, "y", "w"))
    return np.concatenate(x), np.concatenate(y), np.concatenate(w)


_PAGES: list[Page] = []  # the training pages, shared with the fold workers (fork)


def _fit(rows: tuple[np.ndarray, np.ndarray, np.ndarray], params: dict[str, Any]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y, w = rows
    return HistGradientBoostingClassifier(**params).fit(x, y, sample_weight=w)


def _fit_fold(task: tuple[int, dict[str, Any]]) -> tuple[Any, list[np.ndarray]]:
    """The first stage trained without ``fold`` (on all pages for -1), and its boilerplate
    probabilities on the lines of that fold's pages."""
    fold, params = task
    model = _fit(_rows([p for p in _PAGES if p["fold"] != fold]), params)
    return model, [model.predict_proba(p["x"])[:, 0] for p in _PAGES if p["fold"] == fold]


def _keys(path: Path) -> set[int]:
    try:
        raw = read_raw(path, Config().max_bytes)
    except Exception:  # rejected pages add no lines
        return set()
    return document_keys(line.text for line in prepare(raw).lines)


def _tree(nodes: np.ndarray) -> dict:
    """One tree in the package's flat form. Leaves carry the shrunk values the model sums;
    an inner node carries the count-weighted mean of its leaves (for the explanations)."""
    value = nodes["value"].astype(float).copy()
    count = nodes["count"].astype(float)
    for i in range(len(nodes) - 1, -1, -1):  # children come after their parent
        if not nodes["is_leaf"][i]:
            a, b = nodes["left"][i], nodes["right"][i]
            value[i] = (value[a] * count[a] + value[b] * count[b]) / max(1.0, count[a] + count[b])
    leaf = nodes["is_leaf"].astype(bool)
    return {
        "feature": [0 if is_leaf else int(f) for f, is_leaf in zip(nodes["feature_idx"], leaf)],
        "threshold": [0.0 if is_leaf else float(t) for t, is_leaf in zip(nodes["num_threshold"], leaf)],
        "left": [-1 if is_leaf else int(v) for v, is_leaf in zip(nodes["left"], leaf)],
        "right": [-1 if is_leaf else int(v) for v, is_leaf in zip(nodes["right"], leaf)],
        "value": [float(v) for v in value],
    }


def export(model: Any, features: tuple[str, ...], trained_with: str) -> dict:
    """The JSON form of a fitted ``HistGradientBoostingClassifier`` (log-odds of article text
    = ``init`` + ``learning_rate`` x the sum of the trees' leaf values)."""
    return {
        "features": list(features),
        "init": float(np.ravel(model._baseline_prediction)[0]),
        "learning_rate": 1.0,
        "params": {k: model.get_params()[k] for k in PARAMS},
        "trained_with": f"cleaner {__version__}, {trained_with}",
        "trees": [_tree(predictor.nodes) for (predictor,) in model._predictors],
    }


def fit_model(pages: list[Page], trained_with: str, jobs: int, params: dict[str, Any] = PARAMS) -> dict:
    """Fit both stages on ``pages`` (the second on out-of-fold first-stage probabilities)."""
    _PAGES[:] = pages
    with Pool(min(jobs, FOLDS + 1)) as pool:
        fitted = pool.map(_fit_fold, [(fold, params) for fold in (-1, *range(FOLDS))], chunksize=1)
    for fold, (_model, probabilities) in enumerate(fitted[1:]):
        for page, p in zip((page for page in pages if page["fold"] == fold), probabilities):
            page["stacked"] = stack_vectors(page["x"], p, page["decided"])
    second = _fit(_rows(pages, "stacked"), params)
    data = export(fitted[0][0], FEATURES, trained_with)
    data["stack"] = export(second, SECOND_FEATURES, trained_with)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default="dragnet-train,trafilatura")
    parser.add_argument("--modes", default="text,html")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument("--skip-fold", type=int, default=-1, help="keep this fold's pages out (to evaluate)")
    parser.add_argument("--trees", type=int, default=PARAMS["max_iter"], help="boosting rounds (fewer: a trial run)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set and mode (a trial run)")
    args = parser.parse_args(argv)

    started = time.time()
    sets, modes = args.sets.split(","), args.modes.split(",")
    _PAGES[:] = [p for s in sets for mode in modes for p in collect(BENCH / s, mode, args.jobs, args.skip_fold, args.limit)]
    trained_with = f"{' '.join(sets)}: {' and '.join(modes)}" + (f", fold {args.skip_fold} left out" if args.skip_fold >= 0 else "")
    trained_with += f", first {args.limit} pages of each" if args.limit else ""
    data = fit_model(_PAGES, trained_with, args.jobs, {**PARAMS, "max_iter": args.trees})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = sum(int(p["train"].sum()) for p in _PAGES)
    article = sum(int(p["y"][p["train"]].sum()) for p in _PAGES)
    print(f"trained on {lines} lines ({article} article) in {time.time() - started:.0f} s -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
