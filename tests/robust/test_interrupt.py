"""Interruptions: a run killed with SIGKILL, a crash between the two outputs, a full disk.

Nothing partial or corrupt is ever visible in CLEAN, and the next run produces exactly what
an uninterrupted run produces.
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

import cleaner.job
from cleaner.config import Config
from cleaner.outputs import TMP_PREFIX
from cleaner.runner import run

from ..pages import news_html, news_text, write
from ..shardfiles import write_jsonl
from .helpers import cli_command, cli_env, outputs, replays, run_cli, snapshot

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def corpus(raw: Path, n: int) -> Path:
    for i in range(n):
        page = news_html(f" on day {i}") if i % 5 == 0 else news_text(f" on day {i}")
        write(raw / f"part{i % 7}" / f"doc{i}.{'html' if i % 5 == 0 else 'txt'}", page)
    return raw


def assert_consistent(raw: Path, clean: Path) -> None:
    """Every visible ``.txt`` has a parseable sidecar that replays to it.

    Temporary files (hidden ``.tmp-*`` names) are not outputs: a killed run may leave
    some, and the next run sweeps them.
    """
    for text in clean.rglob("*.txt"):
        if text.name.startswith(TMP_PREFIX):
            continue
        stem = text.relative_to(clean).with_suffix("").as_posix()
        sidecar = clean / f"{stem}.json"
        assert sidecar.is_file(), f"{stem}.txt without its sidecar"
        json.loads(sidecar.read_text(encoding="utf-8"))
        assert replays(raw, clean, stem), stem


def _kill_when_started(raw: Path, clean: Path) -> bool:
    """Start a run, SIGKILL its process group once some outputs exist; was it still running?"""
    proc = subprocess.Popen(
        cli_command(raw, clean, 2), cwd=raw.parent, env=cli_env(), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(clean.rglob("*.json"))) >= 10:
            break
        time.sleep(0.05)
    running = proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


@pytest.mark.slow
def test_sigkill_mid_run_leaves_no_corrupt_output_and_the_rerun_completes(tmp_path) -> None:
    raw = corpus(tmp_path / "raw", 300)
    before = snapshot(raw)
    clean = tmp_path / "clean"
    assert _kill_when_started(raw, clean), "the run ended before it could be killed"
    assert_consistent(raw, clean)
    assert run_cli(raw, clean, 2).returncode == 0
    assert not [p for p in clean.rglob(f"{TMP_PREFIX}*")]
    assert run_cli(raw, tmp_path / "whole", 2).returncode == 0
    assert outputs(clean) == outputs(tmp_path / "whole")
    assert snapshot(raw) == before


@pytest.mark.slow
def test_sigkill_mid_shard_run_leaves_whole_record_outputs_and_the_rerun_completes(tmp_path) -> None:
    """The same with one JSON Lines shard, whose records are cleaned in batches."""
    raw = tmp_path / "raw"
    records = [
        {"id": f"r{i}", "html": news_html(f" on day {i}")} if i % 5 == 0 else {"id": f"r{i}", "text": news_text(f" on day {i}")}
        for i in range(300)
    ]
    write_jsonl(raw / "crawl" / "s.jsonl.gz", records)
    before = snapshot(raw)
    clean = tmp_path / "clean"
    assert _kill_when_started(raw, clean), "the run ended before it could be killed"
    for text in clean.rglob("*.txt"):
        if not text.name.startswith(TMP_PREFIX):
            json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))  # never a .txt alone
    assert run_cli(raw, clean, 2).returncode == 0
    assert not [p for p in clean.rglob(f"{TMP_PREFIX}*")]
    verify = subprocess.run(
        [*cli_command(raw, clean, 1)[:3], "verify", str(raw), str(clean)], cwd=raw.parent, env=cli_env(),
        capture_output=True, text=True, timeout=300,
    )
    assert verify.returncode == 0 and "verified 300 documents, 0 problems" in verify.stdout, verify.stdout
    assert run_cli(raw, tmp_path / "whole", 2).returncode == 0
    assert outputs(clean) == outputs(tmp_path / "whole")
    assert snapshot(raw) == before


def test_crash_between_sidecar_and_text_heals_on_rerun(tmp_path, monkeypatch) -> None:
    raw, clean = corpus(tmp_path / "raw", 3), tmp_path / "clean"
    run(raw, clean, Config(), quiet=True)
    write(raw / "part1" / "doc1.txt", news_text(" changed since"))
    real = cleaner.job.atomic_write

    def crash_on_text(path: Path, data: str) -> None:
        if path.suffix == ".txt":
            raise KeyboardInterrupt  # as if killed between the two renames
        real(path, data)

    monkeypatch.setattr(cleaner.job, "atomic_write", crash_on_text)
    with pytest.raises(KeyboardInterrupt):
        run(raw, clean, Config(), quiet=True)
    monkeypatch.setattr(cleaner.job, "atomic_write", real)
    report = run(raw, clean, Config(), quiet=True)
    assert {d["rel"]: d["status"] for d in report["documents"]}["part1/doc1.txt"] == "cleaned"
    assert_consistent(raw, clean)
    run(raw, tmp_path / "whole", Config(), quiet=True)
    assert outputs(clean) == outputs(tmp_path / "whole")


def test_full_disk_fails_one_document_clearly(tmp_path, monkeypatch) -> None:
    raw, clean = corpus(tmp_path / "raw", 4), tmp_path / "clean"
    real = cleaner.job.atomic_write

    def full(path: Path, data: str) -> None:
        if path.stem == "doc2" and path.suffix == ".txt":
            raise ENOSPC
        real(path, data)

    monkeypatch.setattr(cleaner.job, "atomic_write", full)
    report = run(raw, clean, Config(), jobs=1, quiet=True)
    docs = {d["rel"]: d for d in report["documents"]}
    assert docs["part2/doc2.txt"]["status"] == "failed"
    assert "no space left" in docs["part2/doc2.txt"]["reason"].lower()
    assert {d["status"] for rel, d in docs.items() if rel != "part2/doc2.txt"} == {"cleaned"}
    assert not (clean / "part2" / "doc2.json").exists() and not (clean / "part2" / "doc2.txt").exists()
    assert not list(clean.rglob(f"{TMP_PREFIX}*"))
    assert_consistent(raw, clean)


@pytest.fixture()
def tiny_disk(tmp_path):
    """A 1 MB tmpfs (needs root; skipped where mounting is not allowed)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    try:
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                              capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("mount is not available")
    if proc.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=10)


def test_real_full_disk(tmp_path, tiny_disk) -> None:
    raw = tmp_path / "raw"
    for i in range(4):
        write(raw / f"big{i}.txt", news_text(f" number {i}") * 120)
    clean = tiny_disk / "clean"
    proc = run_cli(raw, clean, 1)
    assert proc.returncode != 0
    report_path = clean / ".cleaner" / "report.json"
    if report_path.is_file():  # the report fitted: it says which documents failed, and why
        failed = [d for d in json.loads(report_path.read_text())["documents"] if d["status"] == "failed"]
        assert failed and all("no space left" in d["reason"].lower() for d in failed)
    else:
        assert "no space left" in proc.stderr.lower()
    assert not list(clean.rglob(f"{TMP_PREFIX}*"))
    assert_consistent(raw, clean)
