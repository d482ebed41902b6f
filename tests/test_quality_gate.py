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
# Floors = F1 measured on this sample minus about 0.03 (measured values on the right).
FLOORS: dict[str, float] = {
    "dragnet-train": 0.76,  # measured 0.794 on 2026-11-21 (cleaner 0.1.0)
    "trafilatura": 0.86,  # measured 0.892 on 2026-11-21 (cleaner 0.1.0)
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
    assert summary["f1"] >= FLOORS[set_name], (
        f"{set_name} text F1 {summary['f1']:.3f} (P {summary['precision']:.3f}, "
        f"R {summary['recall']:.3f}) fell below the floor {FLOORS[set_name]}; worst pages: {worst}"
    )
