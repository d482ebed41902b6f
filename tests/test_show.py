"""The terminal view: removed lines labelled [category:rule], kept lines indented."""
from __future__ import annotations

from .pages import PARAGRAPHS, TITLE, news_text

from cleaner.config import Config
from cleaner.pipeline import clean_text
from cleaner.show import render_marked


def test_labels_and_kept_lines() -> None:
    lines = render_marked(clean_text(news_text())).splitlines()
    assert lines[0] == "[navigation:phrase.line] Home"
    assert f"  {TITLE}" in lines and f"  {PARAGRAPHS[0]}" in lines
    assert "[share:phrase.line] Share this:" in lines
    assert "[ad:phrase.line] Advertisement" in lines
    assert "[comments:phrase.regex] 3 Comments" in lines
    assert "[comments:comments.section] March 3, 2021 at 4:12 pm" in lines
    assert lines[-1] == "-- removed 14 spans (298 of 1063 chars): ad 1, comments 9, navigation 3, share 1"
    assert "\x1b" not in "\n".join(lines)


def test_removed_only() -> None:
    lines = render_marked(clean_text(news_text()), removed_only=True).splitlines()
    assert all(line.startswith("[") for line in lines[:14])
    assert not any(TITLE in line for line in lines)


def test_color() -> None:
    text = render_marked(clean_text(news_text()), color=True)
    assert "\x1b[31m[ad:phrase.line] Advertisement\x1b[0m\n" in text
    assert "\x1b[33m[comments:phrase.line] Reply\x1b[0m\n" in text


def test_flagged_lines_are_marked_kept() -> None:
    result = clean_text(news_text(), Config(keep_categories=("comments",)))
    lines = render_marked(result).splitlines()
    assert "[comments:phrase.regex] (kept by config) Mark says:" in lines
    assert lines[-1].endswith("; kept by config 9 spans")


def test_nothing_removed() -> None:
    result = clean_text("\n".join(PARAGRAPHS) + "\n")
    lines = render_marked(result).splitlines()
    assert lines[:4] == [f"  {p}" for p in PARAGRAPHS]
    assert lines[-1].endswith(": nothing")
