"""Titles: does the sidecar's title from a page's text dump name the page's own title?

In HTML mode the sidecar's title comes from the page's metadata (``og:title``, ``<title>``:
:mod:`cleaner.htmlmeta`); in text mode the cleaner has only the lines, and names the line it
keeps as the title (``keep.title``). For every page cleaned in both modes, the text title
*agrees* when one title holds the other, word for word (case and punctuation aside), and the
held one is not a small part of the holder: at least ``MIN_SHARE_OF_PAGE_TITLE`` of a page
title that adds the site's name ("Headline | Site"), at least ``MIN_SHARE_OF_TEXT_TITLE`` of
a text title that adds more. A page whose declared title is only the site's name makes even
the right headline disagree, so the agreement is a lower bound.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

MIN_SHARE_OF_PAGE_TITLE = 0.4
MIN_SHARE_OF_TEXT_TITLE = 0.6
_WORD_RE = re.compile(r"\w+")


def _words(title: str | None) -> str:
    return " ".join(_WORD_RE.findall((title or "").casefold()))


def agrees(text_title: str | None, page_title: str | None) -> bool:
    """Whether the title found in the text dump names the page's declared title."""
    found, declared = _words(text_title), _words(page_title)
    if not found or not declared:
        return False
    if found in declared:
        return len(found) >= MIN_SHARE_OF_PAGE_TITLE * len(declared)
    return declared in found and len(declared) >= MIN_SHARE_OF_TEXT_TITLE * len(found)


def _title(sidecar: Path) -> str | None:
    try:
        return json.loads(sidecar.read_text(encoding="utf-8")).get("title")
    except (OSError, ValueError):
        return None


def title_agreement(work: Path, set_name: str) -> dict[str, Any] | None:
    """Text-mode titles against HTML-mode titles of the same pages (``None`` without both)."""
    text_dir, html_dir = work / f"{set_name}-text-clean", work / f"{set_name}-html-clean"
    if not text_dir.is_dir() or not html_dir.is_dir():
        return None
    pages = agree = declared = found = 0
    for sidecar in sorted(text_dir.glob("*.json")):
        html_sidecar = html_dir / sidecar.name
        if not html_sidecar.is_file():
            continue
        text_title, page_title = _title(sidecar), _title(html_sidecar)
        pages += 1
        declared += page_title is not None
        found += text_title is not None
        agree += agrees(text_title, page_title)
    return {"set": set_name, "pages": pages, "declared": declared, "found": found, "agree": agree}
