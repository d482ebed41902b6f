"""Corpus shards end to end: JSONL and WARC inputs, ids, outputs, incremental runs, replay."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from cleaner import shardrun
from cleaner.config import Config
from cleaner.document import Span
from cleaner.pipeline import prepare
from cleaner.runner import run
from cleaner.sources import SourceReader
from cleaner.spans import replay
from cleaner.verify import verify_tree

from .pages import news_html, news_text, slow_down, tree_bytes, write
from .shardfiles import warc_bytes, warc_ids, write_jsonl

LATIN_PAGE = news_html(" at the café").replace('<meta charset="utf-8">', "")
FEED = [
    {"id": "t1", "text": news_text(" one"), "url": "https://gazette.example/t1", "metadata": {"lang": "en", "n": 1}},
    {"id": 7, "html": news_html(" two")},
    "{not json",
    {"id": "nothing"},
    {"id": "wrong", "text": ["a list"]},
    {"id": "t1", "text": news_text(" dup")},
    {"text": news_text(" three")},
    "",
    "[1, 2]",
    {"id": 1.5, "text": "x"},
    {"id": "Case", "text": news_text(" four")},
    {"id": "case", "text": news_text(" five")},
]


def statuses(report: dict) -> dict[str, str]:
    return {d["rel"]: d["status"] for d in report["documents"]}


def codes(report: dict) -> dict[str, str]:
    return {d["rel"]: (d["reason"] or "").split(":")[0] for d in report["documents"] if d["reason"]}


def sidecar(clean: Path, stem: str) -> dict:
    return json.loads((clean / f"{stem}.json").read_text(encoding="utf-8"))


def warc_records() -> list[tuple]:
    return [
        ("response", "https://site.example/a", "text/html; charset=utf-8", news_html(" in the warc").encode()),
        ("request", "https://site.example/a"),
        ("response", "https://site.example/data", "application/json", b'{"a": 1}'),
        ("response", "https://site.example/cafe", "text/html; charset=ISO-8859-1", LATIN_PAGE.encode("latin-1")),
        ("metadata", "https://site.example/a", "fetch time: 12 ms"),
    ]


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> tuple[Path, Path, dict, list]:
    base = tmp_path_factory.mktemp("shards")
    raw, clean = base / "raw", base / "clean"
    write_jsonl(raw / "news" / "feed.jsonl", FEED)
    write_jsonl(raw / "news" / "more.jsonl.gz", [{"id": "g1", "html": news_html(" gz")}, {"id": "g2", "text": news_text(" gz")}])
    warc = warc_bytes(warc_records())
    write(raw / "crawl" / "site.warc.gz", warc)
    write(raw / "single.txt", news_text(" single"))
    report = run(raw, clean, Config(), jobs=2, quiet=True)
    return raw, clean, report, warc_ids(warc)


def test_every_record_is_a_document_with_its_status(cleaned) -> None:
    _raw, _clean, report, ids = cleaned
    page, cafe = ids[0][1], ids[3][1]
    assert statuses(report) == {
        "crawl/site.warc.gz#" + page: "cleaned", "crawl/site.warc.gz#" + cafe: "cleaned",
        "news/feed.jsonl#t1": "rejected", "news/feed.jsonl#7": "cleaned", "news/feed.jsonl#2": "rejected",
        "news/feed.jsonl#nothing": "rejected", "news/feed.jsonl#wrong": "rejected", "news/feed.jsonl#6": "cleaned",
        "news/feed.jsonl#8": "rejected", "news/feed.jsonl#9": "rejected",
        "news/feed.jsonl#Case": "cleaned", "news/feed.jsonl#case": "cleaned",
        "news/more.jsonl.gz#g1": "cleaned", "news/more.jsonl.gz#g2": "cleaned", "single.txt": "cleaned",
    }
    t1 = [d for d in report["documents"] if d["rel"] == "news/feed.jsonl#t1"]
    assert [d["status"] for d in t1] == ["cleaned", "rejected"]  # the duplicate id is rejected
    assert codes(report) == {
        "news/feed.jsonl#2": "bad-json", "news/feed.jsonl#nothing": "no-content", "news/feed.jsonl#wrong": "bad-type",
        "news/feed.jsonl#t1": "duplicate-id", "news/feed.jsonl#8": "bad-json", "news/feed.jsonl#9": "bad-type",
    }
    summary = report["summary"]
    assert (summary["documents"], summary["cleaned"], summary["rejected"]) == (16, 10, 6)


def test_outputs_are_laid_out_by_shard_and_id(cleaned) -> None:
    _raw, clean, _report, ids = cleaned
    names = {n.rsplit(".", 1)[0] for n in tree_bytes(clean)}
    warc_names = {f"crawl/site/urn_uuid_{i[1][10:-1]}-{hashlib.sha256(i[1].encode()).hexdigest()[:8]}" for i in (ids[0], ids[3])}
    assert names == {
        "news/feed/t1", "news/feed/7", "news/feed/6",
        "news/feed/Case-" + hashlib.sha256(b"Case").hexdigest()[:8],
        "news/feed/case-" + hashlib.sha256(b"case").hexdigest()[:8],
        "news/more/g1", "news/more/g2", "single",
    } | warc_names


def test_record_sidecar_says_where_the_document_came_from(cleaned) -> None:
    _raw, clean, _report, _ids = cleaned
    data = sidecar(clean, "news/feed/t1")
    content = news_text(" one").encode("utf-8")
    assert (data["source"], data["record"], data["id"]) == ("news/feed.jsonl", 0, "t1")
    assert (data["url"], data["source_url"]) == ("https://gazette.example/t1",) * 2
    assert data["source_metadata"] == {"lang": "en", "n": 1}
    assert (data["sha256"], data["bytes"]) == (hashlib.sha256(content).hexdigest(), len(content))
    assert (data["format"], data["encoding"], data["language"]) == ("text", "utf-8", "en")
    assert {"removed", "offsets", "config_fingerprint", "corpus_fingerprint", "text_sha256"} <= set(data)
    assert "Advertisement" not in (clean / "news/feed/t1.txt").read_text(encoding="utf-8")
    html = sidecar(clean, "news/feed/7")
    assert (html["format"], html["id"], html["record"], html["source_url"]) == ("html", "7", 1, None)
    assert sidecar(clean, "news/feed/6")["id"] == "6"  # no id: the line number


def test_warc_records_and_what_was_left_out(cleaned) -> None:
    _raw, clean, report, ids = cleaned
    by_url = {d["url"]: d for d in (sidecar(clean, p[:-5]) for p in tree_bytes(clean) if p.startswith("crawl/site/") and p.endswith(".json"))}
    assert set(by_url) == {"https://site.example/a", "https://site.example/cafe"}
    cafe = by_url["https://site.example/cafe"]
    assert (cafe["id"], cafe["record"], cafe["format"], cafe["encoding"]) == (ids[3][1], 3, "html", "cp1252")
    assert cafe["source_metadata"]["http_status"] == "200"
    out = next(p for p in tree_bytes(clean) if p.startswith("crawl/") and p.endswith(".txt") and "café" in (clean / p).read_text("utf-8"))
    assert out
    assert report["shards"]["crawl/site.warc.gz"] == {"records": 2, "skipped": {"not-html": 1, "not-response": 2}, "error": None}
    assert report["shards"]["news/feed.jsonl"]["skipped"] == {"blank-line": 1}
    assert report["summary"]["records_left_out"] == {"blank-line": 1, "not-html": 1, "not-response": 2}


def test_shard_outputs_replay_and_verify(cleaned) -> None:
    raw, clean, report, _ids = cleaned
    checked = 0
    with SourceReader() as reader:
        for doc in report["documents"]:
            if doc["status"] != "cleaned" or "#" not in doc["rel"]:
                continue
            data = sidecar(clean, doc["out"])
            source = prepare(reader.document(raw, data, Config().max_bytes))[0]
            spans = [Span(e["start"], e["end"], e["category"], e["rule"]) for e in data["removed"]]
            assert replay(source, spans) == (clean / f"{doc['out']}.txt").read_text(encoding="utf-8")
            checked += 1
    assert checked == 9
    assert verify_tree(raw, clean, Config()) == ([], 10)


def test_audit_shows_record_sources(cleaned, tmp_path) -> None:
    from cleaner.audit import write_audit

    _raw, clean, _report, _ids = cleaned
    index = write_audit(clean, tmp_path / "audit")
    page = (index.parent / "doc" / "news" / "more" / "g1.html").read_text(encoding="utf-8")
    assert "Source not shown" not in page and '<mark id="s' in page


# --- incremental runs ----------------------------------------------------------------------


PLACES = ["north", "south", "east", "west", "hills", "valley", "harbour", "market"]


def small_feed(n: int = 3, changed: dict[int, str] | None = None) -> list[dict]:
    """``n`` text records; their paragraphs differ by a word (digits would fold into one key)."""
    changed = changed or {}
    return [{"id": f"r{i}", "text": news_text(changed.get(i, f" in the {PLACES[i]}"))} for i in range(n)]


def mtimes(clean: Path) -> dict[str, int]:
    return {rel: (clean / rel).stat().st_mtime_ns for rel in tree_bytes(clean)}


def test_unchanged_shard_is_skipped_without_reading(tmp_path, monkeypatch) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write_jsonl(raw / "s.jsonl.gz", small_feed() + ["oops"])
    first = run(raw, clean, Config(), quiet=True)
    before = mtimes(clean)

    def no_reading(*_a, **_k):
        raise AssertionError("an unchanged shard was read again")

    monkeypatch.setattr(shardrun, "iter_records", no_reading)
    again = run(raw, clean, Config(), quiet=True)
    assert statuses(again) == {"s.jsonl.gz#r0": "skipped", "s.jsonl.gz#r1": "skipped", "s.jsonl.gz#r2": "skipped",
                               "s.jsonl.gz#3": "rejected"}
    assert codes(again) == codes(first) == {"s.jsonl.gz#3": "bad-json"}
    assert mtimes(clean) == before
    assert again["shards"] == first["shards"]


def test_changed_shard_recleans_changed_records_and_sweeps_gone_ones(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write_jsonl(raw / "s.jsonl", small_feed(3))
    run(raw, clean, Config(), quiet=True)
    before = mtimes(clean)
    feed = small_feed(3, {1: " changed"})
    write_jsonl(raw / "s.jsonl", [feed[0], feed[1], {"id": "r9", "text": news_text(" new")}])
    report = run(raw, clean, Config(), quiet=True)
    assert statuses(report) == {"s.jsonl#r0": "skipped", "s.jsonl#r1": "cleaned", "s.jsonl#r9": "cleaned"}
    assert report["summary"]["stale_removed"] == ["s/r2"]
    assert not (clean / "s" / "r2.txt").exists() and not (clean / "s" / "r2.json").exists()
    assert mtimes(clean)["s/r0.json"] == before["s/r0.json"]
    assert "changed." in (clean / "s" / "r1.txt").read_text(encoding="utf-8")
    assert verify_tree(raw, clean, Config()) == ([], 3)


def test_moved_record_is_not_cleaned_again_but_its_place_is_updated(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    feed = small_feed(2)
    write_jsonl(raw / "s.jsonl", feed)
    run(raw, clean, Config(), quiet=True)
    text_before = (clean / "s" / "r1.txt").stat().st_mtime_ns
    write_jsonl(raw / "s.jsonl", ["", {**feed[1], "metadata": {"v": 2}}, feed[0]])
    report = run(raw, clean, Config(), quiet=True)
    assert statuses(report) == {"s.jsonl#r0": "skipped", "s.jsonl#r1": "skipped"}
    assert (sidecar(clean, "s/r1")["record"], sidecar(clean, "s/r1")["source_metadata"]) == (1, {"v": 2})
    assert sidecar(clean, "s/r0")["record"] == 2
    assert (clean / "s" / "r1.txt").stat().st_mtime_ns == text_before
    assert verify_tree(raw, clean, Config()) == ([], 2)


def test_removed_shard_loses_all_its_outputs(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write_jsonl(raw / "s.jsonl", small_feed(2))
    write(raw / "keep.txt", news_text(" kept"))
    run(raw, clean, Config(), quiet=True)
    (raw / "s.jsonl").unlink()
    report = run(raw, clean, Config(), quiet=True)
    assert sorted(report["summary"]["stale_removed"]) == ["s/r0", "s/r1"]
    assert not (clean / "s").exists()
    assert statuses(report) == {"keep.txt": "cleaned"}  # its menu lines are no longer repeated


# --- broken shards -------------------------------------------------------------------------


def test_truncated_gzip_shard_cleans_what_was_read(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    lines = [json.dumps({"id": f"d{i}", "text": news_text(f" on day {i} " + "x" * i * 40)}) for i in range(40)]
    data = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
    write(raw / "cut.jsonl.gz", data[: len(data) * 2 // 3])
    report = run(raw, clean, Config(), quiet=True)
    cleaned = [rel for rel, status in statuses(report).items() if status == "cleaned"]
    assert 1 <= len(cleaned) < 40
    assert set(cleaned) == {f"cut.jsonl.gz#d{i}" for i in range(len(cleaned))}  # the records before the break
    assert codes(report) == {"cut.jsonl.gz": "bad-gzip"}
    assert report["shards"]["cut.jsonl.gz"]["error"].startswith("bad-gzip: ")
    assert verify_tree(raw, clean, Config()) == ([], len(cleaned))
    again = run(raw, clean, Config(), quiet=True)
    assert codes(again) == {"cut.jsonl.gz": "bad-gzip"} and again["summary"]["skipped"] == len(cleaned)


def test_truncated_and_broken_warc(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    records = [("response", f"https://site.example/{i}", "text/html", news_html(f" part {i}").encode()) for i in range(2)]
    data = warc_bytes(records, gz=False)
    write(raw / "cut.warc", data[: len(data) - 200])
    write(raw / "junk.warc.gz", gzip.compress(b"junk\n" * 5))
    write(raw / "notgz.warc.gz", b"WARC/1.0\r\nbroken")
    report = run(raw, clean, Config(), quiet=True)
    assert list(statuses(report).values()).count("cleaned") == 1
    assert codes(report) == {"cut.warc": "truncated", "junk.warc.gz": "bad-warc", "notgz.warc.gz": "bad-gzip"}


def test_too_large_record(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write_jsonl(raw / "s.jsonl", [{"id": "big", "text": news_text() * 4}, {"id": "ok", "text": news_text()}])
    report = run(raw, clean, Config(max_bytes=len(news_text()) * 2), quiet=True)
    assert statuses(report) == {"s.jsonl#0": "rejected", "s.jsonl#ok": "cleaned"}  # its id is not read
    assert codes(report) == {"s.jsonl#0": "too-large"}


def test_time_limit_applies_per_record(tmp_path, monkeypatch) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write_jsonl(raw / "s.jsonl", [{"id": "fast", "text": news_text()}, {"id": "slow", "text": news_text(" slowly")}])
    slow_down(monkeypatch)
    report = run(raw, clean, Config(time_limit_s=0.5, repeated_min_docs=0), jobs=1, quiet=True)
    assert statuses(report) == {"s.jsonl#fast": "cleaned", "s.jsonl#slow": "timeout"}
    assert not (clean / "s" / "slow.txt").exists()


# --- corpus pass, workers, collisions ------------------------------------------------------


def test_records_count_as_documents_in_the_corpus_pass(tmp_path) -> None:
    footer = "Spring fete raffle results and the parish newsletter"
    docs = [news_text(f" in the {PLACES[i]}") + footer + "\n" for i in range(3)]
    for i, doc in enumerate(docs):
        write(tmp_path / "files" / f"r{i}.txt", doc)
    write_jsonl(tmp_path / "shard" / "s.jsonl", [{"id": f"r{i}", "text": doc} for i, doc in enumerate(docs)])
    config = Config(repeated_min_docs=3)
    run(tmp_path / "files", tmp_path / "out-files", config, quiet=True)
    run(tmp_path / "shard", tmp_path / "out-shard", config, quiet=True)
    for i in range(3):
        single, record = sidecar(tmp_path / "out-files", f"r{i}"), sidecar(tmp_path / "out-shard", f"s/r{i}")
        assert single["corpus_fingerprint"] == record["corpus_fingerprint"]
        assert single["removed"] == record["removed"]
    lone = run(tmp_path / "shard", tmp_path / "out-lone", Config(repeated_min_docs=4), quiet=True)
    assert sidecar(tmp_path / "out-lone", "s/r0")["corpus_fingerprint"] != sidecar(tmp_path / "out-shard", "s/r0")["corpus_fingerprint"]
    assert lone["summary"]["cleaned"] == 3


def test_one_shard_is_spread_over_workers(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(shardrun, "RECORDS_PER_BATCH", 2)
    raw = tmp_path / "raw"
    write_jsonl(raw / "s.jsonl", small_feed(6))
    one = run(raw, tmp_path / "one", Config(), jobs=1, quiet=True)
    two = run(raw, tmp_path / "two", Config(), jobs=2, quiet=True)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert one["documents"] == two["documents"] and two["summary"]["cleaned"] == 6
    assert len(list(shardrun.batched(range(6), lambda _r: 1))) == 3


def test_shard_output_folder_collisions(tmp_path) -> None:
    raw = tmp_path / "raw"
    write_jsonl(raw / "a.jsonl", small_feed(1))
    write(raw / "a" / "x.txt", news_text())
    write_jsonl(raw / "b.jsonl", small_feed(1))
    write(raw / "b.warc", warc_bytes([], gz=False))
    write_jsonl(raw / "c.jsonl", small_feed(1))
    report = run(raw, tmp_path / "clean", Config(), quiet=True)
    assert codes(report) == dict.fromkeys(["a.jsonl", "a/x.txt", "b.jsonl", "b.warc"], "output-collision")
    assert statuses(report)["c.jsonl#r0"] == "cleaned"


def test_hostile_shards_never_crash_the_run(tmp_path) -> None:
    import random

    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    raw = tmp_path / "raw"
    write(raw / "noise.jsonl", noise)
    write(raw / "noisegz.jsonl.gz", gzip.compress(noise))
    write(raw / "noisew.warc", noise)
    write(raw / "noisewgz.warc.gz", gzip.compress(noise))
    write(raw / "empty.jsonl", b"")
    write(raw / "deep.jsonl", b'{"id": "d", "text": ' + b"[" * 200_000 + b"\n")
    write(raw / "huge.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\n")
    write_jsonl(raw / "ok.jsonl", [{"id": "fine", "text": news_text()}])
    report = run(raw, tmp_path / "clean", Config(), quiet=True)
    assert report["summary"]["failed"] == 0
    assert statuses(report)["ok.jsonl#fine"] == "cleaned"
    assert codes(report)["deep.jsonl#0"] == "bad-json"
    assert {codes(report)[k] for k in ("noisew.warc", "noisewgz.warc.gz", "huge.warc")} <= {"bad-warc", "truncated"}
    assert set(codes(report).get(f"noise.jsonl#{i}", "bad-json") for i in range(20)) == {"bad-json"}


def test_cli_show_and_render_a_record(cleaned) -> None:
    import subprocess
    import sys

    raw, clean, _report, _ids = cleaned
    root = Path(__file__).resolve().parents[1]
    show = subprocess.run([sys.executable, "-m", "cleaner", "show", "--color", "never", f"{raw}/news/feed.jsonl#t1"],
                          cwd=root, capture_output=True, text=True)
    assert show.returncode == 0 and "[ad:phrase.line] Advertisement" in show.stdout
    render = subprocess.run([sys.executable, "-m", "cleaner", "render", f"{raw}/news/more.jsonl.gz#g1"],
                            cwd=root, capture_output=True, text=True)
    data = sidecar(clean, "news/more/g1")
    assert render.returncode == 0 and render.stdout[data["removed"][0]["start"]:].startswith(data["removed"][0]["text"])
    missing = subprocess.run([sys.executable, "-m", "cleaner", "render", f"{raw}/news/feed.jsonl#nobody"],
                             cwd=root, capture_output=True, text=True)
    assert missing.returncode == 2 and "not-found" in missing.stderr
