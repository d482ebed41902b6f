"""Smoke test on real page dumps: the first 30 dragnet-train text pages (skips without bench).

The pages are copied into a temp RAW (links to files outside RAW are refused by design).
"""
from __future__ import annotations

import json
import shutil

import pytest

from cleaner.config import Config
from cleaner.runner import run
from cleaner.verify import verify_tree

SAMPLE = 30


@pytest.mark.slow
def test_first_pages_clean_and_replay(bench, tmp_path) -> None:
    source = bench / "dragnet-train" / "text"
    if not source.is_dir():
        pytest.skip(f"no {source}")
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for path in sorted(source.glob("*.txt"))[:SAMPLE]:
        shutil.copyfile(path, raw / path.name)
    report = run(raw, clean, Config(), jobs=2, quiet=True)
    summary = report["summary"]
    assert (summary["failed"], summary["timeout"]) == (0, 0), report["documents"]
    assert summary["cleaned"] + summary["rejected"] == SAMPLE and summary["cleaned"] >= SAMPLE - 2
    assert verify_tree(raw, clean, Config()) == ([], summary["cleaned"])
    removed_some = [
        bool(json.loads((clean / f"{d['out']}.json").read_text(encoding="utf-8"))["removed"])
        for d in report["documents"] if d["status"] == "cleaned"
    ]
    assert sum(removed_some) >= 0.8 * len(removed_some)
    assert summary["chars_out"] < 0.9 * summary["chars_in"]
