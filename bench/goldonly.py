"""Pure article text: each set's gold files cleaned as plain text.

A gold file holds only a page's article text, so every character the cleaner removes from it
is one it might remove from a real article ("never lose article text"). Some gold files still
hold a little boilerplate (a "SEE ALSO:" line, an about-the-author note, a repeated paragraph),
so the share is an upper bound on the loss, and the rules that removed it show where to look.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .data import BenchSet

#: Pages listed as those that lost the largest share of their text.
WORST_PAGES = 5


def stage_gold(bset: BenchSet, dest: Path) -> Path:
    """A RAW folder of the set's gold files (``<id>.txt``, UTF-8: the repaired text, without
    the comments some Dragnet gold files still hold: :meth:`BenchSet.gold`)."""
    dest.mkdir(parents=True, exist_ok=True)
    for page_id in bset.ids:
        text = bset.gold(page_id)
        if text.strip():
            (dest / f"{page_id}.txt").write_text(text, encoding="utf-8")
    return dest


def removed_from_gold(clean: Path) -> dict[str, Any]:
    """Characters in and removed (in all, per rule), and the pages that lost most, read from
    the sidecars in ``clean``."""
    chars_in, by_rule, pages = 0, Counter(), []
    for sidecar in sorted(clean.glob("*.json")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        if "removed" not in data:
            continue
        page = Counter()
        for span in data["removed"]:
            page[span["rule"]] += span["end"] - span["start"]
        by_rule.update(page)
        removed = sum(page.values())
        chars_in += data.get("chars_in", 0)
        if data.get("chars_in"):
            pages.append((removed / data["chars_in"], sidecar.stem))
    total = sum(by_rule.values())
    worst = sorted(pages, key=lambda p: (-p[0], p[1]))[:WORST_PAGES]
    return {
        "chars_in": chars_in,
        "removed_chars": total,
        "removed_share": round(total / chars_in, 4) if chars_in else 0.0,
        "by_rule": dict(by_rule.most_common()),
        "worst_pages": [{"id": page_id, "removed_share": round(share, 4)} for share, page_id in worst],
    }


def evaluate_gold_only(bset: BenchSet, work: Path, clean_folder: Callable[[Path, Path], dict[str, Any]]) -> dict[str, Any]:
    """Clean the set's gold files (``clean_folder(raw, clean)``) and measure what went."""
    raw = stage_gold(bset, work / f"gold-{bset.name}-raw")
    clean = work / f"gold-{bset.name}-clean"
    clean_folder(raw, clean)
    return {"set": bset.name, **removed_from_gold(clean)}
