"""Quality gate: our cleaner's CLI (text mode) on a fixed benchmark sample must not regress.

Runs ``python -m cleaner run`` through the evaluation harness (``bench/``) on the first 40
sorted page ids of dragnet-train and of trafilatura (a few seconds each) and fails when F1
falls below a pinned floor. Select it with ``pytest -m quality``; the full evaluation is
``make eval``. When a change raises the scores for good, raise the floors with it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench.data import bench_root, load_set  # noqa: E402
from bench.eval import evaluate_cleaner  # noqa: E402

SAMPLE = 40
# Floors (F1, recall) = values measured on this sample minus about 0.03. Recall has its own
# floor: losing article text is the worst failure, so a precision gain may not buy it.
# Measured on 2026-11-21 (cleaner 0.1.0, line model of 400 trees, threshold 0.7):
#   dragnet-train P 0.767 R 0.906 F1 0.831; trafilatura P 0.779 R 0.992 F1 0.873.
FLOORS: dict[str, tuple[float, float]] = {
    "dragnet-train": (0.80, 0.87),
    "trafilatura": (0.84, 0.96),
}


@pytest.mark.quality
@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_text_mode_f1_stays_above_floor(set_name: str, tmp_path: Path) -> None:
    root = bench_root()
    if not (root / set_name).is_dir():
        pytest.skip(f"../shared/bench not found: no {set_name} under {root} (set CLEANER_BENCH)")
    bset = load_set(set_name, root, SAMPLE)
    result = evaluate_cleaner(bset, "text", tmp_path, jobs=2)
    summary, run = result["summary"], result["run"]
    assert run["missing_outputs"] == 0, f"cleaner wrote no output for {run['missing_ids']}"
    worst = ", ".join(f"{p['id']}" for p in result["worst"][:5])
    f1_floor, recall_floor = FLOORS[set_name]
    scores = f"F1 {summary['f1']:.3f} (P {summary['precision']:.3f}, R {summary['recall']:.3f})"
    assert summary["recall"] >= recall_floor, f"{set_name} recall fell below {recall_floor}: {scores}; worst: {worst}"
    assert summary["f1"] >= f1_floor, f"{set_name} F1 fell below {f1_floor}: {scores}; worst pages: {worst}"
