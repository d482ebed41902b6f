"""Batch runs end to end: outputs, sidecars, bad inputs, incremental reruns, workers."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from .pages import COMMENTS, PARAGRAPHS, TITLE, news_html, news_text, slow_down, tree_bytes, write, write_gz

from cleaner import __version__
from cleaner.config import Config
from cleaner.reader import read_raw
from cleaner.runner import discover, run
from cleaner.spans import replay

SIDECAR_FIELDS = {
    "source", "sha256", "bytes", "format", "encoding", "language", "language_confidence",
    "title", "author", "date", "site", "url", "chars_in", "chars_out", "removed_chars",
    "removed", "cleaner_version", "config", "config_fingerprint",
}
UNICODE_NAME = "sub folder/Café Grüße 2021.txt"
# line of the text page -> (category, rule) that removes it
PINNED = {
    "Home": ("navigation", "phrase.line"),
    "Contact": ("navigation", "phrase.line"),
    "Share this:": ("share", "phrase.line"),
    "Advertisement": ("ad", "phrase.line"),
    "3 Comments": ("comments", "phrase.regex"),
    "Mark says:": ("comments", "phrase.regex"),
    "March 3, 2021 at 4:12 pm": ("comments", "comments.section"),
    COMMENTS[3]: ("comments", "comments.section"),
    "Reply": ("comments", "phrase.line"),
}


def make_corpus(raw: Path) -> Path:
    """Four pages: text, HTML, gzipped HTML, and a text page under an awkward name."""
    write(raw / "a" / "b.txt", news_text())
    write(raw / "a" / "page.html", news_html(" in the north"))
    write_gz(raw / "news" / "library.html.gz", news_html(" in the east"))
    write(raw / UNICODE_NAME, news_text(" in the south"))
    return raw


def sidecar(clean: Path, stem: str) -> dict:
    return json.loads((clean / f"{stem}.json").read_text(encoding="utf-8"))


def statuses(report: dict) -> dict[str, str]:
    return {d["rel"]: d["status"] for d in report["documents"]}


def reasons(report: dict) -> dict[str, str]:
    return {d["rel"]: d["reason"] for d in report["documents"]}


def hashes(root: Path) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in tree_bytes(root, skip_state=False).items()}


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> tuple[Path, Path, dict]:
    """The four-page corpus cleaned once (RAW hashed before and after)."""
    base = tmp_path_factory.mktemp("runner")
    raw = make_corpus(base / "raw")
    before = hashes(raw)
    report = run(raw, base / "clean", Config(), jobs=1, quiet=True)
    assert hashes(raw) == before, "RAW was modified"
    return raw, base / "clean", report


# --- end to end ----------------------------------------------------------------------------


def test_outputs_mirror_raw(cleaned) -> None:
    _raw, clean, report = cleaned
    names = set(tree_bytes(clean))
    assert names == {
        "a/b.txt", "a/b.json", "a/page.txt", "a/page.json", "news/library.txt", "news/library.json",
        "sub folder/Café Grüße 2021.txt", "sub folder/Café Grüße 2021.json",
    }
    assert set(statuses(report).values()) == {"cleaned"}


def test_text_sidecar_fields(cleaned) -> None:
    raw, clean, _report = cleaned
    data = sidecar(clean, "a/b")
    assert SIDECAR_FIELDS <= set(data)
    raw_bytes = (raw / "a" / "b.txt").read_bytes()
    text = (clean / "a" / "b.txt").read_text(encoding="utf-8")
    assert data["source"] == "a/b.txt"
    assert data["sha256"] == hashlib.sha256(raw_bytes).hexdigest()
    assert (data["bytes"], data["format"], data["encoding"]) == (len(raw_bytes), "text", "utf-8")
    assert data["language"] == "en" and 0.5 < data["language_confidence"] <= 1.0
    assert data["title"] == TITLE
    assert (data["chars_in"], data["chars_out"]) == (len(news_text()), len(text))
    assert data["cleaner_version"] == __version__
    assert data["config"] == Config().to_dict()
    assert data["config_fingerprint"] == Config().fingerprint()
    for entry in data["removed"]:
        assert {"start", "end", "category", "rule", "text"} <= set(entry)


def test_removed_chars_add_up(cleaned) -> None:
    _raw, clean, _report = cleaned
    data = sidecar(clean, "a/b")
    per_category: dict[str, int] = {}
    for entry in data["removed"]:
        per_category[entry["category"]] = per_category.get(entry["category"], 0) + entry["end"] - entry["start"]
    assert data["removed_chars"] == per_category
    assert data["chars_in"] - sum(per_category.values()) >= data["chars_out"]


def test_removals_have_pinned_category_and_rule(cleaned) -> None:
    _raw, clean, _report = cleaned
    removed = {e["text"].rstrip("\n"): (e["category"], e["rule"]) for e in sidecar(clean, "a/b")["removed"]}
    for line, expected in PINNED.items():
        assert removed.get(line) == expected, line
    text = (clean / "a" / "b.txt").read_text(encoding="utf-8")
    assert text == "\n".join([TITLE, *PARAGRAPHS]) + "\n"


def test_html_and_gzipped_html(cleaned) -> None:
    raw, clean, _report = cleaned
    for stem, rel in (("a/page", "a/page.html"), ("news/library", "news/library.html.gz")):
        data = sidecar(clean, stem)
        assert (data["source"], data["format"], data["encoding"]) == (rel, "html", "utf-8")
        assert data["bytes"] == (raw / rel).stat().st_size
        assert data["title"] == TITLE
        removed = {e["text"].rstrip("\n"): e["category"] for e in data["removed"]}
        assert removed["Advertisement"] == "ad" and removed["Mark says:"] == "comments"
        assert removed["Copyright 2021 Town Gazette. All rights reserved."] == "legal"
        text = (clean / f"{stem}.txt").read_text(encoding="utf-8")
        assert PARAGRAPHS[0][:60] in text and "Advertisement" not in text


def test_unicode_and_space_in_name(cleaned) -> None:
    _raw, clean, _report = cleaned
    data = sidecar(clean, "sub folder/Café Grüße 2021")
    assert data["source"] == UNICODE_NAME
    assert "in the south." in (clean / "sub folder" / "Café Grüße 2021.txt").read_text(encoding="utf-8")


def test_text_outputs_replay(cleaned) -> None:
    raw, clean, report = cleaned
    from cleaner.document import Span

    for doc in report["documents"]:
        data = sidecar(clean, doc["out"])
        if data["format"] != "text":
            continue
        source = read_raw(raw / doc["rel"], Config().max_bytes).text
        spans = [Span(e["start"], e["end"], e["category"], e["rule"]) for e in data["removed"]]
        assert replay(source, spans) == (clean / f"{doc['out']}.txt").read_text(encoding="utf-8")


def test_no_temporary_files_left(cleaned) -> None:
    _raw, clean, _report = cleaned
    assert not [p for p in clean.rglob("*") if p.name.startswith(".tmp-")]


# --- collisions and bad inputs -------------------------------------------------------------


def test_collisions_reject_both_and_write_nothing(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", news_text())
    write(raw / "other.txt", news_text(" elsewhere"))
    run(raw, clean, Config(), quiet=True)
    assert (clean / "a.txt").is_file()
    write(raw / "a.html", news_html())  # now a.txt and a.html both map to a.txt
    report = run(raw, clean, Config(), quiet=True)
    why = reasons(report)
    assert statuses(report) == {"a.html": "rejected", "a.txt": "rejected", "other.txt": "skipped"}
    assert why["a.txt"].startswith("output-collision") and why["a.html"].startswith("output-collision")
    assert not (clean / "a.txt").exists() and not (clean / "a.json").exists()
    assert (clean / "other.txt").is_file()


def test_case_and_folder_collisions(tmp_path) -> None:
    raw = tmp_path / "raw"
    write(raw / "Doc.txt", "x")
    write(raw / "doc.htm", "x")
    write(raw / "page", "x")  # writes page.txt ...
    write(raw / "page.txt" / "inner.txt", "x")  # ... which would also be a folder
    jobs, refused = discover(raw)
    assert [j.rel for j in jobs] == ["page.txt/inner.txt"]
    why = {o.rel: o.reason.split(":")[0] for o in refused}
    assert why == dict.fromkeys(["Doc.txt", "doc.htm", "page"], "output-collision")


@pytest.fixture()
def bad_corpus(tmp_path) -> tuple[Path, Path, Path]:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "good.txt", news_text())
    write(raw / "empty.txt", b"")
    write(raw / "binary.txt", bytes(range(256)) * 8)
    write(raw / "big.txt", news_text() * 6)  # over the limit set below
    write(raw / "broken.html.gz", b"\x1f\x8b\x08\x00not really gzip")
    write(raw / ".hidden.txt", news_text())
    write(raw / ".git" / "config.txt", news_text())
    outside = write(tmp_path / "outside.txt", news_text())
    (raw / "link.txt").symlink_to(outside)
    (raw / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    return raw, clean, outside


def test_bad_inputs_are_rejected_and_the_batch_goes_on(bad_corpus) -> None:
    raw, clean, outside = bad_corpus
    before = hashes(raw) | {"outside": hashlib.sha256(outside.read_bytes()).hexdigest()}
    report = run(raw, clean, Config(max_bytes=5000), quiet=True)
    assert hashes(raw) | {"outside": hashlib.sha256(outside.read_bytes()).hexdigest()} == before
    why = {rel: (reason or "").split(":")[0] for rel, reason in reasons(report).items()}
    assert statuses(report)["good.txt"] == "cleaned"
    assert why == {
        "good.txt": "", "empty.txt": "empty", "binary.txt": "binary", "big.txt": "too-large",
        "broken.html.gz": "bad-gzip", "link.txt": "symlink-outside", "linked-folder": "symlink-outside",
    }
    assert all(reasons(report)[rel].count(":") >= 1 for rel in why if rel != "good.txt")
    assert set(tree_bytes(clean)) == {"good.txt", "good.json"}
    summary = report["summary"]
    assert (summary["cleaned"], summary["rejected"], summary["failed"]) == (1, 6, 0)


def test_rejected_document_loses_its_old_outputs(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", news_text())
    run(raw, clean, Config(), quiet=True)
    write(raw / "a.txt", b"")
    report = run(raw, clean, Config(), quiet=True)
    assert statuses(report) == {"a.txt": "rejected"}
    assert report["summary"]["stale_removed"] == ["a"]
    assert not (clean / "a.txt").exists() and not (clean / "a.json").exists()


def test_clean_inside_raw_is_refused(tmp_path) -> None:
    write(tmp_path / "raw" / "a.txt", news_text())
    with pytest.raises(ValueError, match="separate folders"):
        run(tmp_path / "raw", tmp_path / "raw" / "clean", Config(), quiet=True)
    with pytest.raises(ValueError, match="separate folders"):
        run(tmp_path / "raw", tmp_path, Config(), quiet=True)
    assert not (tmp_path / "raw" / "clean").exists()


# --- incremental runs ----------------------------------------------------------------------


def mtimes(clean: Path) -> dict[str, int]:
    return {rel: (clean / rel).stat().st_mtime_ns for rel in tree_bytes(clean)}


def test_rerun_skips_everything_and_rewrites_nothing(tmp_path) -> None:
    raw, clean = make_corpus(tmp_path / "raw"), tmp_path / "clean"
    run(raw, clean, Config(), quiet=True)
    before = mtimes(clean)
    report = run(raw, clean, Config(), quiet=True)
    assert set(statuses(report).values()) == {"skipped"}
    assert mtimes(clean) == before
    assert report["summary"]["skipped"] == 4 and report["summary"]["removed_chars"]["ad"] > 0


def test_changed_file_is_the_only_one_recleaned(tmp_path) -> None:
    raw, clean = make_corpus(tmp_path / "raw"), tmp_path / "clean"
    run(raw, clean, Config(), quiet=True)
    write(raw / "a" / "b.txt", news_text().replace("large crowd", "small crowd"))
    report = run(raw, clean, Config(), quiet=True)
    assert statuses(report) == {
        "a/b.txt": "cleaned", "a/page.html": "skipped", "news/library.html.gz": "skipped", UNICODE_NAME: "skipped",
    }
    assert "small crowd" in (clean / "a" / "b.txt").read_text(encoding="utf-8")


def test_changed_config_recleans_all(tmp_path) -> None:
    raw, clean = make_corpus(tmp_path / "raw"), tmp_path / "clean"
    run(raw, clean, Config(), quiet=True)
    report = run(raw, clean, Config(protect_words=20), quiet=True)
    assert set(statuses(report).values()) == {"cleaned"}
    assert sidecar(clean, "a/b")["config"]["protect_words"] == 20


def test_changed_code_recleans_all(tmp_path, monkeypatch) -> None:
    """An edited checkout of the same version cleans differently: a rerun redoes everything
    (the configuration fingerprint and the state both hold the code's digest)."""
    from cleaner import config as config_module, state as state_module

    raw, clean = make_corpus(tmp_path / "raw"), tmp_path / "clean"
    run(raw, clean, Config(), quiet=True)
    for module in (config_module, state_module):
        monkeypatch.setattr(module, "code_digest", lambda: "an edited checkout")
    report = run(raw, clean, Config(), quiet=True)
    assert set(statuses(report).values()) == {"cleaned"}
    report = run(raw, clean, Config(), quiet=True)
    assert set(statuses(report).values()) == {"skipped"}


def test_renamed_raw_file_with_same_bytes_is_recleaned(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    fragment = news_html().split("<body>")[1]  # HTML by name only: text as a.txt
    write(raw / "a.txt", fragment)
    run(raw, clean, Config(), quiet=True)
    assert sidecar(clean, "a")["format"] == "text"
    (raw / "a.txt").rename(raw / "a.html")
    report = run(raw, clean, Config(), quiet=True)
    assert statuses(report) == {"a.html": "cleaned"}
    assert (sidecar(clean, "a")["source"], sidecar(clean, "a")["format"]) == ("a.html", "html")


def test_deleted_raw_file_loses_its_outputs(tmp_path) -> None:
    raw, clean = make_corpus(tmp_path / "raw"), tmp_path / "clean"
    write(clean / "notes.json", '{"mine": true}\n')  # not a sidecar: left alone
    run(raw, clean, Config(), quiet=True)
    (raw / "a" / "page.html").unlink()
    report = run(raw, clean, Config(), quiet=True)
    assert report["summary"]["stale_removed"] == ["a/page"]
    assert not (clean / "a" / "page.txt").exists() and not (clean / "a" / "page.json").exists()
    assert (clean / "a" / "b.txt").is_file() and (clean / "notes.json").is_file()
    assert len(report["documents"]) == 3


# --- settings and workers ------------------------------------------------------------------


def test_keep_categories_flags_instead_of_removing(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", news_text())
    run(raw, clean, Config(keep_categories=("comments",)), quiet=True)
    data = sidecar(clean, "a")
    text = (clean / "a.txt").read_text(encoding="utf-8")
    for line in COMMENTS:
        assert f"{line}\n" in text
    assert "Advertisement" not in text
    assert {e["category"] for e in data["flagged"]} == {"comments"}
    assert {e["text"].rstrip("\n") for e in data["flagged"]} == set(COMMENTS)
    assert "comments" not in {e["category"] for e in data["removed"]}
    assert "comments" not in data["removed_chars"]


def test_two_workers_give_identical_outputs(tmp_path) -> None:
    raw = make_corpus(tmp_path / "raw")
    for i in range(4):
        write(raw / "more" / f"doc{i}.txt", news_text(f" on day {i}"))
    one = run(raw, tmp_path / "one", Config(), jobs=1, quiet=True)
    two = run(raw, tmp_path / "two", Config(), jobs=2, quiet=True)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert len(tree_bytes(tmp_path / "one")) == 16
    assert one["documents"] == two["documents"] and one["summary"] == two["summary"]


def test_time_limit_reports_a_timeout(tmp_path, monkeypatch) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", news_text())
    write(raw / "slow.txt", news_text(" slowly"))
    slow_down(monkeypatch)
    report = run(raw, clean, Config(time_limit_s=0.5), jobs=1, quiet=True)
    assert statuses(report) == {"a.txt": "cleaned", "slow.txt": "timeout"}
    assert reasons(report)["slow.txt"].startswith("timeout")
    assert not (clean / "slow.txt").exists()


def test_unreadable_file_is_rejected(tmp_path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    write(raw / "a.txt", news_text())
    write(raw / "b.txt", news_text(" again"))
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = run(raw, tmp_path / "clean", Config(), quiet=True)
    assert reasons(report)["a.txt"] == "unreadable: Permission denied"
    assert statuses(report) == {"a.txt": "rejected", "b.txt": "cleaned"}
