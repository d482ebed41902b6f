"""Audit pages: escaping, highlights, links, paging, and a changed raw file."""
from __future__ import annotations

import pytest

from ..pages import news_text, write

from cleaner.audit import write_audit
from cleaner.audit import index as index_mod
from cleaner.audit.pages import highlight
from cleaner.config import Config
from cleaner.runner import run


def test_hostile_text_is_escaped(corpus) -> None:
    _raw, clean, _index = corpus
    page = (clean / "audit" / "doc" / "hostile.html").read_text()
    assert "<script>" not in page and "</textarea>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_index_escapes_and_links(corpus) -> None:
    _raw, clean, index = corpus
    text = index.read_text()
    assert "<script>" not in text
    assert "<svg" in text and 'class="chart-categories"' in text
    assert 'href="doc/news/a.html#s' in text
    assert "empty.txt" in text and "empty" in text  # the rejected file and its reason


def test_document_page_highlights_and_links(corpus) -> None:
    _raw, clean, _index = corpus
    page = (clean / "audit" / "doc" / "news" / "a.html").read_text()
    assert '<mark id="s0" class="cat-navigation" data-rule="phrase.line"' in page
    assert 'href="../../../../raw/news/a.txt"' in page and 'href="../../../news/a.txt"' in page
    assert 'href="../../index.html"' in page and "config_fingerprint" in page


def test_highlight_keeps_text_and_newlines() -> None:
    html = highlight("a<b\nAd\nc\n", [{"start": 4, "end": 7, "category": "ad", "rule": "r", "score": 1}], [])
    assert html == 'a&lt;b\n<mark id="s4" class="cat-ad" data-rule="r" title="ad · r · score 1">Ad</mark>\nc\n'


def test_changed_raw_file_is_reported(tmp_path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    write(raw / "a.txt", news_text())
    run(raw, clean, Config(), quiet=True)
    write(raw / "a.txt", news_text("harbour"))
    write_audit(clean)
    page = (clean / "audit" / "doc" / "a.html").read_text()
    assert "raw file changed since it was cleaned" in page and '<pre class="doc">' not in page
    assert "Advertisement" in page  # the recorded spans are still listed


def test_paging_and_rerun(tmp_path, monkeypatch) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    for n in range(5):
        write(raw / f"d{n}.txt", news_text(f"topic{n}"))
    run(raw, clean, Config(), quiet=True)
    monkeypatch.setattr(index_mod, "PAGE_SIZE", 2)
    write_audit(clean)
    assert sorted(p.name for p in (clean / "audit").glob("documents-*.html")) == [f"documents-{n}.html" for n in (1, 2, 3)]
    (raw / "d4.txt").unlink()
    run(raw, clean, Config(), quiet=True)
    write_audit(clean)
    assert not (clean / "audit" / "doc" / "d4.html").exists() and not (clean / "audit" / "documents-3.html").exists()


def test_foreign_folder_is_refused(tmp_path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("x")
    with pytest.raises(ValueError, match="not empty"):
        write_audit(tmp_path, tmp_path / "out")


def test_run_leaves_the_report_alone(corpus) -> None:
    raw, clean, index = corpus
    report = run(raw, clean, Config(), quiet=True)
    assert index.is_file() and (clean / "audit" / "doc" / "hostile.html").is_file()
    assert not report["summary"]["stale_removed"]
