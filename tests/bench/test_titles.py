"""The eval's title check: text-mode titles against the titles HTML pages declare."""
from __future__ import annotations

import json
from pathlib import Path

from bench.report import titles_table
from bench.titles import agrees, title_agreement


def test_a_title_agrees_when_one_holds_the_other_and_is_not_a_small_part() -> None:
    assert agrees("Council votes for a cycle lane", "Council votes for a cycle lane | The Riverside Post")
    assert agrees("council votes for a cycle-lane!", "Council Votes for a Cycle Lane")  # case, punctuation
    assert agrees("Council votes for a cycle lane on Tuesday", "Council votes for a cycle lane")
    assert not agrees("The Riverside Post", "Council votes for a cycle lane | The Riverside Post")  # the site name
    assert not agrees("Photo: the river", "Council votes for a cycle lane")
    assert not agrees("Lane", "Lane: the council votes for a cycle lane along the river this week")
    assert not agrees(None, "Council votes") and not agrees("Council votes", None)


def _sidecar(folder: Path, page: str, title: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{page}.json").write_text(json.dumps({"title": title}), encoding="utf-8")


def test_agreement_counts_the_pages_cleaned_in_both_modes(tmp_path: Path) -> None:
    text, html = tmp_path / "set-text-clean", tmp_path / "set-html-clean"
    _sidecar(text, "a", "Council votes for a cycle lane")
    _sidecar(html, "a", "Council votes for a cycle lane - The Post")
    _sidecar(text, "b", "Menu")
    _sidecar(html, "b", "Flood barrier opens")
    _sidecar(text, "c", None)
    _sidecar(html, "c", "Market hall reopens")
    _sidecar(text, "only-text", "Anything")
    (text / "d.json").write_text("not json", encoding="utf-8")
    _sidecar(html, "d", None)
    row = title_agreement(tmp_path, "set")
    assert row == {"set": "set", "pages": 4, "declared": 3, "found": 2, "agree": 1}
    assert title_agreement(tmp_path, "other") is None
    table = titles_table({"titles": [row]})
    assert "| set | 4 | 3 | 2 | 1 (0.333 of declared) |" in table
