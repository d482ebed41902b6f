"""Train the learned line model (``cleaner/models/lines.json``) reproducibly: ``make train``.

Training data: the Dragnet training pages in ``../shared/bench/dragnet-train``, both as text
dumps and as rendered HTML. A line is labelled article text when its words occur, in order,
in the page's gold article text; each line weighs the square root of its word count (the
benchmark scores words, but short lines must still count). Lines already removed by the rules
that run before the model are left out: the model only sees what it will decide. The model
is scikit-learn's gradient boosting with a fixed seed, exported to plain JSON; the package
runs it without scikit-learn.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import time
from multiprocessing import Pool
from pathlib import Path

from cleaner import __version__
from cleaner.config import Config
from cleaner.corpus import LineCounter, document_keys, line_key
from cleaner.detect import detect
from cleaner.detect.linefeatures import FEATURES, line_vectors
from cleaner.detect.model import MODEL_PATH
from cleaner.pipeline import mark_html, prepare_context
from cleaner.reader import read_raw
from cleaner.runner import prepare

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))
_TOKEN_RE = re.compile(r"\w+")
PARAMS = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8, "random_state": 0}


def read_gold(path: Path) -> str:
    """A gold file's text (a few Dragnet gold files carry stray NUL bytes)."""
    return path.read_bytes().replace(b"\x00", b"").decode("utf-8", "replace")


def _tokens(text: str) -> str:
    return " ".join(_TOKEN_RE.findall(text.lower()))


def page_rows(args: tuple[Path, Path, frozenset[int]]) -> list[tuple[list[float], int, float]]:
    """``(features, label, weight)`` for every open line of one page before the model runs."""
    raw_path, gold_path, repeated = args
    config = Config(use_trafilatura=True)
    try:
        raw = read_raw(raw_path, config.max_bytes)
    except Exception:  # rejected pages teach nothing
        return []
    _source, lines, tree = prepare(raw)
    is_html = raw.format == "html"
    if is_html:
        mark_html(lines, tree, config)
    ctx = detect(prepare_context(lines, config, repeated, is_html), stop_before="model.line")
    gold = f" {_tokens(read_gold(gold_path))} "
    rows = []
    for i, x in enumerate(line_vectors(ctx)):
        if not ctx.open(i):
            continue
        words = _tokens(lines[i].text)
        rows.append((x, int(bool(words) and f" {words} " in gold), math.sqrt(max(1, words.count(" ") + 1))))
    return rows


def collect(set_dir: Path, mode: str, jobs: int) -> list[tuple[list[float], int, float]]:
    """Training rows of one benchmark set in one mode (``text`` or ``html``)."""
    ext = ".txt" if mode == "text" else ".html.gz"
    pages = sorted((set_dir / mode).glob(f"*{ext}"))
    counter = LineCounter()
    with Pool(jobs) as pool:
        for keys in pool.imap(_keys, pages, chunksize=16):
            counter.add(keys)
        repeated = counter.repeated(Config().repeated_min_docs)
        tasks = [(p, set_dir / "gold" / (p.name[: -len(ext)] + ".txt"), repeated) for p in pages]
        tasks = [t for t in tasks if t[1].is_file()]
        return [row for rows in pool.imap(page_rows, tasks, chunksize=8) for row in rows]


def _keys(path: Path) -> set[int]:
    try:
        _source, lines, _tree = prepare(read_raw(path, Config().max_bytes))
    except Exception:
        return set()
    return document_keys(line.text for line in lines)


def export(model, n_features: int) -> dict:
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
        "features": list(FEATURES[:n_features]),
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
    from sklearn.ensemble import GradientBoostingClassifier

    started = time.time()
    rows = [r for mode in args.modes.split(",") for r in collect(BENCH / args.set, mode, args.jobs)]
    X, y, w = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    model = GradientBoostingClassifier(**PARAMS).fit(X, y, sample_weight=w)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = export(model, len(FEATURES))
    data["trees"] = [{k: v for k, v in t.items()} for t in data["trees"]]
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"trained on {len(rows)} lines ({sum(y)} article) in {time.time() - started:.0f} s -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
