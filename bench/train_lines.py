"""Train the learned line model (``cleaner/models/lines.json``) reproducibly: ``make train``.

Training data: the Dragnet training pages in ``../shared/bench/dragnet-train``, both as text
dumps and as rendered HTML. A line is labelled article text when its words occur, in order,
in the page's gold article text; each line weighs the square root of its word count (the
benchmark scores words, but short lines must still count). Lines already removed by the rules
that run before the model are left out: the model only sees what it will decide. The model
is scikit-learn's gradient boosting with a fixed seed, exported to plain JSON; the package
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
from cleaner.pipeline import mark_html, prepare_context
from cleaner.reader import read_raw
from cleaner.runner import prepare

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
_TOKEN_RE = re.compile(r"\w+")
PARAMS = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8, "random_state": 0}
FOLDS = 5
Page = dict[str, Any]


def read_gold(path: Path) -> str:
    """A gold file's text (a few Dragnet gold files carry stray NUL bytes)."""
    return path.read_bytes().replace(b"\x00", b"").decode("utf-8", "replace")


def _tokens(text: str) -> str:
    return " ".join(_TOKEN_RE.findall(text.lower()))


def page_rows(args: tuple[Path, Path, frozenset[int]]) -> Page | None:
    """One page before the model runs: features of all its lines, which are open or decided,
    and each line's label and weight (``None`` for a page that cannot be read)."""
    raw_path, gold_path, repeated = args
    config = Config(use_trafilatura=True)
    try:
        raw = read_raw(raw_path, config.max_bytes)
    except Exception:  # rejected pages teach nothing
        return None
    _source, lines, tree = prepare(raw)
    is_html = raw.format == "html"
    if is_html:
        mark_html(lines, tree, config)
    ctx = detect(prepare_context(lines, config, repeated, is_html), stop_before="model.line")
    gold = f" {_tokens(read_gold(gold_path))} "
    n = len(lines)
    label, weight = np.zeros(n, dtype=int), np.zeros(n)
    for i, line in enumerate(lines):
        words = _tokens(line.text)
        label[i] = int(bool(words) and f" {words} " in gold)
        weight[i] = math.sqrt(max(1, words.count(" ") + 1))
    is_open = np.array([ctx.open(i) for i in range(n)], dtype=bool)
    decided = np.array([i in ctx.decided for i in range(n)], dtype=bool)
    fold = zlib.crc32(raw_path.name.split(".")[0].encode()) % FOLDS
    return {"x": line_vectors(ctx), "open": is_open, "decided": decided, "y": label, "w": weight, "fold": fold}


def collect(set_dir: Path, mode: str, jobs: int) -> list[Page]:
    """The pages of one benchmark set in one mode (``text`` or ``html``)."""
    ext = ".txt" if mode == "text" else ".html.gz"
    pages = sorted((set_dir / mode).glob(f"*{ext}"))
    counter = LineCounter()
    with Pool(jobs) as pool:
        for keys in pool.imap(_keys, pages, chunksize=16):
            counter.add(keys)
        repeated = counter.repeated(Config().repeated_min_docs)
        tasks = [(p, set_dir / "gold" / (p.name[: -len(ext)] + ".txt"), repeated) for p in pages]
        tasks = [t for t in tasks if t[1].is_file()]
        return [page for page in pool.imap(page_rows, tasks, chunksize=8) if page is not None and len(page["x"])]


def _rows(pages: list[Page], key: str = "x") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The open lines' rows (``page[key]``), labels and weights."""
    x, y, w = ([p[k][p["open"]] for p in pages] for k in (key, "y", "w"))
    return np.concatenate(x), np.concatenate(y), np.concatenate(w)


_PAGES: list[Page] = []  # the training pages, shared with the fold workers (fork)


def _fit(rows: tuple[np.ndarray, np.ndarray, np.ndarray]) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier

    x, y, w = rows
    return GradientBoostingClassifier(**PARAMS).fit(x, y, sample_weight=w)


def _fit_fold(fold: int) -> tuple[Any, list[np.ndarray]]:
    """The first stage trained without ``fold`` (on all pages for -1), and its boilerplate
    probabilities on the lines of that fold's pages."""
    model = _fit(_rows([p for p in _PAGES if p["fold"] != fold]))
    return model, [model.predict_proba(p["x"])[:, 0] for p in _PAGES if p["fold"] == fold]


def _keys(path: Path) -> set[int]:
    try:
        _source, lines, _tree = prepare(read_raw(path, Config().max_bytes))
    except Exception:
        return set()
    return document_keys(line.text for line in lines)


def export(model: Any, features: tuple[str, ...]) -> dict:
    """The JSON form of a fitted ``GradientBoostingClassifier``."""
    trees = []
    for (est,) in model.estimators_:
        t = est.tree_
        trees.append({
            "feature": [int(f) if f >= 0 else 0 for f in t.feature],
            "threshold": [float(v) for v in t.threshold],
            "left": [int(v) for v in t.children_left],
            "right": [int(v) for v in t.children_right],
            "value": [float(v[0][0]) for v in t.value],
        })
    prior = float(model.init_.class_prior_[1])
    return {
        "features": list(features),
        "init": math.log(prior / (1 - prior)),
        "learning_rate": PARAMS["learning_rate"],
        "params": PARAMS,
        "trained_with": f"cleaner {__version__}, dragnet-train text and html",
        "trees": trees,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", default="dragnet-train")
    parser.add_argument("--modes", default="text,html")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(MODEL_PATH))
    args = parser.parse_args(argv)

    started = time.time()
    _PAGES[:] = [p for mode in args.modes.split(",") for p in collect(BENCH / args.set, mode, args.jobs)]
    with Pool(min(args.jobs, FOLDS + 1)) as pool:
        fitted = pool.map(_fit_fold, [-1, *range(FOLDS)], chunksize=1)
    for fold, (_model, probabilities) in enumerate(fitted[1:]):
        for page, p in zip((page for page in _PAGES if page["fold"] == fold), probabilities):
            page["stacked"] = stack_vectors(page["x"], p, page["decided"])
    second = _fit(_rows(_PAGES, "stacked"))
    data = export(fitted[0][0], FEATURES)
    data["stack"] = export(second, SECOND_FEATURES)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = sum(int(p["open"].sum()) for p in _PAGES)
    article = sum(int(p["y"][p["open"]].sum()) for p in _PAGES)
    print(f"trained on {lines} lines ({article} article) in {time.time() - started:.0f} s -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
