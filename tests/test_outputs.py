"""Output names, sidecars and atomic writes."""
from __future__ import annotations

import json
import os
import stat
from pathlib import PurePosixPath

import pytest
from .pages import news_html, news_text, write

from cleaner import __version__
from cleaner.config import Config
from cleaner.outputs import atomic_write, dumps, output_stem, remove_temp_files, removed_chars, sidecar
from cleaner.pipeline import clean_html, clean_text
from cleaner.reader import read_raw


@pytest.mark.parametrize(
    ("rel", "stem"),
    [
        ("a/b.txt", "a/b"),
        ("a/b.html.gz", "a/b"),
        ("a/b.TXT.GZ", "a/b"),
        ("noext", "noext"),
        ("x.gz", "x"),
        ("v1.2/report.final.html", "v1.2/report.final"),
        ("sub folder/Café Grüße.txt", "sub folder/Café Grüße"),
    ],
)
def test_output_stem(rel: str, stem: str) -> None:
    assert output_stem(PurePosixPath(rel)) == PurePosixPath(stem)


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path) -> None:
    target = tmp_path / "deep" / "out.txt"
    atomic_write(target, "first\r\n")
    atomic_write(target, "second – ünïcode\r\n")
    assert target.read_bytes() == "second – ünïcode\r\n".encode()  # line ends kept as given
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_atomic_write_uses_the_umask_not_private_mode(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "out.json", "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o644


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "old content\n")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "old content\n")
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_remove_temp_files(tmp_path) -> None:
    write(tmp_path / "a" / ".tmp-x1y2.txt", "partial")
    write(tmp_path / "a" / "b.txt", "kept")
    assert remove_temp_files(tmp_path) == ["a/.tmp-x1y2.txt"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.txt"]
    assert remove_temp_files(tmp_path / "missing") == []


def test_sidecar_of_a_text_document(tmp_path) -> None:
    path = write(tmp_path / "page.txt", news_text())
    raw = read_raw(path, 10_000)
    result = clean_text(raw.text)
    data = sidecar("x/page.txt", raw, result, Config(), {"config_fingerprint": "f", "corpus_fingerprint": "c"})
    assert (data["source"], data["format"], data["bytes"]) == ("x/page.txt", "text", len(news_text()))
    assert data["removed_chars"] == removed_chars(result)
    assert data["removed_chars"]["ad"] == len("Advertisement\n")
    assert [e["text"] for e in data["removed"]] == [result.source[s.start : s.end] for s in result.removed]
    assert data["flagged"] == [] and data["cleaner_version"] == __version__
    assert (data["config_fingerprint"], data["corpus_fingerprint"]) == ("f", "c")
    assert data["offsets"] == "characters of the decoded raw text"


def test_sidecar_of_an_html_document(tmp_path) -> None:
    path = write(tmp_path / "page.html", news_html())
    raw = read_raw(path, 10_000)
    data = sidecar("page.html", raw, clean_html(raw.text), Config(), {})
    assert data["format"] == "html" and "block rendering" in data["offsets"]
    assert data["title"] and data["date"] is None  # the page declares no date
    assert set(data) >= {"author", "site", "url"}
    slow = clean_html(raw.text, Config(trafilatura_metadata=True))  # htmldate guesses one
    assert slow.metadata["date"] == "2021-03-03" and slow.text == clean_html(raw.text).text


def test_dumps_is_stable_utf8_json() -> None:
    text = dumps({"b": "Grüße", "a": [1, 2]})
    assert text.endswith("}\n") and "Grüße" in text
    assert json.loads(text) == {"b": "Grüße", "a": [1, 2]}
    assert text.index('"b"') < text.index('"a"')  # our field order, not sorted



def test_only_durable_writes_flush_to_the_disk(tmp_path, monkeypatch) -> None:
    flushed = []
    monkeypatch.setattr(os, "fsync", flushed.append)
    atomic_write(tmp_path / "doc.txt", "text\n")
    assert flushed == []
    atomic_write(tmp_path / "state.json", "{}\n", durable=True)
    assert len(flushed) == 1 and (tmp_path / "state.json").read_text() == "{}\n"
