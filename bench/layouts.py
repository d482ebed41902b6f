"""Layouts: the same text dumps written the ways other scrapers write them.

The text dumps put one block per line. Other scrapers put a blank line between blocks, or
wrap paragraphs at a fixed width (console browsers, mail archives). The cleaner should find
the same article in each: ``python -m bench.eval`` cleans the Dragnet dumps in every layout
of :data:`LAYOUTS` and scores them against the same gold (a row per layout in the results).
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .data import BenchSet, read_text
from .scoring import score_pages, summarize

WIDTH = 78


def blank_lines(text: str) -> str:
    """A blank line between blocks."""
    return "\n\n".join(text.split("\n"))


def wrapped(text: str) -> str:
    """Blocks wrapped at :data:`WIDTH` columns, a blank line between blocks (as ``lynx -dump``)."""
    return "\n\n".join(textwrap.fill(line, WIDTH) if line.strip() else line for line in text.split("\n"))


def wrapped_tight(text: str) -> str:
    """Blocks wrapped at :data:`WIDTH` columns, no blank line between them."""
    return "\n".join(textwrap.fill(line, WIDTH) if line.strip() else line for line in text.split("\n"))


LAYOUTS: dict[str, Callable[[str], str]] = {
    "one block per line (as dumped)": lambda text: text,
    "blank line between blocks": blank_lines,
    f"wrapped at {WIDTH}, blank line between blocks": wrapped,
    f"wrapped at {WIDTH}, no blank lines": wrapped_tight,
}


def stage_layout(bset: BenchSet, layout: Callable[[str], str], dest: Path) -> Path:
    """A RAW folder of the set's text dumps rewritten in ``layout``."""
    dest.mkdir(parents=True, exist_ok=True)
    for page_id, src in bset.inputs("text"):
        (dest / src.name).write_text(layout(read_text(src)), encoding="utf-8")
    return dest


def evaluate_layouts(
    bset: BenchSet, work: Path, clean_folder: Callable[[Path, Path], dict[str, Any]],
    read: Callable[[BenchSet, Path], dict[str, str]],
) -> list[dict[str, Any]]:
    """Score the cleaner (``clean_folder(raw, clean)``; ``read`` its outputs) on every layout."""
    rows = []
    for k, (name, layout) in enumerate(LAYOUTS.items()):
        raw = stage_layout(bset, layout, work / f"layout-{k}-raw")
        clean = work / f"layout-{k}-clean"
        clean_folder(raw, clean)
        rows.append({"layout": name, "set": bset.name, "summary": summarize(bset.kind, score_pages(bset, read(bset, clean)))})
    return rows
