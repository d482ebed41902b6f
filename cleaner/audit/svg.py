"""Inline SVG charts drawn by hand: no library, no external asset."""
from __future__ import annotations

from html import escape

from ..document import CATEGORIES

#: One colour per category (the terminal view's hues, as CSS colours).
COLORS: dict[str, str] = {
    "ad": "#dc2626", "subscribe": "#c026d3", "author_bio": "#0891b2", "comments": "#ca8a04",
    "navigation": "#2563eb", "share": "#16a34a", "legal": "#6b7280", "caption": "#db2777", "other": "#78716c",
    "duplicate": "#7c3aed",
}
FALLBACK = "#a8a29e"
ROW = 24
LABEL_W = 110
BAR_W = 420


def color(category: str) -> str:
    """The CSS colour of a category."""
    return COLORS.get(category, FALLBACK)


def bar_chart(counts: dict[str, int], title: str) -> str:
    """Horizontal bars, one per category with a count, labelled with name and value."""
    cats = [c for c in CATEGORIES if counts.get(c)] + sorted(c for c in counts if c not in CATEGORIES and counts[c])
    top = max((counts[c] for c in cats), default=0)
    height = ROW * max(len(cats), 1) + 8
    parts = [_open(LABEL_W + BAR_W + 110, height, title, "chart-categories")]
    if not cats:
        parts.append('<text x="4" y="18" class="lbl">nothing removed</text>')
    for i, cat in enumerate(cats):
        y = 4 + i * ROW
        width = max(1, round(BAR_W * counts[cat] / top))
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(cat)}</text>'
            f'<rect x="{LABEL_W}" y="{y + 2}" width="{width}" height="{ROW - 6}" fill="{color(cat)}" data-category="{escape(cat)}">'
            f"<title>{escape(cat)}: {counts[cat]:,} characters</title></rect>"
            f'<text x="{LABEL_W + width + 6}" y="{y + 15}" class="val">{counts[cat]:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_chart(rows: list[tuple[str, int, dict[str, int]]], title: str) -> str:
    """One bar per row (``label, characters in, removed per category``): the removed share by category."""
    height = ROW * max(len(rows), 1) + 8
    parts = [_open(LABEL_W + BAR_W + 110, height, title, "chart-languages")]
    for i, (label, chars_in, removed) in enumerate(rows):
        y = 4 + i * ROW
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 2}" width="{BAR_W}" height="{ROW - 6}" fill="#f5f5f4"/>')
        x = float(LABEL_W)
        for cat, n in removed.items():
            w = BAR_W * n / chars_in if chars_in else 0
            if w <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{ROW - 6}" fill="{color(cat)}">'
                f"<title>{escape(label)}, {escape(cat)}: {n:,} characters ({100 * n / chars_in:.1f}%)</title></rect>"
            )
            x += w
        share = 100 * sum(removed.values()) / chars_in if chars_in else 0
        parts.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 15}" class="val">{share:.1f}% removed</text>')
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str, cls: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
