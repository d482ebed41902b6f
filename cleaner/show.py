"""The terminal view: a document with its removed lines marked by category."""
from __future__ import annotations

from collections import Counter

from .document import Span
from .pipeline import CleanResult

COLORS = {
    "ad": "31", "subscribe": "35", "author_bio": "36", "comments": "33", "navigation": "34",
    "share": "32", "legal": "90", "caption": "95", "other": "37", "duplicate": "94",
}
KEPT_MARK = "  "


def _label(span: Span, color: bool) -> str:
    tag = f"[{span.category}:{span.rule}]"
    return f"\x1b[{COLORS.get(span.category, '37')}m{tag}" if color else tag


def render_marked(result: CleanResult, color: bool = False, removed_only: bool = False) -> str:
    """The source with each removed span labelled ``[category:rule]``.

    Kept lines are indented by two spaces (blank ones left out); flagged spans (categories
    kept by the configuration) are labelled too, with ``(kept by config)``. With ``color``
    each label and its line are coloured by category (ANSI escapes). A last line sums up.
    """
    out: list[str] = []
    pos = 0
    reset = "\x1b[0m" if color else ""
    spans = sorted(result.removed + result.flagged, key=lambda s: s.start)
    flagged = {id(s) for s in result.flagged}
    for span in spans:
        if not removed_only:
            out.append(_indent(result.source[pos : span.start], KEPT_MARK))
        text = result.source[span.start : span.end].rstrip("\r\n")
        kept = " (kept by config)" if id(span) in flagged else ""
        out.append(f"{_label(span, color)}{kept} {text}{reset}\n")
        pos = span.end
    if not removed_only:
        out.append(_indent(result.source[pos:], KEPT_MARK))
    counts = Counter(s.category for s in result.removed)
    chars = sum(s.end - s.start for s in result.removed)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"
    kept = f"; kept by config {len(result.flagged)} spans" if result.flagged else ""
    out.append(f"\n-- removed {len(result.removed)} spans ({chars} of {len(result.source)} chars): {summary}{kept}\n")
    return "".join(out)


def _indent(text: str, mark: str) -> str:
    return "".join(f"{mark}{line}\n" for line in text.splitlines() if line.strip())
