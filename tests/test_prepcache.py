"""Pages prepared in the corpus pass and taken back in the cleaning pass."""
from __future__ import annotations

import json

from cleaner import html as html_module
from cleaner.config import Config
from cleaner.job import clean_raw
from cleaner.prepcache import PREFIX, close_folder, open_folder, scan_keys, take
from cleaner.reader import read_raw
from cleaner.runner import run

from .pages import news_html, write


def _spans(result) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.category, s.rule) for s in result.removed]


def test_a_prepared_page_cleans_as_a_fresh_one(tmp_path) -> None:
    raw = read_raw(write(tmp_path / "raw" / "page.html", news_html()), 10_000)
    folder = open_folder(tmp_path / "clean")
    keys = scan_keys(raw, Config(), folder, "page.html")
    assert keys and list(folder.iterdir())
    assert take(folder, "page.html", "another sha256") is None  # other bytes: not used
    scan_keys(raw, Config(), folder, "page.html")
    prepared = take(folder, "page.html", raw.sha256)
    assert prepared is not None and not list(folder.iterdir())  # used once, then gone
    fresh, again = clean_raw(raw, Config()), clean_raw(raw, Config(), prepared=prepared)
    assert again.text == fresh.text and _spans(again) == _spans(fresh)
    assert again.metadata == fresh.metadata
    close_folder(folder)
    assert not folder.exists()


def test_a_run_renders_each_page_once_and_leaves_no_folder(tmp_path, monkeypatch) -> None:
    for i in range(4):
        write(tmp_path / "raw" / f"p{i}.html", news_html(f" ({i})"))
    stale = tmp_path / "clean" / ".cleaner" / f"{PREFIX}killed"
    stale.mkdir(parents=True)
    calls = []
    real = html_module.render
    monkeypatch.setattr(html_module, "render", lambda tree: calls.append(1) or real(tree))
    run(tmp_path / "raw", tmp_path / "clean", Config(), jobs=1, quiet=True)
    assert len(calls) == 4
    assert not list((tmp_path / "clean" / ".cleaner").glob(f"{PREFIX}*"))
    monkeypatch.setattr("cleaner.job.take", lambda *args: None)  # every page prepared again
    plain = tmp_path / "plain"
    run(tmp_path / "raw", plain, Config(), jobs=1, quiet=True)
    assert len(calls) == 4 + 8
    for i in range(4):
        a = json.loads((tmp_path / "clean" / f"p{i}.json").read_text())
        b = json.loads((plain / f"p{i}.json").read_text())
        assert (tmp_path / "clean" / f"p{i}.txt").read_text() == (plain / f"p{i}.txt").read_text()
        assert [(r["start"], r["rule"]) for r in a["removed"]] == [(r["start"], r["rule"]) for r in b["removed"]]
