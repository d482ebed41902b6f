"""The datatrove steps give what ``make clean`` gives, over a corpus split between tasks."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="datatrove not installed (pip install -e '.[test]' or '.[datatrove]')")
pytest.importorskip("orjson", reason="datatrove's JSONL reader needs orjson (pip install 'datatrove[io]')")

from datatrove.data import Document  # noqa: E402

from cleaner.config import Config  # noqa: E402
from cleaner.integrations.datatrove import (  # noqa: E402
    CleanerStep, clean_documents, merge_counts, raw_document, write_counts,
)
from cleaner.integrations.datatrove_example import executors  # noqa: E402
from cleaner.runner import corpus_fingerprint, run  # noqa: E402

from ..conftest import article  # noqa: E402
from ..pages import news_html, news_text, write  # noqa: E402

BLOG = [
    "Notes from the Garden",
    "Home | Recipes | About",
    "Sowing broad beans in autumn",
    *article(3, "allotment society"),
    "Advertisement",
    "Subscribe to our newsletter for weekly tips!",
    "3 Responses",
    "John says:",
    "May 2, 2023 at 10:14 am",
    "Lovely post, I sowed mine last week and they are already up.",
    "Reply",
    "Sarah says:",
    "May 3, 2023 at 8:01 pm",
    "Do you protect them from mice over the winter, or leave them be?",
    "Reply",
    "Copyright 2023 Notes from the Garden. All rights reserved.",
]


def corpus() -> dict[str, str]:
    """Eleven documents: text scrapes (news, blog posts, a bare menu) and three HTML pages."""
    docs = {f"news/story-{i}.txt": news_text(t) for i, t in enumerate([" in May", " in June", " on the quay", " again"])}
    for i, topic in enumerate(["allotment society", "beekeepers", "walking club"]):
        lines = [line.replace("allotment society", topic) for line in BLOG]
        docs[f"blog/post-{i}.txt"] = "\n".join(lines) + "\n"
    docs["misc/menu.txt"] = "Home\nNews\nSport\nContact\n"
    for i, topic in enumerate([" on Monday", " on Friday", " at last"]):
        docs[f"web/page-{i}.html"] = news_html(topic)
    return docs


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """``make clean``'s outputs of the corpus, and the corpus as two JSON Lines files."""
    base = tmp_path_factory.mktemp("dt")
    docs = corpus()
    for rel, text in docs.items():
        write(base / "raw" / rel, text)
    report = run(base / "raw", base / "clean", Config(), jobs=1, quiet=True)
    assert report["summary"]["failed"] == 0
    (base / "jsonl").mkdir()
    for part in (0, 1):
        with gzip.open(base / "jsonl" / f"part-{part}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for rel in sorted(docs)[part::2]:
                fh.write(json.dumps({"id": rel, "text": docs[rel], "metadata": {"path": rel}}) + "\n")
    return base, base / "clean", docs


def test_pipeline_matches_make_clean(made) -> None:
    base, clean, docs = made
    out, work = base / "out", base / "work"
    _, second = executors(str(base / "jsonl"), str(out), str(work), tasks=2, workers=2)
    second.run()
    got = {}
    for path in sorted(out.glob("*.jsonl.gz")):
        for line in gzip.open(path, "rt", encoding="utf-8"):
            doc = json.loads(line)
            got[doc["id"]] = doc
    empty = set()
    for rel in docs:
        stem = rel.rsplit(".", 1)[0]
        text = (clean / f"{stem}.txt").read_text(encoding="utf-8")
        sidecar = json.loads((clean / f"{stem}.json").read_text(encoding="utf-8"))
        if not text:
            empty.add(rel)
            assert rel not in got
            continue
        mine = got[rel]["metadata"]["cleaner"]
        assert got[rel]["text"] == text, rel
        spans = [(s["start"], s["end"], s["category"], s["rule"]) for s in mine["removed"]]
        assert spans == [(s["start"], s["end"], s["category"], s["rule"]) for s in sidecar["removed"]], rel
        for key in ("format", "sha256", "language", "title", "config_fingerprint", "corpus_fingerprint", "source"):
            assert mine[key] == sidecar[key], (rel, key)
        assert "config" not in mine
    assert set(got) == set(docs) - empty
    # the corpus pass mattered: some documents have lines repeated across both tasks' files
    assert any(d["metadata"]["cleaner"]["corpus_fingerprint"] != corpus_fingerprint(set(), frozenset())
               for d in got.values())
    stats = json.loads((work / "logs" / "clean" / "stats.json").read_text())
    counted = next(s for s in stats if s["name"].endswith("cleaner"))["stats"]
    total = {k: v["total"] if isinstance(v, dict) else v for k, v in counted.items()}
    assert total["cleaner_cleaned"] == len(got) and total.get("cleaner_dropped_empty", 0) == len(empty)


def test_bad_documents_are_counted_not_fatal() -> None:
    docs = [
        Document(text="   \n", id="blank"),
        Document(text="x" * 6000, id="big"),
        Document(text="\x00\x01\x02" * 100, id="binary"),
        Document(text=news_text(), id="news", metadata={"path": "news.txt"}),
    ]
    step = CleanerStep(config=Config(max_bytes=5000, repeated_min_docs=0))
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["news"]
    assert step.stats["cleaner_rejected"].total == 3
    kept = clean_documents([Document(text="   ", id="blank")], on_error="keep")
    assert kept[0].metadata["cleaner"]["status"] == "rejected" and kept[0].text == "   "


def test_format_rule() -> None:
    page = news_html()
    assert raw_document(Document(text=page, id="a")).format == "html"  # starts like a page
    assert raw_document(Document(text="<p>hi</p> there", id="b")).format == "text"
    assert raw_document(Document(text="<p>hi</p> there", id="c", metadata={"url": "http://x"})).format == "html"
    assert raw_document(Document(text="<p>hi</p>", id="d", metadata={"path": "d.txt"})).format == "text"
    assert raw_document(Document(text="<p>hi</p>", id="e", metadata={"path": "e.htm"})).format == "html"
    assert raw_document(Document(text=page, id="f", metadata={"format": "text"})).format == "text"
    assert raw_document(Document(text="plain", id="g"), fmt="html").format == "html"
    assert raw_document(Document(text="\ufeffplain", id="h")).text == "plain"  # as decoding a file drops a BOM


def test_merge_counts_checks_completeness(tmp_path) -> None:
    for rank, counts in enumerate([{1: 2, 5: 1}, {1: 1, 5: 1, 9: 3}]):
        with open(tmp_path / f"{rank:05d}-of-00002.linecounts", "wb") as fh:
            write_counts(fh, counts)
    assert merge_counts(str(tmp_path), 3) == {1, 9}
    assert merge_counts(str(tmp_path), 2) == {1, 5, 9}
    assert merge_counts(str(tmp_path), 0) == frozenset()
    (tmp_path / "00001-of-00002.linecounts").unlink()
    with pytest.raises(ValueError, match="incomplete"):
        merge_counts(str(tmp_path), 3)


def outputs_by_id(clean: Path) -> dict[str, tuple[dict, str]]:
    """``make clean``'s outputs of shard records: ``{record id: (sidecar, clean text)}``."""
    made = {}
    for path in clean.rglob("*.json"):
        if ".cleaner" not in path.parts:
            data = json.loads(path.read_text(encoding="utf-8"))
            made[data["id"]] = (data, path.with_suffix(".txt").read_text(encoding="utf-8"))
    return made


def test_warc_records_match_make_clean(tmp_path) -> None:
    """A WARC file read by datatrove's WarcReader cleans as ``make clean`` cleans it as a shard."""
    for module in ("warcio", "cchardet", "magic"):
        pytest.importorskip(module, reason=f"WarcReader needs {module} (pip install 'datatrove[io]')")
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = {f"page-{i}.html": news_html(topic) for i, topic in enumerate([" on Monday", " on Friday", " at last"])}
    for folder in ("raw", "warc"):
        (tmp_path / folder).mkdir()
    with open(tmp_path / "raw" / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name, page in pages.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/{name}", "response", payload=BytesIO(page.encode("utf-8")), http_headers=http))
    shutil.copyfile(tmp_path / "raw" / "crawl.warc.gz", tmp_path / "warc" / "crawl.warc.gz")
    run(tmp_path / "raw", tmp_path / "clean", Config(), jobs=1, quiet=True)
    made = outputs_by_id(tmp_path / "clean")
    assert len(made) == len(pages)
    _, second = executors(str(tmp_path / "warc"), str(tmp_path / "out"), str(tmp_path / "work"),
                          kind="warc", tasks=1, workers=1)
    second.run()
    got = [json.loads(line) for line in gzip.open(tmp_path / "out" / "00000.jsonl.gz", "rt", encoding="utf-8")]
    assert sorted(d["id"] for d in got) == sorted(made)
    for doc in got:
        sidecar, text = made[doc["id"]]
        mine = doc["metadata"]["cleaner"]
        assert mine["format"] == "html" and doc["text"] == text
        assert mine["url"] == sidecar["url"] and mine["title"] == sidecar["title"]
        assert [(s["start"], s["end"], s["category"], s["rule"]) for s in mine["removed"]] == [
            (s["start"], s["end"], s["category"], s["rule"]) for s in sidecar["removed"]]


def test_shard_records_with_html_match_make_clean(tmp_path) -> None:
    """A JSON Lines shard as ``make clean`` reads it (``html`` or ``text``, ``url``) cleans the
    same through datatrove with :func:`shard_adapter` (datatrove's own adapter would drop the
    records that have only ``html``)."""
    records = [
        {"id": "page-a", "html": news_html(" on Monday"), "url": "https://example.org/a"},
        {"id": "page-b", "html": news_html(" on Friday"), "text": "the html wins", "metadata": {"lang": "en"}},
        {"id": "story", "text": news_text(" in May")},
        {"id": 7, "text": "\n".join(BLOG) + "\n", "url": "https://example.org/blog"},
    ]
    for folder in ("raw", "in"):
        (tmp_path / folder).mkdir()
        with open(tmp_path / folder / "shard.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in records)
    run(tmp_path / "raw", tmp_path / "clean", Config(), jobs=1, quiet=True)
    made = outputs_by_id(tmp_path / "clean")
    _, second = executors(str(tmp_path / "in"), str(tmp_path / "out"), str(tmp_path / "work"), tasks=1, workers=1)
    second.run()
    got = {d["id"]: d for d in map(json.loads, gzip.open(tmp_path / "out" / "00000.jsonl.gz", "rt", encoding="utf-8"))}
    assert sorted(got) == sorted(made) == ["7", "page-a", "page-b", "story"]
    for rid, doc in got.items():
        sidecar, text = made[rid]
        mine = doc["metadata"]["cleaner"]
        assert (mine["format"], doc["text"], mine["url"]) == (sidecar["format"], text, sidecar["url"]), rid
        assert [(s["start"], s["end"], s["category"], s["rule"]) for s in mine["removed"]] == [
            (s["start"], s["end"], s["category"], s["rule"]) for s in sidecar["removed"]], rid
    assert [got[r]["metadata"]["cleaner"]["format"] for r in ("page-a", "page-b", "story")] == ["html", "html", "text"]
    assert got["page-b"]["metadata"]["lang"] == "en"


def test_example_command_line(made) -> None:
    from cleaner.integrations.datatrove_example import main

    base, clean, docs = made
    out = base / "cli-out"
    assert main([str(base / "jsonl"), str(out), "--work", str(base / "cli-work"), "--tasks", "2",
                 "--workers", "1", "--glob", "*.jsonl.gz"]) == 0
    ids = {json.loads(line)["id"] for path in out.glob("*.jsonl.gz") for line in gzip.open(path, "rt")}
    assert ids == {rel for rel in docs if (clean / f"{rel.rsplit('.', 1)[0]}.txt").read_text(encoding="utf-8")}


def _readme_pipeline() -> str:
    """The Python block of the README's datatrove section, as written."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### datatrove: the cleaner as a pipeline step", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.slow
def test_readme_pipeline_runs_as_written(made, tmp_path) -> None:
    """A user's copy of the README's pipeline (a script of its own, no configuration file)
    cleans ``in/`` into ``out/`` as ``make clean`` does."""
    import subprocess
    import sys

    base, clean, docs = made
    shutil.copytree(base / "jsonl", tmp_path / "in")
    (tmp_path / "pipeline.py").write_text(_readme_pipeline(), encoding="utf-8")
    subprocess.run([sys.executable, "pipeline.py"], cwd=tmp_path, check=True, timeout=300, capture_output=True)
    got = {json.loads(line)["id"]: json.loads(line)["text"]
           for path in (tmp_path / "out").glob("*.jsonl.gz") for line in gzip.open(path, "rt", encoding="utf-8")}
    want = {rel: (clean / f"{rel.rsplit('.', 1)[0]}.txt").read_text(encoding="utf-8") for rel in docs}
    assert got == {rel: text for rel, text in want.items() if text}
