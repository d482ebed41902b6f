"""Reading shards: records cut from JSON Lines and WARC files, and broken shards."""
from __future__ import annotations

import gzip
from pathlib import Path

from cleaner.shards import ShardInfo, content_type, iter_records, shard_kind
from cleaner.sources import SourceReader

from .pages import news_html, write
from .shardfiles import jsonl, warc_bytes, warc_ids


def records(path: Path, kind: str, max_bytes: int = 10_000) -> tuple[list, ShardInfo]:
    info = ShardInfo()
    return list(iter_records(path, kind, max_bytes, info)), info


def test_shard_kinds() -> None:
    assert [shard_kind(n) for n in ("a.jsonl", "A.JSONL.GZ", "c.warc", "d.warc.gz", "e.json", "f.txt.gz", "warc")] == [
        "jsonl", "jsonl", "warc", "warc", None, None, None,
    ]


def test_jsonl_lines_indices_and_offsets(tmp_path) -> None:
    data = b'{"id": 1}\n\n  \n{"id": 2}\r\n' + b'{"text": "' + b"x" * 50 + b'"}\n{"id": 3}'
    path = write(tmp_path / "s.jsonl", data)
    got, info = records(path, "jsonl", max_bytes=40)
    assert [(r.index, r.offset, r.problem is None) for r in got] == [(0, 0, True), (3, 14, True), (4, 25, False), (5, 88, True)]
    assert got[1].data == b'{"id": 2}\r\n' and got[3].data == b'{"id": 3}'
    assert got[2].problem.startswith("too-large") and got[2].data == b""
    assert (info.records, dict(info.skipped), info.error) == (4, {"blank-line": 2}, None)


def test_gzipped_jsonl_and_a_truncated_one(tmp_path) -> None:
    text = jsonl([{"id": i, "text": f"document {i} " + "y" * (i * 97 % 500)} for i in range(400)])
    whole = gzip.compress(text.encode(), mtime=0)
    got, info = records(write(tmp_path / "s.jsonl.gz", whole), "jsonl")
    assert len(got) == 400 and info.error is None
    cut, info = records(write(tmp_path / "cut.jsonl.gz", whole[: len(whole) // 2]), "jsonl")
    assert 0 < len(cut) < 400 and info.error.startswith("bad-gzip: the shard ends early")
    assert [r.data for r in cut] == [r.data for r in got[: len(cut)]]  # whole lines only
    _none, info = records(write(tmp_path / "bad.jsonl.gz", b"plain text, not gzip\n"), "jsonl")
    assert info.error.startswith("bad-gzip: ")


def test_missing_shard_is_unreadable(tmp_path) -> None:
    got, info = records(tmp_path / "gone.jsonl", "jsonl")
    assert got == [] and info.error.startswith("unreadable: ")


def test_warc_html_responses_only(tmp_path) -> None:
    data = warc_bytes([
        ("request", "https://x.example/"),
        ("response", "https://x.example/", "text/html; charset=windows-1252", news_html().encode()),
        ("response", "https://x.example/i.png", "image/png", b"\x89PNG..."),
        ("response", "https://x.example/x", "application/xhtml+xml", b"<html><body><p>x</p></body></html>"),
        ("metadata", "https://x.example/", "note"),
    ])
    got, info = records(write(tmp_path / "c.warc.gz", data), "warc")
    ids = warc_ids(data)
    assert [(r.index, r.id, r.url, r.charset) for r in got] == [
        (1, ids[1][1], "https://x.example/", "windows-1252"), (3, ids[3][1], "https://x.example/x", None),
    ]
    assert got[0].data == news_html().encode() and got[0].metadata["http_status"] == "200"
    assert (info.records, dict(info.skipped), info.error) == (2, {"not-response": 2, "not-html": 1}, None)


def test_warc_offsets_find_the_records_again(tmp_path) -> None:
    pages = [("response", f"https://x.example/{i}", "text/html", f"<p>page {i}</p>".encode()) for i in range(5)]
    for name, gz in (("c.warc", False), ("c.warc.gz", True)):
        path = write(tmp_path / name, warc_bytes(pages, gz=gz))
        got, _info = records(path, "warc")
        with SourceReader() as reader:
            for raw in reversed(got):
                data = {"record": raw.index, "record_offset": raw.offset, "id": raw.id}
                assert reader.record(path, data, 10_000).doc.text == f"<p>page {raw.index}</p>"


def test_broken_warcs(tmp_path) -> None:
    page = ("response", "https://x.example/", "text/html", news_html().encode())
    plain = warc_bytes([page, page], gz=False)
    got, info = records(write(tmp_path / "cut.warc", plain[:-300]), "warc")
    assert len(got) == 1 and info.error == "truncated: WARC record 1 is cut short"
    got, info = records(write(tmp_path / "junk.warc", b"hello\nworld\n"), "warc")
    assert got == [] and info.error.startswith("bad-warc: ArchiveLoadFailed")
    packed = warc_bytes([page, page])
    got, info = records(write(tmp_path / "cut.warc.gz", packed[: len(packed) * 3 // 4]), "warc")
    assert len(got) == 1 and info.error.startswith("bad-gzip: ")


def test_content_type() -> None:
    assert content_type('text/HTML; Charset="ISO-8859-1"') == ("text/html", "ISO-8859-1")
    assert content_type("application/xhtml+xml") == ("application/xhtml+xml", None)
    assert content_type(None) == ("", None)


def test_misplaced_record_boundary_is_counted_not_printed(tmp_path, capfd) -> None:
    """warcio prints a warning to stderr when a record's Content-Length is off; the run's
    own report counts it instead, and the records are still read."""
    page = ("response", "https://x.example/", "text/html", news_html().encode())
    plain = warc_bytes([page, page], gz=False)
    second = plain.index(b"WARC/1.0", 10)
    path = write(tmp_path / "off.warc", plain[: second - 4] + b"stray bytes\r\n\r\n" + plain[second:])
    got, info = records(path, "warc")
    assert len(got) == 2 and info.skipped["bad-record-boundary"] == 1 and info.error is None
    assert capfd.readouterr().err == ""
