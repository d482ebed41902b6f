"""The Makefile targets, run with ``make`` in the project root (slow: starts the cleaner)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from cleaner.detect.model import model_from_dict

from .pages import news_html, news_text, write

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
    pytest.mark.skipif(not (ROOT / ".venv" / ".installed").is_file(), reason="no .venv/.installed stamp"),
]


def make(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = ["make", "--no-print-directory", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_help_lists_the_targets() -> None:
    proc = make("help")
    assert proc.returncode == 0, proc.stderr
    targets = {line.split()[0] for line in proc.stdout.splitlines()[1:] if line.strip()}
    assert {"clean", "test", "eval", "outputs-clean"} <= targets


def test_clean_then_outputs_clean(tmp_path) -> None:
    raw, clean = tmp_path / "raw dir", tmp_path / "clean dir"  # spaces must survive make
    write(raw / "news.txt", news_text())
    write(raw / "web" / "page.html", news_html())
    write(clean / ".gitkeep", b"")
    proc = make("clean", f"RAW={raw}", f"CLEAN={clean}", "JOBS=2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "processed 2 (cleaned 2" in proc.stdout
    for rel in ("news.txt", "news.json", "web/page.txt", "web/page.json", ".cleaner/report.json"):
        assert (clean / rel).is_file(), rel
    proc = make("outputs-clean", f"CLEAN={clean}", f"RAW={raw}")
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in clean.iterdir()] == [".gitkeep"]
    assert (raw / "news.txt").read_text(encoding="utf-8") == news_text()


@pytest.fixture()
def scratch_project(tmp_path) -> Path:
    """A copy of the Makefile in a throw-away project, for tests that could delete it."""
    proj = tmp_path / "proj"
    write(proj / "Makefile", (ROOT / "Makefile").read_bytes())
    write(proj / "raw" / "a.txt", news_text())
    write(proj / "clean" / "old.txt", "output\n")
    return proj


@pytest.mark.parametrize("clean", ["", ".", "..", "raw/..", "raw"])
def test_outputs_clean_refuses_dangerous_folders(scratch_project: Path, clean: str) -> None:
    proc = subprocess.run(
        ["make", "--no-print-directory", "outputs-clean", f"CLEAN={clean}"],
        cwd=scratch_project, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode != 0 and "outputs-clean:" in proc.stderr
    assert (scratch_project / "Makefile").is_file() and (scratch_project / "raw" / "a.txt").is_file()
    assert (scratch_project / "clean" / "old.txt").is_file()


def test_outputs_clean_refuses_a_folder_holding_raw(tmp_path) -> None:
    write(tmp_path / "raw" / "a.txt", news_text())
    proc = make("outputs-clean", f"CLEAN={tmp_path}", f"RAW={tmp_path / 'raw'}")
    assert proc.returncode != 0 and "it holds RAW" in proc.stderr
    assert (tmp_path / "raw" / "a.txt").is_file()


def test_outputs_clean_of_a_missing_folder_is_a_no_op(tmp_path) -> None:
    assert make("outputs-clean", f"CLEAN={tmp_path / 'missing'}").returncode == 0


BENCH = ROOT.parent / "shared" / "bench"
needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason=f"../shared/bench not found at {BENCH}")


@needs_bench
def test_eval_target_on_a_tiny_sample(tmp_path) -> None:
    args = f"--sets cleaneval-dev --modes text --limit 3 --no-baselines --out {tmp_path}"
    proc = make("eval", f"EVAL_ARGS={args}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "eval-sample.json").is_file()


@needs_bench
def test_bench_target_on_a_tiny_sample(tmp_path) -> None:
    proc = make("bench", f"BENCH_ARGS=--pages 3 --noop-docs 6 --memory-docs 9 --scaling-docs 6 --jobs 2 --out {tmp_path}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = (tmp_path / "speed.md").read_text(encoding="utf-8")
    assert "no-op rerun" in report and "Where the time goes" in report and "| language (langdetect) |" in report
    assert "(PSS, MB)" in report
    peaks = json.loads((tmp_path / "speed.json").read_text(encoding="utf-8"))
    assert 0 < peaks["peak_pss_mb"]["memory_run"] <= peaks["peak_rss_mb"]["memory_run"]


def test_audit_target(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "news.txt", news_text())
    assert make("clean", f"RAW={raw}", f"CLEAN={clean}").returncode == 0
    proc = make("audit", f"CLEAN={clean}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (clean / "audit" / "index.html").is_file()


@needs_bench
def test_train_target_on_a_tiny_sample(tmp_path) -> None:
    out = tmp_path / "lines.json"
    proc = make("train", f"TRAIN_ARGS=--limit 6 --trees 20 --jobs 2 --out {out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "first 6 pages of each" in data["trained_with"] and data["params"]["max_iter"] == 20
    assert len(data["trees"]) == len(data["stack"]["trees"]) == 20
    model = model_from_dict(data)
    p, _ = model.score(np.zeros((2, len(data["features"]))))
    assert p.shape == (2,) and ((0 <= p) & (p <= 1)).all()
