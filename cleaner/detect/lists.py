"""Numbered lists: an article's list ("1. …", "2. …", "3. …") under its paragraph stays whole."""
from __future__ import annotations

import re

from .base import Context

#: A numbered item: a number of at most three digits, a full stop or a closing bracket, text.
_ITEM_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
#: Items a list has at least, and lines at most between two items (an item's description).
MIN_ITEMS = 3
MAX_BETWEEN = 3
RULE = "keep.numbered"


def _number(ctx: Context, i: int) -> int | None:
    match = _ITEM_RE.match(ctx.lines[i].text)
    return int(match.group(1)) if match else None


def _items(ctx: Context, first: int) -> list[int]:
    """The items from ``first`` (numbered 1) down that count up by one, each at most
    ``MAX_BETWEEN`` non-blank lines below the one before."""
    items = [first]
    j, between = ctx.neighbour(first, 1), 0
    while j is not None and between <= MAX_BETWEEN:
        if _number(ctx, j) == len(items) + 1:
            items.append(j)
            between = 0
        else:
            between += 1
        j = ctx.neighbour(j, 1)
    return items


def _lead_in(ctx: Context, i: int | None) -> bool:
    """Line ``i`` introduces a list in the article: a kept sentence or paragraph, or a line
    that ends with a colon ("Here are the five steps:")."""
    if i is None or i in ctx.decided:
        return False
    return ctx.feats[i].good() or ctx.lines[i].text.rstrip().endswith(":")


def numbered_lists(ctx: Context) -> None:
    """Keep an article's numbered list: ``MIN_ITEMS`` or more items counting up from 1 right
    under a paragraph or a line ending in a colon. The items are short and capitalised like a
    menu's links ("3. Travelling Woman – Bat For Lashes", "17. Roger Daltrey"), so the line
    model, left to itself, takes some and leaves others, or all of a long list far from the
    article's other paragraphs. A most-read list's numbers sit under its heading, not under a
    paragraph, and stay open. Removes nothing."""
    for i in range(len(ctx.lines)):
        if _number(ctx, i) != 1 or not _lead_in(ctx, ctx.neighbour(i, -1)):
            continue
        items = _items(ctx, i)
        if len(items) >= MIN_ITEMS:
            for j in items:
                if ctx.open(j):
                    ctx.kept[j] = RULE
