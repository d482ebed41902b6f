"""The Dolma export (cleaner.export, ``cleaner export``, ``make corpus``)."""
from __future__ import annotations

import gzip
import json
from hashlib import sha256
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.cli import main
from cleaner.config import Config
from cleaner.document import CATEGORIES, Span
from cleaner.dolma import WHITESPACE_KEY, deleted, dolma_source, hf_features, page_time, whitespace_spans
from cleaner.export import MANIFEST, export
from cleaner.runner import run
from cleaner.spans import delete, replay, split_lines

from .pages import news_html, news_text, write, write_gz

ROOT = Path(__file__).resolve().parents[1]
SHARDS = ("documents", "source/documents", "source/attributes/cleaner")


def _corpus(raw: Path) -> None:
    """Text scrapes (one with CRLF, trailing blanks, no final newline), HTML pages, a gzip."""
    for i, topic in enumerate([" in spring", " near the river", " for the market", " at night"]):
        write(raw / "news" / f"story-{i}.txt", news_text(topic))
    crlf = news_text(" by the harbour").replace("\n", "  \r\n").rstrip("\r\n")
    write(raw / "news" / "crlf.txt", "\r\n\r\n" + crlf)
    write(raw / "web" / "page.html", news_html(" on Monday"))
    write_gz(raw / "web" / "other.html.gz", news_html(" on Friday"))
    write(raw / "misc" / "menu.txt", "Home\nNews\nSport\nContact\n")
    records = [{"id": "r1", "text": news_text(" in the shard")}, {"id": "r/2", "html": news_html(" shard page"),
               "url": "https://example.org/r2", "metadata": {"lang": "en", "n": 2}}]
    write_gz(raw / "shards" / "part.jsonl.gz", "".join(json.dumps(r) + "\n" for r in records))


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("export")
    raw, clean = base / "raw", base / "clean"
    _corpus(raw)
    report = run(raw, clean, Config(), jobs=1, quiet=True)
    assert report["summary"]["failed"] == 0
    return raw, clean


def read_shards(folder: Path) -> dict[str, list[dict]]:
    return {p.name: [json.loads(line) for line in gzip.open(p, "rt", encoding="utf-8")]
            for p in sorted(folder.glob("*.jsonl.gz"))}


def clean_texts(clean: Path) -> dict[str, str]:
    return {p.relative_to(clean).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
            for p in clean.rglob("*.txt")}


def test_documents_are_the_clean_texts(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    manifest = export(clean, tmp_path / "out", raw, shard_docs=3, warn=pytest.fail)
    texts = {k: v for k, v in clean_texts(clean).items() if v}
    docs = [d for shard in read_shards(tmp_path / "out" / "documents").values() for d in shard]
    assert [d["id"] for d in docs] == sorted(texts)
    assert manifest["documents"] == len(docs) and len(manifest["shards"]) == -(-len(docs) // 3)
    for doc in docs:
        assert doc["text"] == texts[doc["id"]]
        assert doc["source"] == "cleaner"
        assert datetime.fromisoformat(doc["added"].replace("Z", "+00:00")).tzinfo is not None
        meta = doc["metadata"]
        sidecar = json.loads((clean / f"{doc['id']}.json").read_text(encoding="utf-8"))
        assert set(sidecar) - {"config"} <= set(meta)  # a new sidecar field belongs in cleaner.dolma too
        assert "config" not in meta and meta["config_fingerprint"] in manifest["configs"]
        assert [(r["start"], r["end"], r["category"], r["rule"]) for r in meta["removed"]] == [
            (r["start"], r["end"], r["category"], r["rule"]) for r in sidecar["removed"]]
        assert None not in meta.values() and meta["language"] == (sidecar["language"] or "")
        assert doc["created"] == (page_time(sidecar["date"]) or doc["added"])
        if "record" in sidecar:  # a shard's record: its id and place are kept
            assert meta["id"] == sidecar["id"] and meta["record"] == sidecar["record"]
            assert json.loads(meta["source_metadata"] or "null") == sidecar["source_metadata"]
        else:
            assert meta["id"] == "" and meta["record"] == -1
    assert {"shards/part/r1", "shards/part/r_2-" + sha256(b"r/2").hexdigest()[:8]} <= {d["id"] for d in docs}
    assert manifest["empty"] == [k for k, v in sorted(clean_texts(clean).items()) if not v]


def test_source_attributes_replay_to_the_clean_text(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    manifest = export(clean, tmp_path / "out", raw, shard_docs=3, warn=pytest.fail)
    texts = clean_texts(clean)
    sources = read_shards(tmp_path / "out" / "source" / "documents")
    attrs = read_shards(tmp_path / "out" / "source" / "attributes" / "cleaner")
    assert list(sources) == list(attrs) == manifest["source_shards"]  # Dolma: same shard names
    seen = []
    for name in sources:
        assert [d["id"] for d in sources[name]] == [a["id"] for a in attrs[name]]
        for doc, record in zip(sources[name], attrs[name]):
            keys = set(record["attributes"])
            assert {f"cleaner__{c}" for c in CATEGORIES} <= keys
            assert {k.removeprefix("cleaner__") for k in keys - {WHITESPACE_KEY}} <= set(CATEGORIES)
            spans = sorted((Span(a, b, k.removeprefix("cleaner__"), "r", s)
                            for k, v in record["attributes"].items() if k != WHITESPACE_KEY for a, b, s in v),
                           key=lambda span: span.start)
            assert replay(doc["text"], spans) == texts[doc["id"]]
            assert deleted(doc["text"], record) == texts[doc["id"]]  # what Dolma's mixer gives
            seen.append(doc["id"])
    assert seen == sorted(k for k, v in texts.items() if v)
    assert manifest["whitespace_inexact"] == []
    crlf = next(a for shard in attrs.values() for a in shard if a["id"] == "news/crlf")
    assert crlf["attributes"][WHITESPACE_KEY]  # the CRLF document needed white-space deletions


def test_reexport_is_identical_and_drops_stale_shards(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    out = tmp_path / "out"
    export(clean, out, raw, shard_docs=1, warn=pytest.fail)
    many = {p.relative_to(out) for p in out.rglob("*.gz")}
    export(clean, out, raw, shard_docs=1000, warn=pytest.fail)
    first = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.gz")}
    assert sorted(first) == sorted(f"{s}/cleaner-00000.jsonl.gz" for s in SHARDS)
    assert len(many) > len(first)
    export(clean, out, raw, shard_docs=1000, warn=pytest.fail)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.gz")} == first
    assert not list(out.rglob(".tmp-*"))


def test_mismatched_text_is_skipped_with_a_warning(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    copy = tmp_path / "clean"
    shutil.copytree(clean, copy)
    (copy / "news" / "story-1.txt").write_text("edited by hand\n", encoding="utf-8")
    (copy / "news" / "broken.json").write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    manifest = export(copy, tmp_path / "out", raw, warn=warnings.append)
    assert {s["id"] for s in manifest["skipped"]} == {"news/story-1", "news/broken"}
    assert any("text_sha256" in w for w in warnings) and len(warnings) == 2
    ids = [d["id"] for d in read_shards(tmp_path / "out" / "documents")["cleaner-00000.jsonl.gz"]]
    assert "news/story-1" not in ids and "news/story-0" in ids


def test_without_raw_only_the_documents(cleaned, tmp_path) -> None:
    _raw, clean = cleaned
    warnings: list[str] = []
    manifest = export(clean, tmp_path / "out", tmp_path / "missing", warn=warnings.append)
    assert manifest["source_documents"] is None and "not found" in warnings[0]
    assert not (tmp_path / "out" / "source").exists() and manifest["documents"] > 0


def test_a_changed_raw_file_leaves_the_source_set_only(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    raw2 = tmp_path / "raw"
    shutil.copytree(raw, raw2)
    write(raw2 / "news" / "story-2.txt", "something else entirely\n")
    warnings: list[str] = []
    manifest = export(clean, tmp_path / "out", raw2, warn=warnings.append)
    assert [s["id"] for s in manifest["source_skipped"]] == ["news/story-2"]
    assert manifest["source_documents"] == manifest["documents"] - 1


def test_out_must_lie_apart(cleaned) -> None:
    raw, clean = cleaned
    with pytest.raises(ValueError, match="separate"):
        export(clean, clean / "corpus", raw)


def test_hugging_face_datasets_reads_the_documents(cleaned, tmp_path, monkeypatch) -> None:
    datasets = pytest.importorskip("datasets", reason="datasets not installed (pip install -e '.[test]')")
    raw, clean = cleaned
    for var, value in (("HF_DATASETS_OFFLINE", "1"), ("HF_HUB_OFFLINE", "1"),
                       ("HF_HOME", str(tmp_path / "hf")), ("HF_DATASETS_CACHE", str(tmp_path / "hf" / "ds"))):
        monkeypatch.setenv(var, value)
    manifest = export(clean, tmp_path / "out", raw, shard_docs=2, warn=pytest.fail)
    files = str(tmp_path / "out" / "documents" / "*.jsonl.gz")
    ds = datasets.load_dataset("json", data_files=files, split="train", cache_dir=str(tmp_path / "hf" / "ds"))
    assert ds.num_rows == manifest["documents"]
    texts = clean_texts(clean)
    assert sorted(ds["id"]) == sorted(k for k, v in texts.items() if v)
    assert all(row["text"] == texts[row["id"]] for row in ds)
    typed = datasets.load_dataset("json", data_files=files, split="train", features=hf_features(),
                                  cache_dir=str(tmp_path / "hf" / "ds2"))
    assert typed.features == hf_features() and typed.num_rows == ds.num_rows


def test_page_time() -> None:
    assert page_time("2021-03-03") == "2021-03-03T00:00:00.000Z"
    assert page_time("2021-03-03T10:00:00+02:00") == "2021-03-03T08:00:00.000Z"
    assert page_time(None) == page_time("") == page_time("March 2021") == page_time("2021-13-45") == ""


def test_cli_export(cleaned, tmp_path, capsys) -> None:
    raw, clean = cleaned
    code = main(["export", str(clean), str(tmp_path / "out"), "--raw", str(raw), "--shard-docs", "4"])
    assert code == 0
    assert "source set" in capsys.readouterr().out
    assert json.loads((tmp_path / "out" / MANIFEST).read_text())["documents"] > 0
    mix = json.loads((tmp_path / "out" / "dolma-mix.json").read_text())["streams"][0]
    assert [r["span"] for r in mix["span_replacement"]] == [
        f"$.attributes.cleaner__{c}" for c in CATEGORIES] + [f"$.attributes.{WHITESPACE_KEY}"]
    docs = mix["documents"][0]  # Dolma finds the attributes by replacing /documents/ in the path
    assert list(Path(docs).parent.glob("*.jsonl.gz")) and mix["attributes"] == ["cleaner"]
    assert Path(docs.replace("/documents/", "/attributes/cleaner/")).parent.is_dir()
    assert main(["export", str(clean), str(tmp_path / "o2"), "--no-source"]) == 0
    assert not (tmp_path / "o2" / "source").exists()
    assert main(["export", str(tmp_path / "nope"), str(tmp_path / "o3")]) == 2


_TEXT = st.text(alphabet="ab \t\r\n\x0c", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_whitespace_spans_make_deletion_exact(source: str, data) -> None:
    lines = split_lines(source)
    chosen = data.draw(st.lists(st.sampled_from(lines), unique_by=lambda l: l.index)) if lines else []
    spans = [Span(l.start, l.stop, "other", "r") for l in sorted(chosen, key=lambda l: l.index)]
    text = replay(source, spans)
    fixed, ws = dolma_source(source, spans, text)
    assert len(fixed) >= len(source) and replay(fixed, spans) == text
    if "\r" not in source:
        assert ws is not None
    if ws is not None:
        both = sorted(spans + [Span(a, b, "other", "ws") for a, b in ws], key=lambda s: s.start)
        assert delete(fixed, both) == text
    assert whitespace_spans(fixed, spans, text + "x") is None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").is_file(), reason="no .venv/.installed stamp")
def test_make_corpus(cleaned, tmp_path) -> None:
    raw, clean = cleaned
    out = tmp_path / "corpus dir"
    proc = subprocess.run(
        ["make", "--no-print-directory", "corpus", f"RAW={raw}", f"CLEAN={clean}", f"CORPUS={out}", "SHARD_DOCS=5"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "exported" in proc.stdout
    for sub in SHARDS:
        assert (out / sub / "cleaner-00000.jsonl.gz").is_file()
