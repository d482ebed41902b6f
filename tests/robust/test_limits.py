"""Time and memory bounds: the per-document time limit, every shipped regular expression
against catastrophic backtracking, and peak memory on huge inputs."""
from __future__ import annotations

import json
import re
import resource
import time
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.phrases import available_languages, load_phrasebook
from cleaner.runner import run

from ..pages import news_text, write
from .helpers import outcome, run_cli
from .hostile import huge_line, many_lines, over_limit
from .patterns import adversarial_inputs, shipped_patterns

MAX_SEARCH_S = 0.05
PATTERNS = shipped_patterns()


def test_every_pattern_file_is_found() -> None:
    assert len(PATTERNS) > 100
    assert {where.split(":")[0].split("/")[1] for where, _ in PATTERNS} >= {"comment_meta.txt", "comment_dates.txt", "bio_lines.txt"}


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
def test_no_catastrophic_backtracking(where: str, pattern: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    for text in adversarial_inputs(pattern):
        took = _best_of(3, lambda: rx.search(text))
        assert took < MAX_SEARCH_S, f"{where}: {took * 1000:.0f} ms on {text[:30]!r}..."


def _best_of(n: int, fn) -> float:
    """The shortest of ``n`` timings of ``fn()``: a busy machine slows one run, while
    catastrophic backtracking is slow every time."""
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if best < MAX_SEARCH_S:
            break
    return best


def test_phrase_matching_of_long_lines_is_not_catastrophic() -> None:
    """The whole phrase book on 5,000-character lines: bounded (generously: the combined
    screening alternation is slower than the patterns one by one, but not exponential)."""
    book = load_phrasebook(available_languages())
    book.match("warm up")
    for text in adversarial_inputs("says comments reply"):
        start = time.perf_counter()
        book.match(text)
        assert time.perf_counter() - start < 20 * MAX_SEARCH_S, text[:30]


def test_a_pathological_document_times_out_and_the_batch_goes_on(tmp_path) -> None:
    """A real slow document (thousands of lines the line model removes), not a mocked one."""
    raw = tmp_path / "raw"
    write(raw / "a.txt", news_text())
    many_lines(raw / "slow.txt", 30_000)
    write(raw / "z.txt", news_text(" later"))
    start = time.monotonic()
    report = run(raw, tmp_path / "clean", Config(time_limit_s=1.0), jobs=1, quiet=True)
    assert time.monotonic() - start < 30
    got = {d["rel"]: outcome(d) for d in report["documents"]}
    assert got == {"a.txt": "cleaned", "slow.txt": "timeout", "z.txt": "cleaned"}
    assert not (tmp_path / "clean" / "slow.txt").exists()


def _run_with(tmp_path: Path, name: str, settings: str) -> dict[str, str]:
    raw = tmp_path / name
    config = write(tmp_path / f"{name}.toml", f"[cleaner]\n{settings}\n")
    proc = run_cli(raw, tmp_path / f"{name}-clean", 1, "0", "--config", str(config))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / f"{name}-clean" / ".cleaner" / "report.json").read_text())
    return {d["rel"]: outcome(d) for d in report["documents"]}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@pytest.mark.slow
def test_a_huge_line_cleans_with_bounded_memory(tmp_path) -> None:
    limit = 11_000_000
    huge_line(tmp_path / "huge" / "huge-line.txt")
    over_limit(tmp_path / "huge" / "too-big.txt", limit)
    got = _run_with(tmp_path, "huge", f"max_bytes = {limit}\ntime_limit_s = 300")
    assert got == {"huge-line.txt": "cleaned", "too-big.txt": "rejected:too-large"}
    assert _peak_mb() < 1500, f"a worker peaked at {_peak_mb():.0f} MB"


@pytest.mark.slow
def test_many_short_lines_end_with_bounded_memory(tmp_path) -> None:
    """100,000 lines: cleaned, or timed out while the rest of the batch goes on."""
    many_lines(tmp_path / "many" / "many-lines.txt")
    write(tmp_path / "many" / "news.txt", news_text())
    got = _run_with(tmp_path, "many", "time_limit_s = 10")
    assert got["many-lines.txt"] in ("cleaned", "timeout") and got["news.txt"] == "cleaned"
    assert _peak_mb() < 1500, f"a worker peaked at {_peak_mb():.0f} MB"
