"""The run report: per-document outcomes, totals, stale outputs and the printed summary."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from .pages import news_html, news_text, write

from cleaner import __version__
from cleaner.config import Config
from cleaner.outputs import dumps
from cleaner.report import STATUSES, finish_report, format_summary, stale_outputs, summarize
from cleaner.runner import Outcome, run


@pytest.fixture(scope="module")
def report_run(tmp_path_factory) -> tuple[Path, dict]:
    base = tmp_path_factory.mktemp("report")
    raw, clean = base / "raw", base / "clean"
    write(raw / "news.txt", news_text())
    write(raw / "page.html", news_html(" in the west"))
    write(raw / "empty.txt", b"")
    return clean, run(raw, clean, Config(), quiet=True)


def test_report_file_matches_the_returned_report(report_run) -> None:
    clean, report = report_run
    path = clean / ".cleaner" / "report.json"
    assert report["path"] == str(path)
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk == {k: v for k, v in report.items() if k != "path"}
    assert on_disk["cleaner_version"] == __version__
    assert on_disk["config"] == Config().to_dict() and on_disk["config_fingerprint"] == Config().fingerprint()


def test_summary_counts_and_removed_chars(report_run) -> None:
    clean, report = report_run
    summary = report["summary"]
    assert {s: summary[s] for s in STATUSES} == {"cleaned": 2, "skipped": 0, "rejected": 1, "failed": 0, "timeout": 0}
    assert summary["documents"] == 3 and summary["stale_removed"] == []
    totals: dict[str, int] = {}
    for stem in ("news", "page"):
        for category, n in json.loads((clean / f"{stem}.json").read_text(encoding="utf-8"))["removed_chars"].items():
            totals[category] = totals.get(category, 0) + n
    assert summary["removed_chars"] == dict(sorted(totals.items()))
    assert set(totals) == {"ad", "comments", "legal", "navigation", "share"}
    assert summary["chars_in"] > summary["chars_out"] > 0


def test_documents_list(report_run) -> None:
    _clean, report = report_run
    docs = {d["rel"]: d for d in report["documents"]}
    assert list(docs) == ["empty.txt", "news.txt", "page.html"]  # sorted
    assert docs["empty.txt"]["status"] == "rejected" and docs["empty.txt"]["reason"] == "empty: no content"
    assert docs["news.txt"] | {"removed_chars": None} == {
        "rel": "news.txt", "status": "cleaned", "reason": None, "out": "news", "removed_chars": None,
        "chars_in": len(news_text()), "chars_out": docs["news.txt"]["chars_out"], "language": "en",
    }


def test_format_summary() -> None:
    summary = {
        "cleaned": 2, "skipped": 3, "rejected": 1, "failed": 0, "timeout": 0, "chars_in": 100,
        "chars_out": 60, "removed_chars": {"ad": 14, "comments": 26}, "stale_removed": ["old/page"],
    }
    text = format_summary(summary, Path("c/.cleaner/report.json"))
    assert text.splitlines() == [
        "processed 5 (cleaned 2, up to date 3), rejected 1, failed 0, timed out 0",
        "characters: 100 in, 60 out",
        "removed per category: ad 14, comments 26",
        "removed 1 out-of-date outputs (raw file gone or not cleaned)",
        "report: c/.cleaner/report.json",
    ]


def test_summarize_counts_every_status() -> None:
    outcomes = [Outcome(f"{s}.txt", s, removed_chars={"ad": 2}) for s in STATUSES]
    summary = summarize(outcomes)
    assert all(summary[s] == 1 for s in STATUSES)
    assert summary["removed_chars"] == {"ad": 10} and summary["documents"] == 5


def test_stale_outputs_touch_only_our_sidecars(tmp_path) -> None:
    ours = {"source": "x.txt", "cleaner_version": __version__, "removed": []}
    write(tmp_path / "keep.json", dumps(ours))
    write(tmp_path / "keep.txt", "kept\n")
    write(tmp_path / "sub" / "gone.json", dumps(ours))
    write(tmp_path / "sub" / "gone.txt", "stale\n")
    write(tmp_path / "foreign.json", '{"removed": []}')
    write(tmp_path / "broken.json", "{not json")
    write(tmp_path / ".cleaner" / "report.json", dumps(ours))
    assert stale_outputs(tmp_path, {"keep"}) == ["sub/gone"]
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == [".cleaner/report.json", "broken.json", "foreign.json", "keep.json", "keep.txt"]


def test_finish_report_removes_leftover_temp_files(tmp_path) -> None:
    write(tmp_path / "a" / ".tmp-abc.json", "{")
    report = finish_report(tmp_path / "raw", tmp_path, Config(), "fp", [], 0.0)
    assert not (tmp_path / "a" / ".tmp-abc.json").exists()
    assert report["summary"]["documents"] == 0 and Path(report["path"]).is_file()


def test_cli_prints_the_summary(tmp_path, capsys) -> None:
    from cleaner.cli import main

    write(tmp_path / "raw" / "news.txt", news_text())
    write(tmp_path / "raw" / "bad.txt", b"\x00\x01" * 50)
    assert main(["run", str(tmp_path / "raw"), str(tmp_path / "clean"), "--jobs", "1", "-q"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "processed 1 (cleaned 1, up to date 0), rejected 1, failed 0, timed out 0"
    assert out[2] == "removed per category: ad 14, comments 254, navigation 18, share 12"
    assert out[-1] == f"report: {tmp_path / 'clean' / '.cleaner' / 'report.json'}"
