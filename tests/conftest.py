"""Shared fixtures: the project root, the shared benchmark folder, small corpora."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# `make test` runs the same generated examples on every run, so that CI cannot fail at random;
# `make fuzz` (tests/robust/fuzz.py) is where new examples are explored.
settings.register_profile("make-test", derandomize=True, database=None)
settings.load_profile("make-test")

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("CLEANER_BENCH", ROOT.parent / "shared" / "bench"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bench() -> Path:
    """``../shared/bench``; tests that need it skip when it is absent."""
    if not BENCH.is_dir():
        pytest.skip(f"../shared/bench not found at {BENCH}: benchmark tests skipped")
    return BENCH


def article(n: int = 4, topic: str = "council") -> list[str]:
    """Article paragraphs: long, sentence-like lines."""
    return [
        f"The {topic} met on Tuesday evening to discuss the proposal number {i}, and members "
        f"said that the plan would change how the town spends its money over the next years."
        for i in range(n)
    ]
