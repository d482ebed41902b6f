"""Incremental runs: unchanged files are not read again, the corpus pass stays correct."""
from __future__ import annotations

import json
import os
from pathlib import Path

from cleaner import runner
from cleaner.config import Config
from cleaner.runner import run
from cleaner.state import load_state

ARTICLE = [
    f"Paragraph {i} of the story says that the council met again on Tuesday and decided many things about the town."
    for i in range(5)
]


def _write(raw: Path, name: str, lines: list[str]) -> Path:
    path = raw / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _statuses(report: dict) -> dict[str, str]:
    return {d["rel"]: d["status"] for d in report["documents"]}


def test_rerun_skips_without_reading(tmp_path, monkeypatch) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for n in range(3):
        _write(raw, f"d{n}.txt", ["Weather", "Jobs", *[a.replace("story", f"story {n}") for a in ARTICLE]])
    run(raw, clean, Config(), quiet=True)
    assert len(load_state(clean)) == 3

    def no_reading(*_a, **_k):
        raise AssertionError("an unchanged raw file was read again")

    monkeypatch.setattr(runner, "read_raw", no_reading)
    report = run(raw, clean, Config(), quiet=True)
    assert set(_statuses(report).values()) == {"skipped"}


def test_touched_file_is_read_but_not_rewritten(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    path = _write(raw, "a.txt", ARTICLE)
    run(raw, clean, Config(), quiet=True)
    before = (clean / "a.json").stat().st_mtime_ns
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = run(raw, clean, Config(), quiet=True)
    assert _statuses(report) == {"a.txt": "skipped"}
    assert (clean / "a.json").stat().st_mtime_ns == before


def test_new_document_that_makes_lines_repeated_recleans_the_others(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    footer = ["Spring fete raffle results"]
    for n in range(2):
        _write(raw, f"d{n}.txt", [*[a.replace("story", f"story {n}") for a in ARTICLE], *footer])
    run(raw, clean, Config(repeated_min_docs=3), quiet=True)
    _write(raw, "d2.txt", [*[a.replace("story", "story 2") for a in ARTICLE], *footer])
    report = run(raw, clean, Config(repeated_min_docs=3), quiet=True)
    assert _statuses(report) == {"d0.txt": "cleaned", "d1.txt": "cleaned", "d2.txt": "cleaned"}
    fps = {json.loads((clean / f"d{n}.json").read_text())["corpus_fingerprint"] for n in range(3)}
    assert len(fps) == 1
    again = run(raw, clean, Config(repeated_min_docs=3), quiet=True)
    assert set(_statuses(again).values()) == {"skipped"}


def test_broken_state_means_full_work(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    _write(raw, "a.txt", ARTICLE)
    run(raw, clean, Config(), quiet=True)
    (clean / ".cleaner" / "state.json").write_text("{not json", encoding="utf-8")
    assert load_state(clean) == {}
    report = run(raw, clean, Config(), quiet=True)
    assert _statuses(report) == {"a.txt": "skipped"}  # the sidecar check still holds


def _three_with_a_footer(raw: Path) -> None:
    raw.mkdir()
    for n, place in enumerate(["north", "south", "east"]):
        _write(raw, f"d{n}.txt", [*[a.replace("story", f"story in the {place}") for a in ARTICLE], "Spring fete raffle results"])


def test_noop_rerun_neither_counts_lines_nor_rewrites_the_state(tmp_path, monkeypatch) -> None:
    from cleaner import corpus

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    _three_with_a_footer(raw)
    run(raw, clean, Config(), quiet=True)
    state = clean / ".cleaner" / "state.json"
    before = state.stat().st_mtime_ns

    def no_counting(*_a, **_k):
        raise AssertionError("lines were counted again")

    monkeypatch.setattr(corpus.LineCounter, "add", no_counting)
    report = run(raw, clean, Config(), quiet=True)
    assert set(_statuses(report).values()) == {"skipped"}
    assert state.stat().st_mtime_ns == before


def test_missing_output_is_written_again_as_it_was(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    _three_with_a_footer(raw)
    run(raw, clean, Config(), quiet=True)
    first = {p.name: p.read_bytes() for p in clean.iterdir() if p.is_file()}
    nothing_repeated = runner.corpus_fingerprint(None, frozenset())
    assert json.loads(first["d1.json"])["corpus_fingerprint"] != nothing_repeated  # the footer repeats
    (clean / "d1.txt").unlink()
    report = run(raw, clean, Config(), quiet=True)
    assert _statuses(report) == {"d0.txt": "skipped", "d1.txt": "cleaned", "d2.txt": "skipped"}
    assert {p.name: p.read_bytes() for p in clean.iterdir() if p.is_file()} == first


def test_removed_document_changes_the_repeated_lines_of_the_others(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    _three_with_a_footer(raw)
    run(raw, clean, Config(), quiet=True)
    fp = json.loads((clean / "d0.json").read_text())["corpus_fingerprint"]
    (raw / "d2.txt").unlink()
    report = run(raw, clean, Config(), quiet=True)
    assert _statuses(report) == {"d0.txt": "cleaned", "d1.txt": "cleaned"}
    assert json.loads((clean / "d0.json").read_text())["corpus_fingerprint"] != fp
    assert set(_statuses(run(raw, clean, Config(), quiet=True)).values()) == {"skipped"}


def test_the_state_is_written_durably_after_the_outputs_are_synced(tmp_path, monkeypatch) -> None:
    import os

    from cleaner.state import save_state

    events = []
    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))
    monkeypatch.setattr(os, "fsync", lambda _fd: events.append("fsync"))
    save_state(tmp_path, {})
    assert events == ["sync", "fsync"]
