"""The replay audit: every sidecar replays from RAW to its clean text, and tampering shows."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from .pages import news_html, news_text, write, write_gz

from cleaner.config import Config
from cleaner.document import Span
from cleaner.runner import run
from cleaner.spans import replay
from cleaner.verify import verify_one, verify_tree

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("verify")
    write(base / "raw" / "news.txt", news_text())
    write(base / "raw" / "crlf.txt", news_text(" again").replace("\n", "\r\n"))
    write(base / "raw" / "page.html", news_html())
    write_gz(base / "raw" / "deep" / "page.html.gz", news_html(" in the east"))
    run(base / "raw", base / "clean", Config(keep_categories=("share",)), quiet=True)
    return base


@pytest.fixture()
def tree(pristine, tmp_path) -> tuple[Path, Path]:
    """A private copy of the cleaned corpus, free to tamper with."""
    shutil.copytree(pristine, tmp_path / "t")
    return tmp_path / "t" / "raw", tmp_path / "t" / "clean"


def test_clean_tree_verifies(tree) -> None:
    assert verify_tree(*tree, Config()) == ([], 4)


def test_html_replays_against_cleaner_render(tree) -> None:
    raw, clean = tree
    for rel, stem in (("page.html", "page"), ("deep/page.html.gz", "deep/page")):
        rendered = subprocess.run(
            [sys.executable, "-m", "cleaner", "render", str(raw / rel)],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout.decode("utf-8")
        data = json.loads((clean / f"{stem}.json").read_text(encoding="utf-8"))
        spans = [Span(e["start"], e["end"], e["category"], e["rule"]) for e in data["removed"]]
        assert all(rendered[e["start"] : e["end"]] == e["text"] for e in data["removed"])
        assert replay(rendered, spans) == (clean / f"{stem}.txt").read_text(encoding="utf-8")


def test_cli_verify_reports_no_problems(tree) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "verify", *map(str, tree)], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "verified 4 documents, 0 problems"


def test_edited_clean_text_is_found(tree) -> None:
    raw, clean = tree
    path = clean / "news.txt"
    path.write_text(path.read_text(encoding="utf-8") + "extra line\n", encoding="utf-8")
    assert verify_tree(raw, clean, Config())[0] == ["news.txt: replay differs from the clean text"]


def test_changed_raw_file_is_found(tree) -> None:
    raw, clean = tree
    write(raw / "page.html", news_html(" changed"))
    assert verify_tree(raw, clean, Config())[0] == ["page.html: raw file changed since it was cleaned"]


@pytest.mark.parametrize("field", ["removed", "flagged"])
def test_wrong_span_text_is_found(tree, field: str) -> None:
    raw, clean = tree
    path = clean / "crlf.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[field], field
    data[field][0]["text"] = "something else"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = verify_tree(raw, clean, Config())[0]
    assert len(problems) == 1 and problems[0].startswith("crlf.txt: span ")


def test_missing_or_rejected_raw_file_is_a_problem_not_a_crash(tree) -> None:
    raw, clean = tree
    (raw / "news.txt").unlink()
    write(raw / "crlf.txt", b"")
    problems, checked = verify_tree(raw, clean, Config())
    assert checked == 4 and len(problems) == 2
    assert problems[0].startswith("crlf.json: cannot verify: empty")
    assert problems[1].startswith("news.json: cannot verify:")


def test_overlapping_spans_are_a_problem(tree) -> None:
    raw, clean = tree
    path = clean / "news.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["removed"][1]["start"] = 0
    data["removed"][1]["text"] = news_text()[0 : data["removed"][1]["end"]]
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = verify_tree(raw, clean, Config())[0]
    assert len(problems) == 1 and problems[0].startswith("news.json: cannot verify: bad span")


def test_size_limit_recorded_in_the_sidecar_is_honoured(tree) -> None:
    raw, clean = tree
    assert verify_one(raw / "news.txt", clean / "news.json", Config(max_bytes=100)) is None
