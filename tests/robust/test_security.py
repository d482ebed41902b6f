"""Security: outputs stay inside CLEAN, cleaning never touches the network, configuration
is data (TOML), never executed."""
from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.pipeline import clean_html, clean_text
from cleaner.runner import run

from ..pages import news_html, news_text, write
from .helpers import ROOT, outcome, run_cli, snapshot


def test_a_linked_folder_in_clean_is_not_written_through(tmp_path) -> None:
    write(tmp_path / "raw" / "a" / "b.txt", news_text())
    write(tmp_path / "raw" / "c.txt", news_text(" too"))
    outside = tmp_path / "outside"
    write(outside / "keep.txt", "mine\n")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "a").symlink_to(outside, target_is_directory=True)
    report = run(tmp_path / "raw", tmp_path / "clean", Config(), quiet=True)
    got = {d["rel"]: outcome(d) for d in report["documents"]}
    assert got == {"a/b.txt": "rejected:unsafe-output", "c.txt": "cleaned"}
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


def test_nothing_is_written_outside_clean(tmp_path) -> None:
    raw = tmp_path / "raw"
    write(raw / "sub" / "a.txt", news_text())
    write(raw / "new\nline.txt", news_text(" newline"))
    write(raw / "a..dots..txt", news_text(" dots"))
    write(raw / "x" / "b...." / "y.html", news_html())
    write(tmp_path / "elsewhere" / "doc.txt", news_text(" elsewhere"))
    (raw / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (raw / "up.txt").symlink_to(Path("..") / "elsewhere" / "doc.txt")
    before = snapshot(tmp_path)
    report = run(raw, tmp_path / "clean", Config(), quiet=True)
    assert snapshot(tmp_path, skip=("clean",)) == before
    got = {d["rel"]: outcome(d) for d in report["documents"]}
    assert got["new\nline.txt"] == "rejected:bad-name" and got["up.txt"] == "rejected:symlink-outside"
    assert got["a..dots..txt"] == got["x/b..../y.html"] == got["sub/a.txt"] == "cleaned"
    for path in (tmp_path / "clean").rglob("*"):
        assert path.resolve().is_relative_to((tmp_path / "clean").resolve())


@pytest.fixture()
def no_network(monkeypatch):
    """Every socket operation raises, as if the machine had no network at all."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the cleaner tried to use the network")

    class NoSocket(socket.socket):  # still a type: libraries annotate with socket.socket
        def __init__(self, *_args, **_kwargs) -> None:
            refuse()

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)


def test_cleaning_never_touches_the_network(no_network, tmp_path) -> None:
    page = news_html().replace("<body>", '<body><img src="http://example.com/a.png"><a href="https://example.org/x">x</a>')
    assert "Advertisement" not in clean_html(page, Config(), url="https://example.com/news").text
    assert "Advertisement" not in clean_text(news_text(), Config()).text
    write(tmp_path / "raw" / "a.html", page)
    write(tmp_path / "raw" / "b.txt", news_text())
    report = run(tmp_path / "raw", tmp_path / "clean", Config(), jobs=1, quiet=True)
    assert report["summary"]["cleaned"] == 2


def test_configuration_is_data_never_executed(tmp_path) -> None:
    marker = tmp_path / "pwned"
    write(tmp_path / "raw" / "a.txt", news_text())
    code = f"__import__('os').system('touch {marker}')"
    for body in (f"import os\n{code}\n", f'[cleaner]\nkeep_categories = ["{code}"]\n', f"[cleaner]\nmax_bytes = {code}\n"):
        write(tmp_path / "cleaner.toml", body)
        proc = run_cli(tmp_path / "raw", tmp_path / "clean", 1)
        assert proc.returncode == 2 and "configuration" in proc.stderr, proc.stderr
        assert not marker.exists()


def test_the_package_never_evaluates_code() -> None:
    risky = re.compile(r"\b(eval|exec)\(|pickle\.loads?|yaml\.load\(|__import__\(|subprocess|os\.system")
    for path in sorted((ROOT / "cleaner").rglob("*.py")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not risky.search(line), f"{path.relative_to(ROOT)}:{no}: {line.strip()}"
