"""Progress: a redrawn bar on a terminal, periodic log lines elsewhere, nothing when quiet."""
from __future__ import annotations

import io
import sys

from cleaner.config import Config
from cleaner.progress import Progress
from cleaner.runner import run

from .pages import news_text, write
from .shardfiles import write_jsonl


class FakeTTY(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_terminal_gets_one_redrawn_bar_line() -> None:
    stream, clock = FakeTTY(), Clock()
    progress = Progress("clean", 10, stream=stream, clock=clock)
    for _ in range(4):
        clock.now += 1.0
        progress.advance()
    progress.close()
    out = stream.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n")  # one line, ended once
    frames = [f for f in out.rstrip("\n").split("\r") if f]
    assert len(frames) == 5  # four redraws and the final one
    assert frames[1] == "clean [####....................] 2/10 1.0 docs/s ETA 0:08\x1b[K"
    assert frames[-1].startswith("clean [#########...............] 4/10 1.0 docs/s ETA 0:06")


def test_terminal_redraws_at_most_ten_times_a_second() -> None:
    stream, clock = FakeTTY(), Clock()
    progress = Progress("scan", 1000, stream=stream, clock=clock)
    for _ in range(1000):
        clock.now += 0.001
        progress.advance()
    progress.close()
    assert 5 <= stream.getvalue().count("\r") <= 15


def test_pipe_gets_periodic_log_lines() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress("clean", 100, stream=stream, clock=clock, every_s=5.0)
    for _ in range(100):
        clock.now += 0.5
        progress.advance()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    assert len(lines) == 10  # every 5 s over 50 s (the final state was just shown)
    assert lines[0] == "clean: 10/100 (10%), 2.0 docs/s, ETA 0:45"
    assert lines[-1] == "clean: 100/100 (100%), 2.0 docs/s, ETA 0:00"


def test_unknown_total_shows_count_and_rate() -> None:
    stream, clock = FakeTTY(), Clock()
    progress = Progress("scan", None, stream=stream, clock=clock)
    clock.now += 2.0
    progress.advance(6)
    progress.close()
    assert stream.getvalue().rstrip("\n").split("\r")[-1] == "scan: 6 docs, 3.0 docs/s\x1b[K"


def test_quiet_and_single_document_passes_show_nothing() -> None:
    for progress in (Progress("clean", 50, quiet=True, stream=FakeTTY()), Progress("clean", 1, stream=FakeTTY())):
        progress.advance()
        progress.close()
        assert progress.stream.getvalue() == ""


def _corpus(raw) -> None:
    write(raw / "a.txt", news_text(" in the north"))
    write(raw / "b.txt", news_text(" in the south"))
    write_jsonl(raw / "s.jsonl", [{"id": "x", "text": news_text(" in the east")}, {"id": "y", "text": news_text(" up the hill")}])


def test_run_draws_bars_on_a_terminal(tmp_path, monkeypatch) -> None:
    _corpus(tmp_path / "raw")
    stream = FakeTTY()
    monkeypatch.setattr(sys, "stderr", stream)
    run(tmp_path / "raw", tmp_path / "clean", Config(), quiet=False)
    lines = stream.getvalue().split("\n")
    assert lines[-1] == ""
    assert [line.rsplit("\r", 1)[-1].split(" ")[0] for line in lines[:-1]] == ["scan:", "clean"]
    assert lines[1].rsplit("\r", 1)[-1].startswith("clean [########################] 4/4 ")


def test_run_logs_plain_lines_when_not_a_terminal(tmp_path, monkeypatch) -> None:
    _corpus(tmp_path / "raw")
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    run(tmp_path / "raw", tmp_path / "clean", Config(), quiet=False)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("scan: 4 docs, ") and lines[1].startswith("clean: 4/4 (100%), ")
    assert "\r" not in stream.getvalue()
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    write(tmp_path / "raw" / "c.txt", news_text(" by the sea"))
    run(tmp_path / "raw", tmp_path / "clean", Config(), quiet=True)
    assert quiet.getvalue() == ""
