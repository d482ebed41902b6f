"""Records of shards: checking, reason codes, ids and their file-name-safe output names."""
from __future__ import annotations

import hashlib
import json

import pytest

from cleaner.records import RecordRejected, assign_names, parse_record, record_rel, safe_name
from cleaner.shards import RawRecord

LIMIT = 10_000


def jsonl_record(obj: object, index: int = 4) -> RawRecord:
    line = obj if isinstance(obj, bytes) else (json.dumps(obj) + "\n").encode()
    return RawRecord(index, 100, line)


def h(rid: str) -> str:
    return hashlib.sha256(rid.encode()).hexdigest()[:8]


def rejection(obj: object) -> tuple[str, str | None]:
    with pytest.raises(RecordRejected) as info:
        parse_record(jsonl_record(obj), "jsonl", LIMIT)
    return info.value.code, info.value.id


def test_text_and_html_records() -> None:
    rec = parse_record(jsonl_record({"id": "a", "text": "Hello there.", "url": "https://x.example/", "metadata": {"k": 1}}), "jsonl", LIMIT)
    assert (rec.id, rec.index, rec.offset, rec.url, rec.metadata) == ("a", 4, 100, "https://x.example/", {"k": 1})
    assert (rec.doc.text, rec.doc.format, rec.doc.encoding) == ("Hello there.", "text", "utf-8")
    assert (rec.doc.sha256, rec.doc.bytes) == (hashlib.sha256(b"Hello there.").hexdigest(), 12)
    page = parse_record(jsonl_record({"id": 12, "html": "<p>Hi</p>", "text": "ignored"}), "jsonl", LIMIT)
    assert (page.id, page.doc.format, page.doc.text) == ("12", "html", "<p>Hi</p>")
    plain = parse_record(jsonl_record({"text": "<!DOCTYPE html><html>text, not a page"}), "jsonl", LIMIT)
    assert (plain.id, plain.doc.format) == ("4", "text")  # no id: the line number; text stays text


@pytest.mark.parametrize(
    ("obj", "code", "rid"),
    [
        (b"{not json\n", "bad-json", None),
        (b"\xff\xfe{}\n", "bad-json", None),
        (b"[" * 100_000 + b"\n", "bad-json", None),
        ([1, 2], "bad-json", None),
        ({"id": "a"}, "no-content", "a"),
        ({"id": "a", "text": None, "html": None}, "no-content", "a"),
        ({"id": "a", "text": 5}, "bad-type", "a"),
        ({"id": "a", "html": ["x"]}, "bad-type", "a"),
        ({"id": "a", "text": "x", "url": 3}, "bad-type", "a"),
        ({"id": "a", "text": "x", "metadata": "m"}, "bad-type", "a"),
        ({"id": 1.5, "text": "x"}, "bad-type", None),
        ({"id": True, "text": "x"}, "bad-type", None),
        ({"id": "", "text": "x"}, "bad-type", None),
        ({"id": "a", "text": "   \n"}, "empty", "a"),
        ({"id": "a", "text": "\x00\x01\x02" * 50}, "binary", "a"),
        ({"id": "a", "text": "x" * (LIMIT + 1)}, "too-large", "a"),
        (b'{"id": "a", "text": "lone \\ud800 surrogate"}\n', "undecodable", "a"),
    ],
)
def test_reason_codes(obj: object, code: str, rid: str | None) -> None:
    assert rejection(obj) == (code, rid)


def test_problem_found_while_reading() -> None:
    raw = RawRecord(3, 0, b"", problem="too-large: the line is longer than 5 bytes")
    with pytest.raises(RecordRejected) as info:
        parse_record(raw, "jsonl", 5)
    assert (info.value.code, str(info.value)) == ("too-large", "too-large: the line is longer than 5 bytes")


def test_warc_record_decodes_with_the_http_charset() -> None:
    body = "<html><body><p>Un café crème</p></body></html>".encode("latin-1")
    raw = RawRecord(2, 500, body, "<urn:uuid:1>", "https://x.example/", "iso-8859-1", {"http_status": "200"})
    rec = parse_record(raw, "warc", LIMIT)
    assert (rec.id, rec.url, rec.doc.format, rec.doc.encoding) == ("<urn:uuid:1>", "https://x.example/", "html", "cp1252")
    assert "café crème" in rec.doc.text
    utf8 = parse_record(RawRecord(0, 0, "<p>café</p>".encode(), "<urn:uuid:2>", None, "iso-8859-1"), "warc", LIMIT)
    assert (utf8.doc.encoding, utf8.doc.text) == ("utf-8", "<p>café</p>")  # valid UTF-8 beats a server default


def test_record_rel() -> None:
    assert record_rel("a/s.jsonl.gz", "x", 3) == "a/s.jsonl.gz#x"
    assert record_rel("a/s.jsonl.gz", None, 3) == "a/s.jsonl.gz#3"


def test_safe_names() -> None:
    assert safe_name("doc-17_v2.1") == "doc-17_v2.1"
    assert safe_name("a/b c") == f"a_b_c-{h('a/b c')}"
    assert safe_name("../../etc/passwd") == f"etc_passwd-{h('../../etc/passwd')}"
    assert safe_name(".hidden") == f"hidden-{h('.hidden')}"
    assert safe_name("日本語") == f"record-{h('日本語')}"
    assert safe_name("<urn:uuid:abc>") == f"urn_uuid_abc-{h('<urn:uuid:abc>')}"
    long = "x" * 300
    assert safe_name(long) == f"{'x' * 80}-{h(long)}"


def test_assigned_names_are_unique_ignoring_case() -> None:
    names = assign_names(["Doc", "doc", "other", "a b", "a_b"])
    assert names == [f"Doc-{h('Doc')}", f"doc-{h('doc')}", "other", f"a_b-{h('a b')}", "a_b"]
    tricky = assign_names(["a b", f"a_b-{h('a b')}"])  # a literal id equal to another's safe name
    assert len({n.casefold() for n in tricky}) == 2
    assert all(len(n.encode()) <= 100 for n in assign_names(["é" * 200, "/" * 500]))
