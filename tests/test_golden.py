"""Golden cases: the raw samples with what must be kept and what must go, by category.

The cases are data files in ``tests/golden/`` (see its README). The whole ``raw/`` folder is
cleaned once, as ``make clean`` does (corpus pass included), and each case is checked.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.outputs import output_stem
from cleaner.runner import run

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "golden").glob("*.json"))


def _collapse(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("golden-clean")
    report = run(ROOT / "raw", out, Config(), jobs=1, quiet=True)
    assert report["summary"]["failed"] == 0
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_case(case: Path, cleaned: Path) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))
    rel = Path(spec["source"]).relative_to("raw")
    stem = output_stem(Path(rel.as_posix()))  # type: ignore[arg-type]
    text = _collapse((cleaned / f"{stem}.txt").read_text(encoding="utf-8"))
    removed = json.loads((cleaned / f"{stem}.json").read_text(encoding="utf-8"))["removed"]
    problems = [f"lost article text: {k!r}" for k in spec["keep"] if _collapse(k) not in text]
    for category, needles in spec["remove"].items():
        for needle in needles:
            hits = [r for r in removed if _collapse(needle) in _collapse(r["text"])]
            if not hits:
                problems.append(f"not removed ({category}): {needle!r}")
            elif all(r["category"] != category for r in hits):
                got = ", ".join(sorted({f"{r['category']}/{r['rule']}" for r in hits}))
                problems.append(f"wrong category for {needle!r}: {got}, expected {category}")
    assert not problems, "\n".join(problems)
