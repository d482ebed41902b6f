"""Every hard input of :mod:`.hostile`: the run finishes, each file is cleaned or rejected
with a clear reason, cleaned ones replay, and nothing else is touched (RAW, outside files)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.html import extract_main, parse, render
from cleaner.flathtml import FlatPage
from cleaner.reader import read_raw
from cleaner.pipeline import prepare
from cleaner.runner import run
from cleaner.verify import verify_tree

from .helpers import outcome, replays, snapshot
from .hostile import ARTICLE, CHINESE, FRENCH, JAPANESE, RUSSIAN, write_hostile


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    base = tmp_path_factory.mktemp("hostile")
    raw, outside, clean = base / "raw", base / "outside", base / "clean"
    expected = write_hostile(raw, outside)
    before = snapshot(base)
    report = run(raw, clean, Config(), jobs=1, quiet=True)
    after = snapshot(base, skip=("clean",))
    assert after == before, "something outside CLEAN changed"
    return raw, clean, expected, report


def test_each_input_is_cleaned_or_rejected_with_a_reason(hostile_run) -> None:
    _raw, _clean, expected, report = hostile_run
    got = {d["rel"]: outcome(d) for d in report["documents"]}
    assert set(got) == set(expected)
    for rel, want in expected.items():
        ok = got[rel] in want if isinstance(want, frozenset) else got[rel] == want
        assert ok, f"{rel!r}: {got[rel]} (wanted {want})"
    for doc in report["documents"]:
        if doc["status"] != "cleaned":
            assert doc["reason"] and ": " in doc["reason"], doc


def test_cleaned_outputs_replay(hostile_run) -> None:
    raw, clean, _expected, report = hostile_run
    for doc in report["documents"]:
        if doc["status"] == "cleaned":
            assert replays(raw, clean, doc["out"]), doc["rel"]
    problems, checked = verify_tree(raw, clean, Config())
    assert problems == [] and checked == report["summary"]["cleaned"]


def test_only_cleaned_documents_have_outputs(hostile_run) -> None:
    _raw, clean, _expected, report = hostile_run
    wanted = {f"{d['out']}{ext}" for d in report["documents"] if d["status"] == "cleaned" for ext in (".txt", ".json")}
    found = {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    assert {f for f in found if not f.startswith(".cleaner/")} == wanted


@pytest.mark.parametrize(
    ("name", "text"),
    [("koi8r.txt", RUSSIAN), ("gb18030.txt", CHINESE), ("shift-jis.txt", JAPANESE), ("cp1252.txt", FRENCH),
     ("utf16-bom.txt", ARTICLE * 3), ("utf16-be-bom.txt", ARTICLE * 3), ("utf16-no-bom.txt", ARTICLE * 3)],
)
def test_legacy_encodings_decode_exactly(hostile_run, name: str, text: str) -> None:
    raw = hostile_run[0]
    assert read_raw(raw / name, 10**6).text == text


@pytest.mark.parametrize("name", ["deep.html", "deep-unclosed.html", "billion-laughs.html", "unclosed.html"])
def test_hard_html_keeps_its_text_in_the_rendering(hostile_run, name: str) -> None:
    raw = hostile_run[0]
    source = prepare(read_raw(raw / name, 10**7))[0]
    assert ARTICLE.strip() in source
    assert len(source) < 10_000  # entities are never expanded


def test_empty_raw(tmp_path) -> None:
    (tmp_path / "raw").mkdir()
    report = run(tmp_path / "raw", tmp_path / "clean", Config(), jobs=2, quiet=True)
    assert report["summary"]["documents"] == 0 and report["documents"] == []
    found = [p.relative_to(tmp_path / "clean").as_posix() for p in (tmp_path / "clean").rglob("*") if p.is_file()]
    assert ".cleaner/report.json" in found and all(f.startswith(".cleaner/") for f in found)


def test_deeply_nested_html_is_rendered_flat() -> None:
    deep = "<div>" * 5000 + "deep text" + "</div>" * 5000
    tree = parse(deep)
    assert isinstance(tree, FlatPage)
    source, lines, _repairs = render(tree)
    assert source == "deep text\n" and lines[0].text == "deep text"
    assert extract_main(tree) == (None, dict.fromkeys(("title", "author", "date", "sitename", "url")))


def test_flat_rendering_keeps_blocks_and_drops_scripts() -> None:
    page = "<div>" * 3000 + "<head><title>T</title><p>One <b>two</b></p><script>x=1</script><p>Three</p>" + "</div>" * 3000
    source, lines, _repairs = render(parse(page))
    assert source == "One two\nThree\n"
    assert [(l.start, l.end) for l in lines] == [(0, 7), (8, 13)]


def test_ordinary_pages_keep_their_tree() -> None:
    from .. pages import news_html

    assert not isinstance(parse(news_html()), FlatPage)
    assert not isinstance(parse("<html><body><script>" + "var a = 1;" * 100 + "</script></body></html>"), FlatPage)
